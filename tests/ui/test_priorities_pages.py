"""The Priorities and Priority matrix pages through their widgets, on the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.services import activities, findings
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.pages import priorities_page
from idg_desktop.ui.pages.matrix_page import PriorityMatrixPage
from idg_desktop.ui.pages.priorities_page import (
    COL_COMPUTED,
    COL_IN_FORCE,
    FIRST_CRITERION,
    PrioritiesPage,
    band_labels,
)
from idg_desktop.ui.workspace import Workspace


@pytest.fixture
def workspace(demo_file: Path):
    space = Workspace(AssessmentDocument.open(demo_file))
    yield space
    space.close()


def _show(qtbot, widget, size=(1600, 1000)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    return widget


def _ratings_on_disk(path: Path, activity_id: str) -> dict[str, str | None]:
    document = AssessmentDocument.open(path, read_only=True)
    try:
        return activities.ratings_of(activities.find_activity(document, activity_id))
    finally:
        document.close()


def _add_through_dialog(page, monkeypatch, title: str, finding_id: str | None = None) -> str:
    def fill(dialog: QDialog) -> int:
        if finding_id:
            dialog.finding.setCurrentIndex(dialog.finding.findData(finding_id))
        if title:
            dialog.title.setText(title)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(priorities_page.AddActivityDialog, "exec", fill)
    page.add_button.click()
    return page.current_activity().id


def test_typing_rates_undo_and_bands(qtbot, workspace, demo_file, monkeypatch, tmp_path):
    page = _show(qtbot, PrioritiesPage(workspace))
    agreed = next(
        f for f in findings.list_findings(workspace.document) if f.status in {"agreed", "amended"}
    )
    first = _add_through_dialog(page, monkeypatch, "", agreed.id)
    second = _add_through_dialog(page, monkeypatch, "Publish the integrity plan")
    made = activities.find_activity(workspace.document, first)
    assert made.section_code == agreed.section_code
    assert [f.finding_id for f in made.findings] == [agreed.id]
    assert page.model.index(page.model.row_of(second), FIRST_CRITERION).data() == "—"

    row = page.model.row_of(second)
    page.table.setCurrentIndex(page.model.index(row, FIRST_CRITERION))
    page.table.setFocus()
    for key in "HMLHHHM":  # importance … ease, moving right after each
        qtbot.keyClick(page.table, getattr(Qt.Key, f"Key_{key}"))
        qtbot.keyClick(page.table, Qt.Key.Key_Right)
    qtbot.keyClick(page.table, Qt.Key.Key_L)  # cost
    levels = ["high", "medium", "low", "high", "high", "high", "medium", "low"]
    expected = dict(zip(CRITERIA, levels, strict=True))
    assert _ratings_on_disk(demo_file, second) == expected
    activity = activities.find_activity(workspace.document, second)
    computed = activities.priority_of(activity).band.value
    row = page.model.row_of(second)
    assert page.model.index(row, COL_COMPUTED).data() == band_labels()[computed]

    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # cost cleared …
    assert _ratings_on_disk(demo_file, second)["cost"] is None
    workspace.undo_stack.undo()  # … and back
    workspace.undo_stack.undo()  # cost = low undone too
    assert _ratings_on_disk(demo_file, second)["cost"] is None
    assert _ratings_on_disk(demo_file, second)["ease"] == "medium"

    qtbot.keyClick(page.table, Qt.Key.Key_Left)
    page.table.setCurrentIndex(page.model.index(page.model.row_of(first), FIRST_CRITERION + 4))
    qtbot.keyClick(page.table, Qt.Key.Key_H)
    assert _ratings_on_disk(demo_file, first)["impact"] == "high"

    def override(dialog: QDialog) -> int:
        dialog.band.setCurrentIndex(dialog.band.findData("low"))
        dialog.reason.setPlainText("Budget frozen until 2027")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(priorities_page.OverrideDialog, "exec", override)
    page.show_target(second)
    page.override_button.click()
    index = page.model.index(page.model.row_of(second), COL_IN_FORCE)
    assert "Low" in index.data()
    assert "Budget frozen" in index.data(Qt.ItemDataRole.ToolTipRole)
    page.grab().save(str(tmp_path / "priorities.png"))


def _add_rated(workspace, title: str, section: str, ratings: dict[str, str | None]) -> str:
    created = workspace.run(
        "Add",
        lambda: activities.add_activity(workspace.document, title=title, section=section),
    )
    workspace.run("Rate", lambda: activities.rate_activity(workspace.document, created.id, ratings))
    return created.id


def test_matrix_places_marks_and_navigates(qtbot, workspace, tmp_path):
    quick = _add_rated(workspace, "Quick one", "TR", {"impact": "high", "ease": "high"})
    slow = _add_rated(
        workspace, "Slow one", "HR", {"impact": "low", "ease": "medium", "importance": "high"}
    )
    half = _add_rated(workspace, "Half rated", "AU", {"impact": "medium"})
    page = _show(qtbot, PriorityMatrixPage(workspace))
    matrix = page.matrix
    rects = matrix.item_rects()
    assert matrix.cell_rect("high", "high").contains(rects[quick])
    assert matrix.cell_rect("medium", "low").contains(rects[slow])
    assert half not in rects
    assert "Half rated" in page.unplaced.text()
    assert matrix.quick_results_shown()
    assert matrix.text_font().pixelSize() >= 20 or matrix.height() < 1000
    page.grab().save(str(tmp_path / "matrix.png"))

    page.y_axis.setCurrentIndex(CRITERIA.index("importance"))  # importance × ease
    rects = matrix.item_rects()
    assert not matrix.quick_results_shown()
    assert matrix.cell_rect("medium", "high").contains(rects[slow])
    assert quick not in rects

    page.x_axis.setCurrentIndex(CRITERIA.index("importance"))  # same as vertical: swapped
    assert page.y_axis.currentData() != page.x_axis.currentData()

    page.y_axis.setCurrentIndex(CRITERIA.index("impact"))
    page.x_axis.setCurrentIndex(CRITERIA.index("ease"))
    rects = matrix.item_rects()
    with qtbot.waitSignal(page.navigateRequested) as signal:
        qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=rects[quick].center())
    assert signal.args == ["priorities", quick]


def test_matrix_text_is_large_on_a_projector(qtbot, workspace):
    page = PriorityMatrixPage(workspace)
    qtbot.addWidget(page)
    page.matrix.resize(1920, 1080)
    assert page.matrix.text_font().pixelSize() >= 20


def test_clicking_in_the_matrix_selects_the_row_in_priorities(qtbot, workspace):
    target = _add_rated(workspace, "Selected from the matrix", "TR", {"impact": "high"})
    page = _show(qtbot, PrioritiesPage(workspace))
    page.show_target(target)
    assert page.current_activity().id == target
    assert page.table.currentIndex().row() == page.model.row_of(target)
