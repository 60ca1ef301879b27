"""The closed lists of the IDG and of PRODUCT.md, one place for each.

Values are the strings used in the file, on the command line and in exports
(a contract); labels for people live in the UI and reports, translated there.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar


class Mode(StrEnum):
    """IDG Part II: the three modes of assessment (Annex 4's Mode 1, 2, 3)."""

    IN_COUNTRY = "in-country"
    REMOTE = "remote"
    SELF = "self"


class Role(StrEnum):
    EXTERNAL_FACILITATOR = "external-facilitator"
    LOCAL_FACILITATOR = "local-facilitator"
    NATIONAL_CONTACT_POINT = "national-contact-point"
    SENIOR_MANAGEMENT = "senior-management"
    CONTRIBUTOR = "contributor"
    RAPPORTEUR = "rapporteur"
    OBSERVER = "observer"


class Stakeholder(StrEnum):
    CUSTOMS = "customs"
    PRIVATE_SECTOR = "private-sector"
    GOVERNMENT_AGENCY = "government-agency"
    INTERNATIONAL_ORGANIZATION = "international-organization"
    CIVIL_SOCIETY = "civil-society"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class Rating(StrEnum):
    """The evaluation of existing measures (IDG Figure 5, adapted from UNODC)."""

    ABSENT = "absent"
    NOT_APPLIED = "not-applied"
    NOT_EFFECTIVE = "not-effective"
    PARTIALLY_EFFECTIVE = "partially-effective"
    EFFECTIVE = "effective"
    NOT_APPLICABLE = "not-applicable"
    NOT_ASSESSED = "not-assessed"


#: The ladder from worst to best; the integrity profile and heat map use it.
RATING_LADDER: tuple[Rating, ...] = (
    Rating.ABSENT,
    Rating.NOT_APPLIED,
    Rating.NOT_EFFECTIVE,
    Rating.PARTIALLY_EFFECTIVE,
    Rating.EFFECTIVE,
)


class FindingKind(StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    RECOMMENDATION = "recommendation"


class FindingStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    AMENDED = "amended"
    MERGED = "merged"
    REJECTED = "rejected"


class Effectiveness(StrEnum):
    """The third question of Figure 5: is the applied measure effective?"""

    NO = "no"
    PARTLY = "partly"
    YES = "yes"


def rating_from_evaluation(
    measure_exists: bool | None,
    applied: bool | None = None,
    effective: Effectiveness | None = None,
) -> Rating:
    """Figure 5's flow: is there a measure? is it applied? is it effective?

    An unanswered step leaves the question ``not-assessed``; answers past a
    "no" are irrelevant and ignored.
    """
    if measure_exists is None:
        return Rating.NOT_ASSESSED
    if not measure_exists:
        return Rating.ABSENT
    if applied is None:
        return Rating.NOT_ASSESSED
    if not applied:
        return Rating.NOT_APPLIED
    if effective is None:
        return Rating.NOT_ASSESSED
    return {
        Effectiveness.NO: Rating.NOT_EFFECTIVE,
        Effectiveness.PARTLY: Rating.PARTIALLY_EFFECTIVE,
        Effectiveness.YES: Rating.EFFECTIVE,
    }[Effectiveness(effective)]


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, what: str) -> E:
    """``value`` as a member of ``enum``, or a clear error listing the choices."""
    from idg_desktop.errors import InvalidInput

    try:
        return enum(value.strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise InvalidInput(f"Unknown {what} '{value}': use one of {choices}.") from None
