"""``idg package export-all``: every group's package into one folder.

Registered from ``cli.py`` beside the other package verbs. Passphrases are
never printed: with ``--protect`` they go only onto the slips PDF, saved
where the facilitator says (refused inside the packages' folder).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from idg_desktop.cli import EXIT_OK, _open, _out


def cmd_package_export_all(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.package_batch import check_slips_place, export_all

    slips = Path(args.slips) if args.slips else None
    check_slips_place(Path(args.output), slips, args.protect)  # before opening anything
    with _open(args.file, read_only=True) as document:
        written = export_all(document, Path(args.output), protect=args.protect, slips=slips)
    for package in written:
        protected = " (protected)" if package.passphrase else ""
        _out(
            f"Package for {package.group} written to {package.path}{protected}: "
            f"sections {', '.join(package.sections)}."
        )
    if slips is not None:
        _out(
            f"Passphrase slips for {len(written)} groups written to {slips}: print them and "
            "hand each to its group in person, never with the package."
        )
    return EXIT_OK


def register(kverbs, parser_class) -> None:
    p = kverbs.add_parser(
        "export-all",
        help="Write every group's package into a folder (--protect: a passphrase per group).",
    )
    p.set_defaults(handler=cmd_package_export_all)
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the packages' folder")
    p.add_argument(
        "--protect",
        action="store_true",
        help="protect each package with its own generated passphrase (needs --slips)",
    )
    p.add_argument(
        "--slips",
        metavar="SLIPS.pdf",
        help="where to save the passphrase slips (a PDF, outside DIR); the only place "
        "the passphrases are written",
    )
