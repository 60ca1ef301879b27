"""The ``idg`` verbs of the integrity action plan: outcomes, outputs, plan
fields, KPIs, SMART confirmations and adoption (IDG Part III steps 2–6)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from idg_desktop.cli import EXIT_OK, _dump, _open, _out
from idg_desktop.domain.plan import display_when
from idg_desktop.errors import InvalidInput
from idg_desktop.services.records import short_id


def _pairs(items: list[str], what: str) -> dict[str, str]:
    """``["budget=EUR 5,000", "due=Q1 2027"]`` → a dict (values may contain ``=``)."""
    changes: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"'{item}' is not a {what}: write field=value.")
        changes[key.strip().lower().replace("-", "_")] = value
    return changes


def cmd_plan(args: argparse.Namespace) -> int:
    from idg_desktop.exports.json_export import plan_tree
    from idg_desktop.services.plan import action_plan

    with _open(args.file, read_only=True) as document:
        tree = plan_tree(action_plan(document))
    if args.json:
        _dump(tree)
        return EXIT_OK
    for line in _plan_lines(tree):
        _out(line)
    return EXIT_OK


def _smart_text(smart: dict) -> str:
    missing = [
        name
        for name, key in (
            ("specific", "specific"),
            ("measurable", "measurable"),
            ("achievable", "achievable"),
            ("relevant", "relevant"),
            ("time-bound", "time_bound"),
        )
        if not smart[key]
    ]
    return "SMART" if not missing else f"not yet SMART: {', '.join(missing)}"


def _activity_lines(item: dict, indent: str) -> list[str]:
    code = f"{item['code']} " if item["code"] else ""
    lines = [
        f"{indent}{code}[{item['priority']}] {item['title']}  ({short_id(item['id'])})"
        f"{_secret(item)}"
    ]
    owner = " / ".join(x for x in (item["responsible_division"], item["responsible_person"]) if x)
    timeline = " to ".join(display_when(x) for x in (item["start"], item["due"]) if x)
    facts = [
        ("responsible", owner),
        ("target", item["performance_target"]),
        ("budget", item["budget"]),
        ("timeline", timeline),
        ("goal", item["strategic_goal"]),
    ]
    shown = "; ".join(f"{k} {v}" for k, v in facts if v)
    if shown:
        lines.append(f"{indent}    {shown}")
    lines += _kpi_lines(item, indent + "    ")
    lines.append(f"{indent}    {_smart_text(item['smart'])}")
    return lines


def _secret(item: dict) -> str:
    return " [confidential]" if item.get("confidential") else ""


def _kpi_lines(item: dict, indent: str) -> list[str]:
    lines = []
    for kpi in item["kpis"]:
        state = "sheet complete" if kpi["complete"] else "sheet incomplete"
        target = f", target {kpi['target']}" if kpi["target"] else ", no target"
        lines.append(
            f"{indent}KPI {kpi['name']}{target} ({state}, {short_id(kpi['id'])}){_secret(kpi)}"
        )
    return lines


def _plan_lines(tree: dict) -> list[str]:
    lines: list[str] = []

    def outcome(node: dict, depth: int) -> None:
        pad = "  " * depth
        lines.append(
            f"{pad}Outcome {node['code']} ({node['level']}): {node['title']}  "
            f"({short_id(node['id'])})  {_smart_text(node['smart'])}{_secret(node)}"
        )
        lines.extend(_kpi_lines(node, pad + "  "))
        for child in node["outcomes"]:
            outcome(child, depth + 1)
        for output in node["outputs"]:
            lines.append(
                f"{pad}  Output {output['code']}: {output['title']}  ({short_id(output['id'])})"
                f"{_secret(output)}"
            )
            lines.extend(_kpi_lines(output, pad + "    "))
            for item in output["activities"]:
                lines.extend(_activity_lines(item, pad + "    "))

    if not tree["outcomes"]:
        lines.append("No outcomes yet: add one with 'idg outcome add'.")
    for node in tree["outcomes"]:
        outcome(node, 0)
    if tree["not_in_plan"]:
        lines.append("Not yet in the plan:")
        for item in tree["not_in_plan"]:
            lines.extend(_activity_lines(item, "  "))
    for adoption in tree["adoptions"]:
        link = f"; {adoption['strategy_link']}" if adoption["strategy_link"] else ""
        lines.append(f"Endorsed by {adoption['endorsed_by']} on {adoption['endorsed_on']}{link}")
    if not tree["adoptions"]:
        lines.append("Not yet adopted.")
    return lines


def cmd_outcome_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import add_outcome

    with _open(args.file) as document:
        outcome = add_outcome(
            document,
            title=args.title,
            level=args.level,
            parent=args.parent,
            confidential=args.confidential,
        )
        _out(short_id(outcome.id))
    return EXIT_OK


def _node_changes(fields: list[str], allowed: tuple[str, ...]) -> dict[str, object]:
    from idg_desktop.services.plan import parse_yes_no

    changes: dict[str, object] = dict(_pairs(fields, "field"))
    for key in changes:
        if key not in allowed:
            raise InvalidInput(f"'{key}' cannot be set here: use {', '.join(allowed)}.")
    if "confidential" in changes:
        changes["confidential"] = parse_yes_no(changes["confidential"], "confidential")
    return changes


def cmd_outcome_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import update_outcome

    changes = _node_changes(args.fields, ("title", "description", "confidential"))
    with _open(args.file) as document:
        outcome = update_outcome(document, args.id, **changes)
        _out(f"{short_id(outcome.id)}: outcome updated")
    return EXIT_OK


def cmd_output_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import update_output

    changes = _node_changes(args.fields, ("title", "description", "outcome", "confidential"))
    with _open(args.file) as document:
        output = update_output(document, args.id, **changes)
        _out(f"{short_id(output.id)}: output updated")
    return EXIT_OK


def cmd_output_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import add_output

    with _open(args.file) as document:
        output = add_output(
            document, title=args.title, outcome=args.outcome, confidential=args.confidential
        )
        _out(short_id(output.id))
    return EXIT_OK


def cmd_activity_plan(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import place_activity, update_plan_fields

    changes = _pairs(args.fields, "plan field")
    if not changes and args.output is None:
        raise InvalidInput("Nothing to change: give --output ID or field=value pairs.")
    with _open(args.file) as document:
        if args.output is not None:
            activity = place_activity(document, args.id, args.output or None)
        if changes:
            activity = update_plan_fields(document, args.id, **changes)
        _out(f"{short_id(activity.id)}: plan updated")
    return EXIT_OK


def cmd_kpi_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import add_kpi

    with _open(args.file) as document:
        kpi = add_kpi(
            document,
            activity=args.activity,
            outcome=args.outcome,
            output=args.output,
            name=args.name,
            target=args.target or "",
            confidential=args.confidential,
        )
        _out(short_id(kpi.id))
    return EXIT_OK


def cmd_kpi_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import update_kpi

    changes: dict[str, object] = dict(_pairs(args.fields, "metadata field"))
    if "typologies" in changes:
        changes["typologies"] = [t for t in str(changes["typologies"]).split(",") if t.strip()]
    with _open(args.file) as document:
        kpi = update_kpi(document, args.id, **changes)
        _out(f"{short_id(kpi.id)}: sheet updated")
    return EXIT_OK


def cmd_kpi_complete(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import set_kpi_complete

    with _open(args.file) as document:
        kpi = set_kpi_complete(document, args.id, not args.reopen)
        _out(f"{short_id(kpi.id)}: sheet {'complete' if kpi.complete else 'reopened'}")
    return EXIT_OK


def cmd_kpis(args: argparse.Namespace) -> int:
    from idg_desktop.exports.json_export import _kpi
    from idg_desktop.services.plan import (
        kpi_owner_id,
        kpi_owner_kind,
        list_kpis,
        missing_kpi_fields,
    )

    with _open(args.file, read_only=True) as document:
        kpis = list_kpis(document)
        items = [_kpi(k) for k in kpis]
        missing = [missing_kpi_fields(document, k) for k in kpis]
        owners = [f"{kpi_owner_kind(k)} {short_id(kpi_owner_id(k))}" for k in kpis]
    if args.json:
        _dump(items)
        return EXIT_OK
    if not items:
        _out("No KPIs yet: add one with 'idg kpi add'.")
    for item, lacking, owner in zip(items, missing, owners, strict=True):
        sheet = item["sheet"]
        state = (
            "complete"
            if item["complete"]
            else (f"missing {', '.join(lacking)}" if lacking else "ready to mark complete")
        )
        target = sheet["target_value"] or "no target"
        _out(
            f"{short_id(item['id'])}  {owner}  "
            f"{sheet['name']}  (target: {target}; {state}){_secret(item)}"
        )
    return EXIT_OK


def cmd_smart(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import confirm_smart, resolve_node

    with _open(args.file) as document:
        node_id = resolve_node(document, args.id)
        confirm_smart(document, node_id, args.criterion, args.by)
        verb = f"confirmed by {args.by.strip()}" if args.by.strip() else "unconfirmed"
        _out(f"{short_id(node_id)}: {args.criterion.lower()} {verb}")
    return EXIT_OK


def cmd_adopt(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import add_adoption

    with _open(args.file) as document:
        record = add_adoption(
            document,
            endorsed_by=args.by,
            endorsed_on=args.on,
            strategy_link=args.strategy or "",
            note=args.note or "",
        )
        _out(short_id(record.id))
    return EXIT_OK


CONFIDENTIAL_HELP = "left out, with everything under it, of public versions"


def register(verbs, verb: Callable, parser_class: type, activity_verbs) -> None:
    """Add the plan's verbs to the ``idg`` parser."""
    from idg_desktop.services.plan import PLAN_FIELDS

    p = activity_verbs.add_parser(
        "plan", help="Place an activity under an output and set its plan fields."
    )
    p.set_defaults(handler=cmd_activity_plan)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("--output", metavar="ID", help="the output it produces ('' to take it out)")
    p.add_argument(
        "fields",
        nargs="*",
        metavar="FIELD=VALUE",
        help=", ".join(PLAN_FIELDS) + ", confidential (yes or no)",
    )

    p = verb("plan", cmd_plan, "The integrity action plan as a tree (results chain).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")

    outcome = verb("outcome", None, "Outcomes of the results chain.")
    overbs = outcome.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    overbs.required = True
    p = overbs.add_parser("add", help="Add an outcome; prints the new id.")
    p.set_defaults(handler=cmd_outcome_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", required=True)
    p.add_argument("--level", required=True, help="ultimate, intermediate or immediate")
    p.add_argument("--parent", metavar="ID", help="the outcome one level up")
    p.add_argument("--confidential", action="store_true", help=CONFIDENTIAL_HELP)
    p = overbs.add_parser("set", help="Change an outcome: title, description, confidential.")
    p.set_defaults(handler=cmd_outcome_set)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")

    output = verb("output", None, "Outputs of the results chain.")
    uverbs = output.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    uverbs.required = True
    p = uverbs.add_parser("add", help="Add an output; prints the new id.")
    p.set_defaults(handler=cmd_output_add)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--title", required=True)
    p.add_argument("--outcome", required=True, metavar="ID")
    p.add_argument("--confidential", action="store_true", help=CONFIDENTIAL_HELP)
    p = uverbs.add_parser(
        "set", help="Change an output: title, description, outcome, confidential."
    )
    p.set_defaults(handler=cmd_output_set)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")

    kpi = verb("kpi", None, "Key performance indicators and their Annex 11 sheets.")
    kverbs = kpi.add_subparsers(dest="action", metavar="ACTION", parser_class=parser_class)
    kverbs.required = True
    p = kverbs.add_parser(
        "add", help="Add a KPI to an outcome, an output or an activity; prints the new id."
    )
    p.set_defaults(handler=cmd_kpi_add)
    p.add_argument("file", metavar="FILE")
    owner = p.add_mutually_exclusive_group(required=True)
    owner.add_argument("--outcome", metavar="ID")
    owner.add_argument("--output", metavar="ID")
    owner.add_argument("--activity", metavar="ID")
    p.add_argument("--name", required=True, metavar="N")
    p.add_argument("--target", metavar="T")
    p.add_argument("--confidential", action="store_true", help=CONFIDENTIAL_HELP)
    p = kverbs.add_parser("set", help="Fill fields of a KPI's metadata sheet.")
    p.set_defaults(handler=cmd_kpi_set)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    p = kverbs.add_parser(
        "complete", help="Mark a sheet complete (every mandatory Annex 11 field filled)."
    )
    p.set_defaults(handler=cmd_kpi_complete)
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID")
    p.add_argument("--reopen", action="store_true", help="mark it incomplete again")
    p = verb("kpis", cmd_kpis, "List KPIs with the state of their sheets.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")

    p = verb("smart", cmd_smart, "Confirm that an objective is specific, achievable or relevant.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("id", metavar="ID", help="an outcome, output or activity")
    p.add_argument("criterion", metavar="CRITERION", help="specific, achievable or relevant")
    p.add_argument("--by", required=True, metavar="NAME", help="who confirmed ('' to untick)")

    p = verb("adopt", cmd_adopt, "Record the endorsement of the action plan.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--by", required=True, metavar="WHO")
    p.add_argument("--on", required=True, metavar="DATE")
    p.add_argument(
        "--strategy", metavar="TEXT", help="link to the national anti-corruption strategy"
    )
    p.add_argument("--note", metavar="TEXT")
