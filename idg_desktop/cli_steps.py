"""``idg steps`` and ``idg step set|propose``: when IDG Part II's six steps took
place, as facts the facilitator sets (schema 7)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from idg_desktop.cli import EXIT_OK, _dump, _open, _out
from idg_desktop.cli_plan import _pairs
from idg_desktop.errors import InvalidInput


def _line(step) -> str:
    return f"{step.number}  {step.title}: {step.when or 'not set'}"


def cmd_steps(args: argparse.Namespace) -> int:
    from idg_desktop.services.steps import list_steps

    with _open(args.file, read_only=True) as document:
        steps = list_steps(document)
    if args.json:
        _dump([s.as_dict() for s in steps])
        return EXIT_OK
    for step in steps:
        _out(_line(step))
    return EXIT_OK


def cmd_step_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.steps import set_step

    changes = _pairs(args.fields, "step date")
    unknown = sorted(set(changes) - {"start", "end"})
    if unknown:
        raise InvalidInput(
            f"A step has no field '{unknown[0]}': use start=YYYY-MM-DD, end=YYYY-MM-DD."
        )
    with _open(args.file) as document:
        step = set_step(document, args.step, start=changes.get("start"), end=changes.get("end"))
    _out(_line(step))
    return EXIT_OK


def cmd_step_propose(args: argparse.Namespace) -> int:
    from idg_desktop.services.steps import apply_proposals, list_steps

    with _open(args.file) as document:
        changed = apply_proposals(document)
        steps = list_steps(document)
    for step in steps:
        if step.number in changed:
            _out(_line(step))
    if not changed:
        _out("No step to propose: the steps the scope and agenda date are already set.")
    return EXIT_OK


def register(verb: Callable, parser_class: type) -> None:
    p = verb("steps", cmd_steps, "When the six steps of the assessment took place.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    sub = verb("step", None, "Set the dates of a step of the assessment (IDG Part II).")
    actions = sub.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    actions.required = True
    p = actions.add_parser("set", help="Set a step's start and/or end date (empty clears).")
    p.set_defaults(handler=cmd_step_set)
    p.add_argument("file", metavar="FILE")
    p.add_argument("step", metavar="STEP", help="1 to 6")
    p.add_argument(
        "fields", nargs="+", metavar="FIELD=DATE", help="start=YYYY-MM-DD end=YYYY-MM-DD"
    )
    p = actions.add_parser(
        "propose", help="Date the steps not yet set from the scope's period and the agenda."
    )
    p.set_defaults(handler=cmd_step_propose)
    p.add_argument("file", metavar="FILE")
