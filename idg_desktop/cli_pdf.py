"""``idg export pdf``: the printable reports (assessment, terms of reference,
group worksheets, action plan, KPI sheets, priority matrix)."""

from __future__ import annotations

import argparse

from idg_desktop.cli import EXIT_OK, _open, _out


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from idg_desktop.reports.export import export_pdf

    with _open(args.file, read_only=True) as document:
        done = export_pdf(
            document,
            args.report,
            args.output,
            paper=args.paper,
            group=args.group,
            pseudonymise=args.pseudonymise,
            public=args.public,
        )
    pages = f"{done.pages} page{'s' if done.pages != 1 else ''}"
    _out(f"Wrote {done.path}: {done.report}, {pages}.")
    return EXIT_OK


def register(export_verbs) -> None:
    """Add ``pdf`` to ``idg export``."""
    from idg_desktop.reports.kinds import REPORTS

    p = export_verbs.add_parser(
        "pdf",
        help="A printable report (PDF): assessment, tor, worksheets, action-plan, kpis, matrix.",
    )
    p.set_defaults(handler=cmd_export_pdf)
    p.add_argument("file", metavar="FILE")
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
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
