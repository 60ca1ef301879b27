"""The results chain of the action plan: outcomes, outputs, an activity's place
and plan fields, moving and deleting (confidential marks: :mod:`.confidential`).

Every function hands out frozen snapshots (``domain/records.py``); the rows
stay here (the ``*_row`` finders are for the plan's other services).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from idg_desktop.domain import records
from idg_desktop.domain.plan import PARENT_LEVEL, Extent, OutcomeLevel, check_timeline, parse_when
from idg_desktop.domain.vocabulary import parse_choice
from idg_desktop.errors import InvalidInput, NotFound
from idg_desktop.services.activities import activity_row
from idg_desktop.services.records import add_new, by_prefix, touch
from idg_desktop.services.snapshots import snapshot
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


def outcome_row(document: AssessmentDocument, reference: str) -> models.Outcome:
    return by_prefix(document.session, models.Outcome, reference, "outcome")


def output_row(document: AssessmentDocument, reference: str) -> models.Output:
    return by_prefix(document.session, models.Output, reference, "output")


def find_outcome(document: AssessmentDocument, reference: str) -> records.Outcome:
    return snapshot(outcome_row(document, reference))


def find_output(document: AssessmentDocument, reference: str) -> records.Output:
    return snapshot(output_row(document, reference))


def create(document: AssessmentDocument, make: Callable[[Session], models.Base], record_id):
    """One change adding the row ``make`` builds (given the session), stamped
    new (``record_id``: its id, else a fresh one); returns its snapshot."""
    with document.edit() as session:
        row = make(session)
        add_new(document, row, record_id=record_id)
    return snapshot(row)


def next_position(session, model, *where) -> int:
    """One past the highest position among ``model``'s rows ``where`` says."""
    return (session.scalar(select(func.max(model.position)).where(*where)) or 0) + 1


def _check_parent(
    document: AssessmentDocument, level: OutcomeLevel, parent: str | None
) -> models.Outcome | None:
    if not parent:
        return None
    found = outcome_row(document, parent)
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


def _title(title: str | None, what: str) -> None:
    if title is not None and not title.strip():
        raise InvalidInput(f"The {what} needs a title.")


def _set_text(record: models.Outcome | models.Output, **changes: object) -> None:
    """Set a chain node's title, description and confidential mark (``None``: unchanged)."""
    for name in ("title", "description"):
        if changes.get(name) is not None:
            setattr(record, name, str(changes[name]).strip())
    if changes.get("confidential") is not None:
        record.confidential = bool(changes["confidential"])


def add_outcome(
    document: AssessmentDocument,
    *,
    title: str,
    level: str,
    parent: str | None = None,
    description: str = "",
    confidential: bool = False,
    record_id: str | None = None,
) -> records.Outcome:
    _title(title, "outcome")
    chosen = parse_choice(OutcomeLevel, level, "outcome level")
    above = _check_parent(document, chosen, parent)
    parent_id = above.id if above else None
    return create(
        document,
        lambda session: models.Outcome(
            level=chosen.value,
            parent_id=parent_id,
            title=title.strip(),
            description=description.strip(),
            position=next_position(session, models.Outcome, _same_parent(parent_id)),
            confidential=bool(confidential),
        ),
        record_id,
    )


def update_outcome(
    document: AssessmentDocument,
    reference: str,
    *,
    title: str | None = None,
    description: str | None = None,
    confidential: bool | None = None,
) -> records.Outcome:
    outcome = outcome_row(document, reference)
    _title(title, "outcome")
    with document.edit():
        _set_text(outcome, title=title, description=description, confidential=confidential)
        touch(document, outcome)
    return snapshot(outcome)


def add_output(
    document: AssessmentDocument,
    *,
    title: str,
    outcome: str,
    description: str = "",
    confidential: bool = False,
    record_id: str | None = None,
) -> records.Output:
    _title(title, "output")
    serves = outcome_row(document, outcome)
    return create(
        document,
        lambda session: models.Output(
            outcome_id=serves.id,
            title=title.strip(),
            description=description.strip(),
            position=next_position(session, models.Output, models.Output.outcome_id == serves.id),
            confidential=bool(confidential),
        ),
        record_id,
    )


def update_output(
    document: AssessmentDocument,
    reference: str,
    *,
    title: str | None = None,
    description: str | None = None,
    outcome: str | None = None,
    confidential: bool | None = None,
) -> records.Output:
    output = output_row(document, reference)
    _title(title, "output")
    serves = outcome_row(document, outcome) if outcome else None
    with document.edit() as session:
        _set_text(output, title=title, description=description, confidential=confidential)
        if serves is not None and serves.id != output.outcome_id:
            output.outcome_id = serves.id
            output.position = next_position(
                session, models.Output, models.Output.outcome_id == serves.id
            )
        touch(document, output)
    return snapshot(output)


def delete_node(document: AssessmentDocument, node_id: str) -> None:
    """Delete an outcome (with the outcomes and outputs under it) or an output.

    Activities are never deleted with the chain: they keep their ratings and
    return to "not yet in the plan".
    """
    node = node_row(document, node_id)
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
    node = node_row(document, node_id)
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


def node_row(document: AssessmentDocument, node_id: str):
    """The outcome, output or activity row of this (full) id."""
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
) -> records.Activity:
    """Put an activity under an output (``None``: back to "not yet in the plan")."""
    record = activity_row(document, activity)
    target = output_row(document, output) if output else None
    with document.edit():
        record.output_id = target.id if target else None
        touch(document, record)
    return snapshot(record)


def update_plan_fields(
    document: AssessmentDocument, activity: str, **changes: object
) -> records.Activity:
    """Set an activity's Annex 9 / Figure 14 fields (and its confidential
    mark), validated."""
    record = activity_row(document, activity)
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
    return snapshot(record)


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
