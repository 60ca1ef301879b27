"""The KPIs page through its widgets, on the demo: a KPI added, its Annex 11
metadata sheet filled in field by field, marked complete, undone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from idg_desktop.services import activities, plan
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.models.kpis_model import COL_SHEET
from idg_desktop.ui.pages import kpi_dialogs
from idg_desktop.ui.pages.kpi_sheet import SheetTextEdit
from idg_desktop.ui.pages.kpis_page import KpisPage

NAME = "Sensitive posts rotated on time"
#: What the test types into each mandatory field (besides the name).
MANDATORY = {
    "description": "Share of sensitive posts whose holder was rotated within four years.",
    "performance_dimension": "Sensitive positions are known and rotated",
    "calculation_method": "Posts rotated on time / posts due for rotation × 100 (%)",
    "rationale": "Long tenure in a sensitive post is a known corruption risk.",
    "links": "Declarations filed by holders of sensitive positions",
    "source_of_verification": "HR information system; rotation orders",
    "disaggregation": "By office and by gender",
    "disclosure_policy": "Aggregated figures in the annual report",
}
TYPOLOGIES = ["outcome-indicators", "quantitative-indicators"]


def _sheet_on_disk(path: Path, kpi_id: str) -> tuple[dict[str, object], bool]:
    document = AssessmentDocument.open(path, read_only=True)
    try:
        kpi = plan.find_kpi(document, kpi_id)
        return plan.kpi_sheet(kpi), kpi.complete
    finally:
        document.close()


def _type(editor, text: str) -> None:
    """Put text in a sheet field and leave it, as the user does."""
    if isinstance(editor, SheetTextEdit):
        editor.setPlainText(text)
    else:
        editor.setText(text)
    editor.editingFinished.emit()


def _add_through_dialog(page: KpisPage, monkeypatch, activity_id: str, name: str) -> str:
    def fill(dialog: QDialog) -> int:
        dialog.activity.setCurrentIndex(dialog.activity.findData(activity_id))
        dialog.name.setText(name)
        dialog.target.setText("90% by 2028")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kpi_dialogs.AddKpiDialog, "exec", fill)
    page.add_button.click()
    kpi = page.current_kpi()
    assert kpi is not None and kpi.name == name
    return kpi.id


def _typology_item(page: KpisPage, key: str):
    for row in range(page.sheet.typologies.count()):
        item = page.sheet.typologies.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            return item
    raise AssertionError(f"no typology {key}")


def test_fill_a_sheet_mark_it_complete_and_undo(
    qtbot, show, workspace, demo_file, monkeypatch, tmp_path
):
    page = show(KpisPage(workspace))
    activity = activities.list_activities(workspace.document)[0]
    kpi_id = _add_through_dialog(page, monkeypatch, activity.id, NAME)
    row = page.model.row_of(kpi_id)
    assert "Missing" in page.model.index(row, COL_SHEET).data()
    assert page.sheet.editors["target_value"].text() == "90% by 2028"

    # Refused while mandatory fields are empty: the message names one, the file says no.
    with qtbot.waitSignal(workspace.failed) as refused:
        page.sheet.complete.click()
    assert "Description of the indicator" in refused.args[0]
    assert _sheet_on_disk(demo_file, kpi_id)[1] is False
    assert not page.sheet.complete.isChecked()
    assert page.sheet.missing.isVisible() and "Calculation method" in page.sheet.missing.text()
    assert page.sheet.field_labels["description"].property("missing") is True
    assert "missing" in page.sheet.field_labels["description"].text()
    assert page.sheet.field_labels["name"].property("missing") is not True

    # One field typed for real and left with the keyboard …
    links = page.sheet.editors["links"]
    links.setFocus()
    qtbot.waitUntil(links.hasFocus)
    qtbot.keyClicks(links, MANDATORY["links"])
    page.sheet.editors["source_of_verification"].setFocus()
    qtbot.waitUntil(lambda: _sheet_on_disk(demo_file, kpi_id)[0]["links"] == MANDATORY["links"])
    # … the others through the commit signal, one undo step each.
    steps = workspace.undo_stack.count()
    for key, text in MANDATORY.items():
        if key != "links":
            _type(page.sheet.editors[key], text)
    assert workspace.undo_stack.count() == steps + len(MANDATORY) - 1
    _type(page.sheet.editors["disaggregation"], MANDATORY["disaggregation"])  # unchanged: no step
    assert workspace.undo_stack.count() == steps + len(MANDATORY) - 1
    assert page.sheet.field_labels["description"].property("missing") is False

    for key in TYPOLOGIES:
        _typology_item(page, key).setCheckState(Qt.CheckState.Checked)
    _type(page.sheet.editors["baseline_value"], "62%")
    with qtbot.waitSignal(workspace.failed) as bad_date:
        _type(page.sheet.editors["baseline_date"], "2026-02-30")
    assert "2026-03-31" in bad_date.args[0]
    assert page.sheet.editors["baseline_date"].text() == ""  # back to what the file holds
    _type(page.sheet.editors["baseline_date"], "2026-03-31")

    page.sheet.complete.click()
    assert _sheet_on_disk(demo_file, kpi_id)[1] is True
    assert page.sheet.complete.isChecked()
    assert page.model.index(page.model.row_of(kpi_id), COL_SHEET).data() == "Complete"

    # Emptying a mandatory field of a complete sheet is refused; the form shows the file again.
    with qtbot.waitSignal(workspace.failed) as emptied:
        _type(page.sheet.editors["rationale"], "")
    assert "Rationale" in emptied.args[0]
    assert page.sheet.editors["rationale"].toPlainText() == MANDATORY["rationale"]

    workspace.undo_stack.undo()
    assert _sheet_on_disk(demo_file, kpi_id)[1] is False
    qtbot.waitUntil(lambda: not page.sheet.complete.isChecked())
    assert page.current_kpi().id == kpi_id
    workspace.undo_stack.redo()
    qtbot.waitUntil(page.sheet.complete.isChecked)
    page.grab().save(str(tmp_path / "kpis.png"))

    page.close()
    workspace.close()
    document = AssessmentDocument.open(demo_file, read_only=True)
    try:
        kpi = next(k for k in plan.list_kpis(document) if k.name == NAME)
        sheet = plan.kpi_sheet(kpi)
        assert kpi.complete
        assert kpi.activity_id == activity.id
        assert plan.missing_kpi_fields(document, kpi) == []
        for key, text in MANDATORY.items():
            assert sheet[key] == text
        assert sheet["target_value"] == "90% by 2028"
        assert sheet["typologies"] == sorted(TYPOLOGIES)
        assert sheet["baseline_value"] == "62%"
        assert sheet["baseline_date"] == "2026-03-31"
        assert sheet["references"] == ""
    finally:
        document.close()


def test_reload_keeps_the_selection_and_follows_changes_from_elsewhere(
    qtbot, show, workspace, monkeypatch
):
    page = show(KpisPage(workspace))
    activity = activities.list_activities(workspace.document)[-1]
    kpi_id = _add_through_dialog(page, monkeypatch, activity.id, "Policy submitted on time")
    page.scroll.verticalScrollBar().setValue(200)
    workspace.run(
        "Edit elsewhere",
        lambda: plan.update_kpi(workspace.document, kpi_id, periodicity="Quarterly"),
    )
    assert page.current_kpi().id == kpi_id
    assert page.sheet.editors["periodicity"].text() == "Quarterly"
    assert page.scroll.verticalScrollBar().value() == 200
    workspace.undo_stack.undo()
    assert page.sheet.editors["periodicity"].text() == ""

    # The filter shows one activity's KPIs only.
    page.activity_filter.setCurrentIndex(page.activity_filter.findData(activity.id))
    shown = {page.model.row(r).kpi.activity_id for r in range(page.model.rowCount())}
    assert shown == {activity.id}
    assert page.current_kpi().id == kpi_id


def test_delete_asks_first_and_can_be_undone(qtbot, show, workspace, demo_file, monkeypatch):
    page = show(KpisPage(workspace))
    activity = activities.list_activities(workspace.document)[0]
    kpi_id = _add_through_dialog(page, monkeypatch, activity.id, "To be deleted")

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    page.delete_button.click()
    assert page.model.row_of(kpi_id) >= 0

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert page.model.row_of(kpi_id) < 0
    assert all(k.id != kpi_id for k in plan.list_kpis(workspace.document))
    workspace.undo_stack.undo()
    assert page.model.row_of(kpi_id) >= 0
