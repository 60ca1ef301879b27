"""The integrity profile: ratings counted per section and sub-area.

It is what the heat map draws (window and reports) and what a second
self-assessment will be compared with.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from idg_desktop.domain.vocabulary import Rating
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


@dataclass
class ProfileCell:
    section: str
    subarea: str  # "" for the section's total
    title: str
    questions: int = 0
    ratings: Counter = field(default_factory=Counter)

    @property
    def assessed(self) -> int:
        return self.questions - self.ratings[Rating.NOT_ASSESSED.value]

    def as_dict(self) -> dict:
        return {
            "section": self.section,
            "subarea": self.subarea,
            "title": self.title,
            "questions": self.questions,
            "ratings": {rating.value: self.ratings[rating.value] for rating in Rating},
        }


def integrity_profile(
    document: AssessmentDocument, *, in_scope_only: bool = True
) -> list[ProfileCell]:
    """One cell per section (``subarea == ""``) followed by one per sub-area."""
    session = document.session
    sections = session.scalars(select(models.Section).order_by(models.Section.position)).all()
    subareas = session.scalars(select(models.SubArea).order_by(models.SubArea.position)).all()
    ratings = dict(session.execute(select(models.Answer.question_id, models.Answer.rating)).all())
    questions = session.scalars(select(models.Question).order_by(models.Question.position)).all()
    cells: list[ProfileCell] = []
    for section in sections:
        if in_scope_only and not section.in_scope:
            continue
        total = ProfileCell(section.code, "", section.title)
        subs = {
            sub.label: ProfileCell(section.code, sub.label, sub.title)
            for sub in subareas
            if sub.section_code == section.code
        }
        for question in questions:
            if question.section_code != section.code:
                continue
            rating = ratings.get(question.id, Rating.NOT_ASSESSED.value)
            for cell in (total, subs.get(question.subarea_label)):
                if cell is not None:
                    cell.questions += 1
                    cell.ratings[rating] += 1
        cells.append(total)
        cells.extend(subs.values())
    return cells
