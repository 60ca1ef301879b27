"""The Scope page's dates (issue 11), through the real widgets: typing into a
"not set" date, the calendar's first month, the "to" starting from the
"from", clearing; Annex 5's Date and Location as the scope's one fact; the
steps' dates set and proposed. The file is reopened to check what is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QTableView

from idg_desktop.services import agenda, assessment, steps
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.pages.scope_page import ScopePage
from idg_desktop.ui.workspace import Workspace


@pytest.fixture
def empty_workspace(new_file: Path):
    """A new assessment: no dates, no location, no step set."""
    space = Workspace(AssessmentDocument.open(new_file))
    yield space
    space.close()


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _page(qtbot, show, space) -> ScopePage:
    page = show(ScopePage(space))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _scope(path: Path):
    with AssessmentDocument.open(path, read_only=True) as document:
        scope = assessment.assessment_of(document)
        return scope.start_date, scope.end_date, scope.location


def _steps(path: Path) -> dict[int, tuple[str, str]]:
    with AssessmentDocument.open(path, read_only=True) as document:
        return {s.number: (s.start, s.end) for s in steps.list_steps(document)}


def _type_date(qtbot, edit, text: str) -> None:
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    _settle()


def _open_calendar(qtbot, edit) -> None:
    """Click the field's drop-down arrow, as a person opens the calendar."""
    arrow = QPoint(edit.width() - 8, edit.height() // 2)
    if edit.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        arrow = QPoint(8, edit.height() // 2)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)
    qtbot.waitUntil(edit.calendarWidget().isVisible)


def test_typing_a_date_into_a_not_set_field(qtbot, show, empty_workspace, new_file):
    page = _page(qtbot, show, empty_workspace)
    assert page.start.text() == "not set" and page.end.text() == "not set"
    _type_date(qtbot, page.start, "2027-03-08")
    assert page.start.text() == "2027-03-08"
    # the "to" starts from the "from": typing only the day keeps its year and month
    _focus(qtbot, page.end)
    qtbot.keyClick(page.end, Qt.Key.Key_2)
    assert page.end.text().startswith("2") and page.end.date().month() == 3
    qtbot.keyClicks(page.end, "027-03-12")
    qtbot.keyClick(page.end, Qt.Key.Key_Return)
    _settle()
    assert page.end.text() == "2027-03-12"
    empty_workspace.close()
    assert _scope(new_file)[:2] == ("2027-03-08", "2027-03-12")


def test_up_on_a_not_set_to_date_starts_from_the_from_date(qtbot, show, empty_workspace, new_file):
    page = _page(qtbot, show, empty_workspace)
    _type_date(qtbot, page.start, "2027-03-08")
    _focus(qtbot, page.end)
    qtbot.keyClick(page.end, Qt.Key.Key_Up)
    _settle()
    assert page.end.date() == QDate(2027, 3, 8)
    empty_workspace.close()
    assert _scope(new_file)[:2] == ("2027-03-08", "2027-03-08")


def test_the_calendar_opens_at_a_sensible_month(qtbot, show, empty_workspace, new_file):
    page = _page(qtbot, show, empty_workspace)
    _open_calendar(qtbot, page.start)  # nothing set: today's month, not January 2000
    today = QDate.currentDate()
    calendar = page.start.calendarWidget()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    calendar.window().close()
    qtbot.waitUntil(lambda: not calendar.isVisible())
    _type_date(qtbot, page.start, "2027-03-08")
    _open_calendar(qtbot, page.end)  # the "to": the "from"'s month
    calendar = page.end.calendarWidget()
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 3)
    # a day chosen in the calendar is saved (the grid: arrows, then Enter)
    grid = calendar.findChild(QTableView)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    _settle()
    assert page.end.text() != "not set"
    empty_workspace.close()
    assert _scope(new_file)[1] == page.end.date().toString("yyyy-MM-dd")


def test_clearing_a_date(qtbot, show, workspace, demo_file):
    page = _page(qtbot, show, workspace)
    assert page.period.clear_end.isEnabled()
    qtbot.mouseClick(page.period.clear_end, Qt.MouseButton.LeftButton)
    _settle()
    assert page.end.text() == "not set" and not page.period.clear_end.isEnabled()
    assert _scope(demo_file)[:2] == ("2026-03-09", "")
    # Delete on the whole date clears it too
    _focus(qtbot, page.start)
    page.start.selectAll()
    qtbot.keyClick(page.start, Qt.Key.Key_Delete)
    _settle()
    assert page.start.text() == "not set"
    assert _scope(demo_file)[:2] == ("", "")
    # and the Annex 5 Date shows the same fact
    assert page.tor_period.start.text() == "not set" and page.tor_period.end.text() == "not set"


def test_annex5_date_and_location_are_the_scopes(qtbot, show, empty_workspace, new_file):
    page = _page(qtbot, show, empty_workspace)
    assert "date" not in page.tor_fields and "location" not in page.tor_fields
    _type_date(qtbot, page.tor_period.start, "2027-03-08")
    assert page.start.text() == "2027-03-08"  # shown above at once
    _focus(qtbot, page.tor_location)
    qtbot.keyClicks(page.tor_location, "Veltra")
    qtbot.keyClick(page.tor_location, Qt.Key.Key_Return)
    _settle()
    assert page.location.text() == "Veltra"
    _focus(qtbot, page.location)
    page.location.selectAll()
    qtbot.keyClicks(page.location, "Kelmor Pass")
    qtbot.keyClick(page.location, Qt.Key.Key_Return)
    _settle()
    assert page.tor_location.text() == "Kelmor Pass"
    empty_workspace.close()
    assert _scope(new_file) == ("2027-03-08", "", "Kelmor Pass")
    with AssessmentDocument.open(new_file, read_only=True) as document:
        stored = assessment.assessment_of(document).terms_of_reference
        assert "Veltra" not in stored and "Kelmor" not in stored and "2027" not in stored


def test_step_dates_are_typed_and_proposed(qtbot, show, empty_workspace, new_file):
    document = empty_workspace.document
    assessment.update_scope(document, start_date="2027-03-08", end_date="2027-03-12")
    agenda.add_session(document, day="2027-02-15", topic="Remote briefing")
    page = _page(qtbot, show, empty_workspace)
    assert all(p.start.text() == "not set" for p in page.step_periods.values())
    _type_date(qtbot, page.step_periods[1].start, "2027-01-11")
    _type_date(qtbot, page.step_periods[5].start, "2027-03-09")
    qtbot.mouseClick(page.propose, Qt.MouseButton.LeftButton)
    _settle()
    assert "4, 6" in page.propose_result.text()
    assert page.step_periods[4].start.text() == "2027-02-15"
    assert page.step_periods[5].start.text() == "2027-03-09"  # set by hand: kept
    empty_workspace.close()
    assert _steps(new_file) == {
        1: ("2027-01-11", ""),
        2: ("", ""),
        3: ("", ""),
        4: ("2027-02-15", "2027-02-15"),
        5: ("2027-03-09", ""),
        6: ("2027-03-13", ""),
    }


def test_a_set_date_is_corrected_by_selecting_all_and_typing(qtbot, show, workspace, demo_file):
    """As in any text field: select all, type the new date (a new user's typing
    did nothing); and Tab leaves the field instead of moving from year to month."""
    page = _page(qtbot, show, workspace)
    assert page.end.text() == "2026-03-13"
    _focus(qtbot, page.end)
    qtbot.keyClick(page.end, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.end, "2026-03-20")
    qtbot.keyClick(page.end, Qt.Key.Key_Tab)
    _settle()
    assert page.end.text() == "2026-03-20"
    assert not page.end.hasFocus()  # Tab went on to the next field
    workspace.close()
    assert _scope(demo_file)[:2] == ("2026-03-09", "2026-03-20")
