"""Rules of the integrity action plan (IDG Part III steps 2–6, Part IV, Annexes 9–11).

* The results chain of Part IV: an ultimate outcome is reached through
  intermediate outcomes, an intermediate one through immediate outcomes;
  outputs serve an outcome; activities produce outputs.
* Timelines are quarters (``2027-Q1``) or dates (``2027-03-31``): Annex 9
  writes "Q1 2022", Figure 14 a deadline. Both are normalised on entry.
* SMART objectives (Part III step 2): *measurable* and *time-bound* are
  computed (an activity is measurable when it has a KPI with a target value,
  time-bound when it has a due quarter or date; an outcome or output is
  measurable when it has a KPI of its own with a target value (Part IV sets
  indicators for outcomes and outputs too) or else when every activity under
  it is, and time-bound when every activity under it is, with at least one);
  *specific*, *achievable* and *relevant* are judgements the working group
  confirms, with who confirmed.
* A KPI measures exactly one outcome, output or activity.
* Confidential parts of the plan: an outcome, output, activity or KPI marked
  confidential is left out of public versions with everything under it (an
  outcome's outcomes and outputs, an output's activities, every KPI of a node
  left out).
* KPI metadata sheets (Annex 11): a sheet can be marked complete only when
  every field the guide does not mark "(non mandatory)" is filled.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date

from idg_desktop.domain.vocabulary import closed_list
from idg_desktop.errors import InvalidInput

OutcomeLevel = closed_list("OutcomeLevel", "ultimate", "intermediate", "immediate")


#: The level an outcome's parent must have (``None``: it stands at the top).
PARENT_LEVEL: dict[OutcomeLevel, OutcomeLevel | None] = {
    OutcomeLevel.ULTIMATE: None,
    OutcomeLevel.INTERMEDIATE: OutcomeLevel.ULTIMATE,
    OutcomeLevel.IMMEDIATE: OutcomeLevel.INTERMEDIATE,
}


#: Figure 14's scale for complexity and the expected integrity effect.
Extent = closed_list("Extent", "slightly", "moderately", "greatly")


#: The SMART criteria: the first, third and fourth are confirmed by people.
SMART = ("specific", "measurable", "achievable", "relevant", "time-bound")
CONFIRMED = ("specific", "achievable", "relevant")
COMPUTED = ("measurable", "time-bound")

_QUARTER = re.compile(r"^\s*(?:(\d{4})\s*[-/ ]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4}))\s*$", re.I)
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def title_and_details(text: str) -> tuple[str, str]:
    """An activity's title and description from a finding's proposed action (or
    text): the first paragraph is the title, the paragraphs after it (a merged
    finding holds one per finding merged) the description, so no paragraph is
    lost and the title stays one line.
    ``"Rotate staff.\n\nPublish fees."`` → ``("Rotate staff.", "Publish fees.")``."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if not paragraphs:
        return "", ""
    return " ".join(paragraphs[0].split()), "\n\n".join(paragraphs[1:])


def parse_when(text: str, what: str = "date") -> str:
    """``"Q1 2027"``, ``"2027-q1"`` → ``"2027-Q1"``; ``"2027-03-31"`` kept; ``""`` clears."""
    if not text or not text.strip():
        return ""
    quarter = _QUARTER.match(text)
    if quarter:
        year = quarter.group(1) or quarter.group(4)
        number = quarter.group(2) or quarter.group(3)
        return f"{year}-Q{number}"
    day = _DATE.match(text)
    if day:
        try:
            return date(int(day.group(1)), int(day.group(2)), int(day.group(3))).isoformat()
        except ValueError:
            pass
    raise InvalidInput(
        f"'{text.strip()}' is not a {what}: write a quarter such as Q1 2027 or a date "
        "such as 2027-03-31."
    )


def period_end(when: str) -> date | None:
    """The last day a normalised quarter or date covers (for ordering and checks)."""
    if not when:
        return None
    if "-Q" in when:
        year, quarter = when.split("-Q")
        month = int(quarter) * 3
        return date(int(year), month, calendar.monthrange(int(year), month)[1])
    return date.fromisoformat(when)


def period_start(when: str) -> date | None:
    if not when:
        return None
    if "-Q" in when:
        year, quarter = when.split("-Q")
        return date(int(year), (int(quarter) - 1) * 3 + 1, 1)
    return date.fromisoformat(when)


def check_timeline(start: str, due: str) -> None:
    """A due quarter or date before the start is refused."""
    if start and due and period_end(due) < period_start(start):
        raise InvalidInput(f"The due {due} comes before the start {start}.")


def display_when(when: str) -> str:
    """``2027-Q1`` → ``Q1 2027`` (Annex 9's way of writing a quarter)."""
    if "-Q" in when:
        year, quarter = when.split("-Q")
        return f"Q{quarter} {year}"
    return when


@dataclass(frozen=True)
class SmartCheck:
    """The five SMART criteria of one objective: True, False, with who confirmed."""

    specific: str  # who confirmed, "" if not yet
    measurable: bool
    achievable: str
    relevant: str
    time_bound: bool

    @property
    def met(self) -> bool:
        return bool(
            self.specific
            and self.measurable
            and self.achievable
            and self.relevant
            and self.time_bound
        )

    def missing(self) -> list[str]:
        """The criteria not yet met, in SMART order."""
        state = {
            "specific": bool(self.specific),
            "measurable": self.measurable,
            "achievable": bool(self.achievable),
            "relevant": bool(self.relevant),
            "time-bound": self.time_bound,
        }
        return [name for name in SMART if not state[name]]


def missing_mandatory(sheet: dict[str, object], fields: list[dict]) -> list[str]:
    """The keys of the mandatory Annex 11 fields still empty in ``sheet``.

    ``fields`` is the framework's ``kpi_metadata_fields`` (key, label, mandatory).
    """
    missing = []
    for field in fields:
        if not field.get("mandatory"):
            continue
        value = sheet.get(field["key"])
        empty = not value if isinstance(value, (list, tuple)) else not str(value or "").strip()
        if empty:
            missing.append(field["key"])
    return missing


def _labels(fields: list[dict]) -> dict[str, str]:
    return {f["key"]: f.get("label", f["key"]) for f in fields}


def missing_mandatory_labels(sheet: dict[str, object], fields: list[dict]) -> list[str]:
    """The labels (as Annex 11 names them) of the mandatory fields still empty."""
    labels = _labels(fields)
    return [labels[key] for key in missing_mandatory(sheet, fields)]


def check_can_complete(name: str, sheet: dict[str, object], fields: list[dict]) -> None:
    """A sheet is marked complete only when every mandatory Annex 11 field is
    filled; refused otherwise, naming the fields still empty."""
    missing = missing_mandatory_labels(sheet, fields)
    if missing:
        raise InvalidInput(
            f"The sheet of '{name}' cannot be marked complete: "
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} mandatory "
            "in Annex 11 and still empty."
        )


def check_stays_complete(
    name: str, complete: bool, after: dict[str, object], fields: list[dict]
) -> None:
    """Emptying a mandatory field of a sheet marked complete is refused:
    ``after`` is the sheet as the change would leave it."""
    if not complete:
        return
    missing = missing_mandatory_labels(after, fields)
    if missing:
        raise InvalidInput(
            f"The sheet of '{name}' is marked complete and "
            f"'{missing[0]}' is mandatory: mark it incomplete before emptying it."
        )


def measurable(targets: list[str] | tuple[str, ...]) -> bool:
    """Measurable on its own: one of its KPIs has a target value (``targets``:
    the target values of the node's own KPIs)."""
    return any(str(target or "").strip() for target in targets)


def time_bound(due: str) -> bool:
    """An activity is time-bound when it has a due quarter or date."""
    return bool(str(due or "").strip())


def rolled_up(own_measurable: bool, below: list[SmartCheck]) -> tuple[bool, bool]:
    """(measurable, time-bound) of an outcome or output from its own KPIs and
    the activities under it: measurable with a KPI of its own with a target,
    or when every activity under it is; time-bound when every activity under
    it is, with at least one."""
    return (
        own_measurable or (bool(below) and all(a.measurable for a in below)),
        bool(below) and all(a.time_bound for a in below),
    )


# -- the KPI metadata sheet (Annex 11) ----------------------------------------------

#: The KPI sheet's fields beyond Annex 11's fifteen.
KPI_EXTRA_FIELDS = ("baseline_value", "baseline_date")

#: The KPI metadata sheet's fields, in Annex 11's order (+ the baseline): the
#: KPI record's columns of the same names.
KPI_SHEET_KEYS = (
    "name",
    "description",
    "performance_dimension",
    "calculation_method",
    "rationale",
    "links",
    "typologies",
    "source_of_verification",
    "references",
    "periodicity",
    "disaggregation",
    "target_value",
    "country_example",
    "disclosure_policy",
    "other_considerations",
    *KPI_EXTRA_FIELDS,
)


def kpi_sheet(kpi: object) -> dict[str, object]:
    """The KPI's metadata sheet as a dict keyed like Annex 11 (+ baseline);
    ``kpi`` is a KPI record (its typologies stored as a JSON list)."""
    sheet: dict[str, object] = {}
    for key in KPI_SHEET_KEYS:
        value = getattr(kpi, key)
        sheet[key] = json.loads(value or "[]") if key == "typologies" else value
    return sheet


def clean_kpi_changes(changes: dict[str, object], typologies: set[str]) -> dict[str, object]:
    """Changes to a KPI sheet, checked and normalised as stored (typologies: a
    sorted JSON list of keys among ``typologies``; the baseline date ISO;
    ``target`` is ``target_value``); an unknown field or typology, a date that
    is not one or an empty name refused."""
    clean: dict[str, object] = {}
    for name, value in changes.items():
        if name == "target":
            name = "target_value"
        if name not in KPI_SHEET_KEYS:
            raise InvalidInput(f"A KPI metadata sheet has no field '{name}'.")
        if name == "typologies":
            keys = [value] if isinstance(value, str) else list(value or [])
            keys = [str(k).strip() for k in keys if str(k).strip()]
            unknown = [k for k in keys if k not in typologies]
            if unknown:
                raise InvalidInput(
                    f"Unknown KPI typology '{unknown[0]}': use keys from Annex 10 "
                    f"such as {', '.join(sorted(typologies)[:3])}."
                )
            clean[name] = json.dumps(sorted(set(keys)))
        elif name == "baseline_date":
            text = str(value or "").strip()
            if text:
                try:
                    text = date.fromisoformat(text).isoformat()
                except ValueError:
                    raise InvalidInput(
                        f"'{text}' is not a date: write the baseline date as 2026-03-31."
                    ) from None
            clean[name] = text
        else:
            clean[name] = str(value or "").strip()
    if "name" in clean and not clean["name"]:
        raise InvalidInput("The KPI needs a name.")
    return clean
