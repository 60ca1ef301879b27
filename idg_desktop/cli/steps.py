"""``idg steps`` and ``idg step set|propose``: when IDG Part II's six steps took
place, as facts the facilitator sets (schema 7)."""

from __future__ import annotations

import argparse

from idg_desktop.cli.common import EXIT_OK, Verbs, open_document, out, pairs, print_listing
from idg_desktop.errors import InvalidInput


def _line(step) -> str:
    return f"{step.number}  {step.title}: {step.when or 'not set'}"


def cmd_steps(args: argparse.Namespace) -> int:
    from idg_desktop.services.steps import list_steps

    with open_document(args.file, read_only=True) as document:
        steps = list_steps(document)
    return print_listing(args.json, [s.as_dict() for s in steps], map(_line, steps))


def cmd_step_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.steps import set_step

    changes = pairs(args.fields, "step date")
    unknown = sorted(set(changes) - {"start", "end"})
    if unknown:
        raise InvalidInput(
            f"A step has no field '{unknown[0]}': use start=YYYY-MM-DD, end=YYYY-MM-DD."
        )
    with open_document(args.file) as document:
        step = set_step(document, args.step, start=changes.get("start"), end=changes.get("end"))
    out(_line(step))
    return EXIT_OK


def cmd_step_propose(args: argparse.Namespace) -> int:
    from idg_desktop.services.steps import apply_proposals, list_steps

    with open_document(args.file) as document:
        changed = apply_proposals(document)
        steps = list_steps(document)
    for step in steps:
        if step.number in changed:
            out(_line(step))
    if not changed:
        out("No step to propose: the steps the scope and agenda date are already set.")
    return EXIT_OK


def register(verbs: Verbs) -> None:
    verbs.listing("steps", cmd_steps, "When the six steps of the assessment took place.")
    step = verbs.group("step", "Set the dates of a step of the assessment (IDG Part II).")
    p = step.add("set", cmd_step_set, "Set a step's start and/or end date (empty clears).")
    p.add_argument("step", metavar="STEP", help="1 to 6")
    p.add_argument(
        "fields", nargs="+", metavar="FIELD=DATE", help="start=YYYY-MM-DD end=YYYY-MM-DD"
    )
    step.add(
        "propose",
        cmd_step_propose,
        "Date the steps not yet set from the scope's period and the agenda.",
    )
