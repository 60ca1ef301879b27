"""The ``idg`` command: a thin layer over the services (see README, "Command line").

Verbs, flags and JSON keys are a contract that tests and batch scripts rely
on. Every refusal is one line on standard error naming the file and the
problem, with exit status 2; the file is left as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from idg_desktop import __version__
from idg_desktop.atomic import write_atomically
from idg_desktop.config import data_dir
from idg_desktop.domain.framework import bundled_framework
from idg_desktop.errors import FileProblem, IdgError, InvalidInput, log_bug
from idg_desktop.exports.json_export import export_json_text, info
from idg_desktop.services import answers, findings, groups, participants
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.services.records import short_id
from idg_desktop.storage.document import AssessmentDocument, current_schema, probe
from idg_desktop.storage.recovery import recovered_sentence

EXIT_OK = 0
EXIT_ATTENTION = 1  # `check`: usable, but needs an upgrade
EXIT_REFUSED = 2
EXIT_CONFLICTS = 3  # `package import`: merged, with conflicts left to resolve
EXIT_BUG = 4


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, like every other refusal."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_REFUSED, f"idg: {message} (see 'idg {self._verb()} --help').\n")

    def _verb(self) -> str:
        parts = self.prog.split()
        return " ".join(parts[1:]) if len(parts) > 1 else ""


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _dump(data: object) -> None:
    _out(json.dumps(data, ensure_ascii=False, indent=1))


def _open(path: str, *, read_only: bool = False) -> AssessmentDocument:
    document = AssessmentDocument.open(Path(path), read_only=read_only)
    if document.recovered:  # a file left mid-write: say it was made whole, then go on
        sys.stderr.write(f"idg: {recovered_sentence(Path(path))}\n")
    return document


# -- verbs ----------------------------------------------------------------------


def cmd_framework(args: argparse.Namespace) -> int:
    framework = bundled_framework()
    if args.json:
        _dump(
            {
                "id": framework.id,
                "version": framework.version,
                "title": framework.title,
                "sections": [
                    {
                        "code": s.code,
                        "title": s.title,
                        "subareas": [
                            {
                                "label": sub.label,
                                "title": sub.title,
                                "questions": [
                                    {"number": q.number, "text": q.text}
                                    | ({"part": q.part} if q.part else {})
                                    for q in sub.questions
                                ],
                            }
                            for sub in s.subareas
                        ],
                    }
                    for s in framework.sections
                ],
            }
        )
        return EXIT_OK
    _out(f"{framework.title} (framework {framework.id}, version {framework.version})")
    for s in framework.sections:
        _out(f"{s.code}  {s.title}: {len(s.questions)} questions in {len(s.subareas)} sub-areas")
    total = sum(len(s.questions) for s in framework.sections)
    _out(f"{len(framework.sections)} sections, {total} questions.")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    scope = Scope(
        title=args.title,
        administration=args.administration,
        mode=args.mode,
        sections=args.sections,
    )
    document = create_assessment(Path(args.file), scope)
    try:
        _out(f"Created {args.file}: {info(document)['title']}.")
    finally:
        document.close()
    return EXIT_OK


def _summary(document: AssessmentDocument) -> None:
    facts = info(document)
    _out(f"{facts['title']}")
    _out(f"  Administration: {facts['administration']}  (mode: {facts['mode']})")
    _out(f"  File: {facts['file']}  (schema {facts['schema_version']})")
    _out(
        f"  {facts['participants']} participants, {facts['groups']} working groups, "
        f"{facts['sections_in_scope']} sections in scope"
    )
    _out(
        f"  {facts['answers']} of {facts['questions']} questions answered, "
        f"{facts['rated']} rated; {facts['findings']} findings; "
        f"{facts['activities']} activities"
    )
    _out(f"  {facts['documents']} background documents, {facts['sessions']} workshop sessions")
    if facts["outcomes"] or facts["kpis"]:
        count = facts["endorsements"]
        adopted = f"{count} endorsement{'s' if count != 1 else ''}" if count else "not adopted"
        _out(
            f"  Action plan: {facts['outcomes']} outcomes, {facts['outputs']} outputs, "
            f"{facts['kpis']} KPIs ({facts['kpis_complete']} sheets complete); {adopted}"
        )


def cmd_info(args: argparse.Namespace) -> int:
    with _open(args.file, read_only=True) as document:
        if args.json:
            _dump(info(document))
        else:
            _summary(document)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    facts = probe(Path(args.file), full_check=True)
    _out(f"{args.file}: an IDG assessment file.")
    if facts.recovered:
        _out(recovered_sentence(Path(args.file)))
    if not facts.intact:
        raise FileProblem(f"{args.file} is damaged: {facts.problems[0]}.")
    _out(f"{args.file}: intact (SQLite integrity check passed).")
    if facts.current:
        _out(f"{args.file}: schema {facts.schema_version}, current.")
        return EXIT_OK
    _out(
        f"{args.file}: schema {facts.schema_version}, older than {current_schema()}; it will be "
        "upgraded (after a backup copy) when opened for editing."
    )
    return EXIT_ATTENTION


def cmd_demo(args: argparse.Namespace) -> int:
    from idg_desktop.services.demo import build_demo, fresh_demo_path

    path = Path(args.file) if args.file else fresh_demo_path(data_dir())
    document = build_demo(path)
    try:
        _out(f"Demo workshop written to {path}")
        _summary(document)
    finally:
        document.close()
    return EXIT_OK


def cmd_participant_add(args: argparse.Namespace) -> int:
    with _open(args.file) as document:
        person = participants.add_participant(
            document,
            participants.ParticipantData(
                name=args.name,
                unit=args.unit or "",
                expertise=args.expertise or "",
                external=args.external,
                stakeholder=args.stakeholder,
                gender=args.gender,
                role=args.role,
                email=args.email or "",
            ),
        )
        _out(short_id(person.id))
    return EXIT_OK


def cmd_participants(args: argparse.Namespace) -> int:
    with _open(args.file, read_only=True) as document:
        people = participants.list_participants(document)
        if args.json:
            _dump(
                [
                    {
                        "id": p.id,
                        "name": p.name,
                        "unit": p.unit,
                        "expertise": p.expertise,
                        "external": p.external,
                        "stakeholder": p.stakeholder,
                        "gender": p.gender,
                        "role": p.role,
                    }
                    for p in people
                ]
            )
        else:
            for p in people:
                where = "external" if p.external else "internal"
                _out(f"{short_id(p.id)}  {p.name}  ({p.role}, {p.unit or '-'}, {where})")
    return EXIT_OK


def _split(text: str | None, separator: str) -> list[str]:
    return [item.strip() for item in (text or "").split(separator) if item.strip()]


def cmd_group_add(args: argparse.Namespace) -> int:
    with _open(args.file) as document:
        group = groups.add_group(
            document,
            args.name,
            _split(args.sections, ","),
            _split(args.members, ";"),
            rapporteur=args.rapporteur,
        )
        _out(short_id(group.id))
    return EXIT_OK


def _groups_json(document: AssessmentDocument) -> list[dict]:
    people = {p.id: p for p in participants.list_participants(document)}
    result = []
    for group in groups.list_groups(document):
        members = groups.group_members(document, group)
        rapporteur = people.get(group.rapporteur_id or "")
        result.append(
            {
                "id": group.id,
                "name": group.name,
                "sections": groups.group_sections(document, group),
                "members": [{"id": p.id, "name": p.name} for p in members],
                "rapporteur": (
                    {"id": rapporteur.id, "name": rapporteur.name} if rapporteur else None
                ),
            }
        )
    return result


def _print_groups(document: AssessmentDocument) -> None:
    for group in _groups_json(document):
        rapporteur = group["rapporteur"]["name"] if group["rapporteur"] else "no rapporteur"
        _out(f"{short_id(group['id'])}  {group['name']}  [{', '.join(group['sections'])}]")
        _out(f"    rapporteur: {rapporteur}")
        _out(f"    members: {', '.join(m['name'] for m in group['members']) or '-'}")
    for warning in groups.balance_warnings(document):
        _out(f"warning: {warning.sentence()}")


def cmd_groups(args: argparse.Namespace) -> int:
    # `idg groups FILE` lists; `idg groups auto FILE --count N` allocates.
    if args.target == "auto" and args.file:
        if args.count is None:
            raise InvalidInput("'idg groups auto' needs --count N.")
        with _open(args.file) as document:
            allocation = groups.auto_allocate(document, args.count)
            if args.json:
                _dump(_groups_json(document))
            else:
                _print_groups(document)
                _out("why each person went where:")
                for placement in allocation.placements:
                    _out(f"    {placement.person} -> {placement.group or '-'}: {placement.reason}")
        return EXIT_OK
    if args.file:
        raise InvalidInput(f"Unknown groups command '{args.target}': use 'idg groups auto FILE'.")
    with _open(args.target, read_only=True) as document:
        if args.json:
            _dump(_groups_json(document))
        else:
            _print_groups(document)
    return EXIT_OK


def cmd_answer(args: argparse.Namespace) -> int:
    changes: dict[str, object] = {}
    if args.text is not None:
        changes["text"] = args.text
    if args.rating is not None:
        changes["rating"] = args.rating
    if args.evidence is not None:
        changes["evidence"] = args.evidence
    for flag in ("marked_for_review", "reviewed", "confidential"):
        if getattr(args, flag) is not None:
            changes[flag] = getattr(args, flag)
    ladder = {k: getattr(args, k) for k in ("exists", "applied", "effective")}
    ladder = {k: v != "no" if k != "effective" else v for k, v in ladder.items() if v}
    with _open(args.file) as document:
        if args.group:
            changes["group_id"] = groups.find_group(document, args.group).id
        if ladder:  # Figure 5's answers give the rating, as in the window
            changes.pop("rating", None)
            changes["evaluation"] = answers.ladder_change(
                document, args.question, rating=args.rating, **ladder
            )
        answer = answers.save_answer(document, args.question, **changes)  # type: ignore[arg-type]
        _out(f"{answer.question_id}: {answer.rating}")
    return EXIT_OK


def cmd_finding_add(args: argparse.Namespace) -> int:
    with _open(args.file) as document:
        group_id = groups.find_group(document, args.group).id if args.group else None
        finding = findings.add_finding(
            document,
            section=args.section,
            kind=args.kind,
            text=args.text,
            questions=_split(args.questions, ","),
            proposed_action=args.action or "",
            status=args.status,
            confidential=args.confidential,
            group_id=group_id,
        )
        _out(short_id(finding.id))
    return EXIT_OK


def cmd_findings(args: argparse.Namespace) -> int:
    with _open(args.file, read_only=True) as document:
        items = findings.list_findings(document, args.section)
        if args.json:
            _dump(
                [
                    {
                        "id": f.id,
                        "section": f.section_code,
                        "kind": f.kind,
                        "status": f.status,
                        "text": f.text,
                        "proposed_action": f.proposed_action,
                        "questions": [q.question_id for q in f.questions],
                        "confidential": f.confidential,
                    }
                    for f in items
                ]
            )
        else:
            for f in items:
                _out(f"{short_id(f.id)}  {f.section_code}  {f.kind:<14} {f.status:<9} {f.text}")
    return EXIT_OK


def cmd_activity_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.activities import add_activity

    if args.from_agreed_findings:
        return _activities_from_agreed(args)
    missing = [flag for flag in ("title", "section") if not getattr(args, flag)]
    if missing:
        raise InvalidInput(
            f"activity add needs --{' and --'.join(missing)} "
            "(or --from-agreed-findings for one activity per agreed finding)."
        )
    with _open(args.file) as document:
        activity = add_activity(
            document,
            title=args.title,
            section=args.section,
            findings=args.finding or [],
            confidential=args.confidential,
        )
        _out(short_id(activity.id))
    return EXIT_OK


def _activities_from_agreed(args: argparse.Namespace) -> int:
    """One activity per agreed or amended finding without one; prints each new id."""
    from idg_desktop.services.activities import add_activities_from_agreed_findings

    for flag, given in (("--title", args.title), ("--finding", args.finding)):
        if given is not None:
            raise InvalidInput(
                f"--from-agreed-findings takes each title and finding from the findings: "
                f"leave out {flag}."
            )
    with _open(args.file) as document:
        created = add_activities_from_agreed_findings(
            document, section=args.section, confidential=args.confidential
        )
        for activity in created:
            _out(short_id(activity.id))
    return EXIT_OK


def cmd_activity_rate(args: argparse.Namespace) -> int:
    from idg_desktop.services.activities import band_of, parse_ratings, rate_activity

    ratings = parse_ratings(args.ratings)
    with _open(args.file) as document:
        activity = rate_activity(document, args.id, ratings)
        _out(f"{short_id(activity.id)}: priority {band_of(activity)}")
    return EXIT_OK


def cmd_activities(args: argparse.Namespace) -> int:
    from idg_desktop.exports.json_export import _activity
    from idg_desktop.services.activities import list_activities

    with _open(args.file, read_only=True) as document:
        items = [_activity(a) for a in list_activities(document)]
    if args.json:
        _dump(items)
        return EXIT_OK
    for item in items:
        _out(
            f"{short_id(item['id'])}  {item['section']}  {item['priority']['band']:<8} "
            f"{item['title']}"
        )
    return EXIT_OK


def cmd_matrix(args: argparse.Namespace) -> int:
    from idg_desktop.services.activities import priority_matrix

    with _open(args.file, read_only=True) as document:
        cells, unplaced = priority_matrix(document, args.x, args.y)
    if args.json:
        _dump(
            {
                "x": args.x,
                "y": args.y,
                "cells": [
                    {
                        args.x: c.x,
                        args.y: c.y,
                        "activities": list(c.activities),
                        "quick_results": c.quick_results,
                        "entries": [
                            {"id": e.id, "quick_result": e.quick_result} for e in c.entries
                        ],
                    }
                    for c in cells
                ],
                "unplaced": unplaced,
            }
        )
        return EXIT_OK
    for cell in cells:
        mark = " (the quick-results cell)" if cell.quick_results else ""
        ids = (
            ", ".join(
                short_id(e.id) + (" (quick result)" if e.quick_result else "") for e in cell.entries
            )
            or "-"
        )
        across = f"{cell.x}{mark}" if mark else f"{cell.x:<6}"
        _out(f"{args.y} {cell.y:<6} / {args.x} {across}: {ids}")
    if unplaced:
        _out(f"not placed (a criterion unrated): {', '.join(short_id(i) for i in unplaced)}")
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace) -> int:
    with _open(args.file, read_only=True) as document:
        text = export_json_text(document)
    if args.output:
        write_atomically(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _passphrase(args: argparse.Namespace) -> str | None:
    """Read from the named environment variable, never from the command line."""
    name = getattr(args, "passphrase_env", None)
    if not name:
        return None
    value = os.environ.get(name)
    if not value:
        raise InvalidInput(f"The environment variable {name} holding the passphrase is not set.")
    return value


def cmd_package_export(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.packages import export_package

    passphrase = _passphrase(args)
    with _open(args.file, read_only=True) as document:
        payload = export_package(document, args.group, Path(args.output), passphrase)
    protected = " (protected)" if passphrase else ""
    _out(
        f"Package for {payload['group']['name']} written to {args.output}{protected}: "
        f"sections {', '.join(payload['group']['sections'])}."
    )
    return EXIT_OK


def cmd_package_open(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.packages import open_package

    document = open_package(Path(args.package), Path(args.workfile), _passphrase(args))
    try:
        _out(f"Working copy written to {document.path}.")
    finally:
        document.close()
    return EXIT_OK


def cmd_package_return(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.packages import return_package
    from idg_desktop.exchange.working_copies import remove_working_copy

    passphrase = _passphrase(args)
    # Removing the copy afterwards: hold its lock meanwhile (refused if it is open).
    with _open(args.workfile, read_only=not args.remove_working_copy) as document:
        payload = return_package(
            document, Path(args.output), passphrase, unprotected=args.unprotected
        )
    records = payload["records"]
    protected = " (protected)" if passphrase else ""
    _out(
        f"Returned {len(records['answers'])} answers and {len(records['findings'])} findings "
        f"of {payload['group']['name']} to {args.output}{protected}."
    )
    if args.remove_working_copy:  # only now: the package was written and read back
        remove_working_copy(Path(args.workfile))
        _out(f"Working copy {args.workfile} deleted.")
    return EXIT_OK


def cmd_package_import(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.merge import import_package, open_conflict_count

    passphrase = _passphrase(args)
    with _open(args.file) as document:
        result = import_package(document, Path(args.package), passphrase)
        return _merge_outcome(args.file, args.package, result, open_conflict_count(document))


def _merge_outcome(file: str, source: str, result, remaining: int) -> int:
    """What `package import` and `template import` print, and their exit status."""
    if result.outcome == "already-imported":
        _out(f"{source} was already imported: nothing changed.")
    else:
        _out(
            f"Merged {source}: {len(result.taken)} records taken, "
            f"{len(result.added)} added, {len(result.conflicts)} new conflicts."
        )
    if remaining:
        _out(f"{remaining} conflicts are open: see 'idg conflicts {file}'.")
        return EXIT_CONFLICTS
    return EXIT_OK


def cmd_template_export(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.workbook import export_template

    with _open(args.file, read_only=True) as document:
        payload = export_template(document, args.group, Path(args.output))
    _out(
        f"Fill-in workbook for {payload['group']['name']} written to {args.output}: "
        f"sections {', '.join(payload['group']['sections'])}."
    )
    return EXIT_OK


def cmd_template_import(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.merge import open_conflict_count
    from idg_desktop.exchange.workbook import import_template

    with _open(args.file) as document:
        result = import_template(document, Path(args.workbook))
        return _merge_outcome(args.file, args.workbook, result, open_conflict_count(document))


def cmd_conflicts(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.merge import differing_fields, list_conflicts

    with _open(args.file, read_only=True) as document:
        conflicts = list_conflicts(document)
    if args.json:
        _dump(conflicts)
        return EXIT_OK
    for conflict in conflicts:
        _out(f"{short_id(conflict['id'])}  {conflict['record_type']} {conflict['record']}")
        _out(f"    differs in: {', '.join(differing_fields(conflict['versions']))}")
        for version in conflict["versions"]:
            content = version["content"]
            summary = content.get("text", "")
            rating = f" [{content['rating']}]" if content.get("rating") else ""
            _out(f"    {version['origin']}{rating}: {summary}")
    if not conflicts:
        _out("No open conflicts.")
    return EXIT_OK


def cmd_conflict_resolve(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.merge import resolve_conflict

    fields: dict[str, str] = {}
    for item in args.field_choices or []:
        name, sep, origin = item.partition("=")
        if not sep or not name.strip() or not origin.strip():
            raise InvalidInput(f"--field takes NAME=ORIGIN (e.g. rating=master), not '{item}'.")
        if name.strip().lower() in fields:
            raise InvalidInput(f"--field {name.strip()} is given twice.")
        fields[name.strip().lower()] = origin
    with _open(args.file) as document:
        conflict = resolve_conflict(
            document, args.id, take=args.take, text=args.text, fields=fields
        )
        _out(
            f"Conflict {short_id(conflict.id)} on {conflict.record_key} resolved "
            f"({conflict.resolution})."
        )
    return EXIT_OK


# -- the parser -------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="idg",
        description="IDG Workshop: integrity assessments following the WCO Integrity "
        "Development Guide, from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"IDG Workshop {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    verbs.required = True

    def verb(name: str, handler: Callable[[argparse.Namespace], int], help_text: str, **kw):
        sub = verbs.add_parser(name, help=help_text, description=help_text, **kw)
        sub.set_defaults(handler=handler)
        return sub

    p = verb("framework", cmd_framework, "Show the bundled IDG framework (Annex 3 checklist).")
    p.add_argument("--json", action="store_true", help="print it as JSON")

    p = verb("new", cmd_new, "Create a new assessment file.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", required=True)
    p.add_argument("--administration", required=True)
    p.add_argument("--mode", default="in-country", help="in-country, remote or self")
    p.add_argument("--sections", help="section codes, e.g. LC,RF (default: all)")

    p = verb("info", cmd_info, "Summarise an assessment file.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")

    p = verb("check", cmd_check, "Check that a file is an intact assessment of the current schema.")
    p.add_argument("file", metavar="FILE")

    p = verb("demo", cmd_demo, "Write the demo workshop (a fictional administration).")
    p.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="where to write it (default: a new copy in the user's data folder)",
    )

    participant = verb("participant", None, "Manage participants.")  # type: ignore[arg-type]
    pverbs = participant.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    pverbs.required = True
    p = pverbs.add_parser("add", help="Add a participant; prints the new id.")
    p.set_defaults(handler=cmd_participant_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--name", required=True)
    p.add_argument("--unit")
    p.add_argument("--expertise", help="area of expertise")
    p.add_argument("--gender", default="undisclosed", help="female, male, other or undisclosed")
    p.add_argument("--role", default="contributor")
    p.add_argument("--stakeholder", default="customs")
    p.add_argument("--email")
    p.add_argument("--external", action="store_true", help="an external contributor")

    p = verb("participants", cmd_participants, "List participants.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")

    group = verb("group", None, "Manage working groups.")  # type: ignore[arg-type]
    gverbs = group.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    gverbs.required = True
    p = gverbs.add_parser("add", help="Add a working group; prints the new id.")
    p.set_defaults(handler=cmd_group_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--sections", required=True, help="section codes, e.g. LC,RF")
    p.add_argument("--members", help='participants by name or id, e.g. "Name;Name"')
    p.add_argument("--rapporteur", help="the group's rapporteur, by name or id")

    p = verb(
        "groups",
        cmd_groups,
        "List working groups (idg groups FILE) or allocate automatically "
        "(idg groups auto FILE --count N).",
    )
    p.add_argument("target", metavar="FILE|auto")
    p.add_argument("file", metavar="FILE", nargs="?")
    p.add_argument("--count", type=int, help="number of groups for 'auto'")
    p.add_argument("--json", action="store_true")

    p = verb("answer", cmd_answer, "Write or change the answer to a checklist question.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("question", metavar="QID", help="question id, e.g. TR-20")
    p.add_argument("--text")
    p.add_argument(
        "--rating",
        help="absent, not-applied, not-effective, partially-effective, "
        "effective, not-applicable or not-assessed",
    )
    for flag, choices, question in (
        ("exists", ("yes", "no"), "is there a measure?"),
        ("applied", ("yes", "no"), "is it applied in practice?"),
        ("effective", ("yes", "partly", "no"), "is it effective?"),
    ):
        p.add_argument(f"--{flag}", choices=choices, help=f"Figure 5: {question}")
    p.add_argument("--evidence")
    p.add_argument("--group", help="the working group answering, by name or id")
    for flag, dest in (
        ("review", "marked_for_review"),
        ("reviewed", "reviewed"),
        ("confidential", "confidential"),
    ):
        p.add_argument(f"--{flag}", dest=dest, action="store_true", default=None)
        p.add_argument(f"--no-{flag}", dest=dest, action="store_false")

    finding = verb("finding", None, "Manage findings.")  # type: ignore[arg-type]
    fverbs = finding.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    fverbs.required = True
    p = fverbs.add_parser("add", help="Add a finding; prints the new id.")
    p.set_defaults(handler=cmd_finding_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--section", required=True)
    p.add_argument("--kind", required=True, help="strength, weakness or recommendation")
    p.add_argument("--text", required=True)
    p.add_argument("--questions", help="question ids, e.g. LC-1,LC-2")
    p.add_argument("--action", help="the proposed action")
    p.add_argument("--status", default="proposed")
    p.add_argument("--group", help="the working group, by name or id")
    p.add_argument("--confidential", action="store_true")

    from idg_desktop import cli_records

    cli_records.register(verbs, verb, _Parser, fverbs)
    from idg_desktop import cli_steps

    cli_steps.register(verb, _Parser)
    p = verb("findings", cmd_findings, "List findings.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--section")
    p.add_argument("--json", action="store_true")

    package = verb("package", None, "Group packages: export, export-all, open, return, import.")  # type: ignore[arg-type]
    kverbs = package.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    kverbs.required = True

    def passphrase_flag(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--passphrase-env",
            metavar="VAR",
            help="protect/open with the passphrase held in environment variable VAR",
        )

    p = kverbs.add_parser("export", help="Write a group's package from the master.")
    p.set_defaults(handler=cmd_package_export)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--group", required=True, help="the working group, by name or id")
    p.add_argument("-o", "--output", required=True, metavar="PKG")
    passphrase_flag(p)
    p = kverbs.add_parser("open", help="Unpack a package into a group working copy.")
    p.set_defaults(handler=cmd_package_open)
    p.add_argument("package", metavar="PKG")
    p.add_argument("workfile", metavar="WORKFILE")
    passphrase_flag(p)
    p = kverbs.add_parser("return", help="Write the group's work back as a package.")
    p.set_defaults(handler=cmd_package_return)
    p.add_argument("workfile", metavar="WORKFILE")
    p.add_argument("-o", "--output", required=True, metavar="PKG")
    passphrase_flag(p)
    p.add_argument(
        "--unprotected",
        action="store_true",
        help="return a copy of a protected package without protection (in clear)",
    )
    p.add_argument(
        "--remove-working-copy",
        action="store_true",
        help="delete the working copy once the package is written and read back",
    )
    p = kverbs.add_parser(
        "import", help="Merge a returned package into the master (exit 3: conflicts open)."
    )
    p.set_defaults(handler=cmd_package_import)
    p.add_argument("file", metavar="FILE")
    p.add_argument("package", metavar="PKG")
    passphrase_flag(p)
    from idg_desktop import cli_packages

    cli_packages.register(kverbs, _Parser)

    template = verb("template", None, "Fill-in workbooks (.xlsx): export, import.")  # type: ignore[arg-type]
    tverbs = template.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    tverbs.required = True
    p = tverbs.add_parser("export", help="Write a group's fill-in workbook from the master.")
    p.set_defaults(handler=cmd_template_export)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--group", required=True, help="the working group, by name or id")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    p = tverbs.add_parser(
        "import", help="Merge a filled workbook into the master (exit 3: conflicts open)."
    )
    p.set_defaults(handler=cmd_template_import)
    p.add_argument("file", metavar="FILE")
    p.add_argument("workbook", metavar="IN.xlsx")

    p = verb("conflicts", cmd_conflicts, "List the open conflicts of a merge.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    conflict = verb("conflict", None, "Resolve a conflict.")  # type: ignore[arg-type]
    cverbs = conflict.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    cverbs.required = True
    p = cverbs.add_parser(
        "resolve",
        help="Keep one version, or choose each differing field (or a consolidated text).",
    )
    p.set_defaults(handler=cmd_conflict_resolve)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--take", metavar="ORIGIN", help="every field from one version")
    choice.add_argument("--text", metavar="T", help="a consolidated text")
    p.add_argument(
        "--field",
        dest="field_choices",
        action="append",
        metavar="NAME=ORIGIN",
        help="take one field from one version ('master' or the group's name); repeatable",
    )

    activity = verb("activity", None, "Activities of the action plan.")  # type: ignore[arg-type]
    averbs = activity.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    averbs.required = True
    p = averbs.add_parser("add", help="Add an activity; prints the new id.")
    p.set_defaults(handler=cmd_activity_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title")
    p.add_argument(
        "--section", help="its section (with --from-agreed-findings: only that section's)"
    )
    p.add_argument(
        "--finding",
        action="append",
        metavar="ID",
        help="an agreed finding the activity answers (repeatable)",
    )
    p.add_argument(
        "--from-agreed-findings",
        action="store_true",
        help="one activity per agreed or amended finding that has none yet, titled from "
        "its proposed action; prints each new id (again adds nothing)",
    )
    p.add_argument("--confidential", action="store_true", help="left out of public versions")
    p = averbs.add_parser("rate", help="Rate an activity: criterion=level ...")
    p.set_defaults(handler=cmd_activity_rate)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument(
        "ratings",
        nargs="+",
        metavar="CRITERION=LEVEL",
        help="importance, urgency, consequence, commitment, impact, obligations, "
        "ease, cost = low, medium or high",
    )
    from idg_desktop import cli_plan

    cli_plan.register(verbs, verb, _Parser, averbs)
    p = verb("activities", cmd_activities, "List activities with their priority.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p = verb("matrix", cmd_matrix, "The priority matrix: nine cells of activities.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--x", default="ease", metavar="CRITERION")
    p.add_argument("--y", default="impact", metavar="CRITERION")
    p.add_argument("--json", action="store_true")

    export = verb("export", None, "Export an assessment.")  # type: ignore[arg-type]
    everbs = export.add_subparsers(dest="format", metavar="FORMAT", parser_class=_Parser)
    everbs.required = True
    p = everbs.add_parser("json", help="The whole assessment as JSON (docs/json-export.md).")
    p.set_defaults(handler=cmd_export_json)
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT")
    from idg_desktop import cli_pdf, cli_xlsx

    cli_pdf.register(everbs)
    cli_xlsx.register(everbs, verb, _Parser)
    return parser


def _report_bug(error: BaseException) -> None:
    """An unexpected error: one line for the user, details in a log file."""
    log = log_bug(error)
    where = f"; details are in {log}" if log else ""
    sys.stderr.write(f"idg: internal error ({type(error).__name__}: {error}){where}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # FIELD=VALUE pairs may come after options (``activity plan F ID --output O due=Q1``).
        if isinstance(getattr(args, "fields", None), list) and all(
            "=" in item and not item.startswith("-") for item in extra
        ):
            args.fields += extra
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return args.handler(args)
    except IdgError as error:
        message = str(error)
        file = getattr(args, "file", None) or getattr(args, "target", None)
        if file and not isinstance(error, FileProblem) and str(file) not in message:
            message = f"{file}: {message}"
        sys.stderr.write(f"idg: {message}\n")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        sys.stderr.write("idg: interrupted.\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        _report_bug(error)
        return EXIT_BUG


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
