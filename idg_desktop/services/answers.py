"""Answers to checklist questions: one consolidated answer per question.

When an answer changes, the version it replaces is kept in its history with
who wrote it, so nothing said in a group is lost on the way to consensus.
Questions, answers and versions are handed out as frozen snapshots
(``domain/records``); :func:`store_answer` alone gives the row, to the merge
that stamps it inside its own edit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from idg_desktop.domain import figure5, records
from idg_desktop.domain.figure5 import Evaluation
from idg_desktop.domain.framework import split_question_id
from idg_desktop.domain.vocabulary import (
    Effectiveness,
    Rating,
    parse_choice,
)
from idg_desktop.errors import InvalidInput, NotFound
from idg_desktop.services.records import Visit, copied, stamp_new, touch
from idg_desktop.services.snapshots import fetch, snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: Fields that, when they change, make the previous version worth keeping.
_VERSIONED = ("text", "rating", "evidence")
_UNSET = object()


def find_question(document: AssessmentDocument, reference: str) -> records.Question:
    code, number, custom = split_question_id(reference)
    qid = f"{code}-{'C' if custom else ''}{number}"
    question = document.session.get(models.Question, qid)
    if question is None:
        raise NotFound(f"There is no question {qid} in this assessment.")
    return snapshot(question)


def answer_for(document: AssessmentDocument, question_id: str) -> records.Answer | None:
    answer = _answer_row(document, question_id)
    return snapshot(answer) if answer is not None else None


def _answer_row(document: AssessmentDocument, question_id: str) -> models.Answer | None:
    return document.session.scalars(
        select(models.Answer).where(models.Answer.question_id == question_id)
    ).first()


def ladder_change(
    document: AssessmentDocument,
    question_ref: str,
    *,
    rating: str | None = None,
    **given: object,
) -> Evaluation:
    """Figure 5's answers after changing those ``given`` (exists, applied, effective).

    The others keep what is stored (or what a directly given rating implies), as
    in the window's answer editor. A ``rating`` given too must be the one the
    answers give, or the change is refused with the reason.
    """
    question = find_question(document, question_ref)
    answer = answer_for(document, question.id)
    stored: figure5.Ladder = (
        (answer.measure_exists, answer.measure_applied, answer.measure_effective)
        if answer
        else figure5.EMPTY
    )
    if "effective" in given:
        given["effective"] = parse_choice(Effectiveness, str(given["effective"]), "effectiveness")
    try:
        ladder = figure5.update_ladder(answer.rating if answer else "", stored, **given)
    except ValueError as error:
        raise InvalidInput(f"{question.id}: {error}.") from None
    if rating is not None:
        wanted = parse_choice(Rating, rating, "rating").value
        why = figure5.contradiction(wanted, ladder)
        if why:
            raise InvalidInput(f"{question.id}: {why}.")
    return Evaluation(*ladder)


def save_answer(document: AssessmentDocument, question_ref: str, **fields: Any) -> records.Answer:
    """Create or change the answer to a question; unspecified fields stay (see
    :func:`store_answer` for the fields)."""
    return snapshot(store_answer(document, question_ref, **fields))


def store_answer(
    document: AssessmentDocument,
    question_ref: str,
    *,
    text: object = _UNSET,
    rating: object = _UNSET,
    evaluation: Evaluation | None = None,
    evidence: object = _UNSET,
    marked_for_review: object = _UNSET,
    reviewed: object = _UNSET,
    confidential: object = _UNSET,
    group_id: object = _UNSET,
    author_id: object = _UNSET,
    record_id: str | None = None,
    visit: Visit | None = None,
) -> models.Answer:
    """Create or change the answer to a question; unspecified fields stay. The
    row: for the merge, which stamps it with the package's id and times inside
    its own edit; everyone else calls :func:`save_answer`.

    An ``evaluation`` sets the rating through Figure 5 (and is stored); a
    ``rating`` given directly (e.g. ``not-applicable``) clears the evaluation.
    ``record_id`` fixes the id of a new answer (the demo's are repeatable).
    Within one ``visit`` (the window's saves as the user types and clicks),
    only the answer as it was before the visit becomes an earlier version:
    the states in between are not kept.
    """
    question = find_question(document, question_ref)
    changes: dict[str, object] = {}
    if text is not _UNSET:
        changes["text"] = str(text).strip()
    if evaluation is not None:
        changes["rating"] = evaluation.rating().value
        changes["measure_exists"] = evaluation.measure_exists
        changes["measure_applied"] = evaluation.applied
        changes["measure_effective"] = evaluation.effective
    elif rating is not _UNSET:
        changes["rating"] = parse_choice(Rating, str(rating), "rating").value
        changes["measure_exists"] = changes["measure_applied"] = None
        changes["measure_effective"] = None
    if evidence is not _UNSET:
        changes["evidence"] = str(evidence).strip()
    for name, value in (
        ("marked_for_review", marked_for_review),
        ("reviewed", reviewed),
        ("confidential", confidential),
    ):
        if value is not _UNSET:
            changes[name] = bool(value)
    for name, value in (("group_id", group_id), ("author_id", author_id)):
        if value is not _UNSET:
            changes[name] = value
    if not changes:
        raise InvalidInput(f"Nothing to change in the answer to {question.id}.")

    with document.edit() as session:
        answer = _answer_row(document, question.id)
        if answer is None:
            answer = models.Answer(question_id=question.id)
            stamp_new(document, answer, record_id=record_id)
            for name, value in changes.items():
                setattr(answer, name, value)
            session.add(answer)
            versioned = True  # before the visit there was no answer: nothing to keep later
        else:
            differs = {k: v for k, v in changes.items() if getattr(answer, k) != v}
            if not differs:
                return answer
            versioned = any(name in differs for name in _VERSIONED)
            if versioned and not (visit and visit.notes.get("answer_versioned")):
                _keep_version(answer, session)
            for name, value in differs.items():
                setattr(answer, name, value)
            touch(document, answer)
    if visit is not None and versioned:  # the state before the visit is kept (or was empty)
        visit.notes["answer_versioned"] = True
    return answer


def _keep_version(answer: models.Answer, session) -> None:
    """Keep the version a change replaces, if it said something."""
    if answer.text or answer.evidence:
        session.add(
            models.AnswerVersion(
                answer_id=answer.id,
                **copied(answer, "revision", "text", "rating", "evidence", "author_id", "group_id"),
                origin=answer.origin,
                written_at=answer.updated_at,
            )
        )


def answer_history(
    document: AssessmentDocument, answer: records.Answer
) -> list[records.AnswerVersion]:
    version = models.AnswerVersion
    return fetch(document, version, version.answer_id == answer.id, order_by=(version.revision,))
