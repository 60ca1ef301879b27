"""Scrolling a page with the mouse wheel never changes a field under the pointer
(a new user scrolled the Scope page and turned the end date back five years
and Mode 1 into Mode 2, each saved at once)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from idg_desktop.services.assessment import assessment_of
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.main_window import MainWindow


def _wheel(widget, notches: int = -3) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_date_or_a_choice_scrolls_and_changes_nothing(qtbot, demo_file):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.open_path(demo_file)
    page = window.show_page("scope")
    qtbot.waitUntil(page.isVisible)
    window.activateWindow()  # as on a desktop: a field's wheel focus could take it
    qtbot.waitUntil(window.isActiveWindow)
    page.title.setFocus()  # the user is in another field; the pointer passes over these
    qtbot.waitUntil(page.title.hasFocus)
    before = (page.end.date(), page.mode.currentIndex())
    for field in (page.end, page.mode):
        assert not field.hasFocus()
        _wheel(field)  # three notches down: days back, the next mode
    assert (page.end.date(), page.mode.currentIndex()) == before
    window.close_assessment()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        scope = assessment_of(document)
        assert (scope.end_date, scope.mode) == ("2026-03-13", "in-country")

    # A field the user chose (it has the focus) still takes the wheel.
    assert window.open_path(demo_file)
    page = window.show_page("scope")
    window.activateWindow()
    page.mode.setFocus()
    qtbot.waitUntil(page.mode.hasFocus)
    _wheel(page.mode, notches=-1)
    assert page.mode.currentIndex() != before[1]
    window.close_assessment()
