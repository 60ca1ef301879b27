"""The window's priority matrix marks each quick result, not the whole cell: an
activity of the high-impact/easy cell whose cost is high is visibly not marked."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from idg_desktop.domain.priorities import is_quick_result
from idg_desktop.services import activities
from idg_desktop.ui.pages.matrix_page import PriorityMatrixPage
from idg_desktop.ui.widgets.matrix_painting import INK

HIGH = {"importance": "high", "urgency": "high", "commitment": "high"}


def _add(workspace, title: str, cost: str) -> str:
    created = workspace.run(
        "Add",
        lambda: activities.add_activity(workspace.document, title=title, section="AI"),
    )
    ratings = {**HIGH, "impact": "high", "ease": "high", "cost": cost}
    workspace.run("Rate", lambda: activities.rate_activity(workspace.document, created.id, ratings))
    return created.id


def _near_ink(image, point: QPoint) -> bool:
    colour = image.pixelColor(point)
    return all(abs(a - b) < 40 for a, b in zip(colour.getRgb()[:3], INK.getRgb()[:3], strict=True))


def test_each_quick_result_is_marked_and_a_costly_one_is_not(qtbot, show, workspace, tmp_path):
    cheap = _add(workspace, "Post the fees at every border post", "low")
    costly = _add(workspace, "Build a new examination hall", "high")
    page = show(PriorityMatrixPage(workspace))
    matrix = page.matrix
    cell = matrix.cell_rect("high", "high")
    rects = matrix.item_rects()
    assert cell.contains(rects[cheap]) and cell.contains(rects[costly])
    assert matrix.quick_results_shown()  # the cell keeps its own caption

    in_cell = [a for a in rects if cell.contains(rects[a])]
    with_ratings = {
        a: activities.ratings_of(activities.find_activity(workspace.document, a)) for a in in_cell
    }
    for activity_id in in_cell:
        quick = is_quick_result(with_ratings[activity_id])
        assert matrix.quick_result_marked(activity_id) is quick, activity_id
    assert matrix.quick_result_marked(cheap)
    assert not matrix.quick_result_marked(costly)
    assert matrix.tag_text(cheap) == "Quick result"
    assert matrix.tag_text(costly) == "High cost"

    # Painted: the quick result's tag is a navy pill; at the same place on the
    # costly activity's chip there is no navy.
    image = matrix.grab().toImage()
    page.grab().save(str(tmp_path / "matrix.png"))
    tag = matrix.tag_rect(cheap)
    assert not tag.isEmpty() and rects[cheap].contains(tag)
    probe = QPoint(tag.left() + 2, tag.center().y())
    assert _near_ink(image, probe)
    offset = probe - rects[cheap].topLeft()
    assert not _near_ink(image, rects[costly].topLeft() + offset)
    assert not matrix.tag_rect(costly).isEmpty()  # its own, grey "High cost" tag

    # Cost lowered: the same activity is now marked; the move is undoable.
    workspace.run(
        "Cost", lambda: activities.rate_activity(workspace.document, costly, {"cost": "medium"})
    )
    qtbot.waitUntil(lambda: matrix.quick_result_marked(costly))
    workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: not matrix.quick_result_marked(costly))

    # Other axes: no quick-results cell, but a quick result keeps its mark.
    page.x_axis.setCurrentIndex(page.x_axis.findData("cost"))
    assert not matrix.quick_results_shown()
    assert matrix.quick_result_marked(cheap) and not matrix.quick_result_marked(costly)
    assert matrix.tag_text(costly) == ""
