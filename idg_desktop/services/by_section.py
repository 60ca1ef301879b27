"""The records of some sections, as a group's package or workbook carries them
(questions, answers and findings), or of all of them, as the reports read them:
each in the order the formats write them, as frozen snapshots
(``domain/records``). The formats read through these rather than writing their
own queries."""

from __future__ import annotations

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.services.snapshots import fetch
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def _of_sections(document: AssessmentDocument, model, sections: list[str], *order) -> list:
    """The snapshots of ``model``'s rows in these sections, in ``order``."""
    return fetch(document, model, model.section_code.in_(sections), order_by=order)


def questions_in(document: AssessmentDocument, sections: list[str]) -> list[records.Question]:
    """Checklist order (the guide's questions and the document's own)."""
    question = models.Question
    return _of_sections(document, question, sections, question.position, question.id)


def answers_in(document: AssessmentDocument, sections: list[str]) -> list[records.Answer]:
    """In the order of their questions."""
    question = models.Question
    return fetch(
        document,
        models.Answer,
        question.section_code.in_(sections),
        join=(question, question.id == models.Answer.question_id),
        order_by=(question.position,),
    )


def findings_in(document: AssessmentDocument, sections: list[str]) -> list[records.Finding]:
    """Oldest first."""
    finding = models.Finding
    return _of_sections(document, finding, sections, finding.created_at, finding.id)


def every_section(document: AssessmentDocument) -> list[records.Section]:
    """Every section of the framework, in scope or not, in the guide's order."""
    return fetch(document, models.Section, order_by=(models.Section.position,))


def every_subarea(document: AssessmentDocument) -> list[records.SubArea]:
    """Every sub-area, in the guide's order."""
    return fetch(document, models.SubArea, order_by=(models.SubArea.position,))


def every_question(document: AssessmentDocument) -> list[records.Question]:
    """Every question, in checklist order."""
    return fetch(document, models.Question, order_by=(models.Question.position,))


def answers_by_question(document: AssessmentDocument) -> dict[str, records.Answer]:
    """Every answer, by the id of its question."""
    return {a.question_id: a for a in fetch(document, models.Answer)}


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
