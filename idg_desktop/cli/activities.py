"""``idg activity add|rate|plan``, ``idg activities`` and ``idg matrix``: the
activities of the action plan, their priority (IDG Part III) and their place
and fields in the plan (Annex 9)."""

from __future__ import annotations

import argparse

from idg_desktop.cli.common import (
    EXIT_OK,
    Verbs,
    dump,
    flags,
    open_document,
    out,
    pairs,
    print_changed,
    print_listing,
    print_new_id,
    short_id,
)
from idg_desktop.errors import InvalidInput


def cmd_activity_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.activities import add_activity

    if args.from_agreed_findings:
        return _activities_from_agreed(args)
    missing = [flag for flag in ("title", "section") if not getattr(args, flag)]
    if missing:
        raise InvalidInput(
            f"activity add needs --{' and --'.join(missing)} "
            "(or --from-agreed-findings for one activity per agreed finding)."
        )
    fields = flags(args, "title", "section", "confidential")
    return print_new_id(args.file, add_activity, findings=args.finding or [], **fields)


def _activities_from_agreed(args: argparse.Namespace) -> int:
    """One activity per agreed or amended finding without one; prints each new id."""
    from idg_desktop.services.activities import add_activities_from_agreed_findings

    for flag, given in (("--title", args.title), ("--finding", args.finding)):
        if given is not None:
            raise InvalidInput(
                f"--from-agreed-findings takes each title and finding from the findings: "
                f"leave out {flag}."
            )
    with open_document(args.file) as document:
        created = add_activities_from_agreed_findings(
            document, section=args.section, confidential=args.confidential
        )
        for activity in created:
            out(short_id(activity.id))
    return EXIT_OK


def cmd_activity_rate(args: argparse.Namespace) -> int:
    from idg_desktop.services.activities import band_of, parse_ratings, rate_activity

    ratings = parse_ratings(args.ratings)
    return print_changed(
        args.file,
        lambda document: rate_activity(document, args.id, ratings),
        lambda activity: f"priority {band_of(activity)}",
    )


def cmd_activity_plan(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import place_activity, update_plan_fields

    changes = pairs(args.fields, "plan field")
    if not changes and args.output is None:
        raise InvalidInput("Nothing to change: give --output ID or field=value pairs.")
    with open_document(args.file) as document:
        if args.output is not None:
            activity = place_activity(document, args.id, args.output or None)
        if changes:
            activity = update_plan_fields(document, args.id, **changes)
        out(f"{short_id(activity.id)}: plan updated")
    return EXIT_OK


def cmd_activities(args: argparse.Namespace) -> int:
    from idg_desktop.exports.wire import to_json
    from idg_desktop.services.activities import list_activities

    with open_document(args.file, read_only=True) as document:
        items = [to_json(a) for a in list_activities(document)]
    lines = (
        f"{short_id(item['id'])}  {item['section']}  {item['priority']['band']:<8} {item['title']}"
        for item in items
    )
    return print_listing(args.json, items, lines)


def cmd_matrix(args: argparse.Namespace) -> int:
    from idg_desktop.services.activities import priority_matrix

    with open_document(args.file, read_only=True) as document:
        cells, unplaced = priority_matrix(document, args.x, args.y)
    if args.json:
        dump(
            {
                "x": args.x,
                "y": args.y,
                "cells": [
                    {
                        args.x: c.x,
                        args.y: c.y,
                        "activities": list(c.activities),
                        "quick_results": c.quick_results,
                        "entries": [
                            {"id": e.id, "quick_result": e.quick_result} for e in c.entries
                        ],
                    }
                    for c in cells
                ],
                "unplaced": unplaced,
            }
        )
        return EXIT_OK
    for cell in cells:
        mark = " (the quick-results cell)" if cell.quick_results else ""
        ids = (
            ", ".join(
                short_id(e.id) + (" (quick result)" if e.quick_result else "") for e in cell.entries
            )
            or "-"
        )
        across = f"{cell.x}{mark}" if mark else f"{cell.x:<6}"
        out(f"{args.y} {cell.y:<6} / {args.x} {across}: {ids}")
    if unplaced:
        out(f"not placed (a criterion unrated): {', '.join(short_id(i) for i in unplaced)}")
    return EXIT_OK


def register(verbs: Verbs) -> None:
    from idg_desktop.services.plan import PLAN_FIELDS

    activity = verbs.group("activity", "Activities of the action plan.")
    p = activity.add("add", cmd_activity_add, "Add an activity; prints the new id.")
    p.add_argument("--title")
    p.add_argument(
        "--section", help="its section (with --from-agreed-findings: only that section's)"
    )
    p.add_argument(
        "--finding",
        action="append",
        metavar="ID",
        help="an agreed finding the activity answers (repeatable)",
    )
    p.add_argument(
        "--from-agreed-findings",
        action="store_true",
        help="one activity per agreed or amended finding that has none yet, titled from "
        "its proposed action; prints each new id (again adds nothing)",
    )
    p.add_argument("--confidential", action="store_true", help="left out of public versions")
    p = activity.add(
        "rate", cmd_activity_rate, "Rate an activity: criterion=level ...", takes=("file", "id")
    )
    p.add_argument(
        "ratings",
        nargs="+",
        metavar="CRITERION=LEVEL",
        help="importance, urgency, consequence, commitment, impact, obligations, "
        "ease, cost = low, medium or high",
    )
    p = activity.add(
        "plan",
        cmd_activity_plan,
        "Place an activity under an output and set its plan fields.",
        takes=("file", "id"),
    )
    p.add_argument("--output", metavar="ID", help="the output it produces ('' to take it out)")
    p.add_argument(
        "fields",
        nargs="*",
        metavar="FIELD=VALUE",
        help=", ".join(PLAN_FIELDS) + ", confidential (yes or no)",
    )

    verbs.listing("activities", cmd_activities, "List activities with their priority.")
    p = verbs.verb("matrix", cmd_matrix, "The priority matrix: nine cells of activities.")
    p.add_argument("--x", default="ease", metavar="CRITERION")
    p.add_argument("--y", default="impact", metavar="CRITERION")
    p.add_argument("--json", action="store_true")
