"""Answers and findings as plain dictionaries: what packages carry and merges compare.

The mapping of each record to its package fields is declared in
``exports/wire.py`` (PACKAGE); these name it for the exchange. One function
per direction, so the export, the working copy, the return and
the merge all agree on which fields a record has and which of them count as
a change (``ANSWER_FIELDS``, ``FINDING_FIELDS``).
"""

from __future__ import annotations

from typing import Any

from idg_desktop.domain import records
from idg_desktop.exports.wire import ANSWER_FIELDS, FINDING_FIELDS, to_package
from idg_desktop.services.by_section import answers_in, findings_in
from idg_desktop.storage.document import AssessmentDocument

__all__ = ["ANSWER_FIELDS", "FINDING_FIELDS", "answer_dict", "finding_dict", "participant_dict"]


def answer_dict(answer: records.Answer) -> dict[str, Any]:
    """An answer as a package carries it (the mapping: ``exports/wire.py`` PACKAGE)."""
    return to_package(answer)


def finding_dict(finding: records.Finding) -> dict[str, Any]:
    return to_package(finding)


def participant_dict(person: records.Participant) -> dict[str, Any]:
    return to_package(person)


def answers_of(document: AssessmentDocument, sections: list[str]) -> list[dict[str, Any]]:
    return [answer_dict(a) for a in answers_in(document, sections)]


def findings_of(document: AssessmentDocument, sections: list[str]) -> list[dict[str, Any]]:
    return [finding_dict(f) for f in findings_in(document, sections)]


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
