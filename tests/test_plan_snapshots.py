"""The action plan's services hand out frozen snapshots (``domain/records.py``),
never ORM rows: what they read, the Plan tree's nodes (each with its own KPIs,
as the file holds them) and what an edit returns. A snapshot stays as it was
read: a later edit does not change it under its holder's feet."""

from __future__ import annotations

import dataclasses

import pytest

from idg_desktop.domain import records
from idg_desktop.services import activities, plan
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def _frozen(value: object, kind: type) -> bool:
    return (
        isinstance(value, kind)
        and dataclasses.is_dataclass(value)
        and not isinstance(value, models.Base)
    )


def test_reading_the_plan_gives_snapshots(demo_file):
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        every = activities.list_activities(document)
        assert every and all(_frozen(a, records.Activity) for a in every)
        assert _frozen(activities.find_activity(document, every[0].id), records.Activity)
        by_finding = activities.activities_by_finding(document)
        assert by_finding and all(
            _frozen(a, records.Activity) for found in by_finding.values() for a in found
        )
        kpis = plan.list_kpis(document)
        assert kpis and all(_frozen(k, records.Kpi) for k in kpis)
        assert _frozen(plan.find_kpi(document, kpis[0].id), records.Kpi)
        tree = plan.action_plan(document)
        assert tree.adoptions and all(_frozen(a, records.Adoption) for a in tree.adoptions)
        kinds = {
            plan.OutcomeNode: records.Outcome,
            plan.OutputNode: records.Output,
            plan.ActivityNode: records.Activity,
        }
        nodes = list(tree.nodes())
        assert {type(n) for n in nodes} == set(kinds)
        for node in nodes:
            record = plan.node_record(node)
            assert _frozen(record, kinds[type(node)])
            # a node's KPIs are the tree's: those the file gives it, in their order
            assert [k.id for k in node.kpis] == [
                k.id for k in plan.list_kpis(document) if plan.kpi_owner_id(k) == record.id
            ]
            assert all(_frozen(k, records.Kpi) for k in node.kpis)
        outcome = tree.outcomes[0].outcome
        assert _frozen(plan.find_outcome(document, outcome.id), records.Outcome)
        output = next(n.output for n in nodes if isinstance(n, plan.OutputNode))
        assert _frozen(plan.find_output(document, output.id), records.Output)


def test_edits_return_snapshots_that_do_not_change_afterwards(demo_file):
    with AssessmentDocument.open(demo_file) as document:
        top = plan.add_outcome(document, title="Staff trust the rules", level="ultimate")
        assert _frozen(top, records.Outcome)
        out = plan.add_output(document, title="A hotline", outcome=top.id)
        assert _frozen(out, records.Output)
        renamed = plan.update_outcome(document, top.id, title="Staff trust the code")
        assert _frozen(renamed, records.Outcome) and renamed.title == "Staff trust the code"
        assert top.title == "Staff trust the rules"  # the earlier snapshot stays as read
        assert _frozen(plan.update_output(document, out.id, description="24/7"), records.Output)
        activity = activities.add_activity(document, title="Open a hotline", section="TR")
        assert _frozen(activity, records.Activity)
        for changed in (
            activities.rate_activity(document, activity.id, {"impact": "high"}),
            activities.override_priority(document, activity.id, "high", "The board asks"),
            plan.place_activity(document, activity.id, out.id),
            plan.update_plan_fields(document, activity.id, due="2027-Q2"),
        ):
            assert _frozen(changed, records.Activity)
        assert activity.output_id is None and activity.impact is None
        kpi = plan.add_kpi(document, name="Calls answered", activity=activity.id, target="90%")
        assert _frozen(kpi, records.Kpi)
        assert _frozen(plan.update_kpi(document, kpi.id, rationale="Trust"), records.Kpi)
        assert kpi.rationale == ""
        adoption = plan.add_adoption(document, endorsed_by="The board", endorsed_on="2026-05-04")
        assert _frozen(adoption, records.Adoption)
        with pytest.raises(dataclasses.FrozenInstanceError):
            kpi.name = "changed behind the service's back"  # type: ignore[misc]
        node = plan.action_plan(document).node(activity.id)
        assert [k.name for k in node.kpis] == ["Calls answered"]
        assert node.smart.measurable and node.smart.time_bound


def test_activities_from_agreed_findings_are_snapshots(demo_file):
    with AssessmentDocument.open(demo_file) as document:
        made = activities.add_activities_from_agreed_findings(document)
        assert made and all(_frozen(a, records.Activity) for a in made)
        assert all(len(a.finding_ids) == 1 for a in made)
