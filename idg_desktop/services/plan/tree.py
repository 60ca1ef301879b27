"""The action plan read as a tree (numbered like Annex 9), with each node's
KPIs and SMART check, and the working group's SMART confirmations.

The nodes hold frozen snapshots (``domain/records.py``); a node's KPIs are
on the node (a snapshot has no relationship to follow). The SMART rules are
in ``domain/plan.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.domain.plan import CONFIRMED, SmartCheck, measurable, rolled_up, time_bound
from idg_desktop.errors import InvalidInput
from idg_desktop.services.activities import list_activities
from idg_desktop.services.plan.adoption import list_adoptions
from idg_desktop.services.plan.chain import node_row
from idg_desktop.services.records import add_new, touch
from idg_desktop.services.snapshots import snapshot, snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


@dataclass
class ActivityNode:
    activity: records.Activity
    code: str
    smart: SmartCheck
    kpis: tuple[records.Kpi, ...] = ()  # its own, in their order


@dataclass
class OutputNode:
    output: records.Output
    code: str
    activities: list[ActivityNode] = field(default_factory=list)
    smart: SmartCheck | None = None
    kpis: tuple[records.Kpi, ...] = ()


@dataclass
class OutcomeNode:
    outcome: records.Outcome
    code: str
    outcomes: list[OutcomeNode] = field(default_factory=list)
    outputs: list[OutputNode] = field(default_factory=list)
    smart: SmartCheck | None = None
    kpis: tuple[records.Kpi, ...] = ()

    def activities(self) -> list[ActivityNode]:
        """Every activity under this outcome, in the tree's order."""
        found: list[ActivityNode] = []
        for child in self.outcomes:
            found += child.activities()
        return found + [a for o in self.outputs for a in o.activities]


Node = OutcomeNode | OutputNode | ActivityNode


def node_record(node: Node) -> records.Outcome | records.Output | records.Activity:
    """The outcome, output or activity a node of the tree shows."""
    if isinstance(node, OutcomeNode):
        return node.outcome
    if isinstance(node, OutputNode):
        return node.output
    return node.activity


@dataclass
class Plan:
    outcomes: list[OutcomeNode]
    unplaced: list[ActivityNode]
    adoptions: list[records.Adoption]

    def nodes(self) -> Iterator[Node]:
        """Every outcome, output and activity node, depth first."""

        def walk(node: OutcomeNode):
            yield node
            for child in node.outcomes:
                yield from walk(child)
            for output in node.outputs:
                yield output
                yield from output.activities

        for top in self.outcomes:
            yield from walk(top)
        yield from self.unplaced

    def node(self, node_id: str) -> Node | None:
        """The node of this outcome, output or activity id (``None``: not in the plan)."""
        return next((n for n in self.nodes() if node_record(n).id == node_id), None)


def _ordered(session, model) -> list:
    return snapshots(
        session.scalars(select(model).order_by(model.position, model.created_at, model.id))
    )


def _kpis_by_owner(document: AssessmentDocument) -> dict[str, tuple[records.Kpi, ...]]:
    owned: dict[str, list[records.Kpi]] = {}
    for kpi in document.session.scalars(select(models.Kpi).order_by(models.Kpi.position)):
        owner = kpi.activity_id or kpi.output_id or kpi.outcome_id or ""
        owned.setdefault(owner, []).append(snapshot(kpi))
    return {owner: tuple(kpis) for owner, kpis in owned.items()}


def action_plan(document: AssessmentDocument) -> Plan:
    """The plan as a tree, numbered like Annex 9: outcomes and outputs by their
    place in the chain (Outcome 1, 1.1, output 1.1.1), activities through the
    whole plan (A1, A2...)."""
    session = document.session
    confirmations: dict[str, dict[str, str]] = {}
    for tick in session.scalars(select(models.SmartConfirmation)):
        confirmations.setdefault(tick.node_id, {})[tick.criterion] = tick.confirmed_by
    outcomes = _ordered(session, models.Outcome)
    outputs = _ordered(session, models.Output)
    activities = list_activities(document)
    kpis = _kpis_by_owner(document)

    def own(record_id: str) -> tuple[bool, tuple[records.Kpi, ...]]:
        """(measurable on its own, its KPIs): a KPI of its own with a target value."""
        mine = kpis.get(record_id, ())
        return measurable([k.target_value for k in mine]), mine

    def check(node_id: str, measurable: bool, time_bound: bool) -> SmartCheck:
        ticks = confirmations.get(node_id, {})
        return SmartCheck(
            specific=ticks.get("specific", ""),
            measurable=measurable,
            achievable=ticks.get("achievable", ""),
            relevant=ticks.get("relevant", ""),
            time_bound=time_bound,
        )

    def activity_node(activity: records.Activity, code: str) -> ActivityNode:
        measured, mine = own(activity.id)
        return ActivityNode(
            activity, code, check(activity.id, measured, time_bound(activity.due)), mine
        )

    def outcome_node(outcome: records.Outcome, code: str) -> OutcomeNode:
        node = OutcomeNode(outcome, code, kpis=kpis.get(outcome.id, ()))
        number = 0
        for child in outcomes:
            if child.parent_id == outcome.id:
                number += 1
                node.outcomes.append(outcome_node(child, f"{code}.{number}"))
        for output in outputs:
            if output.outcome_id == outcome.id:
                number += 1
                out = OutputNode(output, f"{code}.{number}", kpis=kpis.get(output.id, ()))
                out.activities = [
                    activity_node(a, "") for a in activities if a.output_id == output.id
                ]
                out.smart = summary(output, out.activities)
                node.outputs.append(out)
        node.smart = summary(outcome, node.activities())
        return node

    def summary(record: records.Outcome | records.Output, below: list[ActivityNode]) -> SmartCheck:
        return check(record.id, *rolled_up(own(record.id)[0], [a.smart for a in below]))

    tops = [o for o in outcomes if o.parent_id is None]
    tree = [outcome_node(o, str(n)) for n, o in enumerate(tops, start=1)]
    # Activities are numbered through the whole plan (Figure 14's "activity
    # number within the action plan"): A1, A2... in the tree's order.
    number = 0
    for top in tree:
        for node in top.activities():
            number += 1
            node.code = f"A{number}"
    unplaced = [activity_node(a, "") for a in activities if a.output_id is None]
    return Plan(tree, unplaced, list_adoptions(document))


def confirm_smart(
    document: AssessmentDocument,
    node_id: str,
    criterion: str,
    by: str,
    *,
    record_id: str | None = None,
) -> None:
    """Tick (``by`` = who) or untick (``by`` = "") specific, achievable or relevant."""
    node = node_row(document, node_id)
    key = criterion.strip().lower()
    if key not in CONFIRMED:
        raise InvalidInput(
            f"'{criterion}' is not confirmed by the working group: tick one of "
            f"{', '.join(CONFIRMED)} (measurable and time-bound are checked by the app)."
        )
    existing = document.session.scalars(
        select(models.SmartConfirmation).where(
            models.SmartConfirmation.node_id == node.id,
            models.SmartConfirmation.criterion == key,
        )
    ).first()
    who = by.strip()
    with document.edit() as session:
        if not who:
            if existing is not None:
                session.delete(existing)
        elif existing is None:
            record = models.SmartConfirmation(node_id=node.id, criterion=key, confirmed_by=who)
            add_new(document, record, record_id=record_id)
        else:
            existing.confirmed_by = who
            touch(document, existing)
