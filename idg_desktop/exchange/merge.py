"""Merging a returned group package into the master: a three-way merge.

For each answer (keyed by its question) and each finding (keyed by its id),
three versions meet: the *base* the package carries (the master's record at
export), *theirs* (the group's) and *ours* (the master's now). The rule for
one record is :func:`idg_desktop.domain.merge.merge_record`; only content is
compared, never the laptops' clocks:

* theirs equals the base: nothing came in;
* ours equals the base: the group's version is taken (the master's earlier
  text goes to the answer's history as with any edit);
* ours equals theirs: both sides agree;
* otherwise: a conflict keeps both versions with their origins ("master" and
  the group's name) until the facilitator resolves it.

A record new on the group's side is added with its origin. Each import is one
transaction and one merge-log entry; importing the same package again changes
nothing and is logged as "already imported". Groups hold disjoint sections,
so the order in which their packages are imported does not matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idg_desktop.domain.merge import Conflict, Side, Taken, merge_record
from idg_desktop.errors import InvalidInput
from idg_desktop.exchange import container
from idg_desktop.exchange.records import (
    ANSWER_FIELDS,
    FINDING_FIELDS,
    answer_dict,
    finding_dict,
    same,
)
from idg_desktop.exchange.resolving import (
    BothWays,
    TextChosenTwice,
    UnchosenFields,
    conflict_fields,
    differing_fields,
    list_conflicts,
    resolve_conflict,
)
from idg_desktop.services import merging
from idg_desktop.services.merging import open_conflict_count, save_draft
from idg_desktop.storage.document import AssessmentDocument

#: What callers use from here; the conflicts' listing and resolution are in
#: ``resolving.py``, the merge's reads and writes in ``services/merging.py``.
__all__ = [
    "BothWays",
    "MergeResult",
    "TextChosenTwice",
    "UnchosenFields",
    "conflict_fields",
    "differing_fields",
    "import_package",
    "list_conflicts",
    "merge_payload",
    "open_conflict_count",
    "resolve_conflict",
    "save_draft",
]


def same_answer(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return same(a, b, ANSWER_FIELDS)


def same_finding(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return same(a, b, FINDING_FIELDS)


@dataclass
class MergeResult:
    outcome: str  # "merged", "conflicts" or "already-imported"
    taken: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def open_conflicts(self) -> bool:
        return self.outcome == "conflicts"


def import_package(
    document: AssessmentDocument, source: Path | str, passphrase: str | None = None
) -> MergeResult:
    payload = container.read_package(source, passphrase)
    return merge_payload(document, payload, str(source), source_kind="package")


def merge_payload(
    document: AssessmentDocument, payload: dict[str, Any], where: str, *, source_kind: str
) -> MergeResult:
    """Merge a returned package's payload; refusals leave the master untouched."""
    if payload.get("kind") != "return" or "records" not in payload:
        raise InvalidInput(
            f"{where} is a package exported for a group, not one returned by it: "
            "open it on the group's laptop and use Return to facilitator."
        )
    master_id = document.meta("assessment_id")
    if payload["assessment"]["id"] != master_id:
        raise InvalidInput(
            f"{where} belongs to another assessment ('{payload['assessment']['title']}')."
        )
    group = payload["group"]
    sections = set(group["sections"])
    known = merging.known_questions(document, sections)
    for data in payload["records"]["answers"]:
        if data["question"] not in known:
            raise InvalidInput(
                f"{where} is damaged: it answers an unknown question {data['question']}."
            )
    if merging.already_imported(document, payload["package_id"]):
        with document.edit():
            _log(document, payload, source_kind, MergeResult("already-imported"))
        return MergeResult("already-imported")

    result = MergeResult("merged")
    with document.edit():
        base_answers = {a["question"]: a for a in payload["base"]["answers"]}
        for theirs in payload["records"]["answers"]:
            qid = theirs["question"]
            ours_record = merging.answer_to(document, qid)
            ours = answer_dict(ours_record) if ours_record else None
            outcome = merge_record(base_answers.get(qid), ours, theirs, same=same_answer)
            if outcome == Taken(Side.THEIRS):
                merging.take_answer(document, theirs, group["id"], new=ours is None)
                result.taken.append(qid)
            elif isinstance(outcome, Conflict) and _conflict(
                document,
                "answer",
                qid,
                theirs["question"].split("-")[0],
                ours,
                theirs,
                group["name"],
                payload["package_id"],
            ):
                result.conflicts.append(qid)
        base_findings = {f["id"]: f for f in payload["base"]["findings"]}
        for theirs in payload["records"]["findings"]:
            ours = _finding_dict(document, theirs["id"])
            base = base_findings.get(theirs["id"])
            if ours is None and base is None:
                merging.add_finding(document, theirs, FINDING_FIELDS, group)
                result.added.append(theirs["id"])
                continue
            outcome = merge_record(base, ours, theirs, same=same_finding)
            if outcome == Taken(Side.OURS):
                continue
            if outcome == Taken(Side.THEIRS) and ours is not None:
                merging.take_finding(document, theirs["id"], theirs, FINDING_FIELDS)
                result.taken.append(theirs["id"])
            elif _conflict(
                document,
                "finding",
                theirs["id"],
                theirs["section_code"],
                ours,
                theirs,
                group["name"],
                payload["package_id"],
            ):
                result.conflicts.append(theirs["id"])
        if open_conflict_count(document):
            result.outcome = "conflicts"
        _log(document, payload, source_kind, result)
    document.session.expire_all()
    return result


def _finding_dict(document: AssessmentDocument, finding_id: str) -> dict[str, Any] | None:
    """The master's finding as packages carry it (``None``: there is none)."""
    finding = merging.finding(document, finding_id)
    return finding_dict(finding) if finding is not None else None


def _conflict(document, kind, key, section, ours, theirs, group_name, package_id) -> bool:
    """Record a conflict unless this very version is already in an open one."""
    fields = ANSWER_FIELDS if kind == "answer" else FINDING_FIELDS
    content = {name: theirs[name] for name in fields}
    mine = {name: (ours or {}).get(name) for name in fields}
    if kind == "finding":
        content["questions"] = theirs["questions"]
        mine["questions"] = (ours or {}).get("questions", [])
    return merging.record_conflict(
        document, kind, key, section, mine, content, group_name, package_id
    )


def _log(document, payload, source_kind, result: MergeResult) -> None:
    summary = {"taken": result.taken, "added": result.added, "conflicts": result.conflicts}
    group = payload["group"]["name"]
    merging.log_merge(document, payload["package_id"], source_kind, group, result.outcome, summary)
