"""Findings per section: strengths, weaknesses and recommendations.

Every change is written to the finding's history (``finding_event``), so the
plenary's decisions (agreed, amended, merged, rejected) can be traced.
Findings and their events are handed out as frozen snapshots (``domain/records``).
"""

from __future__ import annotations

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.domain.vocabulary import FindingKind, FindingStatus, parse_choice
from idg_desktop.errors import InvalidInput
from idg_desktop.services.answers import find_question
from idg_desktop.services.assessment import section_of
from idg_desktop.services.records import Visit, by_prefix, copied, stamp_new, touch
from idg_desktop.services.snapshots import fetch, snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def finding_event(
    document: AssessmentDocument,
    finding: models.Finding,
    action: str,
    note: str = "",
    origin: str | None = None,
) -> models.FindingEvent:
    """The history entry of ``finding`` as it stands after ``action``, written
    now (``origin``: where the change came from, else this laptop)."""
    return models.FindingEvent(
        finding_id=finding.id,
        **copied(finding, "revision", "status", "text", "proposed_action"),
        action=action,
        note=note,
        at=document.now(),
        origin=document.origin if origin is None else origin,
    )


def _question_ids(document: AssessmentDocument, section: str, refs: list[str]) -> list[str]:
    ids: list[str] = []
    for ref in refs:
        question = find_question(document, ref)
        if question.section_code != section:
            raise InvalidInput(
                f"Question {question.id} is not in section {section}: a finding links to "
                "questions of its own section."
            )
        if question.id not in ids:
            ids.append(question.id)
    return ids


def _working_copy_group(document: AssessmentDocument) -> str | None:
    """In a group's working copy, the group whose work it is: what a finding
    written there belongs to unless said otherwise (None in a master)."""
    import json

    try:
        group = json.loads(document.meta("group_package") or "null") or {}
        group_id = group.get("group", {}).get("id")
    except (ValueError, AttributeError):
        return None
    if group_id and document.session.get(models.WorkingGroup, group_id) is not None:
        return group_id
    return None


def add_finding(
    document: AssessmentDocument,
    *,
    section: str,
    kind: str,
    text: str,
    questions: list[str] | None = None,
    proposed_action: str = "",
    status: str = FindingStatus.PROPOSED.value,
    confidential: bool = False,
    group_id: str | None = None,
    author_id: str | None = None,
    record_id: str | None = None,
) -> records.Finding:
    code = section_of(document, section).code
    kind_value = parse_choice(FindingKind, kind, "finding kind").value
    status_value = parse_choice(FindingStatus, status, "finding status").value
    if not text.strip():
        raise InvalidInput("The finding has no text.")
    question_ids = _question_ids(document, code, questions or [])
    if group_id is None:
        group_id = _working_copy_group(document)
    with document.edit() as session:
        finding = models.Finding(
            section_code=code,
            kind=kind_value,
            text=text.strip(),
            proposed_action=proposed_action.strip(),
            status=status_value,
            confidential=confidential,
            group_id=group_id,
            author_id=author_id,
        )
        stamp_new(document, finding, record_id=record_id)
        finding.questions = [
            models.FindingQuestion(question_id=qid, position=i)
            for i, qid in enumerate(question_ids)
        ]
        session.add(finding)
        session.flush()
        session.add(finding_event(document, finding, "created"))
    return snapshot(finding)


def find_finding(document: AssessmentDocument, reference: str) -> records.Finding:
    return snapshot(_row(document, reference))


def _row(document: AssessmentDocument, reference: str) -> models.Finding:
    return by_prefix(document.session, models.Finding, reference, "finding")


def update_finding(
    document: AssessmentDocument,
    finding_id: str,
    *,
    note: str = "",
    visit: Visit | None = None,
    action: str | None = None,
    origin: str | None = None,
    **changes: object,
) -> records.Finding:
    """Change a finding's text, action, kind, status, questions, confidentiality,
    ``section`` (a section code) or ``group`` (a working group's name or id;
    None or "" for the master's own finding).

    A finding moved to another section keeps no link to the questions of the
    one it leaves (the history's note names them); one merged into another, or
    that others were merged into, stays in its section (merges are within one).

    Within one ``visit`` (the window's saves as the user types), the first
    change writes a history event and the later ones bring that same event up
    to date, so the history shows one entry per visit with its final state.

    ``action`` names the history event (default: "edited", or the new status);
    ``origin`` keeps another laptop's origin on the finding and the event (a
    merge taking a group's version).
    """
    finding = _row(document, finding_id)
    clean: dict[str, object] = {}
    notes = [note] if note else []
    if "section" in changes:
        code = section_of(document, str(changes.pop("section"))).code
        if code != finding.section_code:
            _check_movable(document, finding, code)
            clean["section_code"] = code
            notes.append(f"Moved from section {finding.section_code} to {code}")
            dropped = [q.question_id for q in finding.questions]
            if "questions" not in changes and dropped:
                changes["questions"] = []
                notes.append(f"unlinked {', '.join(dropped)}")
    if "group" in changes:
        from idg_desktop.services.groups import find_group

        wanted = changes.pop("group")
        group_id = find_group(document, str(wanted)).id if wanted else None
        if group_id != finding.group_id:
            clean["group_id"] = group_id
    section_code = str(clean.get("section_code", finding.section_code))
    for name, value in changes.items():
        if name == "kind":
            clean[name] = parse_choice(FindingKind, str(value), "finding kind").value
        elif name == "status":
            clean[name] = parse_choice(FindingStatus, str(value), "finding status").value
        elif name in {"text", "proposed_action"}:
            clean[name] = str(value).strip()
        elif name == "confidential":
            clean[name] = bool(value)
        elif name == "questions":
            clean[name] = _question_ids(document, section_code, list(value))  # type: ignore[arg-type]
        elif name == "merged_into_id":
            clean[name] = value
        else:
            raise InvalidInput(f"A finding has no field '{name}'.")
    if clean.get("text") == "":
        raise InvalidInput("The finding has no text.")
    note = "; ".join(notes)
    with document.edit() as session:
        for name, value in clean.items():
            if name == "questions":
                finding.questions = [
                    models.FindingQuestion(question_id=qid, position=i)
                    for i, qid in enumerate(value)  # type: ignore[arg-type]
                ]
            else:
                setattr(finding, name, value)
        touch(document, finding)
        if origin is not None:
            finding.origin = origin
        session.flush()
        event = finding_event(document, finding, "edited", note)
        if origin is not None:
            event.origin = origin
        earlier = visit.notes.get("finding_event") if visit is not None else None
        kept = session.get(models.FindingEvent, earlier) if earlier else None
        if kept is not None and kept.finding_id == finding.id:
            for name in ("revision", "status", "text", "proposed_action", "at", "origin"):
                setattr(kept, name, getattr(event, name))
            kept.note = note or kept.note
            event = kept
        else:
            session.add(event)
        if "status" in clean:
            event.action = str(clean["status"])
        if action:
            event.action = action
    if visit is not None:
        visit.notes["finding_event"] = event.id
    return snapshot(finding)


def _check_movable(document: AssessmentDocument, finding: models.Finding, code: str) -> None:
    """Merges are within a section: neither side of one leaves it."""
    if finding.merged_into_id:
        raise InvalidInput(
            f"Finding {finding.id[:8]} is merged into {finding.merged_into_id[:8]} of section "
            f"{finding.section_code}: it stays in that section (move the one it went into)."
        )
    merged_here = document.session.scalars(
        select(models.Finding.id).where(models.Finding.merged_into_id == finding.id)
    ).first()
    if merged_here:
        raise InvalidInput(
            f"Finding {merged_here[:8]} was merged into finding {finding.id[:8]}: merged "
            f"findings stay in one section, so it cannot move to {code}."
        )


def list_findings(
    document: AssessmentDocument, section: str | None = None
) -> list[records.Finding]:
    finding, in_section = models.Finding, models.Section
    where = [finding.section_code == section_of(document, section).code] if section else []
    return fetch(
        document,
        finding,
        *where,
        join=(in_section, in_section.code == finding.section_code),
        order_by=(in_section.position, finding.created_at, finding.id),
    )


def finding_history(
    document: AssessmentDocument, finding: records.Finding
) -> list[records.FindingEvent]:
    event = models.FindingEvent
    return fetch(
        document, event, event.finding_id == finding.id, order_by=(event.revision, event.at)
    )


def remove_finding(document: AssessmentDocument, finding_id: str) -> None:
    """Delete a finding (the window's Delete; undo brings it back whole)."""
    finding = _row(document, finding_id)
    with document.edit() as session:
        session.delete(finding)


#: The plenary's decisions on a proposed finding (IDG Part II step 6).
DECISIONS = (FindingStatus.AGREED.value, FindingStatus.AMENDED.value, FindingStatus.REJECTED.value)


def decide_finding(
    document: AssessmentDocument,
    reference: str,
    status: str,
    text: str | None = None,
    **moves: object,
) -> records.Finding:
    """The plenary agrees, amends (with the amended text) or rejects a finding.

    An amendment needs its new text; agreeing to a changed text is an amendment,
    and a rejected finding keeps the words it was rejected in. ``moves``
    (``section``, ``group``) are written in the same change.
    """
    finding = find_finding(document, reference)
    value = parse_choice(FindingStatus, status, "finding status").value
    if value not in DECISIONS:
        raise InvalidInput(f"'{status}' is not a plenary decision: use {', '.join(DECISIONS)}.")
    if finding.status == FindingStatus.MERGED:
        raise InvalidInput(
            f"Finding {finding.id[:8]} was merged into another; decide on that one instead."
        )
    new_text = None if text is None else text.strip()
    changed = new_text is not None and new_text != finding.text
    if value == FindingStatus.AMENDED and not changed:
        raise InvalidInput(
            "An amended finding needs its amended text: give --text with the new wording."
        )
    if value != FindingStatus.AMENDED and changed:
        raise InvalidInput(f"A changed text is an amendment: use --status amended, not {value}.")
    changes: dict[str, object] = {"status": value, **moves}
    if changed:
        changes["text"] = new_text
    return update_finding(document, finding.id, **changes)


def merge_finding(document: AssessmentDocument, reference: str, into: str) -> records.Finding:
    """Plenary: a duplicate is marked merged into another finding of its section;
    both stay, with their origins and histories (the window's "Merge with a duplicate").
    The kept finding takes in the duplicate's proposed action, appended to its own,
    and the questions it answers."""
    finding = _row(document, reference)
    target = _row(document, into)
    if target.id == finding.id:
        raise InvalidInput("A finding cannot be merged into itself.")
    if target.section_code != finding.section_code:
        raise InvalidInput(
            f"Finding {target.id[:8]} is in section {target.section_code}, not "
            f"{finding.section_code}: duplicates are merged within a section."
        )
    if target.status == FindingStatus.MERGED:
        raise InvalidInput(f"Finding {target.id[:8]} is itself merged into another.")
    if finding.status == FindingStatus.MERGED:
        raise InvalidInput(f"Finding {finding.id[:8]} is already merged into another.")
    # One change: the duplicate marked merged, and its proposed action appended
    # to the kept finding's (not lost with the duplicate).
    with document.edit() as session:
        finding.status = FindingStatus.MERGED.value
        finding.merged_into_id = target.id
        touch(document, finding)
        action = finding.proposed_action.strip()
        taken = bool(action) and action not in target.proposed_action
        if taken:
            kept = target.proposed_action.strip()
            target.proposed_action = f"{kept}\n\n{action}" if kept else action
        # and the questions it answers (same section), after the kept one's own
        linked = {q.question_id for q in target.questions}
        new_links = [q.question_id for q in finding.questions if q.question_id not in linked]
        for offset, question_id in enumerate(new_links, start=len(target.questions)):
            target.questions.append(
                models.FindingQuestion(question_id=question_id, position=offset)
            )
        if taken or new_links:
            touch(document, target)
        session.flush()
        merged = finding_event(
            document, finding, FindingStatus.MERGED.value, f"Merged into {target.id[:8]}"
        )
        session.add(merged)
        if taken or new_links:
            what = [
                *(["the proposed action"] if taken else []),
                *([f"the questions {', '.join(new_links)}"] if new_links else []),
            ]
            note = f"Took in {' and '.join(what)} of {finding.id[:8]}, merged into it"
            session.add(finding_event(document, target, "edited", note))
    return snapshot(finding)
