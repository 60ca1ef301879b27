"""The file's own checklist questions (IDG Part II step 1: the checklist
"can be adapted"): a facilitator adds one (``TR-C1``), and a package or a
workbook brings one written in another file."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from idg_desktop.domain import records
from idg_desktop.domain.framework import question_id
from idg_desktop.errors import InvalidInput
from idg_desktop.services.assessment import section_of
from idg_desktop.services.reading import subareas
from idg_desktop.services.snapshots import snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def add_custom_question(
    document: AssessmentDocument, section_code: str, text: str, subarea: str = ""
) -> records.Question:
    """A facilitator's own question, with an id that cannot clash (``TR-C1``)."""
    if not text.strip():
        raise InvalidInput("The question has no text.")
    section = section_of(document, section_code)
    subarea = subarea.strip()
    if subarea:
        labels = [s.label for s in subareas(document) if s.section_code == section.code and s.label]
        if subarea not in labels:
            given = ", ".join(labels) if labels else "none: leave the sub-area out"
            raise InvalidInput(
                f"Section {section.code} has no sub-area '{subarea}' (its sub-areas: {given})."
            )
    with document.edit() as session:
        existing = session.scalars(
            select(models.Question.number).where(
                models.Question.section_code == section.code, models.Question.custom
            )
        ).all()
        number = max(existing, default=0) + 1
        last = session.scalar(select(func.max(models.Question.position))) or 0
        question = models.Question(
            id=question_id(section.code, number, custom=True),
            section_code=section.code,
            subarea_label=subarea,
            number=number,
            text=text.strip(),
            custom=True,
            position=last + 1,
            created_at=document.now(),
            origin=document.origin,
        )
        session.add(question)
    return snapshot(question)


def keep_custom_question(
    document: AssessmentDocument,
    data: dict,
    *,
    position: int,
    created_at: datetime,
    origin: str,
) -> None:
    """A file's own question as another file carries it (a group package, a
    workbook): its id, section, sub-area, number and text kept; within the
    caller's edit."""
    document.session.add(
        models.Question(
            id=data["id"],
            section_code=data["section"],
            subarea_label=data["subarea"],
            part="",
            number=data["number"],
            text=data["text"],
            custom=True,
            position=position,
            created_at=created_at,
            origin=origin,
        )
    )
