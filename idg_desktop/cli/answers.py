"""``idg answer``: the one consolidated answer to a checklist question, its
rating given directly or by Figure 5's three answers, as in the window."""

from __future__ import annotations

import argparse
from typing import Any

from idg_desktop.cli.common import EXIT_OK, Verbs, open_document, out
from idg_desktop.services import answers, groups


def cmd_answer(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    if args.text is not None:
        changes["text"] = args.text
    if args.rating is not None:
        changes["rating"] = args.rating
    if args.evidence is not None:
        changes["evidence"] = args.evidence
    for flag in ("marked_for_review", "reviewed", "confidential"):
        if getattr(args, flag) is not None:
            changes[flag] = getattr(args, flag)
    ladder = {k: getattr(args, k) for k in ("exists", "applied", "effective")}
    ladder = {k: v != "no" if k != "effective" else v for k, v in ladder.items() if v}
    with open_document(args.file) as document:
        if args.group:
            changes["group_id"] = groups.find_group(document, args.group).id
        if ladder:  # Figure 5's answers give the rating, as in the window
            changes.pop("rating", None)
            changes["evaluation"] = answers.ladder_change(
                document, args.question, rating=args.rating, **ladder
            )
        answer = answers.save_answer(document, args.question, **changes)
        out(f"{answer.question_id}: {answer.rating}")
    return EXIT_OK


def register(verbs: Verbs) -> None:
    p = verbs.verb("answer", cmd_answer, "Write or change the answer to a checklist question.")
    p.add_argument("question", metavar="QID", help="question id, e.g. TR-20")
    p.add_argument("--text")
    p.add_argument(
        "--rating",
        help="absent, not-applied, not-effective, partially-effective, "
        "effective, not-applicable or not-assessed",
    )
    for flag, choices, question in (
        ("exists", ("yes", "no"), "is there a measure?"),
        ("applied", ("yes", "no"), "is it applied in practice?"),
        ("effective", ("yes", "partly", "no"), "is it effective?"),
    ):
        p.add_argument(f"--{flag}", choices=choices, help=f"Figure 5: {question}")
    p.add_argument("--evidence")
    p.add_argument("--group", help="the working group answering, by name or id")
    for flag, dest in (
        ("review", "marked_for_review"),
        ("reviewed", "reviewed"),
        ("confidential", "confidential"),
    ):
        p.add_argument(f"--{flag}", dest=dest, action="store_true", default=None)
        p.add_argument(f"--no-{flag}", dest=dest, action="store_false")
