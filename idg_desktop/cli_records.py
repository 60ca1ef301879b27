"""The ``idg`` verbs for what the window records besides answers and findings:
background documents (step 3), workshop sessions (step 4), the terms of
reference (Annex 5), custom questions, and the plenary's decisions on findings.

Listings print with ``--json`` the keys ``idg export json`` uses for the same
records (docs/json-export.md), so scripts see one shape.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from idg_desktop.cli import EXIT_OK, _dump, _open, _out, _split
from idg_desktop.cli_plan import _pairs
from idg_desktop.errors import InvalidInput
from idg_desktop.exports.json_export import _tracked
from idg_desktop.services.records import short_id
from idg_desktop.storage import models


def document_json(record: models.BackgroundDocument) -> dict[str, Any]:
    """As in ``idg export json``'s "documents", without the bytes (``content_base64``)."""
    return {
        **_tracked(record),
        "kind": record.kind,
        "title": record.title,
        "reference": record.reference,
        "notes": record.notes,
        "file_name": record.file_name,
        "sha256": record.sha256,
        "size": len(record.content) if record.content is not None else None,
    }


def session_json(record: models.WorkshopSession) -> dict[str, Any]:
    """As in ``idg export json``'s "sessions"; the keys ``idg session set`` changes."""
    return {
        **_tracked(record),
        "date": record.date,
        "start": record.start,
        "duration_minutes": record.duration_minutes,
        "topic": record.topic,
        "participants": sorted(p.participant_id for p in record.participants),
    }


# -- background documents --------------------------------------------------------


def cmd_document_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.assessment import framework_of
    from idg_desktop.services.background import add_document

    with _open(args.file) as document:
        # the kinds the window offers: the framework's list of step 3, and "other"
        framework = framework_of(document)
        kinds = [k["key"] for k in framework.background_document_kinds] + ["other"]
        if args.kind.strip().lower() not in kinds:
            raise InvalidInput(
                f"Unknown document kind '{args.kind}': use one of {', '.join(kinds)}."
            )
        record = add_document(
            document,
            title=args.title,
            kind=args.kind,
            reference=args.reference or "",
            notes=args.notes or "",
            attachment=Path(args.attach) if args.attach else None,
        )
        _out(short_id(record.id))
    return EXIT_OK


def cmd_documents(args: argparse.Namespace) -> int:
    from idg_desktop.services.background import list_documents

    with _open(args.file, read_only=True) as document:
        items = [document_json(d) for d in list_documents(document)]
    if args.json:
        _dump(items)
        return EXIT_OK
    for item in items:
        attached = f"  [{item['file_name']}, {item['size']} bytes]" if item["file_name"] else ""
        _out(f"{short_id(item['id'])}  {item['kind']}  {item['title']}{attached}")
    if not items:
        _out("No background documents yet: add one with 'idg document add'.")
    return EXIT_OK


# -- workshop sessions -----------------------------------------------------------


def cmd_session_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import add_session

    with _open(args.file) as document:
        record = add_session(
            document,
            day=args.date,
            topic=args.title,
            start=args.start,
            duration_minutes=args.minutes,
            participants=_split(args.participants, ";"),
        )
        _out(short_id(record.id))
    return EXIT_OK


def cmd_session_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import update_session

    changes = _pairs(args.fields, "session field")
    with _open(args.file) as document:
        record = update_session(document, args.id, **changes)
        _out(f"{short_id(record.id)}: {record.date} {record.start} {record.topic}")
    return EXIT_OK


def cmd_session_delete(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import find_session, remove_session

    with _open(args.file) as document:
        record = find_session(document, args.id)
        gone = f"{short_id(record.id)} ({record.date} {record.topic})"
        remove_session(document, record.id)
        _out(f"Deleted workshop session {gone}.")
    return EXIT_OK


def cmd_sessions(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import list_sessions
    from idg_desktop.services.participants import list_participants

    with _open(args.file, read_only=True) as document:
        items = [session_json(s) for s in list_sessions(document)]
        names = {p.id: p.name for p in list_participants(document)}
    if args.json:
        _dump(items)
        return EXIT_OK
    for item in items:
        count = len(item["participants"])
        people = names.get(item["participants"][0], "") if count == 1 else f"{count} participants"
        _out(
            f"{short_id(item['id'])}  {item['date']} {item['start'] or '--:--'}  "
            f"{item['duration_minutes']} min  {item['topic']}  ({people})"
        )
    if not items:
        _out("No workshop sessions yet: add one with 'idg session add'.")
    return EXIT_OK


# -- terms of reference ----------------------------------------------------------


def cmd_tor_show(args: argparse.Namespace) -> int:
    from idg_desktop.services.assessment import terms_of_reference, terms_of_reference_fields

    with _open(args.file, read_only=True) as document:
        values = terms_of_reference(document)
        labels = {f["key"]: f["label"] for f in terms_of_reference_fields(document)}
    if args.json:
        _dump(values)
        return EXIT_OK
    for key, value in values.items():
        _out(f"{labels.get(key, key)} ({key}): {value or '-'}")
    return EXIT_OK


def cmd_tor_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.assessment import set_terms_of_reference

    changes = {k: v for k, v in _pairs(args.fields, "terms-of-reference field").items()}
    with _open(args.file) as document:
        values = set_terms_of_reference(document, changes)
    filled = sum(1 for v in values.values() if v)
    _out(f"Terms of reference: {filled} of {len(values)} fields filled.")
    return EXIT_OK


# -- custom questions ------------------------------------------------------------


def cmd_question_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.assessment import add_custom_question

    with _open(args.file) as document:
        question = add_custom_question(document, args.section, args.text)
        _out(question.id)
    return EXIT_OK


# -- plenary decisions on findings -------------------------------------------------


def cmd_finding_set(args: argparse.Namespace) -> int:
    """The plenary's decision (--status, --text), and the finding's section and
    working group (--section, --group; --group "" for the master's own), all
    written at once or not at all."""
    from idg_desktop.services.findings import decide_finding, update_finding
    from idg_desktop.services.groups import list_groups

    if args.status is None and args.section is None and args.group is None:
        raise InvalidInput("Nothing to set: give --status, --section or --group.")
    if args.text is not None and args.status is None:
        raise InvalidInput("--text is the amended text: give it with --status amended.")
    moves = {"section": args.section, "group": args.group}
    moves = {name: value for name, value in moves.items() if value is not None}
    with _open(args.file) as document:
        if args.status is not None:
            finding = decide_finding(document, args.id, args.status, args.text, **moves)
        else:
            finding = update_finding(document, args.id, **moves)
        said = f"{short_id(finding.id)}: {finding.status}"
        if moves:
            names = {g.id: g.name for g in list_groups(document)}
            group = names.get(finding.group_id or "", "master")
            said += f" (section {finding.section_code}, group {group})"
        _out(said)
    return EXIT_OK


def cmd_finding_merge(args: argparse.Namespace) -> int:
    from idg_desktop.services.findings import merge_finding

    with _open(args.file) as document:
        finding = merge_finding(document, args.id, args.into)
        _out(f"{short_id(finding.id)}: merged into {short_id(finding.merged_into_id or '')}")
    return EXIT_OK


def register(verbs, verb: Callable, parser_class: type, finding_verbs) -> None:
    """Add these verbs to the ``idg`` parser (``finding_verbs``: under ``idg finding``)."""
    from idg_desktop.services.agenda import SESSION_FIELDS
    from idg_desktop.services.findings import DECISIONS

    def actions(name: str, help_text: str):
        sub = verb(name, None, help_text)
        found = sub.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
        found.required = True
        return found

    dverbs = actions("document", "Background documents reviewed in step 3.")
    p = dverbs.add_parser("add", help="Register a background document; prints the new id.")
    p.set_defaults(handler=cmd_document_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--kind", required=True, metavar="K", help="e.g. performance-reports, other")
    p.add_argument("--attach", metavar="PATH", help="store this file's bytes in the assessment")
    p.add_argument("--reference", metavar="R")
    p.add_argument("--notes", metavar="N")
    p = verb("documents", cmd_documents, "List the background documents.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")

    sverbs = actions("session", "Workshop sessions of the agenda (step 4).")
    p = sverbs.add_parser("add", help="Add a workshop session; prints the new id.")
    p.set_defaults(handler=cmd_session_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--date", required=True, metavar="D", help="YYYY-MM-DD")
    p.add_argument("--start", required=True, metavar="HH:MM")
    p.add_argument("--minutes", required=True, type=int, metavar="N")
    p.add_argument("--title", required=True, metavar="T", help="the session's topic")
    p.add_argument("--participants", metavar='"A;B"', help="participants by name or id")
    p = sverbs.add_parser("set", help="Change fields of a workshop session.")
    p.set_defaults(handler=cmd_session_set)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE", help=", ".join(SESSION_FIELDS))
    p = sverbs.add_parser("delete", help="Delete a workshop session.")
    p.set_defaults(handler=cmd_session_delete)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p = verb("sessions", cmd_sessions, "List the workshop sessions.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")

    tverbs = actions("tor", "The terms of reference of the assessment (Annex 5).")
    p = tverbs.add_parser("show", help="Show the terms of reference.")
    p.set_defaults(handler=cmd_tor_show)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p = tverbs.add_parser("set", help="Write fields of the terms of reference.")
    p.set_defaults(handler=cmd_tor_set)
    p.add_argument("file", metavar="FILE")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE", help="see 'idg tor show'")

    qverbs = actions("question", "The facilitator's own checklist questions.")
    p = qverbs.add_parser("add", help="Add a question to a section; prints its id (e.g. TR-C1).")
    p.set_defaults(handler=cmd_question_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--section", required=True, metavar="CODE")
    p.add_argument("--text", required=True, metavar="T")

    p = finding_verbs.add_parser(
        "set", help="Record the plenary's decision on a finding, or change its section or group."
    )
    p.set_defaults(handler=cmd_finding_set)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("--status", choices=DECISIONS)
    p.add_argument("--text", metavar="T", help="the amended text (needed with amended)")
    p.add_argument("--section", metavar="CODE", help="move the finding to this section")
    p.add_argument("--group", metavar="NAME", help='its working group ("" for the master\'s)')
    p = finding_verbs.add_parser("merge", help="Mark a finding a duplicate of another.")
    p.set_defaults(handler=cmd_finding_merge)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("--into", required=True, metavar="ID")
