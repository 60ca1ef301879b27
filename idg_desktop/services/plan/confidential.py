"""Confidential parts of the action plan: an outcome, output, activity or KPI
marked confidential is left out of public versions with everything under it
(the rule: ``domain/plan.py``)."""

from __future__ import annotations

from sqlalchemy import select

from idg_desktop.services.plan.chain import node_row
from idg_desktop.services.records import touch
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def set_confidential(document: AssessmentDocument, node_id: str, confidential: bool) -> None:
    """Mark an outcome, output, activity or KPI confidential (or not): public
    versions leave it out, with everything under it."""
    record = document.session.get(models.Kpi, node_id) or node_row(document, node_id)
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
