"""What a merge reads from and writes to the master, as services.

``exchange/merge.py`` decides (the three-way rule of ``domain/merge.py``, the
choices of a resolution) and composes these with ``answers.save_answer`` and
``findings.update_finding``; every query and ORM row of a merge is here. The
functions that write join the caller's ``document.edit()`` (an import is one
transaction). What they hand out are the read model's frozen snapshots.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from idg_desktop.config import installation_id
from idg_desktop.domain import figure5, records
from idg_desktop.domain.vocabulary import Rating
from idg_desktop.errors import InvalidInput
from idg_desktop.services import answers, findings
from idg_desktop.services.records import add_new, by_prefix, keep_tracked, stamp_new, touch
from idg_desktop.services.snapshots import snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: Where the master's own version of a conflicting record comes from.
MASTER = "master"


def known_questions(document: AssessmentDocument, sections: set[str]) -> set[str]:
    """The ids of the questions (the guide's and the file's own) in ``sections``."""
    query = select(models.Question.id).where(models.Question.section_code.in_(sections))
    return set(document.session.scalars(query))


def already_imported(document: AssessmentDocument, package_id: str) -> bool:
    """Has this very package been merged (or conflicted) before?"""
    log = models.MergeLog
    query = select(log.id).where(log.package_id == package_id, log.outcome != "already-imported")
    return document.session.scalar(query) is not None


def answer_to(document: AssessmentDocument, question_id: str) -> records.Answer | None:
    row = _answer_row(document, question_id)
    return snapshot(row) if row is not None else None


def finding(document: AssessmentDocument, finding_id: str) -> records.Finding | None:
    row = document.session.get(models.Finding, finding_id)
    return snapshot(row) if row is not None else None


def known_person(document: AssessmentDocument, person_id: str | None) -> str | None:
    """``person_id`` if that participant is in the master (else ``None``)."""
    if person_id and document.session.get(models.Participant, person_id):
        return person_id
    return None


def _answer_row(document: AssessmentDocument, question_id: str) -> models.Answer | None:
    query = select(models.Answer).where(models.Answer.question_id == question_id)
    return document.session.scalars(query).first()


def _keep_answer_origin(
    document: AssessmentDocument, question_id: str, data: dict[str, Any], *, new: bool
) -> None:
    """The answer just saved from another laptop keeps its origin (and, ``new``,
    that laptop's own id, timestamps and revision)."""
    answer = _answer_row(document, question_id)
    if new:
        keep_tracked(answer, data)
    else:
        answer.origin = data["origin"]
    document.session.flush()


def take_answer(
    document: AssessmentDocument, theirs: dict[str, Any], group_id: str | None, *, new: bool
) -> None:
    """Another version (a group's, or one chosen in a conflict) becomes the
    answer through ``save_answer`` (so the master's earlier text goes to the
    answer's history as with any edit), inside the caller's one edit; the
    answer keeps that version's origin (and, if ``new``, its own id and
    timestamps). ``theirs``: the answer's fields by column name, ``question``."""
    ladder = (theirs["measure_exists"], theirs["measure_applied"], theirs["measure_effective"])
    how: dict[str, Any] = (
        {"rating": theirs["rating"] or Rating.NOT_ASSESSED.value}
        if ladder == figure5.EMPTY
        else {"evaluation": answers.Evaluation(*ladder)}
    )
    answers.save_answer(
        document,
        theirs["question"],
        text=theirs["text"] or "",
        evidence=theirs["evidence"] or "",
        marked_for_review=theirs["marked_for_review"],
        reviewed=theirs["reviewed"],
        confidential=theirs["confidential"],
        group_id=group_id,
        author_id=known_person(document, theirs.get("author_id")),
        record_id=theirs["id"] if new else None,
        **how,
    )
    _keep_answer_origin(document, theirs["question"], theirs, new=new)


def take_finding(
    document: AssessmentDocument, finding_id: str, theirs: dict[str, Any], fields: tuple[str, ...]
) -> None:
    """Another version becomes the finding through ``findings.update_finding``
    (one "imported" event in its history), inside the caller's one edit."""
    findings.update_finding(
        document,
        finding_id,
        note="From a group package",
        action="imported",
        origin=theirs["origin"],
        section=theirs["section_code"],
        questions=theirs["questions"],
        **{name: theirs[name] for name in fields if name != "section_code"},
    )


def add_finding(
    document: AssessmentDocument, data: dict[str, Any], fields: tuple[str, ...], group: dict
) -> None:
    """A finding new on the group's side, as the group wrote it, with one
    "imported" event in its history."""
    row = models.Finding(**{k: data[k] for k in fields})
    keep_tracked(row, data)
    row.group_id = group["id"]
    row.author_id = known_person(document, data.get("author_id"))
    row.questions = [
        models.FindingQuestion(question_id=q, position=i) for i, q in enumerate(data["questions"])
    ]
    document.session.add(row)
    document.session.flush()
    document.session.add(
        findings.finding_event(
            document, row, "imported", f"From {group['name']}", origin=data["origin"]
        )
    )


def record_conflict(
    document: AssessmentDocument,
    kind: str,
    key: str,
    section: str,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    origin: str,
    package_id: str,
) -> bool:
    """Record a conflict on ``key`` between the master's version ``mine`` and
    ``theirs`` (from ``origin``), or add ``theirs`` to the conflict already
    open on it; ``False``: this very version is already in the open one."""
    session = document.session
    content = json.dumps(theirs, ensure_ascii=False)
    existing = session.scalars(
        select(models.Conflict).where(
            models.Conflict.record_key == key, models.Conflict.status == "open"
        )
    ).first()
    if existing is not None:
        if any(json.loads(v.content) == theirs for v in existing.versions):
            return False
        existing.versions.append(
            models.ConflictVersion(
                position=len(existing.versions),
                origin=origin,
                package_id=package_id,
                content=content,
            )
        )
        touch(document, existing)
        return True
    conflict = models.Conflict(record_type=kind, record_key=key, section_code=section)
    stamp_new(document, conflict)
    conflict.versions = [
        models.ConflictVersion(
            position=0, origin=MASTER, content=json.dumps(mine, ensure_ascii=False)
        ),
        models.ConflictVersion(position=1, origin=origin, package_id=package_id, content=content),
    ]
    session.add(conflict)
    return True


def log_merge(
    document: AssessmentDocument,
    package_id: str,
    source: str,
    group_name: str,
    outcome: str,
    summary: dict[str, list[str]],
) -> None:
    """One entry of the merge log (within the import's edit)."""
    entry = models.MergeLog(
        package_id=package_id,
        source=source,
        group_name=group_name,
        imported_by=installation_id(),
        outcome=outcome,
        summary=json.dumps(summary),
    )
    add_new(document, entry)


def open_conflict_count(document: AssessmentDocument) -> int:
    query = select(func.count(models.Conflict.id)).where(models.Conflict.status == "open")
    return document.session.scalar(query) or 0


def conflict_by_ref(document: AssessmentDocument, reference: str) -> records.Conflict:
    """The conflict whose id starts with ``reference`` (6+ characters)."""
    return snapshot(by_prefix(document.session, models.Conflict, reference, "conflict"))


def close_conflict(
    document: AssessmentDocument, conflict_id: str, resolution: str
) -> records.Conflict:
    """Mark a conflict resolved (within the caller's edit); any draft is set aside."""
    with document.edit() as session:
        conflict = session.get(models.Conflict, conflict_id)
        conflict.status = "resolved"
        conflict.resolution = resolution
        conflict.resolved_at = document.now()
        conflict.draft = ""  # used, or set aside by the choice made
        touch(document, conflict)
    return snapshot(conflict)


def save_draft(document: AssessmentDocument, conflict_id: str, text: str) -> records.Conflict:
    """Keep the consolidated text being written for an open conflict, so that
    nothing typed is lost before the plenary settles it (schema 6)."""
    with document.edit() as session:
        conflict = session.get(models.Conflict, conflict_id)
        if conflict is None:
            raise InvalidInput(f"There is no conflict {conflict_id}.")
        if conflict.status != "open":
            raise InvalidInput(f"Conflict {conflict_id[:8]} is already resolved.")
        if conflict.draft != text:
            conflict.draft = text
            touch(document, conflict)
    return snapshot(conflict)
