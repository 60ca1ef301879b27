"""The workshop's sessions (IDG Part II step 4, the agenda/programme).

They are what the assessment report lists as the activities held: date,
duration, topic and who took part. Handed out as frozen snapshots
(``domain/records.WorkshopSession``).
"""

from __future__ import annotations

import re
from datetime import date

from idg_desktop.domain import dates, records
from idg_desktop.errors import InvalidInput
from idg_desktop.services.assessment import assessment_of
from idg_desktop.services.participants import find_participant
from idg_desktop.services.records import by_prefix, stamp_new, touch
from idg_desktop.services.snapshots import fetch, snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def check_date(text: str, what: str = "date") -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise InvalidInput(f"'{text}' is not a {what}: write it as YYYY-MM-DD.") from None


def add_session(
    document: AssessmentDocument,
    *,
    day: str,
    topic: str,
    start: str = "",
    duration_minutes: int = 0,
    participants: list[str] | None = None,
    record_id: str | None = None,
) -> records.WorkshopSession:
    if not topic.strip():
        raise InvalidInput("The session needs a topic.")
    if start and not _TIME.match(start):
        raise InvalidInput(f"'{start}' is not a time: write it as HH:MM.")
    if duration_minutes < 0:
        raise InvalidInput("A session cannot last a negative time.")
    people = [find_participant(document, p) for p in participants or []]
    with document.edit() as session:
        record = models.WorkshopSession(
            date=check_date(day),
            start=start,
            duration_minutes=duration_minutes,
            topic=topic.strip(),
        )
        stamp_new(document, record, record_id=record_id)
        record.participants = [
            models.SessionParticipant(participant_id=p.id) for p in dict.fromkeys(people)
        ]
        session.add(record)
    return snapshot(record)


def list_sessions(document: AssessmentDocument) -> list[records.WorkshopSession]:
    held = models.WorkshopSession
    return fetch(document, held, order_by=(held.date, held.start, held.id))


#: The fields of a session people change (``idg session set``; the keys of ``idg sessions --json``).
SESSION_FIELDS = ("date", "start", "duration_minutes", "topic", "participants")


def next_session_slot(document: AssessmentDocument, today: str) -> tuple[str, str]:
    """Where a new session is proposed: after the last one, or on the morning of
    the scope's first day (``domain.dates.next_session_slot``)."""
    held = [(s.date, s.start, s.duration_minutes) for s in list_sessions(document)]
    return dates.next_session_slot(held, assessment_of(document).start_date, today)


def find_session(document: AssessmentDocument, reference: str) -> records.WorkshopSession:
    return snapshot(_row(document, reference))


def _row(document: AssessmentDocument, reference: str) -> models.WorkshopSession:
    return by_prefix(document.session, models.WorkshopSession, reference, "workshop session")


def update_session(
    document: AssessmentDocument, reference: str, **changes: object
) -> records.WorkshopSession:
    """Change a session's date, start, duration_minutes, topic or participants.

    Every value is checked before anything is written: all of it, or nothing.
    """
    record = _row(document, reference)
    clean: dict[str, object] = {}
    for name, value in changes.items():
        if name == "date":
            clean[name] = check_date(str(value))
        elif name == "start":
            start = str(value).strip()
            if start and not _TIME.match(start):
                raise InvalidInput(f"'{start}' is not a time: write it as HH:MM.")
            clean[name] = start
        elif name == "duration_minutes":
            clean[name] = _minutes(value)
        elif name == "topic":
            if not str(value).strip():
                raise InvalidInput("The session needs a topic.")
            clean[name] = str(value).strip()
        elif name == "participants":
            items = value if isinstance(value, list) else str(value).split(";")
            people = [find_participant(document, str(p)) for p in items if str(p).strip()]
            clean[name] = list(dict.fromkeys(p.id for p in people))
        else:
            raise InvalidInput(
                f"A workshop session has no field '{name}': use {', '.join(SESSION_FIELDS)}."
            )
    if not clean:
        raise InvalidInput("Nothing to change in the workshop session.")
    with document.edit() as session:
        for name, value in clean.items():
            if name == "participants":
                record.participants = [
                    models.SessionParticipant(participant_id=pid)
                    for pid in value  # type: ignore[attr-defined]
                ]
            else:
                setattr(record, name, value)
        touch(document, record)
        session.flush()
    return snapshot(record)


def _minutes(value: object) -> int:
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"'{value}' is not a number of minutes.") from None
    if minutes < 0:
        raise InvalidInput("A session cannot last a negative time.")
    return minutes


def remove_session(document: AssessmentDocument, reference: str) -> None:
    """Delete a session (the window's Delete; undo brings it back whole)."""
    record = _row(document, reference)
    with document.edit() as session:
        session.delete(record)
