"""``idg conflicts`` and ``idg conflict resolve``: what a merge left for the
facilitator to decide, and the decision."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING

from idg_desktop.cli.common import EXIT_OK, Verbs, open_document, out, print_listing, short_id
from idg_desktop.errors import InvalidInput

if TYPE_CHECKING:
    from idg_desktop.exchange.resolving import BothWays, TextChosenTwice, UnchosenFields


def cmd_conflicts(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.resolving import list_conflicts

    with open_document(args.file, read_only=True) as document:
        conflicts = list_conflicts(document)
    return print_listing(args.json, conflicts, _conflict_lines(conflicts), "No open conflicts.")


def _conflict_lines(conflicts: list[dict]) -> Iterator[str]:
    from idg_desktop.exchange.resolving import differing_fields

    for conflict in conflicts:
        yield f"{short_id(conflict['id'])}  {conflict['record_type']} {conflict['record']}"
        yield f"    differs in: {', '.join(differing_fields(conflict['versions']))}"
        for version in conflict["versions"]:
            content = version["content"]
            summary = content.get("text", "")
            rating = f" [{content['rating']}]" if content.get("rating") else ""
            yield f"    {version['origin']}{rating}: {summary}"


def cmd_conflict_resolve(args: argparse.Namespace) -> int:
    from idg_desktop.exchange.resolving import (
        BothWays,
        TextChosenTwice,
        UnchosenFields,
        resolve_conflict,
    )

    fields: dict[str, str] = {}
    for item in args.field_choices or []:
        name, sep, origin = item.partition("=")
        if not sep or not name.strip() or not origin.strip():
            raise InvalidInput(f"--field takes NAME=ORIGIN (e.g. rating=master), not '{item}'.")
        if name.strip().lower() in fields:
            raise InvalidInput(f"--field {name.strip()} is given twice.")
        fields[name.strip().lower()] = origin
    with open_document(args.file) as document:
        try:
            conflict = resolve_conflict(
                document, args.id, take=args.take, text=args.text, fields=fields
            )
        except (BothWays, TextChosenTwice, UnchosenFields) as refusal:
            raise InvalidInput(_with_flags(refusal)) from None
        out(
            f"Conflict {short_id(conflict.id)} on {conflict.record_key} resolved "
            f"({conflict.resolution})."
        )
    return EXIT_OK


def _with_flags(refusal: BothWays | TextChosenTwice | UnchosenFields) -> str:
    """A resolution's refusal worded with the flags that fix it."""
    from idg_desktop.exchange.resolving import BothWays, TextChosenTwice

    short = refusal.short
    if isinstance(refusal, BothWays):
        return (
            f"Conflict {short}: resolve it either with --take ORIGIN or field by field "
            "(--field NAME=ORIGIN, --text T), not both."
        )
    if isinstance(refusal, TextChosenTwice):
        return (
            f"Conflict {short}: give the text either with --text or with "
            "--field text=ORIGIN, not both."
        )
    first, *rest = refusal.missing
    how = "--text T or --field text=ORIGIN" if first == "text" else f"--field {first}=ORIGIN"
    also = f" Also to choose: {', '.join(rest)}." if rest else ""
    return (
        f"Conflict {short}: choose the {first} ({how}); it differs between {refusal.between}.{also}"
    )


def register(verbs: Verbs) -> None:
    verbs.listing("conflicts", cmd_conflicts, "List the open conflicts of a merge.")
    conflict = verbs.group("conflict", "Resolve a conflict.")
    p = conflict.add(
        "resolve",
        cmd_conflict_resolve,
        "Keep one version, or choose each differing field (or a consolidated text).",
        takes=("file", "id"),
    )
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
