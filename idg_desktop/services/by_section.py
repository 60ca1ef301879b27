"""The records of some sections, as a group's package or workbook carries them
(questions, answers and findings), or of all of them, as the reports read them:
each in the order the formats write them, as frozen snapshots
(``domain/records``). The formats read through these rather than writing their
own queries."""

from __future__ import annotations

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.services.snapshots import snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def questions_in(document: AssessmentDocument, sections: list[str]) -> list[records.Question]:
    """Checklist order (the guide's questions and the document's own)."""
    query = (
        select(models.Question)
        .where(models.Question.section_code.in_(sections))
        .order_by(models.Question.position, models.Question.id)
    )
    return snapshots(document.session.scalars(query))


def answers_in(document: AssessmentDocument, sections: list[str]) -> list[records.Answer]:
    """In the order of their questions."""
    query = (
        select(models.Answer)
        .join(models.Question, models.Question.id == models.Answer.question_id)
        .where(models.Question.section_code.in_(sections))
        .order_by(models.Question.position)
    )
    return snapshots(document.session.scalars(query))


def findings_in(document: AssessmentDocument, sections: list[str]) -> list[records.Finding]:
    """Oldest first."""
    query = (
        select(models.Finding)
        .where(models.Finding.section_code.in_(sections))
        .order_by(models.Finding.created_at, models.Finding.id)
    )
    return snapshots(document.session.scalars(query))


def every_section(document: AssessmentDocument) -> list[records.Section]:
    """Every section of the framework, in scope or not, in the guide's order."""
    return snapshots(
        document.session.scalars(select(models.Section).order_by(models.Section.position))
    )


def every_subarea(document: AssessmentDocument) -> list[records.SubArea]:
    """Every sub-area, in the guide's order."""
    return snapshots(
        document.session.scalars(select(models.SubArea).order_by(models.SubArea.position))
    )


def every_question(document: AssessmentDocument) -> list[records.Question]:
    """Every question, in checklist order."""
    query = select(models.Question).order_by(models.Question.position)
    return snapshots(document.session.scalars(query))


def answers_by_question(document: AssessmentDocument) -> dict[str, records.Answer]:
    """Every answer, by the id of its question."""
    return {a.question_id: a for a in snapshots(document.session.scalars(select(models.Answer)))}


def questions_of_findings(document: AssessmentDocument) -> dict[str, list[str]]:
    """The questions each finding is linked to (by finding id), in the order given."""
    linked: dict[str, list[str]] = {}
    query = select(models.FindingQuestion).order_by(models.FindingQuestion.position)
    for link in document.session.scalars(query):
        linked.setdefault(link.finding_id, []).append(link.question_id)
    return linked


def positions(document: AssessmentDocument) -> dict[str, int]:
    """The place of every working group, activity and question in its list, by id."""
    found: dict[str, int] = {}
    for model in (models.WorkingGroup, models.Activity, models.Question):
        found.update(dict(document.session.execute(select(model.id, model.position)).all()))
    return found


def question_texts(document: AssessmentDocument) -> dict[str, str]:
    """Every question's text, by id."""
    query = select(models.Question.id, models.Question.text)
    return dict(document.session.execute(query).all())
