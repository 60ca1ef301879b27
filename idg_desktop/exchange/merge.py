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

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from idg_desktop.config import installation_id
from idg_desktop.domain import figure5
from idg_desktop.domain.merge import Conflict, Side, Taken, merge_record
from idg_desktop.domain.vocabulary import Rating
from idg_desktop.errors import InvalidInput
from idg_desktop.exchange import container
from idg_desktop.exchange.records import (
    ANSWER_FIELDS,
    FINDING_FIELDS,
    answer_dict,
    finding_dict,
    same,
    set_tracked,
)
from idg_desktop.exports.wire import LISTING, write_all
from idg_desktop.services import answers, findings, reading
from idg_desktop.services.records import stamp_new, touch
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


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
    known = {
        q
        for (q,) in document.session.execute(
            select(models.Question.id).where(models.Question.section_code.in_(sections))
        )
    }
    for data in payload["records"]["answers"]:
        if data["question"] not in known:
            raise InvalidInput(
                f"{where} is damaged: it answers an unknown question {data['question']}."
            )
    if document.session.scalar(
        select(models.MergeLog.id).where(
            models.MergeLog.package_id == payload["package_id"],
            models.MergeLog.outcome != "already-imported",
        )
    ):
        with document.edit() as session:
            session.add(
                _log(
                    document,
                    payload,
                    source_kind,
                    "already-imported",
                    MergeResult("already-imported"),
                )
            )
        return MergeResult("already-imported")

    result = MergeResult("merged")
    with document.edit() as session:
        base_answers = {a["question"]: a for a in payload["base"]["answers"]}
        for theirs in payload["records"]["answers"]:
            qid = theirs["question"]
            ours_record = session.scalars(
                select(models.Answer).where(models.Answer.question_id == qid)
            ).first()
            ours = answer_dict(ours_record) if ours_record else None
            outcome = merge_record(base_answers.get(qid), ours, theirs, same=same_answer)
            if outcome == Taken(Side.THEIRS):
                _take_answer(document, ours_record, theirs, group)
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
            ours_record = session.get(models.Finding, theirs["id"])
            ours = finding_dict(ours_record) if ours_record else None
            base = base_findings.get(theirs["id"])
            if ours is None and base is None:
                _add_finding(document, theirs, group)
                result.added.append(theirs["id"])
                continue
            outcome = merge_record(base, ours, theirs, same=same_finding)
            if outcome == Taken(Side.OURS):
                continue
            if outcome == Taken(Side.THEIRS) and ours is not None:
                _take_finding(document, ours_record, theirs)
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
        session.add(_log(document, payload, source_kind, result.outcome, result))
    document.session.expire_all()
    return result


def _take_answer(document, record, theirs, group) -> None:
    """The group's version becomes the answer through ``save_answer`` (so the
    master's earlier text goes to the answer's history as with any edit),
    inside the import's one edit; the answer keeps the group's origin (and, if
    new, the group's own id and timestamps)."""
    ladder = (theirs["measure_exists"], theirs["measure_applied"], theirs["measure_effective"])
    how: dict[str, Any] = (
        {"rating": theirs["rating"] or Rating.NOT_ASSESSED.value}
        if ladder == figure5.EMPTY
        else {"evaluation": answers.Evaluation(*ladder)}
    )
    answer = answers.store_answer(
        document,
        theirs["question"],
        text=theirs["text"] or "",
        evidence=theirs["evidence"] or "",
        marked_for_review=theirs["marked_for_review"],
        reviewed=theirs["reviewed"],
        confidential=theirs["confidential"],
        group_id=group["id"],
        author_id=_known_person(document, theirs.get("author_id")),
        record_id=theirs["id"] if record is None else None,
        **how,
    )
    if record is None:
        set_tracked(answer, theirs)  # the group's own id and timestamps
    else:
        answer.origin = theirs["origin"]
    document.session.flush()


def _add_finding(document, theirs, group) -> None:
    finding = models.Finding(**{k: theirs[k] for k in FINDING_FIELDS})
    set_tracked(finding, theirs)
    finding.group_id = group["id"]
    finding.author_id = _known_person(document, theirs.get("author_id"))
    finding.questions = [
        models.FindingQuestion(question_id=q, position=i) for i, q in enumerate(theirs["questions"])
    ]
    document.session.add(finding)
    document.session.flush()
    document.session.add(
        models.FindingEvent(
            finding_id=finding.id,
            revision=finding.revision,
            action="imported",
            status=finding.status,
            text=finding.text,
            proposed_action=finding.proposed_action,
            note=f"From {group['name']}",
            at=document.now(),
            origin=theirs["origin"],
        )
    )


def _take_finding(document, record, theirs) -> None:
    """The group's version becomes the finding through ``findings.update_finding``
    (one "imported" event in its history), inside the import's one edit."""
    findings.update_finding(
        document,
        record.id,
        note="From a group package",
        action="imported",
        origin=theirs["origin"],
        section=theirs["section_code"],
        questions=theirs["questions"],
        **{name: theirs[name] for name in FINDING_FIELDS if name != "section_code"},
    )


def _known_person(document, person_id: str | None) -> str | None:
    if person_id and document.session.get(models.Participant, person_id):
        return person_id
    return None


def _conflict(document, kind, key, section, ours, theirs, group_name, package_id) -> bool:
    """Record a conflict unless this very version is already in an open one."""
    session = document.session
    fields = ANSWER_FIELDS if kind == "answer" else FINDING_FIELDS
    content = {name: theirs[name] for name in fields}
    if kind == "finding":
        content["questions"] = theirs["questions"]
    existing = session.scalars(
        select(models.Conflict).where(
            models.Conflict.record_key == key, models.Conflict.status == "open"
        )
    ).first()
    if existing is not None:
        if any(json.loads(v.content) == content for v in existing.versions):
            return False
        existing.versions.append(
            models.ConflictVersion(
                position=len(existing.versions),
                origin=group_name,
                package_id=package_id,
                content=json.dumps(content, ensure_ascii=False),
            )
        )
        touch(document, existing)
        return True
    conflict = models.Conflict(record_type=kind, record_key=key, section_code=section)
    stamp_new(document, conflict)
    mine = {name: (ours or {}).get(name) for name in fields}
    if kind == "finding":
        mine["questions"] = (ours or {}).get("questions", [])
    conflict.versions = [
        models.ConflictVersion(
            position=0, origin="master", content=json.dumps(mine, ensure_ascii=False)
        ),
        models.ConflictVersion(
            position=1,
            origin=group_name,
            package_id=package_id,
            content=json.dumps(content, ensure_ascii=False),
        ),
    ]
    session.add(conflict)
    return True


def _log(document, payload, source_kind, outcome, result: MergeResult) -> models.MergeLog:
    entry = models.MergeLog(
        package_id=payload["package_id"],
        source=source_kind,
        group_name=payload["group"]["name"],
        imported_by=installation_id(),
        outcome=outcome,
        summary=json.dumps(
            {"taken": result.taken, "added": result.added, "conflicts": result.conflicts}
        ),
    )
    stamp_new(document, entry)
    return entry


def open_conflict_count(document: AssessmentDocument) -> int:
    return len(
        document.session.scalars(
            select(models.Conflict.id).where(models.Conflict.status == "open")
        ).all()
    )


def list_conflicts(document: AssessmentDocument, *, open_only: bool = True) -> list[dict[str, Any]]:
    """The conflicts as ``idg conflicts --json`` lists them (``exports/wire.py``)."""
    return write_all(LISTING["conflicts"], reading.conflicts(document, open_only=open_only))


def conflict_fields(versions: list[dict[str, Any]]) -> list[str]:
    """Every field the versions of a conflict carry, in the order they carry them.
    ``versions``: ``{"origin": ..., "content": {...}}`` as :func:`list_conflicts` gives."""
    names: list[str] = []
    for version in versions:
        names += [name for name in version["content"] if name not in names]
    return names


def differing_fields(versions: list[dict[str, Any]]) -> list[str]:
    """The fields on which the versions of a conflict do not all agree."""
    return [
        name
        for name in conflict_fields(versions)
        if len({json.dumps(v["content"].get(name), sort_keys=True) for v in versions}) > 1
    ]


def _between(origins: list[str]) -> str:
    return origins[0] if len(origins) == 1 else f"{', '.join(origins[:-1])} and {origins[-1]}"


def _check_ladder(short: str, chosen: dict[str, Any]) -> None:
    """The rating chosen must be the one Figure 5's answers chosen give (as the
    answer editor derives it); no Figure 5 answers: a rating given directly."""
    from idg_desktop.domain.vocabulary import Effectiveness, rating_from_evaluation

    steps = (chosen.get("measure_exists"), chosen.get("measure_applied"))
    effective = chosen.get("measure_effective")
    if steps == (None, None) and effective is None:
        return
    try:
        implied = rating_from_evaluation(
            *steps, Effectiveness(effective) if effective else None
        ).value
    except ValueError:
        raise InvalidInput(
            f"Conflict {short}: the Figure 5 answer '{effective}' is not one of no, partly, yes."
        ) from None
    if chosen.get("rating") != implied:
        raise InvalidInput(
            f"Conflict {short}: the rating '{chosen.get('rating')}' contradicts the Figure 5 "
            f"answers chosen, which give '{implied}'; choose the rating and measure_exists, "
            "measure_applied, measure_effective consistently."
        )


def resolve_conflict(
    document: AssessmentDocument,
    conflict_ref: str,
    *,
    take: str | None = None,
    text: str | None = None,
    fields: dict[str, str] | None = None,
) -> models.Conflict:
    """Resolve a conflict: ``take`` one version whole (by origin), or choose
    field by field — ``fields`` maps a field name to the origin it is taken
    from, ``text`` is a consolidated text. Every field that differs between
    the versions must be chosen: nothing is kept by default. The versions stay
    recorded with the conflict; the answer's history keeps the master's."""
    from idg_desktop.services.records import by_prefix

    conflict = by_prefix(document.session, models.Conflict, conflict_ref, "conflict")
    short = conflict.id[:8]
    if conflict.status != "open":
        raise InvalidInput(f"Conflict {short} is already resolved.")
    fields = dict(fields or {})
    if take is not None and (text is not None or fields):
        raise InvalidInput(
            f"Conflict {short}: resolve it either with --take ORIGIN or field by field "
            "(--field NAME=ORIGIN, --text T), not both."
        )
    versions = [{"origin": v.origin, "content": json.loads(v.content)} for v in conflict.versions]
    by_origin = {v["origin"].lower(): v for v in versions}
    names = ", ".join(v["origin"] for v in versions)

    def version_from(origin: str) -> dict[str, Any]:
        found = by_origin.get(origin.strip().lower())
        if found is None:
            raise InvalidInput(
                f"Conflict {short} has no version from '{origin}': use one of {names}."
            )
        return found

    if take is not None:
        chosen = dict(version_from(take)["content"])
        resolution = take.strip()
    else:
        known = conflict_fields(versions)
        picked: dict[str, dict[str, Any]] = {}
        for name, origin in fields.items():
            key = name.strip().lower().replace("-", "_")
            if key not in known:
                raise InvalidInput(
                    f"Conflict {short} has no field '{name}': use one of {', '.join(known)}."
                )
            picked[key] = version_from(origin)
        if text is not None:
            if "text" in picked:
                raise InvalidInput(
                    f"Conflict {short}: give the text either with --text or with "
                    "--field text=ORIGIN, not both."
                )
            if not text.strip():
                raise InvalidInput("The consolidated text is empty.")
        differing = differing_fields(versions)
        missing = [
            name
            for name in differing
            if name not in picked and not (name == "text" and text is not None)
        ]
        if missing:
            first = missing[0]
            how = (
                "--text T or --field text=ORIGIN" if first == "text" else f"--field {first}=ORIGIN"
            )
            also = f" Also to choose: {', '.join(missing[1:])}." if missing[1:] else ""
            raise InvalidInput(
                f"Conflict {short}: choose the {first} ({how}); it differs between "
                f"{_between([v['origin'] for v in versions])}.{also}"
            )
        chosen = {
            name: (picked[name] if name in picked else versions[0])["content"].get(name)
            for name in known
        }
        if text is not None:
            chosen["text"] = text.strip()
        if conflict.record_type == "answer":
            _check_ladder(short, chosen)
        taken = {picked[name]["origin"] for name in differing if name in picked}
        if text is not None and not taken:
            resolution = "consolidated"  # as before: only the text differed
        elif text is None and len(taken) == 1:
            resolution = taken.pop()  # every differing field from one version
        else:
            parts = ["text: consolidated"] if text is not None else []
            parts += [f"{name}: {picked[name]['origin']}" for name in differing if name in picked]
            resolution = f"by field ({'; '.join(parts)})"
    with document.edit() as session:
        if conflict.record_type == "answer":
            record = session.scalars(
                select(models.Answer).where(models.Answer.question_id == conflict.record_key)
            ).first()
            _take_answer(
                document,
                record,
                {
                    **chosen,
                    "question": conflict.record_key,
                    "origin": document.origin,
                    "id": str(uuid.uuid4()),
                    "created_at": document.now().isoformat(),
                    "updated_at": document.now().isoformat(),
                    "revision": 1,
                },
                {"id": record.group_id if record else None},
            )
        else:
            record = session.get(models.Finding, conflict.record_key)
            if record is not None:
                _take_finding(document, record, {**chosen, "origin": document.origin})
        conflict.status = "resolved"
        conflict.resolution = resolution
        conflict.resolved_at = document.now()
        conflict.draft = ""  # used, or set aside by the choice made
        touch(document, conflict)
    return conflict


def save_draft(document: AssessmentDocument, conflict_id: str, text: str) -> models.Conflict:
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
    return conflict
