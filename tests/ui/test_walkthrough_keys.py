"""Keyboard and high-contrast defects found by the walkthrough of issue 13:
a ticked box invisible in a selected row and the navigation's focus marker
invisible in high contrast (measured on the pixels drawn), no focus after a
page's shortcut until Tab, and Figure 5's mnemonic choosing the row's first
button ("No") instead of going to the current choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from window_walk import settle, shown_page

from idg_desktop.reports.slides import theme
from idg_desktop.ui.main_window import PAGES
from idg_desktop.ui.workshop_view import page_shortcut


def contrast(one: QColor, two: QColor) -> float:
    return theme.contrast(one.name(), two.name())


@pytest.fixture
def window(laptop):
    """The demo open at a laptop's size, its palette put back afterwards (the
    application's palette is shared by every test)."""
    yield laptop
    laptop.set_high_contrast(False)


def indicator_centre(image: QImage, cell: QRect) -> tuple[QColor, QColor]:
    """(the row's colour, the colour at the centre of the box drawn in ``cell``)."""
    inner = cell.adjusted(3, 3, -3, -3)
    back = image.pixelColor(inner.right(), inner.center().y())
    xs, ys = [], []
    for y in range(inner.top(), inner.bottom() + 1):
        for x in range(inner.left(), inner.right() + 1):
            if image.pixelColor(x, y) != back:
                xs.append(x)
                ys.append(y)
    assert xs, "no box drawn in the cell"
    return back, image.pixelColor((min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2)


def test_a_ticked_box_shows_in_a_selected_row_in_high_contrast(window, qtbot):
    window.set_high_contrast(True)
    page = shown_page(window, "participants")
    table, model = page.table, page.table.model()
    column = next(
        c
        for c in range(model.columnCount())
        if model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsUserCheckable
    )
    ticked = [
        r
        for r in range(model.rowCount())
        if model.index(r, column).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ]
    plain = [r for r in range(model.rowCount()) if r not in ticked]
    assert ticked and plain
    for row, selected in ((ticked[0], True), (ticked[0], False), (plain[0], True)):
        table.clearSelection()
        other = plain[-1] if row != plain[-1] else plain[0]
        table.selectRow(row if selected else other)
        table.scrollTo(model.index(row, column))
        settle()
        image = table.viewport().grab().toImage()
        back, centre = indicator_centre(image, table.visualRect(model.index(row, column)))
        if model.index(row, column).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked:
            # ticked: its box filled in a colour that stands out from the row
            assert contrast(back, centre) >= 7.0, (row, selected, back.name(), centre.name())
        else:
            assert centre == back, (row, selected)  # unticked: empty


def test_the_navigations_focus_marker_shows_in_high_contrast(window, qtbot):
    window.set_high_contrast(True)
    navigation = window.view.navigation
    navigation.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert navigation.hasFocus()
    rect = navigation.visualItemRect(navigation.currentItem())
    image = navigation.viewport().grab().toImage()
    item_back = image.pixelColor(rect.center().x(), rect.bottom() - 2)
    marker = image.pixelColor(rect.left() + 1, rect.center().y())
    assert contrast(item_back, marker) >= 3.0, (item_back.name(), marker.name())


@pytest.mark.parametrize("number", [3, 8, 10, 14])
def test_a_pages_shortcut_puts_the_focus_on_its_first_control(window, qtbot, number):
    window.view.navigation.setFocus()
    settle()
    key = PAGES[number - 1][0]
    combo = page_shortcut(number)
    sequence = QKeySequence(combo)[0]
    qtbot.keyClick(window, sequence.key(), sequence.keyboardModifiers())
    qtbot.waitUntil(lambda: window.view.current_key() == key)
    settle()
    page = window.view.page(key)
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus), (key, focus)
    ring = window.focus_ring.frame
    assert ring is not None and ring.widget() is focus and ring.isVisible()


def test_figure_5s_mnemonic_goes_to_the_current_choice_and_chooses_nothing(window, qtbot):
    page = shown_page(window, "checklist")
    editor = page.editor
    assert editor.effective.value() == "partly"  # the demo's LC-1
    buddies = [
        lab.buddy()
        for lab in editor.findChildren(QLabel)
        if lab.buddy()
        in (
            editor.measure,
            editor.applied,
            editor.effective,
            *editor.effective.buttons,
            *editor.measure.buttons,
            *editor.applied.buttons,
        )
    ]
    assert buddies and not any(isinstance(b, QAbstractButton) for b in buddies)
    editor.narrative.setFocus()
    settle()
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # "3. Is it effe&ctive?"
    qtbot.waitUntil(lambda: QApplication.focusWidget() in editor.effective.buttons)
    focus = QApplication.focusWidget()
    assert focus.isChecked() and editor.effective.value() == "partly"
    qtbot.keyClick(focus, Qt.Key.Key_Right)  # from the current choice: the next one
    assert editor.effective.value() == "yes"
    assert QApplication.focusWidget() is editor.effective.buttons[2]


def test_the_first_control_is_where_a_mouse_would_start(window):
    """The helper picks a shown, usable control of the page (not a hidden one)."""
    from idg_desktop.ui.keyboard import first_control

    page = shown_page(window, "findings")
    control = first_control(page)
    assert control is not None and control.isVisible() and control.isEnabled()
    assert page.isAncestorOf(control)
    assert control.mapTo(page, QPoint(0, 0)).y() < page.height() // 2
