"""``idg template export|import``: a working group's fill-in workbook (.xlsx)
for work on paper, and its merge back into the master like a package's."""

from __future__ import annotations

import argparse
from pathlib import Path

from idg_desktop.cli.common import EXIT_OK, Verbs, open_document, out
from idg_desktop.cli.packages import merge_into


def cmd_template_export(args: argparse.Namespace) -> int:
    from idg_desktop.workbook.fill_in import export_template

    with open_document(args.file, read_only=True) as document:
        payload = export_template(document, args.group, Path(args.output))
    out(
        f"Fill-in workbook for {payload['group']['name']} written to {args.output}: "
        f"sections {', '.join(payload['group']['sections'])}."
    )
    return EXIT_OK


def cmd_template_import(args: argparse.Namespace) -> int:
    from idg_desktop.workbook.fill_in_reader import import_template

    return merge_into(
        args.file, args.workbook, lambda document: import_template(document, Path(args.workbook))
    )


def register(verbs: Verbs) -> None:
    template = verbs.group("template", "Fill-in workbooks (.xlsx): export, import.")
    p = template.add(
        "export",
        cmd_template_export,
        "Write a group's fill-in workbook from the master.",
        takes=("file", "group"),
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    p = template.add(
        "import",
        cmd_template_import,
        "Merge a filled workbook into the master (exit 3: conflicts open).",
    )
    p.add_argument("workbook", metavar="IN.xlsx")
