"""``idg package export|export-all|open|return|import``: a working group's
package from the master, its working copy, its return and the merge back.

Passphrases come from an environment variable named on the command line, never
from the command line itself, and are never printed: with ``export-all
--protect`` they go only onto the slips PDF, saved where the facilitator says
(refused inside the packages' folder).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from idg_desktop.cli.common import (
    EXIT_CONFLICTS,
    EXIT_OK,
    Actions,
    Handler,
    Parser,
    Verbs,
    open_document,
    out,
)
from idg_desktop.errors import InvalidInput
from idg_desktop.storage.document import AssessmentDocument


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
    with open_document(args.file, read_only=True) as document:
        payload = export_package(document, args.group, Path(args.output), passphrase)
    protected = " (protected)" if passphrase else ""
    out(
        f"Package for {payload['group']['name']} written to {args.output}{protected}: "
        f"sections {', '.join(payload['group']['sections'])}."
    )
    return EXIT_OK


def cmd_package_export_all(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.package_batch import check_slips_place, export_all

    slips = Path(args.slips) if args.slips else None
    check_slips_place(Path(args.output), slips, args.protect)  # before opening anything
    with open_document(args.file, read_only=True) as document:
        written = export_all(document, Path(args.output), protect=args.protect, slips=slips)
    for package in written:
        protected = " (protected)" if package.passphrase else ""
        out(
            f"Package for {package.group} written to {package.path}{protected}: "
            f"sections {', '.join(package.sections)}."
        )
    if slips is not None:
        out(
            f"Passphrase slips for {len(written)} groups written to {slips}: print them and "
            "hand each to its group in person, never with the package."
        )
    return EXIT_OK


def cmd_package_open(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.packages import open_package

    document = open_package(Path(args.package), Path(args.workfile), _passphrase(args))
    try:
        out(f"Working copy written to {document.path}.")
    finally:
        document.close()
    return EXIT_OK


def cmd_package_return(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.packages import return_package
    from idg_desktop.exchange.working_copies import remove_working_copy

    passphrase = _passphrase(args)
    # Removing the copy afterwards: hold its lock meanwhile (refused if it is open).
    with open_document(args.workfile, read_only=not args.remove_working_copy) as document:
        payload = return_package(
            document, Path(args.output), passphrase, unprotected=args.unprotected
        )
    records = payload["records"]
    protected = " (protected)" if passphrase else ""
    out(
        f"Returned {len(records['answers'])} answers and {len(records['findings'])} findings "
        f"of {payload['group']['name']} to {args.output}{protected}."
    )
    if args.remove_working_copy:  # only now: the package was written and read back
        remove_working_copy(Path(args.workfile))
        out(f"Working copy {args.workfile} deleted.")
    return EXIT_OK


def cmd_package_import(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.merge import import_package

    passphrase = _passphrase(args)
    return merge_into(
        args.file,
        args.package,
        lambda document: import_package(document, Path(args.package), passphrase),
    )


def merge_into(file: str, source: str, merge: Callable[[AssessmentDocument], Any]) -> int:
    """`package import` and `template import`: ``merge`` ``source`` into the master
    ``file``, say what came in, and exit 3 while conflicts are open."""
    from idg_desktop.exchange.merge import open_conflict_count

    with open_document(file) as document:
        result = merge(document)
        remaining = open_conflict_count(document)
        if result.outcome == "already-imported":
            out(f"{source} was already imported: nothing changed.")
        else:
            out(
                f"Merged {source}: {len(result.taken)} records taken, "
                f"{len(result.added)} added, {len(result.conflicts)} new conflicts."
            )
        if remaining:
            out(f"{remaining} conflicts are open: see 'idg conflicts {file}'.")
            return EXIT_CONFLICTS
        return EXIT_OK


def _passphrase_flag(sub: Parser) -> None:
    sub.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="protect/open with the passphrase held in environment variable VAR",
    )


# A group's work goes out and comes back the same way in a package and in a
# fill-in workbook (templates.py): ``export FILE --group G -o OUT`` from the
# master, ``import FILE IN`` merged back into it.


def export_action(actions: Actions, handler: Handler, what: str, metavar: str) -> Parser:
    """``idg package|template export``: a group's ``what`` written from the master."""
    p = actions.add(
        "export", handler, f"Write a group's {what} from the master.", takes=("file", "group")
    )
    p.add_argument("-o", "--output", required=True, metavar=metavar)
    return p


def import_action(
    actions: Actions, handler: Handler, what: str, source: str, metavar: str
) -> Parser:
    """``idg package|template import``: ``what`` merged back into the master."""
    p = actions.add("import", handler, f"Merge {what} into the master (exit 3: conflicts open).")
    p.add_argument(source, metavar=metavar)
    return p


def register(verbs: Verbs) -> None:
    package = verbs.group("package", "Group packages: export, export-all, open, return, import.")
    _passphrase_flag(export_action(package, cmd_package_export, "package", "PKG"))
    p = package.add(
        "open", cmd_package_open, "Unpack a package into a group working copy.", takes=()
    )
    p.add_argument("package", metavar="PKG")
    p.add_argument("workfile", metavar="WORKFILE")
    _passphrase_flag(p)
    p = package.add(
        "return", cmd_package_return, "Write the group's work back as a package.", takes=()
    )
    p.add_argument("workfile", metavar="WORKFILE")
    p.add_argument("-o", "--output", required=True, metavar="PKG")
    _passphrase_flag(p)
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
    _passphrase_flag(
        import_action(package, cmd_package_import, "a returned package", "package", "PKG")
    )

    p = package.add(
        "export-all",
        cmd_package_export_all,
        "Write every group's package into a folder (--protect: a passphrase per group).",
    )
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
