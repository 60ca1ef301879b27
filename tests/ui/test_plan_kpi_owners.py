"""The window for KPIs of outcomes and outputs and the plan's confidential
parts: the Action plan page's "Add KPI…" and confidential tick, the KPIs page's
owners and tick, and the Reports page's workbook for sharing; checked on disk."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from idg_desktop.services import plan
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.models.kpis_model import COL_ACTIVITY, COL_NAME
from idg_desktop.ui.models.plan_model import COL_KPIS, COL_TITLE
from idg_desktop.ui.pages import kpi_dialogs
from idg_desktop.ui.pages.kpis_page import KpisPage
from idg_desktop.ui.pages.plan_page import ActionPlanPage
from idg_desktop.ui.pages.reports_page import ReportsPage

#: The demo's output "Integrity objectives in the performance agreements…" (no KPI of its own).
OUTPUT = "0eee0951-1480-5b80-95ed-69d8e321c5bb"
#: The demo's immediate outcome 1.1.1, with a KPI of its own.
OUTCOME = "56b7d604-c234-51f5-b6b9-34433db46752"


def _on_disk(path: Path, read):
    document = AssessmentDocument.open(path, read_only=True)
    try:
        return read(document)
    finally:
        document.close()


def _accept(monkeypatch, dialog_class, fill) -> None:
    def run(dialog: QDialog) -> int:
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_class, "exec", run)


def test_add_a_kpi_to_an_output_on_the_plan_page(qtbot, show, workspace, demo_file, monkeypatch):
    page = show(ActionPlanPage(workspace))
    page.select_node(OUTPUT)
    assert page.add_kpi_button.isEnabled()
    assert page.detail.kpis.text().startswith("No KPI yet")

    def fill(dialog):
        dialog.name.setText("Agreements signed with integrity objectives")
        dialog.target.setText("38 of 38 by Q1 2027")
        dialog.confidential.setChecked(True)

    _accept(monkeypatch, kpi_dialogs.KpiDialog, fill)
    page.add_kpi_button.click()

    index = page.model.index_of(OUTPUT, COL_KPIS)
    assert index.data() == "Agreements signed with integrity objectives"
    assert page.current_row().id == OUTPUT
    # Seen where the facilitator is looking, not only in the tree's far column.
    qtbot.waitUntil(
        lambda: (
            page.detail.kpis.text()
            == "KPIs: Agreements signed with integrity objectives (target: 38 of 38 by Q1 2027)"
        )
    )

    def stored(document):
        kpis = plan.kpis_of(document, plan.find_output(document, OUTPUT).id)
        return [(k.name, k.target_value, k.confidential, k.activity_id) for k in kpis]

    assert _on_disk(demo_file, stored) == [
        ("Agreements signed with integrity objectives", "38 of 38 by Q1 2027", True, None)
    ]
    workspace.undo_stack.undo()
    assert _on_disk(demo_file, stored) == []
    qtbot.waitUntil(lambda: not page.model.index_of(OUTPUT, COL_KPIS).data())


def test_the_confidential_tick_of_the_plan_detail(qtbot, show, workspace, demo_file):
    page = show(ActionPlanPage(workspace))
    page.select_node(OUTCOME)
    tick = page.detail.confidential
    assert tick.isVisible() and not tick.isChecked()

    tick.click()
    secret = lambda d: plan.find_outcome(d, OUTCOME).confidential  # noqa: E731
    assert _on_disk(demo_file, secret) is True
    qtbot.waitUntil(lambda: "(confidential)" in page.model.index_of(OUTCOME, COL_TITLE).data())
    assert page.detail.confidential.isChecked()
    # Everything under it is left out of public versions.
    hidden = _on_disk(demo_file, plan.hidden_ids)
    assert OUTCOME in hidden and "a7db8875-a431-56ec-99e3-774a57b4cb0f" in hidden

    workspace.undo_stack.undo()
    assert _on_disk(demo_file, secret) is False
    qtbot.waitUntil(lambda: "(confidential)" not in page.model.index_of(OUTCOME, COL_TITLE).data())
    QApplication.processEvents()
    assert not page.detail.confidential.isChecked()


def test_the_kpis_page_shows_what_each_kpi_measures(qtbot, show, workspace, demo_file, monkeypatch):
    page = show(KpisPage(workspace))
    outcome_kpi = next(k for k in plan.list_kpis(workspace.document) if k.outcome_id == OUTCOME)
    row = page.model.row_of(outcome_kpi.id)
    assert page.model.index(row, COL_ACTIVITY).data().startswith("Outcome 1.1.1: Staff and")
    page.select_kpi(outcome_kpi.id)
    assert page.sheet.sheet_activity.text().startswith("Outcome 1.1.1: Staff and traders")

    page.sheet.confidential.click()
    secret = lambda d: plan.find_kpi(d, outcome_kpi.id).confidential  # noqa: E731
    assert _on_disk(demo_file, secret) is True
    qtbot.waitUntil(lambda: "(confidential)" in page.model.index(row, COL_NAME).data())

    def fill(dialog):
        dialog.activity.setCurrentIndex(dialog.activity.findData(OUTPUT))
        dialog.name.setText("Directors briefed")

    _accept(monkeypatch, kpi_dialogs.AddKpiDialog, fill)
    page.add_button.click()
    added = page.current_kpi()
    assert added is not None and added.name == "Directors briefed"
    owner = lambda d: plan.find_kpi(d, added.id).output_id  # noqa: E731
    assert _on_disk(demo_file, owner) == OUTPUT


def test_the_workbook_for_sharing_from_the_reports_page(qtbot, workspace, monkeypatch, tmp_path):
    target = tmp_path / "shared.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.choose("workbook")
    assert page.public.isEnabled() and page.pseudonymise.isEnabled()
    page.public.setChecked(True)
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.busy(), timeout=40_000)
    book = openpyxl.load_workbook(target)
    assert book.worksheets[0].title == "Version for sharing"
    assert "Version for sharing (public)" in book.worksheets[0]["A1"].value
    titles = [
        row[0] for row in book["Activities and priorities"].iter_rows(min_row=2, values_only=True)
    ]
    assert titles and not any(str(t).startswith("Extend asset and interest") for t in titles)
