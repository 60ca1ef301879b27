"""The ``idg`` verbs of the integrity action plan: the plan as a tree,
outcomes, outputs, KPIs, SMART confirmations and adoption (IDG Part III steps
2–6). An activity's place and fields in the plan: ``activity plan``, in
activities.py."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NamedTuple

from idg_desktop.cli.common import (
    EXIT_OK,
    Handler,
    Verbs,
    flags,
    open_document,
    out,
    pairs,
    print_changed,
    print_listing,
    print_new_id,
    short_id,
)
from idg_desktop.domain.plan import display_when
from idg_desktop.errors import InvalidInput
from idg_desktop.services.plan import parse_yes_no, update_outcome, update_output


def cmd_plan(args: argparse.Namespace) -> int:
    from idg_desktop.exports.json_export import plan_tree
    from idg_desktop.services.plan import action_plan

    with open_document(args.file, read_only=True) as document:
        tree = plan_tree(action_plan(document))
    return print_listing(args.json, tree, _plan_lines(tree))


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

    fields = flags(args, "title", "level", "parent", "confidential")
    return print_new_id(args.file, add_outcome, **fields)


def cmd_output_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import add_output

    return print_new_id(args.file, add_output, **flags(args, "title", "outcome", "confidential"))


def _node_set(kind: str, update: Callable[..., Any], allowed: tuple[str, ...]) -> Handler:
    """``idg outcome set`` / ``idg output set`` (see NODES): change ``allowed``
    fields of a node."""

    def handler(args: argparse.Namespace) -> int:
        changes: dict[str, object] = dict(pairs(args.fields, "field"))
        for key in changes:
            if key not in allowed:
                raise InvalidInput(f"'{key}' cannot be set here: use {', '.join(allowed)}.")
        if "confidential" in changes:
            changes["confidential"] = parse_yes_no(changes["confidential"], "confidential")
        return print_changed(
            args.file, lambda document: update(document, args.id, **changes), f"{kind} updated"
        )

    return handler


def cmd_kpi_add(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import add_kpi

    fields = flags(args, "activity", "outcome", "output", "name", "target", "confidential")
    return print_new_id(args.file, add_kpi, **fields)


def cmd_kpi_set(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import update_kpi

    changes: dict[str, object] = dict(pairs(args.fields, "metadata field"))
    if "typologies" in changes:
        changes["typologies"] = [t for t in str(changes["typologies"]).split(",") if t.strip()]
    return print_changed(
        args.file, lambda document: update_kpi(document, args.id, **changes), "sheet updated"
    )


def cmd_kpi_complete(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import set_kpi_complete

    return print_changed(
        args.file,
        lambda document: set_kpi_complete(document, args.id, not args.reopen),
        lambda kpi: f"sheet {'complete' if kpi.complete else 'reopened'}",
    )


def cmd_kpis(args: argparse.Namespace) -> int:
    from idg_desktop.exports.wire import to_json
    from idg_desktop.services.plan import (
        kpi_owner_id,
        kpi_owner_kind,
        list_kpis,
        missing_kpi_fields,
    )

    with open_document(args.file, read_only=True) as document:
        kpis = list_kpis(document)
        items = [to_json(k) for k in kpis]
        missing = [missing_kpi_fields(document, k) for k in kpis]
        owners = [f"{kpi_owner_kind(k)} {short_id(kpi_owner_id(k))}" for k in kpis]
    lines = map(_kpi_line, items, missing, owners)
    return print_listing(args.json, items, lines, "No KPIs yet: add one with 'idg kpi add'.")


def _kpi_line(item: dict, lacking: list[str], owner: str) -> str:
    sheet = item["sheet"]
    state = (
        "complete"
        if item["complete"]
        else (f"missing {', '.join(lacking)}" if lacking else "ready to mark complete")
    )
    target = sheet["target_value"] or "no target"
    return (
        f"{short_id(item['id'])}  {owner}  "
        f"{sheet['name']}  (target: {target}; {state}){_secret(item)}"
    )


def cmd_smart(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import confirm_smart, resolve_node

    with open_document(args.file) as document:
        node_id = resolve_node(document, args.id)
        confirm_smart(document, node_id, args.criterion, args.by)
        verb = f"confirmed by {args.by.strip()}" if args.by.strip() else "unconfirmed"
        out(f"{short_id(node_id)}: {args.criterion.lower()} {verb}")
    return EXIT_OK


def cmd_adopt(args: argparse.Namespace) -> int:
    from idg_desktop.services.plan import add_adoption

    fields = flags(args, "endorsed_by", "endorsed_on", "strategy_link", "note")
    return print_new_id(args.file, add_adoption, **fields)


CONFIDENTIAL_HELP = "left out, with everything under it, of public versions"


class Node(NamedTuple):
    """A node of the results chain above activities; both are alike on the command
    line: ``idg KIND add FILE --title T [own flags] [--confidential]`` and ``idg
    KIND set FILE ID field=value`` for the ``settable`` fields."""

    kind: str
    help_text: str
    add: Handler
    update: Callable[..., Any]
    settable: tuple[str, ...]
    own_flags: tuple[tuple[tuple[str, ...], dict[str, Any]], ...]


NODES = (
    Node(
        "outcome",
        "Outcomes of the results chain.",
        cmd_outcome_add,
        update_outcome,
        ("title", "description", "confidential"),
        (
            (("--level",), {"required": True, "help": "ultimate, intermediate or immediate"}),
            (("--parent",), {"metavar": "ID", "help": "the outcome one level up"}),
        ),
    ),
    Node(
        "output",
        "Outputs of the results chain.",
        cmd_output_add,
        update_output,
        ("title", "description", "outcome", "confidential"),
        ((("--outcome",), {"required": True, "metavar": "ID"}),),
    ),
)


def register(verbs: Verbs) -> None:
    verbs.listing("plan", cmd_plan, "The integrity action plan as a tree (results chain).")

    for node in NODES:
        actions = verbs.group(node.kind, node.help_text)
        p = actions.add("add", node.add, f"Add an {node.kind}; prints the new id.")
        p.add_argument("--title", required=True)
        for names, options in node.own_flags:
            p.add_argument(*names, **options)
        p.add_argument("--confidential", action="store_true", help=CONFIDENTIAL_HELP)
        actions.add(
            "set",
            _node_set(node.kind, node.update, node.settable),
            f"Change an {node.kind}: {', '.join(node.settable)}.",
            takes=("file", "id", "fields"),
        )

    kpi = verbs.group("kpi", "Key performance indicators and their Annex 11 sheets.")
    p = kpi.add(
        "add",
        cmd_kpi_add,
        "Add a KPI to an outcome, an output or an activity; prints the new id.",
    )
    owner = p.add_mutually_exclusive_group(required=True)
    owner.add_argument("--outcome", metavar="ID")
    owner.add_argument("--output", metavar="ID")
    owner.add_argument("--activity", metavar="ID")
    p.add_argument("--name", required=True, metavar="N")
    p.add_argument("--target", metavar="T", default="")
    p.add_argument("--confidential", action="store_true", help=CONFIDENTIAL_HELP)
    kpi.add(
        "set", cmd_kpi_set, "Fill fields of a KPI's metadata sheet.", takes=("file", "id", "fields")
    )
    p = kpi.add(
        "complete",
        cmd_kpi_complete,
        "Mark a sheet complete (every mandatory Annex 11 field filled).",
        takes=("file", "id"),
    )
    p.add_argument("--reopen", action="store_true", help="mark it incomplete again")
    verbs.listing("kpis", cmd_kpis, "List KPIs with the state of their sheets.")

    p = verbs.verb(
        "smart",
        cmd_smart,
        "Confirm that an objective is specific, achievable or relevant.",
    )
    p.add_argument("id", metavar="ID", help="an outcome, output or activity")
    p.add_argument("criterion", metavar="CRITERION", help="specific, achievable or relevant")
    p.add_argument("--by", required=True, metavar="NAME", help="who confirmed ('' to untick)")

    p = verbs.verb("adopt", cmd_adopt, "Record the endorsement of the action plan.")
    p.add_argument("--by", required=True, metavar="WHO", dest="endorsed_by")
    p.add_argument("--on", required=True, metavar="DATE", dest="endorsed_on")
    p.add_argument(
        "--strategy",
        metavar="TEXT",
        dest="strategy_link",
        default="",
        help="link to the national anti-corruption strategy",
    )
    p.add_argument("--note", metavar="TEXT", default="")
