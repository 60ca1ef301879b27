"""KPIs of the action plan (Part IV, Annexes 10–11): each measures one
outcome, output or activity and carries its metadata sheet. The sheet's
fields and rules are in ``domain/plan.py``; this module stores them and hands
out frozen snapshots."""

from __future__ import annotations

import json

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.domain.plan import (
    KPI_SHEET_KEYS,
    check_can_complete,
    check_stays_complete,
    clean_kpi_changes,
    kpi_sheet,
    missing_mandatory_labels,
)
from idg_desktop.errors import InvalidInput
from idg_desktop.services.activities import activity_row, list_activities
from idg_desktop.services.assessment import framework_of
from idg_desktop.services.plan.chain import (
    create,
    next_position,
    outcome_row,
    output_row,
    parse_yes_no,
)
from idg_desktop.services.plan.tree import action_plan, node_record
from idg_desktop.services.records import by_prefix, touch
from idg_desktop.services.snapshots import fetch, snapshot, snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def kpi_fields(document: AssessmentDocument) -> list[dict]:
    """The Annex 11 fields (key, label, mandatory) the document's framework lists."""
    return framework_of(document).kpi_metadata_fields


def kpi_typologies(document: AssessmentDocument) -> list[dict]:
    return framework_of(document).kpi_typologies


def _kpi_row(document: AssessmentDocument, reference: str) -> models.Kpi:
    return by_prefix(document.session, models.Kpi, reference, "KPI")


def find_kpi(document: AssessmentDocument, reference: str) -> records.Kpi:
    return snapshot(_kpi_row(document, reference))


def kpi_owner_id(kpi: records.Kpi) -> str:
    """The id of the outcome, output or activity the KPI measures."""
    return kpi.activity_id or kpi.output_id or kpi.outcome_id or ""


def kpi_owner_kind(kpi: records.Kpi) -> str:
    """``"activity"``, ``"output"`` or ``"outcome"``."""
    if kpi.activity_id:
        return "activity"
    return "output" if kpi.output_id else "outcome"


def list_kpis(document: AssessmentDocument) -> list[records.Kpi]:
    """Every KPI in the order of the plan's tree (an outcome's KPIs, then those
    of what is under it), then activities not yet in the plan, in their order;
    a node's KPIs in their own order."""
    order: dict[str, int] = {}
    for node in action_plan(document).nodes():
        order.setdefault(node_record(node).id, len(order))
    for n, activity in enumerate(list_activities(document)):
        order.setdefault(activity.id, len(order) + n)
    kpis = document.session.scalars(select(models.Kpi)).all()
    return snapshots(sorted(kpis, key=lambda k: (order.get(kpi_owner_id(k), 0), k.position, k.id)))


def kpis_of(document: AssessmentDocument, owner_id: str) -> list[records.Kpi]:
    """The KPIs of one outcome, output or activity (its full id), in their order."""
    owned = (
        (models.Kpi.activity_id == owner_id)
        | (models.Kpi.output_id == owner_id)
        | (models.Kpi.outcome_id == owner_id)
    )
    return fetch(document, models.Kpi, owned, order_by=(models.Kpi.position,))


def _clean_kpi_changes(document: AssessmentDocument, changes: dict[str, object]) -> dict:
    return clean_kpi_changes(changes, {t["key"] for t in kpi_typologies(document)})


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
) -> records.Kpi:
    """A KPI of exactly one outcome, output or activity (Part IV)."""
    owners = (("activity", activity), ("outcome", outcome), ("output", output))
    chosen = [(k, v) for k, v in owners if v]
    if len(chosen) != 1:
        raise InvalidInput(
            "A KPI measures exactly one outcome, output or activity: give one of "
            "--outcome, --output or --activity."
        )
    kind, reference = chosen[0]
    finder = {"activity": activity_row, "outcome": outcome_row, "output": output_row}[kind]
    owner = finder(document, reference)
    column = getattr(models.Kpi, f"{kind}_id")
    clean = _clean_kpi_changes(document, {"name": name, "target_value": target, **sheet})
    kpi = create(
        document,
        lambda session: models.Kpi(
            **{f"{kind}_id": owner.id},
            position=next_position(session, models.Kpi, column == owner.id),
            complete=False,
            confidential=bool(confidential),
            **{key: clean.get(key, "[]" if key == "typologies" else "") for key in KPI_SHEET_KEYS},
        ),
        record_id,
    )
    document.session.expire(owner, ["kpis"])
    return kpi


def missing_kpi_fields(document: AssessmentDocument, kpi: records.Kpi) -> list[str]:
    """Labels of the mandatory Annex 11 fields the sheet still lacks."""
    return missing_mandatory_labels(kpi_sheet(kpi), kpi_fields(document))


def update_kpi(document: AssessmentDocument, reference: str, **changes: object) -> records.Kpi:
    kpi = _kpi_row(document, reference)
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
    return snapshot(kpi)


def set_kpi_complete(
    document: AssessmentDocument, reference: str, complete: bool = True
) -> records.Kpi:
    """Mark a sheet complete — refused, naming the fields, while a mandatory one is empty."""
    kpi = _kpi_row(document, reference)
    if complete:
        check_can_complete(kpi.name, kpi_sheet(kpi), kpi_fields(document))
    with document.edit():
        kpi.complete = complete
        touch(document, kpi)
    return snapshot(kpi)


def delete_kpi(document: AssessmentDocument, reference: str) -> None:
    kpi = _kpi_row(document, reference)
    owner = kpi_owner_id(kpi)
    with document.edit() as session:
        session.delete(kpi)
    for model in (models.Activity, models.Output, models.Outcome):
        record = document.session.get(model, owner)
        if record is not None:
            document.session.expire(record, ["kpis"])
