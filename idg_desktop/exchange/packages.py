"""Group packages: export from the master, open as a working copy, return.

A package holds the assessment's identity, one working group (its members and
sections), the checklist of those sections, and the master's answers and
findings of those sections at export time — the *base* a later merge
compares against. Nothing of the other sections travels.

On the group's laptop the package becomes a working copy: an ordinary
``.idg`` holding only the group's sections, with the same ids as the master,
where the rapporteur works with the same pages and verbs. "Return to
facilitator" writes a new package with the group's records and the original
base. Packages on a stick are never edited in place.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from idg_desktop.config import installation_id
from idg_desktop.errors import InvalidInput
from idg_desktop.exchange import container
from idg_desktop.exchange.records import (
    ANSWER_FIELDS,
    answers_of,
    findings_of,
    participant_dict,
)
from idg_desktop.exchange.working_copies import (
    PACKAGE_META,  # meta key of a working copy: the package it came from
    working_copies_folder,
)
from idg_desktop.exports.wire import PARTICIPANT_FIELDS, to_package
from idg_desktop.services import groups
from idg_desktop.services.assessment import (
    Scope,
    assessment_of,
    create_assessment,
    document_framework,
)
from idg_desktop.services.by_section import questions_in
from idg_desktop.services.custom_questions import keep_custom_question
from idg_desktop.services.records import keep_tracked
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat()


def export_payload(document: AssessmentDocument, group_ref: str) -> dict[str, Any]:
    """What a group's package carries (see the module's docstring)."""
    group = groups.find_group(document, group_ref)
    sections = groups.group_sections(document, group)
    if not sections:
        raise InvalidInput(f"Group '{group.name}' has no sections: give it some before exporting.")
    scope = assessment_of(document)
    whole = document_framework(document)  # shared, read only: the package gets a copy
    framework = {**whole, "sections": [s for s in whole["sections"] if s["code"] in sections]}
    custom = [q for q in questions_in(document, sections) if q.custom]
    return {
        "format": "idg-package",
        "version": container.PAYLOAD_VERSION,
        "kind": "export",
        "package_id": str(uuid.uuid4()),
        "created_at": _now(),
        "origin": document.origin,
        "assessment": to_package(scope),
        "group": to_package(group, sections=sections),
        "participants": [participant_dict(p) for p in groups.group_members(document, group)],
        "framework": framework,
        "custom_questions": [to_package(q) for q in custom],
        "base": {
            "answers": answers_of(document, sections),
            "findings": findings_of(document, sections),
        },
    }


def export_package(
    document: AssessmentDocument,
    group_ref: str,
    target: Path | str,
    passphrase: str | None = None,
) -> dict[str, Any]:
    payload = export_payload(document, group_ref)
    container.write_package(target, payload, passphrase)
    return payload


def open_package(
    source: Path | str, workfile: Path | str | None = None, passphrase: str | None = None
) -> AssessmentDocument:
    """Unpack a package into a new working copy (default: the user's data folder)."""
    payload = container.read_package(source, passphrase)
    if payload.get("kind") not in {"export", "return"}:
        raise InvalidInput(f"{source} is not a group package.")
    try:  # the container's flag, not whether a passphrase happened to be given
        protected = container.is_protected(Path(source).read_bytes())
    except OSError as error:
        raise InvalidInput(f"{source} cannot be read ({error.strerror}).") from None
    group = payload["group"]
    if workfile is None:
        folder = working_copies_folder()
        folder.mkdir(parents=True, exist_ok=True)
        from idg_desktop.exchange.package_files import SUFFIX, package_file_name

        stem = package_file_name(group["name"])[: -len(SUFFIX)]
        workfile = folder / f"{stem} ({payload['package_id'][:8]}).idg"
    a = payload["assessment"]
    from idg_desktop.domain.framework import framework_from_dict

    document = create_assessment(
        workfile,
        Scope(
            title=a["title"],
            administration=a["administration"],
            mode=a["mode"],
            sections=group["sections"],
            start_date=a.get("start_date", ""),
            end_date=a.get("end_date", ""),
            location=a.get("location", ""),
        ),
        framework=framework_from_dict(payload["framework"]),
        assessment_id=a["id"],
    )
    # What lets "Return to facilitator" check the passphrase it is given: a
    # token sealed with it, as strong as the package itself on the stick.
    token = {"format": "idg-package", "kind": "passphrase-check"}
    check = container.pack(token, passphrase) if protected and passphrase else b""
    try:
        _fill_working_copy(
            document,
            payload,
            protected=protected,
            check=check,
            opened_from=str(Path(source).resolve().parent),
        )
    except BaseException:
        document.close()
        Path(workfile).unlink(missing_ok=True)
        raise
    return document


def _fill_working_copy(
    document: AssessmentDocument,
    payload: dict[str, Any],
    *,
    protected: bool,
    check: bytes = b"",
    opened_from: str = "",
) -> None:
    group = payload["group"]
    with document.edit() as session:
        for q in payload.get("custom_questions", []):
            keep_custom_question(
                document,
                q,
                position=10_000 + q["number"],
                created_at=document.now(),
                origin=payload["origin"],
            )
        for person in payload["participants"]:
            record = models.Participant(**{k: person[k] for k in PARTICIPANT_FIELDS})
            keep_tracked(record, person)
            session.add(record)
        session.flush()
        working = models.WorkingGroup(
            name=group["name"], position=1, rapporteur_id=group.get("rapporteur")
        )
        working.id = group["id"]
        working.created_at = working.updated_at = document.now()
        working.origin, working.revision = payload["origin"], 1
        session.add(working)
        session.flush()
        for code in group["sections"]:
            session.add(models.GroupSection(section_code=code, group_id=group["id"]))
        for person in payload["participants"]:
            session.add(models.GroupMember(participant_id=person["id"], group_id=group["id"]))
        people = {p["id"] for p in payload["participants"]}
        for data in payload["base"]["answers"]:
            answer = models.Answer(question_id=data["question"])
            for name in ANSWER_FIELDS:
                setattr(answer, name, data[name])
            answer.group_id = data["group_id"] if data["group_id"] == group["id"] else None
            answer.author_id = data["author_id"] if data["author_id"] in people else None
            keep_tracked(answer, data)
            session.add(answer)
        for data in payload["base"]["findings"]:
            finding = models.Finding(
                **{
                    k: data[k]
                    for k in (
                        "section_code",
                        "kind",
                        "text",
                        "proposed_action",
                        "status",
                        "confidential",
                    )
                }
            )
            finding.group_id = data["group_id"] if data["group_id"] == group["id"] else None
            finding.author_id = data["author_id"] if data["author_id"] in people else None
            keep_tracked(finding, data)
            finding.questions = [
                models.FindingQuestion(question_id=qid, position=i)
                for i, qid in enumerate(data["questions"])
            ]
            session.add(finding)
        kept = {
            key: payload[key]
            for key in ("package_id", "assessment", "group", "base", "origin", "created_at")
        }
        # A copy of a protected package returns protected unless the group
        # explicitly drops the protection (``return_package``'s ``unprotected``).
        kept["protected"] = protected
        if opened_from:  # where "Return to facilitator" proposes to write the return
            kept["opened_from"] = opened_from
        if check:
            kept["passphrase_check"] = base64.b64encode(check).decode("ascii")
        session.add(models.Meta(key=PACKAGE_META, value=json.dumps(kept, ensure_ascii=False)))


def working_copy_info(document: AssessmentDocument) -> dict[str, Any] | None:
    """The package a working copy came from, or None for a master file."""
    value = document.meta(PACKAGE_META)
    return json.loads(value) if value else None


def came_protected(document: AssessmentDocument) -> bool:
    """Was this working copy opened from a protected package? (False for copies
    made before this was recorded: they behave as before.)"""
    info = working_copy_info(document)
    return bool(info and info.get("protected"))


def return_folder(document: AssessmentDocument) -> Path | None:
    """The folder the working copy's package was opened from (None if unknown
    or gone): where its return is proposed, not the hidden working-copies folder."""
    folder = (working_copy_info(document) or {}).get("opened_from")
    return Path(folder) if folder and Path(folder).is_dir() else None


def passphrase_matches(document: AssessmentDocument, passphrase: str) -> bool | None:
    """Is ``passphrase`` the one the working copy's package was opened with?
    None when the copy cannot tell (opened before this was recorded, or from
    an open package). Costs one key derivation (about half a second)."""
    info = working_copy_info(document)
    token = (info or {}).get("passphrase_check")
    if not token:
        return None
    try:
        container.unpack(base64.b64decode(token), "the passphrase check", passphrase)
    except InvalidInput:
        return False
    return True


def return_payload(document: AssessmentDocument) -> dict[str, Any]:
    origin = working_copy_info(document)
    if origin is None:
        raise InvalidInput(
            f"{document.path} is not a group working copy: open a group package first."
        )
    sections = origin["group"]["sections"]
    return {
        "format": "idg-package",
        "version": container.PAYLOAD_VERSION,
        "kind": "return",
        "package_id": str(uuid.uuid4()),
        "exported_package_id": origin["package_id"],
        "created_at": _now(),
        "origin": installation_id(),
        "assessment": origin["assessment"],
        "group": origin["group"],
        "base": origin["base"],
        "records": {
            "answers": answers_of(document, sections),
            "findings": findings_of(document, sections),
        },
    }


def return_package(
    document: AssessmentDocument,
    target: Path | str,
    passphrase: str | None = None,
    *,
    unprotected: bool = False,
) -> dict[str, Any]:
    """ "Return to facilitator": a new package of the group's work, written
    atomically and read back before success is reported.

    A copy opened from a protected package is returned protected: without a
    passphrase it is refused unless ``unprotected`` says, explicitly, that the
    group's work may travel in clear. Nothing is written on a refusal.
    """
    payload = return_payload(document)
    if passphrase is None and not unprotected and came_protected(document):
        raise InvalidInput(
            f"{document.path} came from a protected package: give a passphrase "
            "(--passphrase-env VAR), or --unprotected to send the group's work in clear."
        )
    if passphrase is not None and unprotected:
        raise InvalidInput("Give either a passphrase or --unprotected, not both.")
    if passphrase is not None and passphrase_matches(document, passphrase) is False:
        raise InvalidInput(
            "This is not the passphrase the group's package came with: the facilitator "
            "could not open the returned package. Use the facilitator's passphrase."
        )
    container.write_package(target, payload, passphrase)
    if container.read_package(target, passphrase)["package_id"] != payload["package_id"]:
        raise InvalidInput(f"{target} did not read back as written; write it again.")
    return payload
