"""``idg finding add|set|merge`` and ``idg findings``: the findings of the
working groups, and the plenary's decisions on them."""

from __future__ import annotations

import argparse

from idg_desktop.cli.common import (
    EXIT_OK,
    Verbs,
    flags,
    open_document,
    out,
    print_changed,
    print_listing,
    print_new_id,
    short_id,
    split,
)
from idg_desktop.domain import records
from idg_desktop.errors import InvalidInput
from idg_desktop.exports.wire import LISTING, write_all
from idg_desktop.services import findings, groups
from idg_desktop.storage.document import AssessmentDocument


def cmd_finding_add(args: argparse.Namespace) -> int:
    def add(document: AssessmentDocument) -> records.Finding:
        group_id = groups.find_group(document, args.group).id if args.group else None
        return findings.add_finding(
            document,
            questions=split(args.questions, ","),
            group_id=group_id,
            **flags(args, "section", "kind", "text", "proposed_action", "status", "confidential"),
        )

    return print_new_id(args.file, add)


def cmd_findings(args: argparse.Namespace) -> int:
    with open_document(args.file, read_only=True) as document:
        items = findings.list_findings(document, args.section)
    lines = (
        f"{short_id(f.id)}  {f.section_code}  {f.kind:<14} {f.status:<9} {f.text}" for f in items
    )
    return print_listing(args.json, write_all(LISTING["findings"], items), lines)


def cmd_finding_set(args: argparse.Namespace) -> int:
    """The plenary's decision (--status, --text), and the finding's section and
    working group (--section, --group; --group "" for the master's own), all
    written at once or not at all."""
    if args.status is None and args.section is None and args.group is None:
        raise InvalidInput("Nothing to set: give --status, --section or --group.")
    if args.text is not None and args.status is None:
        raise InvalidInput("--text is the amended text: give it with --status amended.")
    moves = {"section": args.section, "group": args.group}
    moves = {name: value for name, value in moves.items() if value is not None}
    with open_document(args.file) as document:
        if args.status is not None:
            finding = findings.decide_finding(document, args.id, args.status, args.text, **moves)
        else:
            finding = findings.update_finding(document, args.id, **moves)
        said = f"{short_id(finding.id)}: {finding.status}"
        if moves:
            names = {g.id: g.name for g in groups.list_groups(document)}
            group = names.get(finding.group_id or "", "master")
            said += f" (section {finding.section_code}, group {group})"
        out(said)
    return EXIT_OK


def cmd_finding_merge(args: argparse.Namespace) -> int:
    return print_changed(
        args.file,
        lambda document: findings.merge_finding(document, args.id, args.into),
        lambda finding: f"merged into {short_id(finding.merged_into_id or '')}",
    )


def register(verbs: Verbs) -> None:
    finding = verbs.group("finding", "Manage findings.")
    p = finding.add("add", cmd_finding_add, "Add a finding; prints the new id.")
    p.add_argument("--section", required=True)
    p.add_argument("--kind", required=True, help="strength, weakness or recommendation")
    p.add_argument("--text", required=True)
    p.add_argument("--questions", help="question ids, e.g. LC-1,LC-2")
    p.add_argument(
        "--action", metavar="ACTION", dest="proposed_action", default="", help="the proposed action"
    )
    p.add_argument("--status", default="proposed")
    p.add_argument("--group", help="the working group, by name or id")
    p.add_argument("--confidential", action="store_true")

    p = finding.add(
        "set",
        cmd_finding_set,
        "Record the plenary's decision on a finding, or change its section or group.",
        takes=("file", "id"),
    )
    p.add_argument("--status", choices=findings.DECISIONS)
    p.add_argument("--text", metavar="T", help="the amended text (needed with amended)")
    p.add_argument("--section", metavar="CODE", help="move the finding to this section")
    p.add_argument("--group", metavar="NAME", help='its working group ("" for the master\'s)')
    p = finding.add(
        "merge", cmd_finding_merge, "Mark a finding a duplicate of another.", takes=("file", "id")
    )
    p.add_argument("--into", required=True, metavar="ID")

    p = verbs.verb("findings", cmd_findings, "List findings.")
    p.add_argument("--section")
    p.add_argument("--json", action="store_true")
