"""Issue 5 end to end, through the window: from an agreed finding to a SMART,
measured activity in the action plan.

On a fresh copy of the demo, as a facilitator would: pick an agreed finding,
turn it into an activity and rate it by keyboard, see it in the priority
matrix, place it in the plan with who, what, how much and when, give it a KPI
with a complete Annex 11 sheet, and confirm it is SMART. The file is then read
back with a fresh read-only connection and through ``idg plan --json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.services import activities, participants, plan
from idg_desktop.services.activities import find_activity
from idg_desktop.services.plan import action_plan, list_kpis
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.main_window import MainWindow
from idg_desktop.ui.models.plan_model import COL_SMART
from idg_desktop.ui.pages import kpi_dialogs, plan_dialogs, priorities_page
from idg_desktop.ui.pages.priorities_page import FIRST_CRITERION

#: Keys typed in the Priorities table, one per criterion in the guide's order.
KEYS = "HHHMHMHL"
LEVELS = {"H": "high", "M": "medium", "L": "low"}
PLAN = {
    "responsible_division": "Integrity Office",
    "responsible_person": "Marek Halvorsen",
    "performance_target": "Channel in service at all border posts",
    "budget": "EUR 25,000",
    "start": "Q3 2026",
    "due": "Q2 2027",
}
#: How Annex 9's quarters are stored.
STORED_WHEN = {"start": "2026-Q3", "due": "2027-Q2"}
KPI_NAME = "Reports received through the channel"
KPI_TARGET = "At least 40 reports a year by 2028"
SHEET = {
    "description": "Number of reports of wrongdoing received through the new channel.",
    "performance_dimension": "Staff and traders report wrongdoing safely",
    "calculation_method": "Count of reports logged by the Integrity Office per year",
    "rationale": "Reports show that people trust the channel.",
    "links": "Complaints register of the Internal Affairs unit",
    "source_of_verification": "Integrity Office case register",
    "disaggregation": "By border post and by reporter (staff or trader)",
    "disclosure_policy": "Yearly totals in the annual report",
}
CONFIRMED = ("specific", "achievable", "relevant")


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _type(qtbot, edit, text: str) -> None:
    """Type into a one-line field as a person would, then leave it with Return."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _type_and_leave(qtbot, editor, text: str, then) -> None:
    """Type into a sheet field, then move on to ``then`` (the field is saved on leaving)."""
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    then.setFocus()
    qtbot.waitUntil(then.hasFocus)


def _accept(monkeypatch, dialog_class, fill) -> None:
    """Replace a dialog's exec: ``fill`` sets its widgets, the dialog is accepted."""

    def run(dialog: QDialog) -> int:
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_class, "exec", run)


def test_from_an_agreed_finding_to_a_smart_activity_through_the_window(
    qtbot, monkeypatch, demo_file: Path, idg
):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    document = window.workspace.document
    person = participants.list_participants(document)[2].name
    output_node = action_plan(document).outcomes[0].outcomes[0].outcomes[0].outputs[0]
    output_id, output_title = output_node.output.id, output_node.output.title

    # 1. Findings: the facilitator picks an agreed finding in the table.
    found = window.show_page("findings")
    qtbot.waitUntil(lambda: found.model.rowCount() > 0)
    row = next(
        r
        for r in range(found.model.rowCount())
        if found.model.finding(r).status == "agreed" and found.model.finding(r).proposed_action
    )
    finding = found.model.finding(row)
    finding_id, proposed = finding.id, finding.proposed_action
    index = found.proxy.mapFromSource(found.model.index(row, 0))  # the table sorts and filters
    found.table.scrollTo(index)
    qtbot.mouseClick(
        found.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=found.table.visualRect(index).center(),
    )
    qtbot.waitUntil(lambda: found.text.toPlainText() == finding.text)
    assert found.status.currentData() == "agreed"
    assert found.action.toPlainText() == proposed

    # 2. Priorities: an activity from that finding, through the Add activity dialog …
    priorities = window.show_page("priorities")

    def from_finding(dialog) -> None:
        dialog.finding.setCurrentIndex(dialog.finding.findData(finding_id))
        assert dialog.title.text() == proposed  # the finding's proposed action

    _accept(monkeypatch, priorities_page.AddActivityDialog, from_finding)
    priorities.add_button.click()
    activity_id = priorities.current_activity().id
    added = find_activity(document, activity_id)
    assert list(added.finding_ids) == [finding_id]
    title, section = added.title, added.section_code
    assert title == proposed and section == finding.section

    # … rated on all eight criteria with the keyboard.
    row = priorities.model.row_of(activity_id)
    priorities.table.setCurrentIndex(priorities.model.index(row, FIRST_CRITERION))
    priorities.table.setFocus()
    for number, key in enumerate(KEYS):
        qtbot.keyClick(priorities.table, getattr(Qt.Key, f"Key_{key}"))
        if number < len(KEYS) - 1:
            qtbot.keyClick(priorities.table, Qt.Key.Key_Right)
    ratings = dict(zip(CRITERIA, (LEVELS[k] for k in KEYS), strict=True))
    qtbot.waitUntil(lambda: activities.ratings_of(find_activity(document, activity_id)) == ratings)
    band = activities.priority_of(find_activity(document, activity_id)).band.value
    assert band == "high"

    # 3. Priority matrix: impact high × ease high, among the quick results.
    matrix_page = window.show_page("matrix")
    matrix = matrix_page.matrix
    qtbot.waitUntil(lambda: matrix.cell_of(activity_id) is not None)
    assert matrix.cell_of(activity_id) == ("high", "high")  # (ease, impact)
    _settle()
    rects = matrix.item_rects()
    assert activity_id in rects
    assert matrix.cell_rect("high", "high").contains(rects[activity_id])

    # 4. Action plan: placed under a demo output, its plan fields typed in the detail form.
    plan_page = window.show_page("plan")
    plan_page.select_node(activity_id)
    assert plan_page.current_row().parent.kind == "group"  # not yet in the plan
    assert plan_page.place_button.text().replace("&", "") == "Place activity…"

    def under_output(dialog) -> None:
        dialog.output.setCurrentIndex(dialog.output.findData(output_id))

    _accept(monkeypatch, plan_dialogs.PlaceDialog, under_output)
    plan_page.place_button.click()
    qtbot.waitUntil(lambda: plan_page.current_row().parent.id == output_id)
    detail = plan_page.detail
    assert detail.plan_box.isVisible()
    for name, text in PLAN.items():
        _type(qtbot, detail.fields[name], text)
    qtbot.waitUntil(lambda: find_activity(document, activity_id).due == STORED_WHEN["due"])
    assert detail.fields["due"].text() == "Q2 2027"
    assert "✗" in detail.computed["measurable"][0].text()  # no KPI yet

    # 5. KPIs: a KPI through the dialog, every mandatory Annex 11 field through the form.
    kpis = window.show_page("kpis")

    def new_kpi(dialog) -> None:
        dialog.activity.setCurrentIndex(dialog.activity.findData(activity_id))
        dialog.name.setText(KPI_NAME)
        dialog.target.setText(KPI_TARGET)

    _accept(monkeypatch, kpi_dialogs.AddKpiDialog, new_kpi)
    kpis.add_button.click()
    kpi = kpis.current_kpi()
    assert kpi is not None and kpi.name == KPI_NAME and kpi.activity_id == activity_id
    kpi_id = kpi.id
    sheet = kpis.sheet
    mandatory = [f["key"] for f in plan.kpi_fields(document) if f.get("mandatory")]
    assert set(mandatory) - {"name"} == set(SHEET)  # the test fills every one
    for key, text in SHEET.items():
        _type_and_leave(qtbot, sheet.editors[key], text, sheet.complete)
    qtbot.waitUntil(
        lambda: plan.missing_kpi_fields(document, plan.find_kpi(document, kpi_id)) == []
    )
    assert not sheet.missing.isVisible()
    sheet.complete.click()
    qtbot.waitUntil(lambda: plan.find_kpi(document, kpi_id).complete)
    assert sheet.complete.isChecked()

    # 6. Back on the Action plan: measurable and time-bound met; the rest confirmed by hand.
    plan_page = window.show_page("plan")
    plan_page.select_node(activity_id)
    qtbot.waitUntil(lambda: detail.computed["measurable"][0].text().startswith("✓"))
    assert detail.computed["time-bound"][0].text().startswith("✓")
    assert "It has a KPI with a target value." in detail.computed["measurable"][1].text()
    for criterion in CONFIRMED:
        detail.confirmers[criterion].setCurrentText(person)
        detail.ticks[criterion].click()
        assert detail.ticks[criterion].isChecked()
    assert plan_page.model.index_of(activity_id, COL_SMART).data() == "S✓ M✓ A✓ R✓ T✓"

    window.close()
    assert window.workspace is None

    # Read back with a fresh, read-only connection: every value through the services.
    reopened = AssessmentDocument.open(demo_file, read_only=True)
    try:
        saved = find_activity(reopened, activity_id)
        assert (saved.title, saved.section_code) == (title, section)
        assert list(saved.finding_ids) == [finding_id]
        assert activities.ratings_of(saved) == ratings
        assert activities.priority_of(saved).band.value == "high"
        for name, text in PLAN.items():
            assert getattr(saved, name) == STORED_WHEN.get(name, text)
        [node] = [
            a
            for n in action_plan(reopened).nodes()
            if getattr(n, "output", None) is not None and n.output.id == output_id
            for a in n.activities
            if a.activity.id == activity_id
        ]
        assert node.smart.measurable and node.smart.time_bound
        for criterion in CONFIRMED:
            assert getattr(node.smart, criterion) == person
        [stored_kpi] = [k for k in list_kpis(reopened) if k.activity_id == activity_id]
        assert (stored_kpi.id, stored_kpi.name) == (kpi_id, KPI_NAME)
        assert stored_kpi.target_value == KPI_TARGET
        assert stored_kpi.complete
        values = plan.kpi_sheet(stored_kpi)
        for key, text in SHEET.items():
            assert values[key] == text
        assert plan.missing_kpi_fields(reopened, stored_kpi) == []
    finally:
        reopened.close()

    # … and through the command line.
    result = idg("plan", demo_file, "--json")
    assert result.code == 0, result.err
    tree = json.loads(result.out)

    def outputs(outcome: dict):
        yield from outcome["outputs"]
        for child in outcome["outcomes"]:
            yield from outputs(child)

    [shown] = [o for top in tree["outcomes"] for o in outputs(top) if o["id"] == output_id]
    assert shown["title"] == output_title
    [item] = [a for a in shown["activities"] if a["id"] == activity_id]
    assert item["title"] == title and item["priority"] == "high"
    assert item["responsible_person"] == PLAN["responsible_person"]
    assert item["due"] == STORED_WHEN["due"]
    assert item["kpis"] == [
        {
            "id": kpi_id,
            "name": KPI_NAME,
            "target": KPI_TARGET,
            "complete": True,
            "confidential": False,
        }
    ]
    assert {k: item["smart"][k] for k in CONFIRMED} == dict.fromkeys(CONFIRMED, person)
    assert item["smart"]["measurable"] and item["smart"]["time_bound"] and item["smart"]["met"]
    assert all(a["id"] != activity_id for a in tree["not_in_plan"])
