"""``idg export xlsx`` and ``idg import workbook``: the whole assessment as an
Excel workbook, and a new assessment file from such a workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from idg_desktop.cli import EXIT_OK, _open, _out


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from idg_desktop.exports.sharing import sharing_label
    from idg_desktop.exports.xlsx_export import export_xlsx

    with _open(args.file, read_only=True) as document:
        counts = export_xlsx(
            document, Path(args.output), public=args.public, pseudonymise=args.pseudonymise
        )
    figures = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
    sharing = sharing_label(args.public, args.pseudonymise)
    kind = f"Version for sharing ({sharing}) written" if sharing else "Workbook written"
    _out(f"{kind} to {args.output} and read back: {figures}.")
    return EXIT_OK


def cmd_import_workbook(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.full_workbook import import_workbook
    from idg_desktop.exports.json_export import info

    document = import_workbook(Path(args.workbook), Path(args.newfile))
    try:
        facts = info(document)
    finally:
        document.close()
    _out(
        f"Created {args.newfile} from {args.workbook}: {facts['title']} "
        f"({facts['participants']} participants, {facts['answers']} answers, "
        f"{facts['findings']} findings, {facts['activities']} activities)."
    )
    return EXIT_OK


def register(export_verbs, verb, parser_class) -> None:
    """Add ``xlsx`` to ``idg export`` and the ``import`` verb."""
    p = export_verbs.add_parser(
        "xlsx",
        help="The whole assessment as an Excel workbook (docs/xlsx-export.md).",
    )
    p.set_defaults(handler=cmd_export_xlsx)
    p.add_argument("file", metavar="FILE")
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

    imports = verb("import", None, "Make a new assessment file from an exported file.")
    iverbs = imports.add_subparsers(dest="format", metavar="FORMAT", parser_class=parser_class)
    iverbs.required = True
    p = iverbs.add_parser(
        "workbook",
        help="A new assessment file from a workbook written by 'idg export xlsx'.",
    )
    p.set_defaults(handler=cmd_import_workbook)
    p.add_argument("workbook", metavar="IN.xlsx")
    p.add_argument("newfile", metavar="NEWFILE")
