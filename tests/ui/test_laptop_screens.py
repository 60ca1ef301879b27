"""Every page fits a laptop's screen: at 1280x800 and 1366x768 no label or
button of any page is squeezed below the width its text needs (a cut word:
"Is it applied in practic", "Par" for "Partly") or laid out wider than the
panel that shows it, so that its end is cut at the panel's edge, the
checklist's editor included, after choosing a question, and the action plan's
detail panel with an activity selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from idg_desktop.ui.main_window import PAGES, MainWindow


def _settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _squeezed(page: QWidget) -> list[tuple[str, int, int]]:
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if (clip := _clipped_by_scroll_area(widget)) is not None:
                found.append((widget.text()[:50], *clip))  # wraps, but too wide to show
            continue
        need = widget.minimumSizeHint().width()
        if widget.width() + 1 < need:
            found.append((widget.text()[:50], widget.width(), need))
        elif (clip := _clipped_by_scroll_area(widget)) is not None:
            found.append((widget.text()[:50], *clip))
    return found


def _clipped_by_scroll_area(widget: QWidget) -> tuple[int, int] | None:
    """(the room the widget has, its width) when a panel that scrolls up and down lays it
    out wider than the panel shows, so its right end is cut off at the edge
    ("…paper gifts register w"); None when it is in full view or the panel would
    need no sideways scrolling to show it."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None or parent.horizontalScrollBar().maximum() == 0:
        return None
    if isinstance(parent.widget().layout(), QHBoxLayout):
        return None  # a board of columns side by side (working groups): meant to scroll
    viewport = parent.viewport()
    left = widget.mapTo(viewport, widget.rect().topLeft()).x()
    if left + widget.width() > viewport.width() + 1:
        return (viewport.width() - left, widget.width())
    return None


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)], ids=["1280x800", "1366x768"])
def test_no_page_squeezes_a_label_or_button(qtbot, demo_file, size):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    squeezed = {}
    for key, _module, _class in PAGES:
        page = window.show_page(key)
        if key == "checklist":
            page.select_question("LC-1")
        if key == "plan":  # the detail panel with an activity's fields
            page.select_node(next(r for r in page.model.rows_of("activity") if r.code).id)
        _settle()
        assert window.width() == size[0], f"{key} widened the window to {window.width()}"
        if found := _squeezed(page):
            squeezed[key] = found
    window.close_assessment()
    assert squeezed == {}


@pytest.mark.parametrize("height", [640, 728])
def test_a_short_window_never_squeezes_figure_5(qtbot, demo_file, height):
    """On a short screen (a working copy's banner on a 768-line laptop) the
    checklist's editor scrolls instead of drawing Figure 5's rows over each
    other (a new user saw "Not applicable" over the rating)."""
    from PySide6.QtWidgets import QGroupBox

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    page = window.show_page("checklist")
    page.select_question("LC-1")
    _settle()
    box = next(b for b in page.findChildren(QGroupBox) if "Figure 5" in b.title())
    assert box.height() >= box.minimumSizeHint().height()
    for widget in (page.chip, page.not_applicable, *page.applied.buttons):
        assert widget.height() >= widget.minimumSizeHint().height(), widget
    assert not page.chip.geometry().intersects(page.not_applicable.geometry())
    window.close_assessment()


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)], ids=["1280x800", "1366x768"])
def test_every_participants_column_shows_without_a_sideways_scroll(qtbot, demo_file, size):
    """Unit and expertise give up room first: "External" was cut ("Extern") behind
    a sideways scroll bar on both laptops."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    page = window.show_page("participants")
    _settle()
    table = page.table
    assert table.horizontalScrollBar().maximum() == 0
    header = table.horizontalHeader()
    for column in range(table.model().columnCount()):
        title = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), title
    window.close_assessment()


def _squeezed_below_text(page: QWidget) -> list[tuple[str, int, int]]:
    """Labels and buttons on one line laid out narrower than their text."""
    found = []
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if not widget.isVisibleTo(page) or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue
        if widget.width() + 1 < (need := widget.minimumSizeHint().width()):
            found.append((widget.text()[:40], widget.width(), need))
    return found


def _cut_at_a_panel_edge(page: QWidget) -> list[tuple[str, int, int]]:
    """Labels, buttons and fields in a scrolling panel whose right end lies past
    the panel's visible edge while the panel offers no sideways scroll bar."""
    found = []
    for area in page.findChildren(QScrollArea):
        if not area.isVisibleTo(page) or area.widget() is None:
            continue
        bar = area.horizontalScrollBar()
        if bar.isVisible() and bar.maximum() > 0:
            continue  # the user can scroll to it
        if isinstance(area.widget().layout(), QHBoxLayout):
            continue  # a board of columns side by side (working groups)
        viewport = area.viewport()
        for widget in area.widget().findChildren(QWidget):
            if not widget.isVisibleTo(area) or not isinstance(
                widget, QLabel | QAbstractButton | QAbstractScrollArea
            ):
                continue
            right = widget.mapTo(viewport, widget.rect().topRight()).x()
            if right > viewport.width() + 1:
                text = widget.text() if hasattr(widget, "text") else type(widget).__name__
                found.append((text[:40], right, viewport.width()))
    return found


@pytest.mark.parametrize(
    ("key", "larger"),
    # (the plan's row of seven buttons is too wide at three times: not yet solved)
    [("checklist", 1), ("checklist", 2), ("checklist", 3), ("plan", 1), ("plan", 2)],
)
def test_larger_text_on_a_laptop_wraps_or_scrolls_never_cuts(qtbot, demo_file, key, larger):
    """View ▸ Larger text at 1280x800: the Checklist's answer (question, rating
    chip, "Not applicable", "Confidential (left out of public versions)",
    History) and the plan's details were cut at the right edge, no scroll bar."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    try:
        for _ in range(larger):
            window.zoom(1.1)
        page = window.show_page(key)
        if key == "checklist":
            page.select_question("LC-1")
        else:
            page.select_node(next(r for r in page.model.rows_of("activity") if r.code).id)
        _settle()
        found = _squeezed_below_text(page) + _cut_at_a_panel_edge(page)
        assert found == [], "\n".join(map(str, found))
    finally:
        window.normal_size()
        window.close_assessment()


def _squeezed_choices(page: QWidget) -> list[tuple[str, int, int]]:
    """Drop-down lists laid out narrower than their choices need (the current
    one cut: "SA Cooperation with Sta"): the first test looks at labels and
    buttons only, which is why the walkthrough's clipped Findings page passed."""
    from PySide6.QtWidgets import QComboBox

    found = []
    for combo in page.findChildren(QComboBox):
        if combo.isVisibleTo(page) and combo.width() + 1 < combo.minimumSizeHint().width():
            found.append((combo.accessibleName() or combo.currentText()[:40], combo.width(),
                          combo.minimumSizeHint().width()))  # fmt: skip
    return found


@pytest.mark.parametrize("key", ["groups", "findings"])
@pytest.mark.parametrize("look", ["larger", "largest", "high contrast"])
def test_groups_and_findings_fit_1280_with_larger_text_or_high_contrast(
    qtbot, demo_file, key, look
):
    """The walkthrough saw Working groups and Findings clipped at 1280 pixels: with
    larger text (and high contrast's wider frames) their rows of buttons and the
    finding's Section and Working group lists were squeezed below their text;
    the test above runs at the normal size only. Rows now wrap."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    try:
        page = window.show_page(key)  # as a user does: on the page, then Ctrl++
        _settle()
        if look == "high contrast":
            window.set_high_contrast(True)
        for _ in range({"larger": 1, "largest": 2}.get(look, 0)):
            window.zoom(1.1)
        _settle()
        assert window.width() == 1280
        found = _squeezed(page) + _squeezed_choices(page) + _cut_at_a_panel_edge(page)
        assert found == [], "\n".join(map(str, found))
    finally:
        window.normal_size()
        window.set_high_contrast(False)
        window.close_assessment()


@pytest.mark.parametrize("height", [640, 728])
def test_figure_5_is_not_squeezed_once_the_slides_fonts_are_loaded(qtbot, demo_file, height):
    """Presenting loads the slides' own fonts (Noto Sans), to which the laptop's
    sans-serif once resolved afterwards, with taller lines: the question's
    three reserved lines were three pixels short and squeezed Figure 5 after
    an F5 (the window now keeps its face; the reserve is a label's own)."""
    from idg_desktop.ui.presentation.slide_view import family

    family()  # what the first F5 does
    test_a_short_window_never_squeezes_figure_5(qtbot, demo_file, height)
