"""The checklist as the window shows it, read from the file in one go: the
sections in scope, their sub-areas and questions, and every answer as a frozen
snapshot (no ORM row leaves this module). Everything is read in five queries
per load, never one per question, so the window can read it again after every
change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from idg_desktop.domain.figure5 import Ladder, shown_ladder
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

NOT_ASSESSED = "not-assessed"


@dataclass(frozen=True)
class AnswerState:
    """What the file holds for one question's answer (defaults: no answer yet)."""

    text: str = ""
    rating: str = NOT_ASSESSED
    measure_exists: bool | None = None
    measure_applied: bool | None = None
    measure_effective: str | None = None
    evidence: str = ""
    marked_for_review: bool = False
    reviewed: bool = False
    confidential: bool = False
    versions: int = 0

    @property
    def answered(self) -> bool:
        return bool(self.text) or self.rating != NOT_ASSESSED

    @property
    def evaluation(self) -> Ladder:
        """Figure 5's answers; a rating given directly (demo, imports) implies them."""
        stored = (self.measure_exists, self.measure_applied, self.measure_effective)
        return shown_ladder(self.rating, stored)

    def has_status(self, status: str) -> bool:
        """``status`` is one of :attr:`ChecklistFilter.STATUSES`."""
        return {
            "not-answered": not self.answered,
            "answered": self.answered,
            "review": self.marked_for_review,
            "reviewed": self.reviewed,
        }.get(status, True)


@dataclass(frozen=True)
class QuestionRow:
    id: str
    section_code: str
    subarea_label: str
    part: str
    text: str


@dataclass
class ChecklistData:
    """Everything the tree shows, read from the file in one go."""

    sections: list[tuple[str, str]] = field(default_factory=list)
    subareas: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    parts: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    questions: list[QuestionRow] = field(default_factory=list)
    answers: dict[str, AnswerState] = field(default_factory=dict)


def load_checklist(document: AssessmentDocument, framework: dict) -> ChecklistData:
    """The sections in scope with their questions and answers, in five queries.

    ``framework`` is the document's framework JSON, for Code of conduct's
    printed parts (a, b, c), which the tables do not hold.
    """
    session = document.session
    sections = sections_in_scope(document)
    codes = [s.code for s in sections]
    data = ChecklistData(sections=[(s.code, s.title) for s in sections])
    subareas = select(models.SubArea).where(models.SubArea.section_code.in_(codes))
    for sub in session.scalars(subareas.order_by(models.SubArea.position)):
        data.subareas.setdefault(sub.section_code, []).append((sub.label, sub.title))
    for section in framework.get("sections", []):
        for sub in section.get("subareas", []):
            if sub.get("parts"):
                parts = [(p["label"], p["title"]) for p in sub["parts"]]
                data.parts[(section["code"], sub["label"])] = parts
    questions = select(models.Question).where(models.Question.section_code.in_(codes))
    data.questions = [
        QuestionRow(q.id, q.section_code, q.subarea_label or "", q.part or "", q.text)
        for q in session.scalars(questions.order_by(models.Question.position))
    ]
    count = select(models.AnswerVersion.answer_id, func.count())
    versions = dict(session.execute(count.group_by(models.AnswerVersion.answer_id)).all())
    for a in session.scalars(select(models.Answer)):
        data.answers[a.question_id] = AnswerState(
            *(a.text or "", a.rating, a.measure_exists, a.measure_applied, a.measure_effective),
            *(a.evidence or "", a.marked_for_review, a.reviewed, a.confidential),
            versions.get(a.id, 0),
        )
    return data
