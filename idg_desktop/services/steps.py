"""When IDG Part II's six steps took place: facts the facilitator sets.

The report's "Steps of the assessment" table shows these dates and nothing
else (before schema 7 it guessed them from when records were typed in). The
facilitator sets them on the Scope page or with ``idg step set``; "Propose
from the scope and agenda" fills the steps not yet set, by these rules:

- step 5 (situational analysis, the workshop): the scope's period, or the
  span of the agenda's sessions when the scope has no dates;
- step 4 (planning): the span of the agenda's sessions held before the
  period starts (preparatory briefings), if there are any;
- step 6 (reporting): from the day after the period ends (its end is the
  facilitator's to set);
- steps 1 to 3: nothing in the file dates them; the facilitator sets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.domain.dates import iso_date, period_text
from idg_desktop.errors import InvalidInput
from idg_desktop.services.agenda import list_sessions
from idg_desktop.services.assessment import assessment_of, framework_of
from idg_desktop.services.records import add_new, touch
from idg_desktop.services.snapshots import snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

STEP_NUMBERS = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class StepDates:
    number: int
    title: str
    start: str
    end: str

    @property
    def when(self) -> str:
        """``2026-03-09 to 2026-03-13``, one day, ``from …``, or "" (not set)."""
        return period_text(self.start, self.end)

    def as_dict(self) -> dict[str, object]:
        return {"number": self.number, "title": self.title, "start": self.start, "end": self.end}


def step_titles(document: AssessmentDocument) -> dict[int, str]:
    steps = framework_of(document).assessment_steps
    titles = {int(s["number"]): s["title"] for s in steps}
    return {n: titles.get(n, f"Step {n}") for n in STEP_NUMBERS}


def step_records(document: AssessmentDocument) -> dict[int, records.AssessmentStep]:
    """The steps set, by number, as snapshots."""
    return {number: snapshot(row) for number, row in _rows(document).items()}


def _rows(document: AssessmentDocument) -> dict[int, models.AssessmentStep]:
    return {r.number: r for r in document.session.scalars(select(models.AssessmentStep))}


def list_steps(document: AssessmentDocument) -> list[StepDates]:
    """The six steps in order, each with its dates ("" when not set)."""
    found = step_records(document)
    return [
        StepDates(
            number,
            title,
            found[number].start_date if number in found else "",
            found[number].end_date if number in found else "",
        )
        for number, title in step_titles(document).items()
    ]


def _number(value: object) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number not in STEP_NUMBERS:
        raise InvalidInput(f"There is no step '{value}': the steps are numbered 1 to 6.")
    return number


def _date(value: str, what: str) -> str:
    try:
        return iso_date(value)
    except ValueError:
        raise InvalidInput(f"'{value}' is not a {what}: write it as YYYY-MM-DD.") from None


def set_step(
    document: AssessmentDocument,
    number: object,
    *,
    start: str | None = None,
    end: str | None = None,
    record_id: str | None = None,
) -> StepDates:
    """Set a step's start and/or end ("" clears one); the end cannot precede the start."""
    step = _number(number)
    if start is None and end is None:
        raise InvalidInput("Nothing to change: give start=YYYY-MM-DD and/or end=YYYY-MM-DD.")
    new_start = None if start is None else _date(start, "start date")
    new_end = None if end is None else _date(end, "end date")
    with document.edit():
        record = _rows(document).get(step)
        old = (record.start_date, record.end_date) if record else ("", "")
        wanted = (
            old[0] if new_start is None else new_start,
            old[1] if new_end is None else new_end,
        )
        if wanted[0] and wanted[1] and wanted[1] < wanted[0]:
            raise InvalidInput(
                f"Step {step} cannot end ({wanted[1]}) before it starts ({wanted[0]})."
            )
        if wanted != old:
            if record is None:
                record = models.AssessmentStep(number=step)
                add_new(document, record, record_id=record_id)
            else:
                touch(document, record)
            record.start_date, record.end_date = wanted
    return list_steps(document)[step - 1]


def _day(text: str, shift: int = 0) -> str:
    return (date.fromisoformat(text) + timedelta(days=shift)).isoformat()


def propose_steps(document: AssessmentDocument) -> dict[int, tuple[str, str]]:
    """Dates for the steps, from the scope's period and the agenda (the rules
    above); a step with nothing to go by is left out."""
    scope = assessment_of(document)
    days = sorted(s.date for s in list_sessions(document) if s.date)
    start, end = scope.start_date, scope.end_date
    if not start and not end and days:
        start, end = days[0], days[-1]
    proposals: dict[int, tuple[str, str]] = {}
    if start or end:
        proposals[5] = (start, end)
    before = [d for d in days if start and d < start]
    if before:
        proposals[4] = (before[0], before[-1])
    if end:
        proposals[6] = (_day(end, 1), "")
    return proposals


def apply_proposals(document: AssessmentDocument) -> list[int]:
    """Set the proposed dates of the steps not yet set (a date the facilitator
    set is never replaced); returns the steps changed, in one edit."""
    proposals = propose_steps(document)
    rows = _rows(document)
    todo = {
        n: dates
        for n, dates in proposals.items()
        if n not in rows or not (rows[n].start_date or rows[n].end_date)
    }
    if not todo:
        return []
    with document.edit():
        for number, (start, end) in sorted(todo.items()):
            record = rows.get(number)
            if record is None:
                record = add_new(document, models.AssessmentStep(number=number))
            else:
                touch(document, record)
            record.start_date, record.end_date = start, end
    return sorted(todo)
