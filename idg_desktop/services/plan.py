"""The integrity action plan: results chain, plan fields, KPIs, SMART, adoption.

The rules themselves (levels, timelines, SMART, mandatory KPI fields) are in
``idg_desktop.domain.plan``; this module stores and reads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select

from idg_desktop.domain.plan import (
    CONFIRMED,
    PARENT_LEVEL,
    Extent,
    OutcomeLevel,
    SmartCheck,
    check_can_complete,
    check_stays_complete,
    check_timeline,
    measurable,
    missing_mandatory_labels,
    parse_when,
    rolled_up,
    time_bound,
)
from idg_desktop.domain.vocabulary import parse_choice
from idg_desktop.errors import InvalidInput, NotFound
from idg_desktop.services.activities import find_activity, list_activities
from idg_desktop.services.assessment import framework_of
from idg_desktop.services.records import by_prefix, stamp_new, touch
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: The activity's plan fields (Annex 9 and Figure 14), in the template's order.
PLAN_FIELDS = (
    "responsible_division",
    "responsible_person",
    "performance_target",
    "budget",
    "resources",
    "start",
    "due",
    "strategic_goal",
    "stakeholders",
    "task_origin",
    "planned_result",
    "staff_count",
    "external_contributor",
    "cost_source",
    "complexity",
    "integrity_effect",
)

#: The KPI sheet's fields beyond Annex 11's fifteen.
KPI_EXTRA_FIELDS = ("baseline_value", "baseline_date")


# -- the results chain --------------------------------------------------------


def find_outcome(document: AssessmentDocument, reference: str) -> models.Outcome:
    return by_prefix(document.session, models.Outcome, reference, "outcome")


def find_output(document: AssessmentDocument, reference: str) -> models.Output:
    return by_prefix(document.session, models.Output, reference, "output")


def _next_position(session, model, *where) -> int:
    return (session.scalar(select(func.max(model.position)).where(*where)) or 0) + 1


def _check_parent(
    document: AssessmentDocument, level: OutcomeLevel, parent: str | None
) -> models.Outcome | None:
    if not parent:
        return None
    found = find_outcome(document, parent)
    wanted = PARENT_LEVEL[level]
    if wanted is None or found.level != wanted.value:
        if wanted is None:
            raise InvalidInput("An ultimate outcome stands at the top of the results chain.")
        raise InvalidInput(
            f"An {level.value} outcome sits under an {wanted.value} outcome, "
            f"not under an {found.level} one."
        )
    return found


def _same_parent(parent_id: str | None):
    if parent_id is None:
        return models.Outcome.parent_id.is_(None)
    return models.Outcome.parent_id == parent_id


def add_outcome(
    document: AssessmentDocument,
    *,
    title: str,
    level: str,
    parent: str | None = None,
    description: str = "",
    confidential: bool = False,
    record_id: str | None = None,
) -> models.Outcome:
    if not title.strip():
        raise InvalidInput("The outcome needs a title.")
    chosen = parse_choice(OutcomeLevel, level, "outcome level")
    above = _check_parent(document, chosen, parent)
    parent_id = above.id if above else None
    with document.edit() as session:
        outcome = models.Outcome(
            level=chosen.value,
            parent_id=parent_id,
            title=title.strip(),
            description=description.strip(),
            position=_next_position(session, models.Outcome, _same_parent(parent_id)),
            confidential=bool(confidential),
        )
        stamp_new(document, outcome, record_id=record_id)
        session.add(outcome)
    return outcome


def update_outcome(
    document: AssessmentDocument,
    reference: str,
    *,
    title: str | None = None,
    description: str | None = None,
    confidential: bool | None = None,
) -> models.Outcome:
    outcome = find_outcome(document, reference)
    if title is not None and not title.strip():
        raise InvalidInput("The outcome needs a title.")
    with document.edit():
        if title is not None:
            outcome.title = title.strip()
        if description is not None:
            outcome.description = description.strip()
        if confidential is not None:
            outcome.confidential = bool(confidential)
        touch(document, outcome)
    return outcome


def add_output(
    document: AssessmentDocument,
    *,
    title: str,
    outcome: str,
    description: str = "",
    confidential: bool = False,
    record_id: str | None = None,
) -> models.Output:
    if not title.strip():
        raise InvalidInput("The output needs a title.")
    serves = find_outcome(document, outcome)
    with document.edit() as session:
        output = models.Output(
            outcome_id=serves.id,
            title=title.strip(),
            description=description.strip(),
            position=_next_position(session, models.Output, models.Output.outcome_id == serves.id),
            confidential=bool(confidential),
        )
        stamp_new(document, output, record_id=record_id)
        session.add(output)
    return output


def update_output(
    document: AssessmentDocument,
    reference: str,
    *,
    title: str | None = None,
    description: str | None = None,
    outcome: str | None = None,
    confidential: bool | None = None,
) -> models.Output:
    output = find_output(document, reference)
    if title is not None and not title.strip():
        raise InvalidInput("The output needs a title.")
    serves = find_outcome(document, outcome) if outcome else None
    with document.edit() as session:
        if title is not None:
            output.title = title.strip()
        if description is not None:
            output.description = description.strip()
        if confidential is not None:
            output.confidential = bool(confidential)
        if serves is not None and serves.id != output.outcome_id:
            output.outcome_id = serves.id
            output.position = _next_position(
                session, models.Output, models.Output.outcome_id == serves.id
            )
        touch(document, output)
    return output


def delete_node(document: AssessmentDocument, node_id: str) -> None:
    """Delete an outcome (with the outcomes and outputs under it) or an output.

    Activities are never deleted with the chain: they keep their ratings and
    return to "not yet in the plan".
    """
    node = _node(document, node_id)
    if isinstance(node, models.Activity):
        raise InvalidInput("Activities are deleted on the Priorities page, not from the plan.")
    with document.edit() as session:
        gone = _descendant_ids(document, node)
        session.execute(
            delete(models.SmartConfirmation).where(models.SmartConfirmation.node_id.in_(gone))
        )
        session.delete(node)
        session.flush()
    document.session.expire_all()


def _descendant_ids(document: AssessmentDocument, node) -> list[str]:
    ids = [node.id]
    if isinstance(node, models.Outcome):
        session = document.session
        for child in session.scalars(
            select(models.Outcome).where(models.Outcome.parent_id == node.id)
        ):
            ids += _descendant_ids(document, child)
        ids += list(
            session.scalars(select(models.Output.id).where(models.Output.outcome_id == node.id))
        )
    return ids


def move_node(document: AssessmentDocument, node_id: str, step: int) -> None:
    """Move an outcome, output or activity up (``-1``) or down (``+1``) among its siblings."""
    node = _node(document, node_id)
    siblings = _siblings(document, node)
    index = [s.id for s in siblings].index(node.id)
    other = index + step
    if not 0 <= other < len(siblings):
        return
    # The siblings keep the positions they hold between them (an activity's
    # position also orders the Priorities page, across outputs): only their
    # order among those positions changes.
    slots = sorted(s.position for s in siblings)
    for n in range(1, len(slots)):
        slots[n] = max(slots[n], slots[n - 1] + 1)
    with document.edit():
        order = list(siblings)
        order[index], order[other] = order[other], order[index]
        for position, record in zip(slots, order, strict=True):
            if record.position != position:
                record.position = position
                touch(document, record)


def _siblings(document: AssessmentDocument, node) -> list:
    session = document.session
    if isinstance(node, models.Outcome):
        query = select(models.Outcome).where(_same_parent(node.parent_id))
        model = models.Outcome
    elif isinstance(node, models.Output):
        query = select(models.Output).where(models.Output.outcome_id == node.outcome_id)
        model = models.Output
    else:
        where = (
            models.Activity.output_id.is_(None)
            if node.output_id is None
            else models.Activity.output_id == node.output_id
        )
        query = select(models.Activity).where(where)
        model = models.Activity
    return list(session.scalars(query.order_by(model.position, model.created_at, model.id)))


def _node(document: AssessmentDocument, node_id: str):
    for model in (models.Outcome, models.Output, models.Activity):
        record = document.session.get(model, node_id)
        if record is not None:
            return record
    raise NotFound(f"Nothing in the action plan has the id '{node_id}'.")


def resolve_node(document: AssessmentDocument, reference: str) -> str:
    """The full id of the outcome, output or activity a short id names."""
    found = []
    for model, what in (
        (models.Outcome, "outcome"),
        (models.Output, "output"),
        (models.Activity, "activity"),
    ):
        try:
            found.append(by_prefix(document.session, model, reference, what).id)
        except NotFound:
            continue
    if not found:
        raise NotFound(f"No outcome, output or activity has an id starting with '{reference}'.")
    if len(found) > 1:
        raise InvalidInput(f"The id '{reference}' is ambiguous: give more characters.")
    return found[0]


def place_activity(
    document: AssessmentDocument, activity: str, output: str | None
) -> models.Activity:
    """Put an activity under an output (``None``: back to "not yet in the plan")."""
    record = find_activity(document, activity)
    target = find_output(document, output) if output else None
    with document.edit():
        record.output_id = target.id if target else None
        touch(document, record)
    return record


def update_plan_fields(
    document: AssessmentDocument, activity: str, **changes: object
) -> models.Activity:
    """Set an activity's Annex 9 / Figure 14 fields (and its confidential
    mark), validated."""
    record = find_activity(document, activity)
    clean: dict[str, object] = {}
    for name, value in changes.items():
        if name == "confidential":
            clean[name] = parse_yes_no(value, "confidential")
            continue
        if name not in PLAN_FIELDS:
            raise InvalidInput(f"The action plan has no field '{name}'.")
        text = "" if value is None else str(value).strip()
        if name in ("start", "due"):
            clean[name] = parse_when(text, f"{name} quarter or date")
        elif name in ("complexity", "integrity_effect"):
            what = "complexity" if name == "complexity" else "integrity effect"
            clean[name] = parse_choice(Extent, text, what).value if text else ""
        elif name == "staff_count":
            if text and (not text.isdigit() or int(text) > 100_000):
                raise InvalidInput(f"'{text}' is not a number of staff.")
            clean[name] = int(text) if text else None
        else:
            clean[name] = text
    check_timeline(str(clean.get("start", record.start)), str(clean.get("due", record.due)))
    with document.edit():
        for name, value in clean.items():
            setattr(record, name, value)
        touch(document, record)
    return record


def parse_yes_no(value: object, what: str) -> bool:
    """``True``/``"yes"``/``"no"``... → a bool; anything else refused, naming ``what``."""
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in {"yes", "true", "1", "on"}:
        return True
    if text in {"no", "false", "0", "off", ""}:
        return False
    raise InvalidInput(f"'{value}' is not yes or no (for {what}).")


def set_confidential(document: AssessmentDocument, node_id: str, confidential: bool) -> None:
    """Mark an outcome, output, activity or KPI confidential (or not): public
    versions leave it out, with everything under it."""
    record = document.session.get(models.Kpi, node_id) or _node(document, node_id)
    with document.edit():
        record.confidential = bool(confidential)
        touch(document, record)


def hidden_ids(document: AssessmentDocument) -> set[str]:
    """Ids of what public versions leave out: every confidential outcome,
    output, activity or KPI and everything under it (outcomes, outputs, their
    activities and every KPI of a hidden node)."""
    session = document.session
    outcomes = session.scalars(select(models.Outcome)).all()
    outputs = session.scalars(select(models.Output)).all()
    activities = session.scalars(select(models.Activity)).all()
    kpis = session.scalars(select(models.Kpi)).all()
    parent = {o.id: o.parent_id for o in outcomes}
    marked = {r.id for r in (*outcomes, *outputs, *activities, *kpis) if r.confidential}

    def outcome_hidden(outcome_id: str | None) -> bool:
        seen = 0
        while outcome_id is not None and seen <= len(parent):
            if outcome_id in marked:
                return True
            outcome_id, seen = parent.get(outcome_id), seen + 1
        return False

    hidden = {o.id for o in outcomes if outcome_hidden(o.id)}
    hidden |= {o.id for o in outputs if o.id in marked or o.outcome_id in hidden}
    hidden |= {a.id for a in activities if a.id in marked or a.output_id in hidden}
    hidden |= {
        k.id
        for k in kpis
        if k.id in marked or (k.activity_id or k.output_id or k.outcome_id) in hidden
    }
    return hidden


# -- KPIs -----------------------------------------------------------------------


def kpi_fields(document: AssessmentDocument) -> list[dict]:
    """The Annex 11 fields (key, label, mandatory) the document's framework lists."""
    return framework_of(document).kpi_metadata_fields


def kpi_typologies(document: AssessmentDocument) -> list[dict]:
    return framework_of(document).kpi_typologies


def find_kpi(document: AssessmentDocument, reference: str) -> models.Kpi:
    return by_prefix(document.session, models.Kpi, reference, "KPI")


def kpi_owner_id(kpi: models.Kpi) -> str:
    """The id of the outcome, output or activity the KPI measures."""
    return kpi.activity_id or kpi.output_id or kpi.outcome_id or ""


def kpi_owner_kind(kpi: models.Kpi) -> str:
    """``"activity"``, ``"output"`` or ``"outcome"``."""
    if kpi.activity_id:
        return "activity"
    return "output" if kpi.output_id else "outcome"


def list_kpis(document: AssessmentDocument) -> list[models.Kpi]:
    """Every KPI in the order of the plan's tree (an outcome's KPIs, then those
    of what is under it), then activities not yet in the plan, in their order;
    a node's KPIs in their own order."""
    order: dict[str, int] = {}
    for node in action_plan(document).nodes():
        order.setdefault(_node_record(node).id, len(order))
    for n, activity in enumerate(list_activities(document)):
        order.setdefault(activity.id, len(order) + n)
    kpis = document.session.scalars(select(models.Kpi)).all()
    return sorted(kpis, key=lambda k: (order.get(kpi_owner_id(k), 0), k.position, k.id))


def _node_record(node) -> models.Outcome | models.Output | models.Activity:
    if isinstance(node, OutcomeNode):
        return node.outcome
    if isinstance(node, OutputNode):
        return node.output
    return node.activity


def kpi_sheet(kpi: models.Kpi) -> dict[str, object]:
    """The KPI's metadata sheet as a dict keyed like Annex 11 (+ baseline)."""
    sheet: dict[str, object] = {}
    for key in _SHEET_KEYS:
        value = getattr(kpi, key)
        sheet[key] = json.loads(value or "[]") if key == "typologies" else value
    return sheet


_SHEET_KEYS = (
    "name",
    "description",
    "performance_dimension",
    "calculation_method",
    "rationale",
    "links",
    "typologies",
    "source_of_verification",
    "references",
    "periodicity",
    "disaggregation",
    "target_value",
    "country_example",
    "disclosure_policy",
    "other_considerations",
    *KPI_EXTRA_FIELDS,
)


def _clean_kpi_changes(document: AssessmentDocument, changes: dict[str, object]) -> dict:
    clean: dict[str, object] = {}
    known = {t["key"] for t in kpi_typologies(document)}
    for name, value in changes.items():
        if name == "target":
            name = "target_value"
        if name not in _SHEET_KEYS:
            raise InvalidInput(f"A KPI metadata sheet has no field '{name}'.")
        if name == "typologies":
            keys = [value] if isinstance(value, str) else list(value or [])
            keys = [str(k).strip() for k in keys if str(k).strip()]
            unknown = [k for k in keys if k not in known]
            if unknown:
                raise InvalidInput(
                    f"Unknown KPI typology '{unknown[0]}': use keys from Annex 10 "
                    f"such as {', '.join(sorted(known)[:3])}."
                )
            clean[name] = json.dumps(sorted(set(keys)))
        elif name == "baseline_date":
            text = str(value or "").strip()
            if text:
                try:
                    text = date.fromisoformat(text).isoformat()
                except ValueError:
                    raise InvalidInput(
                        f"'{text}' is not a date: write the baseline date as 2026-03-31."
                    ) from None
            clean[name] = text
        else:
            clean[name] = str(value or "").strip()
    if "name" in clean and not clean["name"]:
        raise InvalidInput("The KPI needs a name.")
    return clean


def add_kpi(
    document: AssessmentDocument,
    *,
    name: str,
    activity: str | None = None,
    outcome: str | None = None,
    output: str | None = None,
    target: str = "",
    confidential: bool = False,
    record_id: str | None = None,
    **sheet: object,
) -> models.Kpi:
    """A KPI of exactly one outcome, output or activity (Part IV)."""
    owners = (("activity", activity), ("outcome", outcome), ("output", output))
    chosen = [(k, v) for k, v in owners if v]
    if len(chosen) != 1:
        raise InvalidInput(
            "A KPI measures exactly one outcome, output or activity: give one of "
            "--outcome, --output or --activity."
        )
    kind, reference = chosen[0]
    finder = {"activity": find_activity, "outcome": find_outcome, "output": find_output}[kind]
    owner = finder(document, reference)
    column = getattr(models.Kpi, f"{kind}_id")
    clean = _clean_kpi_changes(document, {"name": name, "target_value": target, **sheet})
    with document.edit() as session:
        kpi = models.Kpi(
            **{f"{kind}_id": owner.id},
            position=_next_position(session, models.Kpi, column == owner.id),
            complete=False,
            confidential=bool(confidential),
            **{key: clean.get(key, "[]" if key == "typologies" else "") for key in _SHEET_KEYS},
        )
        stamp_new(document, kpi, record_id=record_id)
        session.add(kpi)
    document.session.expire(owner, ["kpis"])
    return kpi


def missing_kpi_fields(document: AssessmentDocument, kpi: models.Kpi) -> list[str]:
    """Labels of the mandatory Annex 11 fields the sheet still lacks."""
    return missing_mandatory_labels(kpi_sheet(kpi), kpi_fields(document))


def update_kpi(document: AssessmentDocument, reference: str, **changes: object) -> models.Kpi:
    kpi = find_kpi(document, reference)
    changes = dict(changes)
    confidential = (
        parse_yes_no(changes.pop("confidential"), "confidential")
        if "confidential" in changes
        else None
    )
    clean = _clean_kpi_changes(document, changes)
    after = {
        **kpi_sheet(kpi),
        **{k: json.loads(v) if k == "typologies" else v for k, v in clean.items()},
    }
    check_stays_complete(kpi.name, kpi.complete, after, kpi_fields(document))
    with document.edit():
        for key, value in clean.items():
            setattr(kpi, key, value)
        if confidential is not None:
            kpi.confidential = confidential
        touch(document, kpi)
    return kpi


def set_kpi_complete(
    document: AssessmentDocument, reference: str, complete: bool = True
) -> models.Kpi:
    """Mark a sheet complete — refused, naming the fields, while a mandatory one is empty."""
    kpi = find_kpi(document, reference)
    if complete:
        check_can_complete(kpi.name, kpi_sheet(kpi), kpi_fields(document))
    with document.edit():
        kpi.complete = complete
        touch(document, kpi)
    return kpi


def delete_kpi(document: AssessmentDocument, reference: str) -> None:
    kpi = find_kpi(document, reference)
    owner = kpi_owner_id(kpi)
    with document.edit() as session:
        session.delete(kpi)
    for model in (models.Activity, models.Output, models.Outcome):
        record = document.session.get(model, owner)
        if record is not None:
            document.session.expire(record, ["kpis"])


# -- SMART ------------------------------------------------------------------------


def confirm_smart(
    document: AssessmentDocument,
    node_id: str,
    criterion: str,
    by: str,
    *,
    record_id: str | None = None,
) -> None:
    """Tick (``by`` = who) or untick (``by`` = "") specific, achievable or relevant."""
    node = _node(document, node_id)
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
            stamp_new(document, record, record_id=record_id)
            session.add(record)
        else:
            existing.confirmed_by = who
            touch(document, existing)


def _measurable(record: models.Activity | models.Output | models.Outcome) -> bool:
    """A KPI of its own with a target value."""
    return measurable([k.target_value for k in record.kpis])


def _time_bound(activity: models.Activity) -> bool:
    return time_bound(activity.due)


# -- reading the plan ---------------------------------------------------------------


@dataclass
class ActivityNode:
    activity: models.Activity
    code: str
    smart: SmartCheck


@dataclass
class OutputNode:
    output: models.Output
    code: str
    activities: list[ActivityNode] = field(default_factory=list)
    smart: SmartCheck | None = None


@dataclass
class OutcomeNode:
    outcome: models.Outcome
    code: str
    outcomes: list[OutcomeNode] = field(default_factory=list)
    outputs: list[OutputNode] = field(default_factory=list)
    smart: SmartCheck | None = None

    def activities(self) -> list[ActivityNode]:
        """Every activity under this outcome, in the tree's order."""
        found: list[ActivityNode] = []
        for child in self.outcomes:
            found += child.activities()
        return found + [a for o in self.outputs for a in o.activities]


@dataclass
class Plan:
    outcomes: list[OutcomeNode]
    unplaced: list[ActivityNode]
    adoptions: list[models.Adoption]

    def nodes(self):
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


def action_plan(document: AssessmentDocument) -> Plan:
    """The plan as a tree, numbered like Annex 9: outcomes and outputs by their
    place in the chain (Outcome 1, 1.1, output 1.1.1), activities through the
    whole plan (A1, A2...)."""
    session = document.session
    confirmations: dict[str, dict[str, str]] = {}
    for tick in session.scalars(select(models.SmartConfirmation)):
        confirmations.setdefault(tick.node_id, {})[tick.criterion] = tick.confirmed_by
    outcomes = session.scalars(
        select(models.Outcome).order_by(
            models.Outcome.position, models.Outcome.created_at, models.Outcome.id
        )
    ).all()
    outputs = session.scalars(
        select(models.Output).order_by(
            models.Output.position, models.Output.created_at, models.Output.id
        )
    ).all()
    activities = list_activities(document)

    def check(node_id: str, measurable: bool, time_bound: bool) -> SmartCheck:
        ticks = confirmations.get(node_id, {})
        return SmartCheck(
            specific=ticks.get("specific", ""),
            measurable=measurable,
            achievable=ticks.get("achievable", ""),
            relevant=ticks.get("relevant", ""),
            time_bound=time_bound,
        )

    def activity_node(activity: models.Activity, code: str) -> ActivityNode:
        return ActivityNode(
            activity, code, check(activity.id, _measurable(activity), _time_bound(activity))
        )

    def outcome_node(outcome: models.Outcome, code: str) -> OutcomeNode:
        node = OutcomeNode(outcome, code)
        number = 0
        for child in outcomes:
            if child.parent_id == outcome.id:
                number += 1
                node.outcomes.append(outcome_node(child, f"{code}.{number}"))
        for output in outputs:
            if output.outcome_id == outcome.id:
                number += 1
                out = OutputNode(output, f"{code}.{number}")
                out.activities = [
                    activity_node(a, "") for a in activities if a.output_id == output.id
                ]
                out.smart = summary(output, out.activities)
                node.outputs.append(out)
        node.smart = summary(outcome, node.activities())
        return node

    def summary(record: models.Outcome | models.Output, below: list[ActivityNode]) -> SmartCheck:
        return check(record.id, *rolled_up(_measurable(record), [a.smart for a in below]))

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


# -- adoption ---------------------------------------------------------------------


def add_adoption(
    document: AssessmentDocument,
    *,
    endorsed_by: str,
    endorsed_on: str,
    strategy_link: str = "",
    note: str = "",
    record_id: str | None = None,
) -> models.Adoption:
    """Record who endorsed the plan, when, and its link to the national strategy."""
    if not endorsed_by.strip():
        raise InvalidInput("Say who endorsed the action plan.")
    try:
        day = date.fromisoformat(endorsed_on.strip()).isoformat()
    except ValueError:
        raise InvalidInput(
            f"'{endorsed_on}' is not a date: write the endorsement date as 2026-04-15."
        ) from None
    with document.edit() as session:
        record = models.Adoption(
            endorsed_by=endorsed_by.strip(),
            endorsed_on=day,
            strategy_link=strategy_link.strip(),
            note=note.strip(),
        )
        stamp_new(document, record, record_id=record_id)
        session.add(record)
    return record


def list_adoptions(document: AssessmentDocument) -> list[models.Adoption]:
    return list(
        document.session.scalars(
            select(models.Adoption).order_by(models.Adoption.endorsed_on, models.Adoption.id)
        )
    )


def delete_adoption(document: AssessmentDocument, reference: str) -> None:
    record = by_prefix(document.session, models.Adoption, reference, "endorsement")
    with document.edit() as session:
        session.delete(record)
