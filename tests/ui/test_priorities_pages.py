"""The Priorities and Priority matrix pages through their widgets, on the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog

from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.services import activities, findings
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.models.activities_model import (
    COL_COMPUTED,
    COL_IN_FORCE,
    FIRST_CRITERION,
    band_labels,
)
from idg_desktop.ui.pages import priorities_page
from idg_desktop.ui.pages.matrix_page import PriorityMatrixPage
from idg_desktop.ui.pages.priorities_page import PrioritiesPage


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


def test_typing_rates_undo_and_bands(qtbot, show, workspace, demo_file, monkeypatch, tmp_path):
    page = show(PrioritiesPage(workspace))
    agreed = next(
        f for f in findings.list_findings(workspace.document) if f.status in {"agreed", "amended"}
    )
    first = _add_through_dialog(page, monkeypatch, "", agreed.id)
    second = _add_through_dialog(page, monkeypatch, "Publish the integrity plan")
    made = activities.find_activity(workspace.document, first)
    assert made.section_code == agreed.section_code
    assert list(made.finding_ids) == [agreed.id]
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
    # A capital (Shift or Caps Lock) rates too, and the cell stays where it is.
    current = page.table.currentIndex()
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
    assert _ratings_on_disk(demo_file, first)["impact"] == "low"
    assert page.table.currentIndex() == current

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


def test_matrix_places_marks_and_navigates(qtbot, show, workspace, tmp_path):
    quick = _add_rated(workspace, "Quick one", "TR", {"impact": "high", "ease": "high"})
    slow = _add_rated(
        workspace, "Slow one", "HR", {"impact": "low", "ease": "medium", "importance": "high"}
    )
    half = _add_rated(workspace, "Half rated", "AU", {"impact": "medium"})
    page = show(PriorityMatrixPage(workspace))
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


def test_clicking_in_the_matrix_selects_the_row_in_priorities(qtbot, show, workspace):
    target = _add_rated(workspace, "Selected from the matrix", "TR", {"impact": "high"})
    page = show(PrioritiesPage(workspace))
    page.show_target(target)
    assert page.current_activity().id == target
    assert page.table.currentIndex().row() == page.model.row_of(target)


# -- moving activities in the matrix ------------------------------------------------


def _placed_demo_activity(page, avoid_x: str | None = None, avoid_y: str | None = None) -> str:
    """A demo activity shown with a label in the matrix, not at the given levels."""
    rects = page.matrix.item_rects()
    for activity in activities.list_activities(page.document):
        where = page.matrix.cell_of(activity.id)
        if activity.id in rects and where and where[0] != avoid_x and where[1] != avoid_y:
            return activity.id
    raise AssertionError("the demo no longer has an activity these matrix tests can move")


def _other_level(level: str) -> str:
    return "low" if level != "low" else "high"


def _drag(qtbot, matrix, activity_id: str, to: QPoint) -> None:
    """Press on the activity's label, move past the drag distance, then to ``to``."""
    start = matrix.chip_rect(activity_id).center()
    qtbot.mousePress(matrix, Qt.MouseButton.LeftButton, pos=start)
    past = start + QPoint(QApplication.startDragDistance() + 2, 0)
    qtbot.mouseMove(matrix, past)
    qtbot.waitUntil(lambda: matrix.dragged_activity() == activity_id)
    qtbot.mouseMove(matrix, to)
    qtbot.mouseRelease(matrix, Qt.MouseButton.LeftButton, pos=to)


def test_dragging_an_activity_rates_both_criteria_in_one_undo_step(
    qtbot, show, workspace, demo_file, tmp_path
):
    page = show(PriorityMatrixPage(workspace))
    matrix = page.matrix
    moved = _placed_demo_activity(page)
    before = _ratings_on_disk(demo_file, moved)
    old_x, old_y = matrix.cell_of(moved)
    assert (old_x, old_y) == (before["ease"], before["impact"])
    target = (_other_level(old_x), _other_level(old_y))
    steps = workspace.undo_stack.count()

    with qtbot.assertNotEmitted(page.navigateRequested):
        start = matrix.chip_rect(moved).center()
        qtbot.mousePress(matrix, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(matrix, start + QPoint(QApplication.startDragDistance() + 2, 0))
        qtbot.waitUntil(lambda: matrix.dragged_activity() == moved)
        drop = matrix.cell_rect(*target).center()
        qtbot.mouseMove(matrix, drop)
        qtbot.waitUntil(lambda: matrix.drop_target() == target)
        matrix.grab().save(str(tmp_path / "matrix_drag.png"))
        qtbot.mouseRelease(matrix, Qt.MouseButton.LeftButton, pos=drop)

    qtbot.waitUntil(lambda: _ratings_on_disk(demo_file, moved)["ease"] == target[0])
    after = _ratings_on_disk(demo_file, moved)
    assert (after["ease"], after["impact"]) == target
    assert {k: v for k, v in after.items() if k not in ("ease", "impact")} == {
        k: v for k, v in before.items() if k not in ("ease", "impact")
    }
    assert workspace.undo_stack.count() == steps + 1
    assert "in the matrix" in workspace.undo_stack.undoText()
    assert matrix.dragged_activity() is None
    assert matrix.cell_of(moved) == target

    workspace.undo_stack.undo()  # one step brings both back
    assert _ratings_on_disk(demo_file, moved) == before
    qtbot.waitUntil(lambda: matrix.cell_of(moved) == (old_x, old_y))
    workspace.undo_stack.redo()
    assert _ratings_on_disk(demo_file, moved) == after
    qtbot.waitUntil(lambda: matrix.cell_of(moved) == target)


def test_a_click_or_a_short_move_still_opens_and_own_cell_drop_does_nothing(
    qtbot, show, workspace, demo_file
):
    page = show(PriorityMatrixPage(workspace))
    matrix = page.matrix
    clicked = _placed_demo_activity(page)
    before = _ratings_on_disk(demo_file, clicked)
    steps = workspace.undo_stack.count()

    with qtbot.waitSignal(page.navigateRequested) as signal:
        qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.chip_rect(clicked).center())
    assert signal.args == ["priorities", clicked]

    start = matrix.chip_rect(clicked).center()  # a wobble below the drag distance: a click
    with qtbot.waitSignal(page.navigateRequested) as signal:
        qtbot.mousePress(matrix, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(matrix, start + QPoint(1, 0))
        assert matrix.dragged_activity() is None
        qtbot.mouseRelease(matrix, Qt.MouseButton.LeftButton, pos=start + QPoint(1, 0))
    assert signal.args == ["priorities", clicked]

    own = matrix.cell_rect(*matrix.cell_of(clicked))  # dropped back in its own cell
    with qtbot.assertNotEmitted(page.navigateRequested):
        _drag(qtbot, matrix, clicked, QPoint(own.left() + 8, own.bottom() - 8))
    outside = QPoint(2, matrix.height() - 2)  # or outside the grid
    with qtbot.assertNotEmitted(page.navigateRequested):
        _drag(qtbot, matrix, clicked, outside)
    assert matrix.dragged_activity() is None

    start = matrix.chip_rect(clicked).center()  # Escape cancels a drag
    qtbot.mousePress(matrix, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(matrix, start + QPoint(QApplication.startDragDistance() + 2, 0))
    qtbot.waitUntil(lambda: matrix.dragged_activity() == clicked)
    qtbot.keyClick(matrix, Qt.Key.Key_Escape)
    assert matrix.dragged_activity() is None
    qtbot.mouseRelease(
        matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect("low", "low").center()
    )

    assert _ratings_on_disk(demo_file, clicked) == before
    assert workspace.undo_stack.count() == steps


def test_ctrl_arrows_move_the_focused_activity_one_cell(qtbot, show, workspace, demo_file):
    page = show(PriorityMatrixPage(workspace))
    matrix = page.matrix
    moved = _placed_demo_activity(page, avoid_x="high", avoid_y="high")
    before = _ratings_on_disk(demo_file, moved)
    across, down = ("low", "medium", "high"), ("low", "medium", "high")
    matrix.setFocus()
    qtbot.waitUntil(matrix.hasFocus)
    matrix.set_focused_activity(moved)
    assert matrix.focused_activity() == moved
    steps = workspace.undo_stack.count()

    qtbot.keyClick(matrix, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    ease = across[across.index(before["ease"]) + 1]  # right: one level higher on x
    qtbot.waitUntil(lambda: _ratings_on_disk(demo_file, moved)["ease"] == ease)
    assert _ratings_on_disk(demo_file, moved)["impact"] == before["impact"]
    assert matrix.focused_activity() == moved  # the focus follows the activity
    qtbot.keyClick(matrix, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    impact = down[down.index(before["impact"]) + 1]  # up: one level higher on y
    qtbot.waitUntil(lambda: _ratings_on_disk(demo_file, moved)["impact"] == impact)
    assert workspace.undo_stack.count() == steps + 2
    assert matrix.cell_of(moved) == (ease, impact)

    workspace.undo_stack.undo()
    assert _ratings_on_disk(demo_file, moved)["impact"] == before["impact"]
    assert _ratings_on_disk(demo_file, moved)["ease"] == ease
    workspace.undo_stack.undo()
    assert _ratings_on_disk(demo_file, moved) == before

    qtbot.waitUntil(lambda: matrix.cell_of(moved) == (before["ease"], before["impact"]))
    matrix.set_focused_activity(moved)
    qtbot.keyClick(matrix, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    if before["impact"] == "low":  # at the edge nothing happens
        assert workspace.undo_stack.count() == steps
    else:
        qtbot.waitUntil(lambda: _ratings_on_disk(demo_file, moved)["impact"] != before["impact"])
        assert workspace.undo_stack.index() == steps + 1

    steps = workspace.undo_stack.index()  # the axes shown are the criteria rated
    page.y_axis.setCurrentIndex(CRITERIA.index("commitment"))
    rating = _ratings_on_disk(demo_file, moved)
    matrix.set_focused_activity(moved)
    if matrix.focused_activity() == moved and rating["commitment"] not in (None, "high"):
        qtbot.keyClick(matrix, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
        higher = down[down.index(rating["commitment"]) + 1]
        qtbot.waitUntil(lambda: _ratings_on_disk(demo_file, moved)["commitment"] == higher)
        assert _ratings_on_disk(demo_file, moved)["impact"] == rating["impact"]


def test_context_menu_moves_to_a_chosen_cell(qtbot, show, workspace, demo_file):
    page = show(PriorityMatrixPage(workspace))
    matrix = page.matrix
    moved = _placed_demo_activity(page)
    before = _ratings_on_disk(demo_file, moved)
    target = (_other_level(before["ease"]), _other_level(before["impact"]))
    menu = matrix.context_menu_for(moved)
    own = menu.findChild(QAction, f"move-{before['ease']}-{before['impact']}")
    assert own is not None and not own.isEnabled()
    menu.findChild(QAction, f"move-{target[0]}-{target[1]}").trigger()
    qtbot.waitUntil(lambda: _ratings_on_disk(demo_file, moved)["ease"] == target[0])
    assert _ratings_on_disk(demo_file, moved)["impact"] == target[1]
    workspace.undo_stack.undo()
    assert _ratings_on_disk(demo_file, moved) == before
    menu.deleteLater()
