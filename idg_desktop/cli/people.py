"""``idg participant add``, ``participants``, ``group add`` and ``groups``: the
people of the assessment and its working groups."""

from __future__ import annotations

import argparse

from idg_desktop.cli.common import (
    EXIT_OK,
    Verbs,
    dump,
    flags,
    open_document,
    out,
    print_listing,
    print_new_id,
    short_id,
    show,
    split,
)
from idg_desktop.domain import records
from idg_desktop.errors import InvalidInput
from idg_desktop.exports.wire import LISTING, PARTICIPANT_FIELDS, write, write_all
from idg_desktop.services import groups, participants
from idg_desktop.storage.document import AssessmentDocument


def cmd_participant_add(args: argparse.Namespace) -> int:
    person = participants.ParticipantData(**flags(args, *PARTICIPANT_FIELDS))
    return print_new_id(args.file, participants.add_participant, person)


def cmd_participants(args: argparse.Namespace) -> int:
    with open_document(args.file, read_only=True) as document:
        people = participants.list_participants(document)
    lines = map(_participant_line, people)
    return print_listing(args.json, write_all(LISTING["participants"], people), lines)


def _participant_line(person: records.Participant) -> str:
    where = "external" if person.external else "internal"
    return f"{short_id(person.id)}  {person.name}  ({person.role}, {person.unit or '-'}, {where})"


def cmd_group_add(args: argparse.Namespace) -> int:
    sections, members = split(args.sections, ","), split(args.members, ";")
    return print_new_id(
        args.file, groups.add_group, args.name, sections, members, rapporteur=args.rapporteur
    )


def _groups_json(document: AssessmentDocument) -> list[dict]:
    people = {p.id: p for p in participants.list_participants(document)}
    result = []
    for group in groups.list_groups(document):
        members = groups.group_members(document, group)
        rapporteur = people.get(group.rapporteur_id or "")
        result.append(
            write(
                LISTING["groups"],
                group,
                sections=groups.group_sections(document, group),
                members=write_all(LISTING["person"], members),
                rapporteur=write(LISTING["person"], rapporteur) if rapporteur else None,
            )
        )
    return result


def _print_groups(document: AssessmentDocument) -> None:
    for group in _groups_json(document):
        rapporteur = group["rapporteur"]["name"] if group["rapporteur"] else "no rapporteur"
        out(f"{short_id(group['id'])}  {group['name']}  [{', '.join(group['sections'])}]")
        out(f"    rapporteur: {rapporteur}")
        out(f"    members: {', '.join(m['name'] for m in group['members']) or '-'}")
    for warning in groups.balance_warnings(document):
        out(f"warning: {warning.sentence()}")


def cmd_groups(args: argparse.Namespace) -> int:
    # `idg groups FILE` lists; `idg groups auto FILE --count N` allocates.
    if args.target == "auto" and args.file:
        if args.count is None:
            raise InvalidInput("'idg groups auto' needs --count N.")
        with open_document(args.file) as document:
            allocation = groups.auto_allocate(document, args.count)
            if args.json:
                dump(_groups_json(document))
            else:
                _print_groups(document)
                out("why each person went where:")
                for placement in allocation.placements:
                    out(f"    {placement.person} -> {placement.group or '-'}: {placement.reason}")
        return EXIT_OK
    if args.file:
        raise InvalidInput(f"Unknown groups command '{args.target}': use 'idg groups auto FILE'.")
    return show(args.target, args.json, _groups_json, _print_groups)


def register(verbs: Verbs) -> None:
    participant = verbs.group("participant", "Manage participants.")
    p = participant.add("add", cmd_participant_add, "Add a participant; prints the new id.")
    p.add_argument("--name", required=True)
    p.add_argument("--unit", default="")
    p.add_argument("--expertise", default="", help="area of expertise")
    p.add_argument("--gender", default="undisclosed", help="female, male, other or undisclosed")
    p.add_argument("--role", default="contributor")
    p.add_argument("--stakeholder", default="customs")
    p.add_argument("--email", default="")
    p.add_argument("--external", action="store_true", help="an external contributor")

    verbs.listing("participants", cmd_participants, "List participants.")

    group = verbs.group("group", "Manage working groups.")
    p = group.add("add", cmd_group_add, "Add a working group; prints the new id.")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--sections", required=True, help="section codes, e.g. LC,RF")
    p.add_argument("--members", help='participants by name or id, e.g. "Name;Name"')
    p.add_argument("--rapporteur", help="the group's rapporteur, by name or id")

    p = verbs.verb(
        "groups",
        cmd_groups,
        "List working groups (idg groups FILE) or allocate automatically "
        "(idg groups auto FILE --count N).",
        takes=(),
    )
    p.add_argument("target", metavar="FILE|auto")
    p.add_argument("file", metavar="FILE", nargs="?")
    p.add_argument("--count", type=int, help="number of groups for 'auto'")
    p.add_argument("--json", action="store_true")
