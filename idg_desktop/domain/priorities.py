"""The priority rule: eight criteria rated low / medium / high → a priority band.

IDG Part III step 1 lists the criteria (importance, urgency, consequence of
failure, probability of executive and employee commitment, impact,
national/international obligations, ease of implementation, cost) and
prefers words to numbers. The guide gives no formula, so this is the
product's documented rule:

1. Each rated criterion counts 1 (low), 2 (medium) or 3 (high) in favour of
   doing the activity first — except **cost**, where high is worse, so it
   counts 3 (low cost), 2 or 1 (high cost).
2. The band needs enough to go on: **impact** and at least **five** of the
   eight criteria rated. Otherwise the band is ``unrated`` and the reasons say
   which criteria are missing — an unrated criterion is never silently taken
   as medium.
3. The band is the mean of the rated criteria's counts: 2.34 or more is
   ``high``, 1.67 or more ``medium``, below that ``low`` (the three equal
   thirds of the 1–3 range).

Consequences the tests check over all 4^8 = 65,536 combinations: raising a
criterion from low to medium or medium to high never lowers the band (for
cost, never raises it); all high with low cost is high; all low with high
cost is low. A facilitator may override the band with a written reason,
which is kept beside the computed band (never replacing it).
"""

from __future__ import annotations

from dataclasses import dataclass

from idg_desktop.domain.vocabulary import closed_list

Level = closed_list("Level", "low", "medium", "high")

Band = closed_list("Band", "high", "medium", "low", "unrated")


#: The criteria keys (a contract of ``idg activity rate``), in the guide's order.
CRITERIA: tuple[str, ...] = (
    "importance",
    "urgency",
    "consequence",
    "commitment",
    "impact",
    "obligations",
    "ease",
    "cost",
)
HIGH_IS_WORSE = frozenset({"cost"})
MIN_RATED = 5
HIGH_FROM, MEDIUM_FROM = 2.34, 1.67
_COUNT = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


@dataclass(frozen=True)
class Priority:
    band: Band
    score: float | None  # mean count, None when unrated
    reasons: tuple[str, ...]  # English sentences for the CLI; the window words its own
    unrated: tuple[str, ...]  # criteria not rated yet


def count(criterion: str, level: Level) -> int:
    value = _COUNT[level]
    return 4 - value if criterion in HIGH_IS_WORSE else value


def priority(ratings: dict[str, Level | str | None]) -> Priority:
    """The band for one activity's ratings (missing keys count as unrated)."""
    unknown = set(ratings) - set(CRITERIA)
    if unknown:
        raise ValueError(f"unknown criteria: {', '.join(sorted(unknown))}")
    rated = {c: Level(ratings[c]) for c in CRITERIA if ratings.get(c)}
    unrated = tuple(c for c in CRITERIA if c not in rated)
    if "impact" not in rated or len(rated) < MIN_RATED:
        need = [] if "impact" in rated else ["impact must be rated"]
        if len(rated) < MIN_RATED:
            need.append(f"at least {MIN_RATED} of 8 criteria must be rated ({len(rated)} are)")
        return Priority(Band.UNRATED, None, tuple(need), unrated)
    score = sum(count(c, level) for c, level in rated.items()) / len(rated)
    band = Band.HIGH if score >= HIGH_FROM else Band.MEDIUM if score >= MEDIUM_FROM else Band.LOW
    favour = [c for c, level in rated.items() if count(c, level) == 3]
    against = [c for c, level in rated.items() if count(c, level) == 1]
    reasons = [f"mean {score:.2f} of {len(rated)} rated criteria"]
    if favour:
        reasons.append("in favour: " + ", ".join(favour))
    if against:
        reasons.append("against: " + ", ".join(against))
    if unrated:
        reasons.append("not rated: " + ", ".join(unrated))
    return Priority(band, round(score, 4), tuple(reasons), unrated)


def is_quick_result(ratings: dict[str, Level | str | None]) -> bool:
    """IDG Part I §4's "quick results": significant impact, easy, in a short time
    with few resources — here high impact and high ease, and cost not high."""
    return (
        ratings.get("impact") == Level.HIGH
        and ratings.get("ease") == Level.HIGH
        and ratings.get("cost") != Level.HIGH
    )
