"""``idg export json|pdf|xlsx`` and ``idg import workbook``: the assessment as
JSON, as printable reports and as an Excel workbook, and a new assessment
file from such a workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from idg_desktop.atomic import write_atomically
from idg_desktop.cli.common import EXIT_OK, Verbs, open_document, out
from idg_desktop.errors import InvalidInput


def cmd_export_json(args: argparse.Namespace) -> int:
    from idg_desktop.exports.json_export import export_json_text

    with open_document(args.file, read_only=True) as document:
        text = export_json_text(document)
    if args.output:
        write_atomically(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from idg_desktop.reports.export import export_pdf

    with open_document(args.file, read_only=True) as document:
        done = export_pdf(
            document,
            args.report,
            args.output,
            paper=args.paper,
            group=args.group,
            pseudonymise=args.pseudonymise,
            public=args.public,
            reveal_confidential=args.reveal_confidential,
            dark=args.dark,
        )
    pages = f"{done.pages} page{'s' if done.pages != 1 else ''}"
    out(f"Wrote {done.path}: {done.report}, {pages}.")
    return EXIT_OK


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from idg_desktop.exports.sharing import sharing_label
    from idg_desktop.workbook.writer import export_xlsx

    with open_document(args.file, read_only=True) as document:
        counts = export_xlsx(
            document, Path(args.output), public=args.public, pseudonymise=args.pseudonymise
        )
    figures = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
    sharing = sharing_label(args.public, args.pseudonymise)
    kind = f"Version for sharing ({sharing}) written" if sharing else "Workbook written"
    out(f"{kind} to {args.output} and read back: {figures}.")
    return EXIT_OK


def cmd_import_workbook(args: argparse.Namespace) -> int:
    from idg_desktop.exports.json_export import info
    from idg_desktop.workbook.reader import SharingVersion, import_workbook

    try:
        document = import_workbook(Path(args.workbook), Path(args.newfile))
    except SharingVersion as refusal:
        raise InvalidInput(
            f"{refusal.source} is a version for sharing ({refusal.sharing}): it cannot rebuild "
            "the assessment; import a workbook exported without --public or --pseudonymise."
        ) from None
    try:
        facts = info(document)
    finally:
        document.close()
    out(
        f"Created {args.newfile} from {args.workbook}: {facts['title']} "
        f"({facts['participants']} participants, {facts['answers']} answers, "
        f"{facts['findings']} findings, {facts['activities']} activities)."
    )
    return EXIT_OK


def register(verbs: Verbs) -> None:
    from idg_desktop.reports.kinds import REPORTS

    export = verbs.group("export", "Export an assessment.", dest="format", metavar="FORMAT")
    p = export.add("json", cmd_export_json, "The whole assessment as JSON (docs/json-export.md).")
    p.add_argument("-o", "--output", metavar="OUT")

    p = export.add(
        "pdf",
        cmd_export_pdf,
        "A printable report (PDF): assessment, tor, worksheets, action-plan, kpis, matrix, slides.",
    )
    p.add_argument(
        "--report", required=True, choices=REPORTS, metavar="REPORT", help=", ".join(REPORTS)
    )
    p.add_argument("--group", metavar="NAME", help="the working group (worksheets only)")
    p.add_argument("--paper", default="a4", choices=("a4", "letter"), help="a4 (default) or letter")
    p.add_argument(
        "--pseudonymise",
        action="store_true",
        help="name participants by role and initials, in every text",
    )
    p.add_argument(
        "--public",
        action="store_true",
        help="leave out answers, findings and plan parts marked confidential",
    )
    p.add_argument(
        "--reveal-confidential",
        action="store_true",
        help="show confidential answers, findings and plan parts (slides only; "
        "they are left out of the slides by default)",
    )
    p.add_argument("--dark", action="store_true", help="the dark projector theme (slides only)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")

    p = export.add(
        "xlsx",
        cmd_export_xlsx,
        "The whole assessment as an Excel workbook (docs/xlsx-export.md).",
    )
    p.add_argument("-o", "--output", metavar="OUT.xlsx", required=True)
    p.add_argument(
        "--public",
        action="store_true",
        help="leave out answers, findings and plan parts marked confidential "
        "(a version for sharing: it cannot be imported)",
    )
    p.add_argument(
        "--pseudonymise",
        action="store_true",
        help="name participants by role and initials, in every text "
        "(a version for sharing: it cannot be imported)",
    )

    imports = verbs.group(
        "import",
        "Make a new assessment file from an exported file.",
        dest="format",
        metavar="FORMAT",
    )
    p = imports.add(
        "workbook",
        cmd_import_workbook,
        "A new assessment file from a workbook written by 'idg export xlsx'.",
        takes=(),
    )
    p.add_argument("workbook", metavar="IN.xlsx")
    p.add_argument("newfile", metavar="NEWFILE")
