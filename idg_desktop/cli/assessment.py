"""``idg framework``, ``new``, ``info``, ``check`` and ``demo``: the bundled
framework, and an assessment file as a whole."""

from __future__ import annotations

import argparse
from pathlib import Path

from idg_desktop.cli.common import EXIT_ATTENTION, EXIT_OK, Verbs, dump, out, show
from idg_desktop.config import data_dir
from idg_desktop.domain.framework import bundled_framework
from idg_desktop.errors import FileProblem
from idg_desktop.exports.json_export import info
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.storage.document import AssessmentDocument, current_schema, probe
from idg_desktop.storage.recovery import recovered_sentence


def cmd_framework(args: argparse.Namespace) -> int:
    framework = bundled_framework()
    if args.json:
        dump(
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
    out(f"{framework.title} (framework {framework.id}, version {framework.version})")
    for s in framework.sections:
        out(f"{s.code}  {s.title}: {len(s.questions)} questions in {len(s.subareas)} sub-areas")
    total = sum(len(s.questions) for s in framework.sections)
    out(f"{len(framework.sections)} sections, {total} questions.")
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
        out(f"Created {args.file}: {info(document)['title']}.")
    finally:
        document.close()
    return EXIT_OK


def _summary(document: AssessmentDocument) -> None:
    facts = info(document)
    out(f"{facts['title']}")
    out(f"  Administration: {facts['administration']}  (mode: {facts['mode']})")
    out(f"  File: {facts['file']}  (schema {facts['schema_version']})")
    out(
        f"  {facts['participants']} participants, {facts['groups']} working groups, "
        f"{facts['sections_in_scope']} sections in scope"
    )
    out(
        f"  {facts['answers']} of {facts['questions']} questions answered, "
        f"{facts['rated']} rated; {facts['findings']} findings; "
        f"{facts['activities']} activities"
    )
    out(f"  {facts['documents']} background documents, {facts['sessions']} workshop sessions")
    if facts["outcomes"] or facts["kpis"]:
        count = facts["endorsements"]
        adopted = f"{count} endorsement{'s' if count != 1 else ''}" if count else "not adopted"
        out(
            f"  Action plan: {facts['outcomes']} outcomes, {facts['outputs']} outputs, "
            f"{facts['kpis']} KPIs ({facts['kpis_complete']} sheets complete); {adopted}"
        )


def cmd_info(args: argparse.Namespace) -> int:
    return show(args.file, args.json, info, _summary)


def cmd_check(args: argparse.Namespace) -> int:
    facts = probe(Path(args.file), full_check=True)
    out(f"{args.file}: an IDG assessment file.")
    if facts.recovered:
        out(recovered_sentence(Path(args.file)))
    if not facts.intact:
        raise FileProblem(f"{args.file} is damaged: {facts.problems[0]}.")
    out(f"{args.file}: intact (SQLite integrity check passed).")
    if facts.current:
        out(f"{args.file}: schema {facts.schema_version}, current.")
        return EXIT_OK
    out(
        f"{args.file}: schema {facts.schema_version}, older than {current_schema()}; it will be "
        "upgraded (after a backup copy) when opened for editing."
    )
    return EXIT_ATTENTION


def cmd_demo(args: argparse.Namespace) -> int:
    from idg_desktop.services.demo import build_demo, fresh_demo_path

    path = Path(args.file) if args.file else fresh_demo_path(data_dir())
    document = build_demo(path)
    try:
        out(f"Demo workshop written to {path}")
        _summary(document)
    finally:
        document.close()
    return EXIT_OK


def register(verbs: Verbs) -> None:
    p = verbs.verb(
        "framework", cmd_framework, "Show the bundled IDG framework (Annex 3 checklist).", takes=()
    )
    p.add_argument("--json", action="store_true", help="print it as JSON")

    p = verbs.verb("new", cmd_new, "Create a new assessment file.")
    p.add_argument("--title", required=True)
    p.add_argument("--administration", required=True)
    p.add_argument("--mode", default="in-country", help="in-country, remote or self")
    p.add_argument("--sections", help="section codes, e.g. LC,RF (default: all)")

    verbs.listing("info", cmd_info, "Summarise an assessment file.")

    verbs.verb(
        "check",
        cmd_check,
        "Check that a file is an intact assessment of the current schema.",
    )

    p = verbs.verb(
        "demo", cmd_demo, "Write the demo workshop (a fictional administration).", takes=()
    )
    p.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="where to write it (default: a new copy in the user's data folder)",
    )
