"""The ``idg`` command: a thin layer over the services (see README, "Command line").

Verbs, flags and JSON keys are a contract that tests and batch scripts rely
on. Every refusal is one line on standard error naming the file and the
problem, with exit status 2; the file is left as it was.

What every verb shares is in common.py; each topic module adds its verbs
with ``register(verbs)``, in the order ``idg --help`` lists them. No module
of the command imports this one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from idg_desktop import __version__
from idg_desktop.cli import (
    activities,
    answers,
    assessment,
    conflicts,
    exports,
    findings,
    packages,
    people,
    plan,
    records,
    steps,
    templates,
)
from idg_desktop.cli.common import Parser, Verbs, run

__all__ = ["build_parser", "entry", "main"]

TOPICS = (
    assessment,  # framework, new, info, check, demo
    people,  # participant, participants, group, groups
    answers,  # answer
    findings,  # finding add|set|merge, findings
    records,  # document(s), session(s), tor, question
    steps,  # steps, step
    packages,  # package
    templates,  # template
    conflicts,  # conflicts, conflict
    activities,  # activity, activities, matrix
    plan,  # plan, outcome, output, kpi(s), smart, adopt
    exports,  # export, import
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="idg",
        description="IDG Workshop: integrity assessments following the WCO Integrity "
        "Development Guide, from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"IDG Workshop {__version__}")
    verbs = Verbs(parser)
    for topic in TOPICS:
        topic.register(verbs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # FIELD=VALUE pairs may come after options (``activity plan F ID --output O due=Q1``).
        if isinstance(getattr(args, "fields", None), list) and all(
            "=" in item and not item.startswith("-") for item in extra
        ):
            args.fields += extra
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return run(args)


def entry() -> None:
    sys.exit(main())
