"""Answers and findings as plain dictionaries: what packages carry and merges compare.

One function per direction, so the export, the working copy, the return and
the merge all agree on which fields a record has and which of them count as
a change (``ANSWER_FIELDS``, ``FINDING_FIELDS``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from idg_desktop.domain import records
from idg_desktop.services.by_section import answers_in, findings_in
from idg_desktop.services.snapshots import snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: The fields whose difference makes two versions of an answer differ.
ANSWER_FIELDS = (
    "text",
    "rating",
    "measure_exists",
    "measure_applied",
    "measure_effective",
    "evidence",
    "marked_for_review",
    "reviewed",
    "confidential",
)
FINDING_FIELDS = ("section_code", "kind", "text", "proposed_action", "status", "confidential")
_TRACKED = ("id", "created_at", "updated_at", "origin", "revision")


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def tracked(record: models.Tracked) -> dict[str, Any]:
    return {
        "id": record.id,
        "created_at": _time(record.created_at),
        "updated_at": _time(record.updated_at),
        "origin": record.origin,
        "revision": record.revision,
    }


def answer_dict(answer: models.Answer) -> dict[str, Any]:
    return {
        **tracked(answer),
        "question": answer.question_id,
        **{name: getattr(answer, name) for name in ANSWER_FIELDS},
        "group_id": answer.group_id,
        "author_id": answer.author_id,
    }


def finding_dict(finding: records.Finding) -> dict[str, Any]:
    return {
        **tracked(finding),
        **{name: getattr(finding, name) for name in FINDING_FIELDS},
        "questions": list(finding.question_ids),
        "group_id": finding.group_id,
        "author_id": finding.author_id,
        "merged_into_id": finding.merged_into_id,
    }


def participant_dict(person: models.Participant) -> dict[str, Any]:
    fields = ("name", "unit", "expertise", "external", "stakeholder", "gender", "role", "email")
    return {**tracked(person), **{name: getattr(person, name) for name in fields}}


def answers_of(document: AssessmentDocument, sections: list[str]) -> list[dict[str, Any]]:
    return [answer_dict(a) for a in answers_in(document, sections)]


def findings_of(document: AssessmentDocument, sections: list[str]) -> list[dict[str, Any]]:
    return [finding_dict(f) for f in snapshots(findings_in(document, sections))]


def same(a: dict[str, Any] | None, b: dict[str, Any] | None, fields: tuple[str, ...]) -> bool:
    """Do two versions say the same thing? A missing record equals an empty one."""
    if a is None and b is None:
        return True
    if a is None or b is None:
        present = a or b
        return all(not present.get(name) for name in fields if name != "rating") and (
            present.get("rating") in (None, "not-assessed") or "rating" not in fields
        )
    extra = ("questions",) if "kind" in fields else ()
    return all(a.get(name) == b.get(name) for name in (*fields, *extra))
