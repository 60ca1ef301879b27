"""The workshop's sessions (IDG Part II step 4, the agenda/programme).

They are what the assessment report lists as the activities held: date,
duration, topic and who took part.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from idg_desktop.errors import InvalidInput
from idg_desktop.services.participants import find_participant
from idg_desktop.services.records import stamp_new
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
) -> models.WorkshopSession:
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
    return record


def list_sessions(document: AssessmentDocument) -> list[models.WorkshopSession]:
    return list(
        document.session.scalars(
            select(models.WorkshopSession).order_by(
                models.WorkshopSession.date, models.WorkshopSession.start, models.WorkshopSession.id
            )
        )
    )
