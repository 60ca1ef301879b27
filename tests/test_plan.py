"""The integrity action plan: results chain, SMART checks, KPI sheets, adoption,
through the services and the command line (``idg plan``, ``idg kpi add`` ...)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from idg_desktop.domain.plan import (
    check_timeline,
    display_when,
    missing_mandatory,
    parse_when,
    period_end,
    period_start,
)
from idg_desktop.errors import IdgError, InvalidInput
from idg_desktop.services import plan
from idg_desktop.services.activities import add_activity, find_activity, list_activities
from idg_desktop.services.assessment import document_framework
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def document(new_file: Path):
    with AssessmentDocument.open(new_file) as doc:
        yield doc


def _activity(document, title="Rotate examining officers", section="HR"):
    return add_activity(document, title=title, section=section)


# -- timelines -----------------------------------------------------------------


def test_quarters_and_dates_are_normalised():
    assert parse_when("Q1 2027") == "2027-Q1"
    assert parse_when(" 2027 q4 ") == "2027-Q4"
    assert parse_when("2027-Q2") == "2027-Q2"
    assert parse_when("2027-03-31") == "2027-03-31"
    assert parse_when("") == ""
    assert display_when("2027-Q1") == "Q1 2027"
    for bad in ("Q5 2027", "2027-02-30", "next year", "2027"):
        with pytest.raises(InvalidInput, match="quarter such as Q1 2027"):
            parse_when(bad)
    assert period_end("2027-Q1").isoformat() == "2027-03-31"
    assert period_end("2028-Q4").isoformat() == "2028-12-31"
    assert period_start("2027-Q3").isoformat() == "2027-07-01"


@given(
    st.integers(2000, 2100),
    st.integers(1, 4),
    st.integers(2000, 2100),
    st.integers(1, 4),
)
def test_a_due_quarter_before_the_start_is_refused(y1, q1, y2, q2):
    start, due = f"{y1}-Q{q1}", f"{y2}-Q{q2}"
    if (y2, q2) < (y1, q1):
        with pytest.raises(InvalidInput, match="comes before the start"):
            check_timeline(start, due)
    else:
        check_timeline(start, due)


# -- the results chain -----------------------------------------------------------


def test_results_chain_levels_and_annex9_numbering(document):
    ultimate = plan.add_outcome(document, title="Integrity trusted", level="ultimate")
    middle = plan.add_outcome(
        document, title="Managers act", level="intermediate", parent=ultimate.id
    )
    near = plan.add_outcome(document, title="Staff report", level="immediate", parent=middle.id)
    other = plan.add_outcome(document, title="Traders know", level="immediate")
    out1 = plan.add_output(document, title="Hotline", outcome=near.id)
    out2 = plan.add_output(document, title="Charter", outcome=other.id)
    first, second, loose = (
        _activity(document, "Open a hotline", "AI"),
        _activity(document, "Revise the charter", "TR"),
        _activity(document, "Not planned yet", "GE"),
    )
    plan.place_activity(document, second.id, out2.id)
    plan.place_activity(document, first.id, out1.id)

    tree = plan.action_plan(document)
    assert [o.code for o in tree.outcomes] == ["1", "2"]
    assert tree.outcomes[0].outcomes[0].code == "1.1"
    assert tree.outcomes[0].outcomes[0].outcomes[0].outputs[0].code == "1.1.1.1"
    assert tree.outcomes[1].outputs[0].code == "2.1"
    # activities are numbered through the plan, in the tree's order
    assert [(n.code, n.activity.title) for n in tree.outcomes[0].activities()] == [
        ("A1", "Open a hotline")
    ]
    assert [n.code for n in tree.outcomes[1].activities()] == ["A2"]
    assert [n.activity.id for n in tree.unplaced] == [loose.id]

    # wrong levels are refused with the rule in the sentence
    with pytest.raises(InvalidInput, match="immediate outcome sits under an intermediate"):
        plan.add_outcome(document, title="x", level="immediate", parent=ultimate.id)
    with pytest.raises(InvalidInput, match="ultimate outcome stands at the top"):
        plan.add_outcome(document, title="x", level="ultimate", parent=middle.id)
    with pytest.raises(InvalidInput, match="Unknown outcome level"):
        plan.add_outcome(document, title="x", level="final")

    # deleting an outcome takes its outcomes and outputs, never the activities
    plan.confirm_smart(document, out1.id, "specific", "Group C")
    plan.delete_node(document, middle.id)
    tree = plan.action_plan(document)
    assert [o.outcome.title for o in tree.outcomes] == ["Integrity trusted", "Traders know"]
    assert {n.activity.title for n in tree.unplaced} == {"Open a hotline", "Not planned yet"}
    assert len(list_activities(document)) == 3
    # the SMART tick went with its output
    assert document.session.scalar(select(func.count()).select_from(models.SmartConfirmation)) == 0
    assert document.session.scalar(select(func.count()).select_from(models.Output)) == 1


def test_moving_nodes_among_siblings(document):
    top = plan.add_outcome(document, title="Top", level="immediate")
    a = plan.add_output(document, title="First", outcome=top.id)
    b = plan.add_output(document, title="Second", outcome=top.id)
    plan.move_node(document, b.id, -1)
    assert [o.output.title for o in plan.action_plan(document).outcomes[0].outputs] == [
        "Second",
        "First",
    ]
    plan.move_node(document, b.id, -1)  # already first: nothing happens
    plan.move_node(document, a.id, -1)
    assert [o.output.title for o in plan.action_plan(document).outcomes[0].outputs] == [
        "First",
        "Second",
    ]


def test_plan_fields_are_validated(document):
    activity = _activity(document)
    plan.update_plan_fields(
        document,
        activity.id,
        responsible_division="Human Resources Directorate",
        responsible_person="M. Rinaldi",
        start="Q2 2026",
        due="2027-06-30",
        staff_count="6",
        complexity="Greatly",
        integrity_effect="moderately",
    )
    activity = find_activity(document, activity.id)
    assert (activity.start, activity.due, activity.staff_count) == ("2026-Q2", "2027-06-30", 6)
    assert (activity.complexity, activity.integrity_effect) == ("greatly", "moderately")
    revision = activity.revision
    for bad, message in (
        ({"due": "Q1 2026"}, "comes before the start"),
        ({"staff_count": "six"}, "not a number of staff"),
        ({"complexity": "very"}, "Unknown complexity"),
        ({"colour": "red"}, "no field 'colour'"),
    ):
        with pytest.raises(InvalidInput, match=message):
            plan.update_plan_fields(document, activity.id, **bad)
    after = find_activity(document, activity.id)
    assert after.revision == revision and after.due == "2027-06-30"


# -- SMART ---------------------------------------------------------------------


def test_smart_measurable_and_time_bound_are_computed_the_rest_confirmed(document):
    top = plan.add_outcome(document, title="Staff report", level="immediate")
    out = plan.add_output(document, title="Hotline", outcome=top.id)
    one, two = _activity(document, "One", "AI"), _activity(document, "Two", "AI")
    for a in (one, two):
        plan.place_activity(document, a.id, out.id)

    def smart(node_id):
        tree = plan.action_plan(document)
        return next(
            n.smart
            for n in tree.nodes()
            if getattr(n, "activity", getattr(n, "output", getattr(n, "outcome", None))).id
            == node_id
        )

    assert smart(one.id).missing() == SMART_ALL
    kpi = plan.add_kpi(document, activity=one.id, name="Reports acknowledged")
    assert not smart(one.id).measurable  # a KPI without a target is not enough
    plan.update_kpi(document, kpi.id, target_value="95%")
    assert smart(one.id).measurable and not smart(one.id).time_bound
    plan.update_plan_fields(document, one.id, due="Q3 2026")
    assert smart(one.id).missing() == ["specific", "achievable", "relevant"]
    # the output is measurable / time-bound only when every activity under it is
    assert not smart(out.id).measurable and not smart(out.id).time_bound
    plan.add_kpi(document, activity=two.id, name="Cases opened", target="30%")
    plan.update_plan_fields(document, two.id, due="2026-12-31")
    assert smart(out.id).measurable and smart(out.id).time_bound
    assert smart(top.id).measurable and smart(top.id).time_bound

    for criterion in ("specific", "achievable", "relevant"):
        plan.confirm_smart(document, one.id, criterion, "Leila H.")
    assert smart(one.id).met and smart(one.id).specific == "Leila H."
    plan.confirm_smart(document, one.id, "achievable", "")  # untick
    assert smart(one.id).missing() == ["achievable"]
    with pytest.raises(InvalidInput, match="measurable and time-bound are checked by the app"):
        plan.confirm_smart(document, one.id, "measurable", "Leila H.")


SMART_ALL = ["specific", "measurable", "achievable", "relevant", "time-bound"]


# -- KPI metadata sheets ------------------------------------------------------------


def _full_sheet(document) -> dict[str, object]:
    sheet: dict[str, object] = {}
    for field in plan.kpi_fields(document):
        if field["mandatory"]:
            sheet[field["key"]] = ["outcome-indicators"] if field["key"] == "typologies" else "x"
    sheet.pop("name", None)
    return sheet


def test_every_mandatory_annex11_field_is_enforced_when_complete(document):
    fields = plan.kpi_fields(document)
    mandatory = [f["key"] for f in fields if f["mandatory"]]
    assert len(fields) == 15 and len(mandatory) == 9  # Annex 11: six are "(non mandatory)"
    activity = _activity(document)
    full = _full_sheet(document)
    for key in mandatory:
        if key == "name":
            continue
        partial = {k: v for k, v in full.items() if k != key}
        kpi = plan.add_kpi(document, activity=activity.id, name=f"KPI without {key}", **partial)
        label = next(f["label"] for f in fields if f["key"] == key)
        with pytest.raises(InvalidInput, match="cannot be marked complete") as refused:
            plan.set_kpi_complete(document, kpi.id)
        assert label in str(refused.value)
        assert not plan.find_kpi(document, kpi.id).complete
    # the non-mandatory ones may stay empty
    kpi = plan.add_kpi(document, activity=activity.id, name="Complete sheet", **full)
    assert plan.set_kpi_complete(document, kpi.id).complete
    with pytest.raises(InvalidInput, match="marked complete and 'Rationale"):
        plan.update_kpi(document, kpi.id, rationale="  ")
    assert plan.find_kpi(document, kpi.id).rationale == "x"
    plan.update_kpi(document, kpi.id, references="")  # non-mandatory: fine
    plan.set_kpi_complete(document, kpi.id, False)
    kpi = plan.update_kpi(document, kpi.id, rationale="")
    assert not kpi.complete and kpi.rationale == ""


def test_missing_mandatory_matches_the_framework(document):
    fields = document_framework(document)["kpi_metadata_fields"]
    assert missing_mandatory({}, fields) == [f["key"] for f in fields if f["mandatory"]]
    assert "typologies" not in missing_mandatory({}, fields)  # Annex 11: type is non mandatory


def test_kpi_values_are_checked(document):
    activity = _activity(document)
    with pytest.raises(InvalidInput, match="Unknown KPI typology 'bogus'"):
        plan.add_kpi(document, activity=activity.id, name="x", typologies=["bogus"])
    with pytest.raises(InvalidInput, match="needs a name"):
        plan.add_kpi(document, activity=activity.id, name="  ")
    with pytest.raises(InvalidInput, match="not a date"):
        plan.add_kpi(document, activity=activity.id, name="x", baseline_date="March 2026")
    with pytest.raises(IdgError, match="No activity"):
        plan.add_kpi(document, activity="ffffffff", name="x")


def test_adoption_is_recorded(document):
    plan.add_adoption(
        document,
        endorsed_by="Management Board",
        endorsed_on="2026-05-28",
        strategy_link="National Anti-Corruption Strategy, pillar 3",
    )
    [record] = plan.action_plan(document).adoptions
    assert (record.endorsed_by, record.endorsed_on) == ("Management Board", "2026-05-28")
    assert record.origin == document.origin and record.created_at is not None
    with pytest.raises(InvalidInput, match="not a date"):
        plan.add_adoption(document, endorsed_by="Minister", endorsed_on="soon")
    with pytest.raises(InvalidInput, match="who endorsed"):
        plan.add_adoption(document, endorsed_by=" ", endorsed_on="2026-06-01")


# -- the command line (contract) -------------------------------------------------------


def test_a_plan_built_from_the_command_line(idg, demo_file):
    activities = json.loads(idg("activities", demo_file, "--json").out)
    target = next(a for a in activities if a["plan"]["output"] is None)
    outcome = idg(
        "outcome",
        "add",
        demo_file,
        "--title",
        "Gender-responsive workplaces",
        "--level",
        "immediate",
    )
    assert outcome.code == 0, outcome.err
    output = idg(
        "output", "add", demo_file, "--title", "Policy adopted", "--outcome", outcome.out.strip()
    )
    assert output.code == 0, output.err
    placed = idg(
        "activity",
        "plan",
        demo_file,
        target["id"][:8],
        "--output",
        output.out.strip(),
        "responsible_person=Priya Nandakumar",
        "due=Q4 2026",
        "budget=No additional cost",
    )
    assert placed.code == 0, placed.err
    kpi = idg(
        "kpi",
        "add",
        demo_file,
        "--activity",
        target["id"][:8],
        "--name",
        "Policy adopted by the Management Board",
        "--target",
        "Adopted by Q4 2026",
    )
    assert kpi.code == 0, kpi.err
    kpi_id = kpi.out.strip()
    assert len(kpi_id) == 8

    refused = idg("kpi", "complete", demo_file, kpi_id)
    assert refused.code == 2 and "Calculation method" in refused.err
    assert len(refused.err.strip().splitlines()) == 1

    tree = json.loads(idg("plan", demo_file, "--json").out)
    mine = next(o for o in tree["outcomes"] if o["title"] == "Gender-responsive workplaces")
    [item] = mine["outputs"][0]["activities"]
    assert item["id"] == target["id"]
    assert item["responsible_person"] == "Priya Nandakumar" and item["due"] == "2026-Q4"
    assert item["kpis"] == [
        {
            "id": item["kpis"][0]["id"],
            "name": "Policy adopted by the Management Board",
            "target": "Adopted by Q4 2026",
            "complete": False,
            "confidential": False,
        }
    ]
    assert item["smart"]["measurable"] and item["smart"]["time_bound"]
    assert not item["smart"]["met"]
    assert target["id"] not in [a["id"] for a in tree["not_in_plan"]]
    text = idg("plan", demo_file).out
    assert "Gender-responsive workplaces" in text and "Priya Nandakumar" in text


def test_the_demo_plan(idg, demo_file):
    """The demo's plan: a full results chain, owners, timelines, budgets, KPIs with
    complete sheets and targets, and its endorsements."""
    tree = json.loads(idg("plan", demo_file, "--json").out)
    assert [o["level"] for o in tree["outcomes"]] == ["ultimate"]
    planned = []

    def walk(node):
        for child in node["outcomes"]:
            walk(child)
        for output in node["outputs"]:
            planned.extend(output["activities"])

    walk(tree["outcomes"][0])
    assert len(planned) == 9 and len(tree["not_in_plan"]) == 1
    for item in planned:
        assert item["responsible_division"] and item["responsible_person"]
        assert item["budget"] and item["performance_target"]
    assert sum(item["smart"]["met"] for item in planned) >= 6
    kpis = json.loads(idg("kpis", demo_file, "--json").out)
    assert len(kpis) >= 9
    complete = [k for k in kpis if k["complete"]]
    assert len(complete) >= 8
    assert all(k["sheet"]["target_value"] and k["sheet"]["baseline_value"] for k in complete)
    assert len(tree["adoptions"]) == 2 and all(a["strategy_link"] for a in tree["adoptions"])


@pytest.mark.parametrize(
    "args, message",
    [
        (("kpi", "add", "{f}", "--activity", "zzzzzzzz", "--name", "N"), "No activity"),
        (("kpi", "add", "{f}", "--activity", "abc", "--name", "N"), "too short"),
        (("outcome", "add", "{f}", "--title", "T", "--level", "final"), "Unknown outcome level"),
        (("output", "add", "{f}", "--title", "T", "--outcome", "zzzzzzzz"), "No outcome"),
        (("activity", "plan", "{f}", "zzzzzzzz", "due=Q1 2027"), "No activity"),
        (("smart", "{f}", "zzzzzzzz", "specific", "--by", "X"), "No outcome, output or activity"),
        (("adopt", "{f}", "--by", "Board", "--on", "tomorrow"), "not a date"),
        (("kpi", "set", "{f}", "zzzzzzzz", "rationale"), "not a metadata field"),
    ],
)
def test_refusals_leave_the_file_untouched(idg, demo_file, args, message):
    before = _sha(demo_file)
    result = idg(*[str(demo_file) if a == "{f}" else a for a in args])
    assert result.code == 2
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert _sha(demo_file) == before


def test_the_plan_reads_a_working_copy_and_a_new_file(idg, new_file):
    text = idg("plan", new_file).out
    assert "No outcomes yet" in text and "Not yet adopted" in text
    assert json.loads(idg("plan", new_file, "--json").out) == {
        "outcomes": [],
        "not_in_plan": [],
        "adoptions": [],
    }


def test_moving_an_activity_in_the_plan_keeps_the_others_order(document):
    """Activities' positions also order the Priorities page: moving one within
    its output must not reorder activities elsewhere."""
    top = plan.add_outcome(document, title="Top", level="immediate")
    out = plan.add_output(document, title="Output", outcome=top.id)
    first, outside, second = (
        _activity(document, "First", "AI"),
        _activity(document, "Outside", "TR"),
        _activity(document, "Second", "AI"),
    )
    for a in (first, second):
        plan.place_activity(document, a.id, out.id)
    plan.move_node(document, second.id, -1)
    assert [n.activity.title for n in plan.action_plan(document).outcomes[0].activities()] == [
        "Second",
        "First",
    ]
    assert [a.title for a in list_activities(document)] == ["Second", "Outside", "First"]
    assert outside.position == 2
