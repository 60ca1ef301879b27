"""The ``idg`` verbs for what the window records besides answers and findings:
background documents (step 3), workshop sessions (step 4), the terms of
reference (Annex 5) and custom questions.

Listings print with ``--json`` the keys ``idg export json`` uses for the same
records (docs/json-export.md), so scripts see one shape.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from idg_desktop.cli.common import (
    EXIT_OK,
    Verbs,
    flags,
    open_document,
    out,
    pairs,
    print_changed,
    print_listing,
    print_new_id,
    short_id,
    split,
)
from idg_desktop.errors import InvalidInput
from idg_desktop.exports.wire import LISTING, to_json, write_all

# -- background documents --------------------------------------------------------


def cmd_document_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.assessment import framework_of
    from idg_desktop.services.background import add_document

    with open_document(args.file) as document:
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
        out(short_id(record.id))
    return EXIT_OK


def cmd_document_remove(args: argparse.Namespace) -> int:
    from idg_desktop.services.background import find_document, remove_document

    with open_document(args.file) as document:
        record = find_document(document, args.id)
        remove_document(document, record.id)
        out(f"Removed background document {short_id(record.id)} ({record.title}).")
    return EXIT_OK


def cmd_document_file(args: argparse.Namespace) -> int:
    from idg_desktop.services.background import save_attachment

    with open_document(args.file, read_only=True) as document:
        written = save_attachment(document, args.id, args.output)
    out(f"Wrote {written}.")
    return EXIT_OK


def cmd_documents(args: argparse.Namespace) -> int:
    from idg_desktop.services.background import list_documents

    with open_document(args.file, read_only=True) as document:
        items = write_all(LISTING["documents"], list_documents(document))
    lines = map(_document_line, items)
    return print_listing(
        args.json, items, lines, "No background documents yet: add one with 'idg document add'."
    )


def _document_line(item: dict) -> str:
    attached = f"  [{item['file_name']}, {item['size']} bytes]" if item["file_name"] else ""
    return f"{short_id(item['id'])}  {item['kind']}  {item['title']}{attached}"


# -- workshop sessions -----------------------------------------------------------


def cmd_session_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import add_session

    people = split(args.participants, ";")
    fields = flags(args, "day", "topic", "start", "duration_minutes")
    return print_new_id(args.file, add_session, participants=people, **fields)


def cmd_session_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import update_session

    changes = pairs(args.fields, "session field")
    return print_changed(
        args.file,
        lambda document: update_session(document, args.id, **changes),
        lambda record: f"{record.date} {record.start} {record.topic}",
    )


def cmd_session_delete(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import find_session, remove_session

    with open_document(args.file) as document:
        record = find_session(document, args.id)
        gone = f"{short_id(record.id)} ({record.date} {record.topic})"
        remove_session(document, record.id)
        out(f"Deleted workshop session {gone}.")
    return EXIT_OK


def cmd_sessions(args: argparse.Namespace) -> int:
    from idg_desktop.services.agenda import list_sessions
    from idg_desktop.services.participants import list_participants

    with open_document(args.file, read_only=True) as document:
        items = [to_json(s) for s in list_sessions(document)]
        names = {p.id: p.name for p in list_participants(document)}
    lines = (_session_line(item, names) for item in items)
    return print_listing(
        args.json, items, lines, "No workshop sessions yet: add one with 'idg session add'."
    )


def _session_line(item: dict, names: dict[str, str]) -> str:
    count = len(item["participants"])
    people = names.get(item["participants"][0], "") if count == 1 else f"{count} participants"
    return (
        f"{short_id(item['id'])}  {item['date']} {item['start'] or '--:--'}  "
        f"{item['duration_minutes']} min  {item['topic']}  ({people})"
    )


# -- terms of reference ----------------------------------------------------------


def cmd_tor_show(args: argparse.Namespace) -> int:
    from idg_desktop.services.assessment import terms_of_reference, terms_of_reference_fields

    with open_document(args.file, read_only=True) as document:
        values = terms_of_reference(document)
        labels = {f["key"]: f["label"] for f in terms_of_reference_fields(document)}
    lines = (f"{labels.get(key, key)} ({key}): {value or '-'}" for key, value in values.items())
    return print_listing(args.json, values, lines)


def cmd_tor_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.assessment import set_terms_of_reference

    changes = {k: v for k, v in pairs(args.fields, "terms-of-reference field").items()}
    with open_document(args.file) as document:
        values = set_terms_of_reference(document, changes)
    filled = sum(1 for v in values.values() if v)
    out(f"Terms of reference: {filled} of {len(values)} fields filled.")
    return EXIT_OK


# -- custom questions ------------------------------------------------------------


def cmd_question_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.custom_questions import add_custom_question

    with open_document(args.file) as document:
        question = add_custom_question(document, args.section, args.text, args.subarea or "")
        out(question.id)
    return EXIT_OK


def register(verbs: Verbs) -> None:
    from idg_desktop.services.agenda import SESSION_FIELDS

    document = verbs.group("document", "Background documents reviewed in step 3.")
    p = document.add("add", cmd_document_add, "Register a background document; prints the new id.")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--kind", required=True, metavar="K", help="e.g. performance-reports, other")
    p.add_argument("--attach", metavar="PATH", help="store this file's bytes in the assessment")
    p.add_argument("--reference", metavar="R")
    p.add_argument("--notes", metavar="N")
    document.add(
        "remove", cmd_document_remove, "Remove a background document.", takes=("file", "id")
    )
    p = document.add(
        "file",
        cmd_document_file,
        "Write a background document's attached file out.",
        takes=("file", "id"),
    )
    p.add_argument("-o", dest="output", required=True, metavar="OUT", help="where to write it")
    verbs.listing("documents", cmd_documents, "List the background documents.")

    session = verbs.group("session", "Workshop sessions of the agenda (step 4).")
    p = session.add("add", cmd_session_add, "Add a workshop session; prints the new id.")
    p.add_argument("--date", required=True, metavar="D", dest="day", help="YYYY-MM-DD")
    p.add_argument("--start", required=True, metavar="HH:MM")
    p.add_argument("--minutes", required=True, type=int, metavar="N", dest="duration_minutes")
    p.add_argument("--title", required=True, metavar="T", dest="topic", help="the session's topic")
    p.add_argument("--participants", metavar='"A;B"', help="participants by name or id")
    p = session.add(
        "set", cmd_session_set, "Change fields of a workshop session.", takes=("file", "id")
    )
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE", help=", ".join(SESSION_FIELDS))
    session.add("delete", cmd_session_delete, "Delete a workshop session.", takes=("file", "id"))
    verbs.listing("sessions", cmd_sessions, "List the workshop sessions.")

    tor = verbs.group("tor", "The terms of reference of the assessment (Annex 5).")
    tor.add("show", cmd_tor_show, "Show the terms of reference.", takes=("file", "json"))
    p = tor.add("set", cmd_tor_set, "Write fields of the terms of reference.")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE", help="see 'idg tor show'")

    question = verbs.group("question", "The facilitator's own checklist questions.")
    p = question.add(
        "add",
        cmd_question_add,
        "Add a question to a section; prints its id (e.g. TR-C1).",
    )
    p.add_argument("--section", required=True, metavar="CODE")
    p.add_argument("--text", required=True, metavar="T")
    p.add_argument(
        "--subarea", metavar="LABEL", help="the sub-area it belongs under, e.g. II (default: none)"
    )
