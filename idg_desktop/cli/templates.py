"""``idg template export|import``: a working group's fill-in workbook (.xlsx)
for work on paper, and its merge back into the master like a package's."""

from __future__ import annotations

import argparse
from pathlib import Path

from idg_desktop.cli.common import EXIT_OK, Verbs, open_document, out
from idg_desktop.cli.packages import export_action, import_action, merge_into


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
    export_action(template, cmd_template_export, "fill-in workbook", "OUT.xlsx")
    import_action(template, cmd_template_import, "a filled workbook", "workbook", "IN.xlsx")
