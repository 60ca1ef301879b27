"""The closed lists of the IDG and of PRODUCT.md, one place for each.

Values are the strings used in the file, on the command line and in exports
(a contract); labels for people live in the UI and reports, translated there.
The one exception is the guide's own words for its sections (key factors and
the other areas), kept here once for the window, the reports and the workbook.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Any, TypeVar


def closed_list(name: str, *values: str) -> type[StrEnum]:
    """A closed list as a ``StrEnum`` named ``name``: each value (the string in the
    file, on the command line and in exports) a member named after it in capitals,
    hyphens as underscores (``"in-country"`` → ``Mode.IN_COUNTRY``)."""
    members = [(value.upper().replace("-", "_"), value) for value in values]
    return StrEnum(name, members, module=sys._getframe(1).f_globals["__name__"])


#: IDG Part II: the three modes of assessment (Annex 4's Mode 1, 2, 3).
Mode = closed_list("Mode", "in-country", "remote", "self")

Role = closed_list(
    "Role",
    "external-facilitator",
    "local-facilitator",
    "national-contact-point",
    "senior-management",
    "contributor",
    "rapporteur",
    "observer",
)

Stakeholder = closed_list(
    "Stakeholder",
    "customs",
    "private-sector",
    "government-agency",
    "international-organization",
    "civil-society",
)

Gender = closed_list("Gender", "female", "male", "other", "undisclosed")

#: The evaluation of existing measures (IDG Figure 5, adapted from UNODC).
Rating = closed_list(
    "Rating",
    "absent",
    "not-applied",
    "not-effective",
    "partially-effective",
    "effective",
    "not-applicable",
    "not-assessed",
)


#: The ladder from worst to best; the integrity profile and heat map use it.
RATING_LADDER: tuple[Rating, ...] = (
    Rating.ABSENT,
    Rating.NOT_APPLIED,
    Rating.NOT_EFFECTIVE,
    Rating.PARTIALLY_EFFECTIVE,
    Rating.EFFECTIVE,
)


#: A section's ``category`` in the framework data.
#:
#: The guide assesses "the areas defined by the ten key factors of the Revised
#: Arusha Declaration, as well as collective action and gender and diversity
#: issues" (Part II, situational analysis): ten key factors, three areas of
#: collective action (Part II §4) and gender equality and diversity, one of
#: the "cross-cutting elements" (Part I).
SectionKind = closed_list("SectionKind", "key-factor", "collective-action", "cross-cutting")


#: The guide's words, in English, for one section of each kind ("Media and Social
#: Networks, an area of collective action"); the window translates them.
SECTION_KIND_WORDS: dict[str, str] = {
    SectionKind.KEY_FACTOR: "key factor",
    SectionKind.COLLECTIVE_ACTION: "area of collective action",
    SectionKind.CROSS_CUTTING: "cross-cutting element",
}
#: All the sections, or any one of them (never "key factors" alone: there are ten).
SECTIONS_WORDS = "key factors and areas"
SECTION_WORDS = "key factor or area"


def section_kind_words(category: str) -> str:
    """The guide's word for a section of ``category``; the neutral word if unknown."""
    return SECTION_KIND_WORDS.get(category, SECTION_WORDS)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


FindingKind = closed_list("FindingKind", "strength", "weakness", "recommendation")

FindingStatus = closed_list("FindingStatus", "proposed", "agreed", "amended", "merged", "rejected")

#: The third question of Figure 5: is the applied measure effective?
Effectiveness = closed_list("Effectiveness", "no", "partly", "yes")


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


# -- the words people read for the closed lists ----------------------------------
# The window's words (ui/labels.py translates them through Qt); the reports and
# the workbook print these English ones. Any value not listed reads as itself,
# capitalised, hyphens as spaces ("private-sector" → "Private sector").

MODE_LABELS: dict[str, str] = {
    Mode.IN_COUNTRY: "Mode 1: external facilitation, in-country",
    Mode.REMOTE: "Mode 2: external facilitation, remote",
    Mode.SELF: "Mode 3: self-assessment",
}
FINDING_KIND_LABELS: dict[str, str] = {
    FindingKind.STRENGTH: "Strength",
    FindingKind.WEAKNESS: "Weakness / risk",
    FindingKind.RECOMMENDATION: "Recommendation",
}
#: An activity's priority band; "unrated": not every criterion is rated yet.
BAND_LABELS: dict[str, str] = {"unrated": "Not rated"}


def label_of(value: str, labels: dict[str, str] | None = None) -> str:
    """The words people read for a coded ``value``: ``labels``' if it has them,
    else the value itself, capitalised, hyphens as spaces."""
    if labels and value in labels:
        return labels[value]
    return capitalised(value.replace("-", " ").replace("_", " "))


def labels_of(values: Any, labels: dict[str, str] | None = None) -> dict[str, str]:
    """``{value: label}`` for every value of an enum or list of values."""
    return {
        str(getattr(v, "value", v)): label_of(str(getattr(v, "value", v)), labels) for v in values
    }


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, what: str) -> E:
    """``value`` as a member of ``enum``, or a clear error listing the choices."""
    from idg_desktop.errors import InvalidInput

    try:
        return enum(value.strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise InvalidInput(f"Unknown {what} '{value}': use one of {choices}.") from None
