"""The window by keyboard alone: Tab leaves every table and text box, no scroll
area or empty list is a tab stop, a shortcut for every page (shown in the View
menu), focus kept after a cell edit and after Alt+Down in the checklist. The
file is the demo after a group's package came back with conflicts, so the Merge
page shows its conflicts and its log too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QWidget,
)
from window_walk import settle, shown_page

from idg_desktop.ui.main_window import PAGES


@pytest.fixture
def window(merged_window):
    return merged_window


def visible_widgets(page: QWidget, kind) -> list:
    return [w for w in page.findChildren(kind) if w.isVisibleTo(page) and w.isEnabled()]


def test_tab_leaves_every_table_and_text_box(window, qtbot):
    trapped = []
    for key, _module, _class in PAGES:
        page = shown_page(window, key)
        boxes = visible_widgets(page, QAbstractItemView) + visible_widgets(page, QPlainTextEdit)
        boxes += visible_widgets(page, QTextEdit)
        for box in boxes:
            if box.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            box.setFocus(Qt.FocusReason.TabFocusReason)
            settle()
            if QApplication.focusWidget() is not box:
                continue  # not a stop of its own (e.g. hidden behind a tab)
            if isinstance(box, QAbstractItemView) and box.model() and box.model().rowCount():
                box.setCurrentIndex(box.model().index(0, 0))
            qtbot.keyClick(box, Qt.Key.Key_Tab)
            settle()
            now = QApplication.focusWidget()
            if now is box or (now is not None and box.isAncestorOf(now)):
                trapped.append(f"{key}: {type(box).__name__} {box.accessibleName()!r}")
    assert trapped == []


def test_every_table_and_text_box_is_told_to_let_tab_go(window):
    told = []
    for key, _module, _class in PAGES:
        page = shown_page(window, key)
        told += [
            f"{key}: {t.accessibleName()!r}"
            for t in page.findChildren(QTableView)
            if t.tabKeyNavigation()
        ]
        told += [
            f"{key}: {t.accessibleName()!r}"
            for t in page.findChildren(QPlainTextEdit) + page.findChildren(QTextEdit)
            if not t.tabChangesFocus()
        ]
    assert told == []


def test_the_notes_of_a_new_background_document_let_tab_go(qtbot):
    from idg_desktop.ui.pages.documents_page import DocumentDialog

    dialog = DocumentDialog({"strategy": "A strategy"})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.attachment
    assert dialog.notes.toPlainText() == ""


def test_no_scroll_area_or_empty_list_is_a_tab_stop(window):
    stops = []
    for key, _module, _class in PAGES:
        page = shown_page(window, key)
        for area in visible_widgets(page, QAbstractScrollArea):
            if area.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if isinstance(area, QAbstractItemView):
                model = area.model()
                if model is not None and model.rowCount() == 0:
                    stops.append(f"{key}: empty {type(area).__name__} {area.accessibleName()!r}")
            elif not isinstance(area, QPlainTextEdit | QTextEdit):
                stops.append(f"{key}: scroll area {type(area).__name__}")
    assert stops == []


def test_every_page_has_its_own_shortcut_shown_in_the_view_menu(window, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    window.show_page("overview")
    settle()
    for number, (key, _module, _class) in enumerate(PAGES, start=1):
        action = window.go_actions[number - 1]
        keys = action.shortcut()
        assert not keys.isEmpty(), f"{key} has no shortcut"
        assert action in window.menuBar().actions()[2].menu().actions()  # View
        combo = keys[0]
        qtbot.keyClick(window, combo.key(), combo.keyboardModifiers())
        qtbot.waitUntil(lambda k=key: window.view.current_key() == k)
        tip = window.view.navigation.item(number - 1).toolTip()
        assert tip == keys.toString(QKeySequence.SequenceFormat.NativeText)
    # no two of the window's actions share a key (a card's Delete acts on that card)
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for keys in action.shortcuts():
            text = keys.toString()
            assert text not in seen, f"{text}: {seen[text]!r} and {action.text()!r}"
            seen[text] = action.text()


def test_focus_stays_on_the_page_after_alt_down_in_the_checklist(window, qtbot):
    page = shown_page(window, "checklist")
    lost = []
    for start in [*page.editor.tab_chain(), page.tree]:
        if not start.isVisible() or not start.isEnabled():
            continue
        start.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
            settle()
            now = QApplication.focusWidget()
            if now is None or not page.isAncestorOf(now):
                lost.append(f"{start.accessibleName()!r}: focus on {now!r} after Alt+{key.name}")
    # and the next Tab goes on in the page, not back to the navigation
    page.narrative.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.narrative, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    settle()
    assert page.isAncestorOf(QApplication.focusWidget())
    assert lost == []


def test_focus_stays_in_the_table_after_a_cell_edit(window, qtbot):
    page = shown_page(window, "documents")
    table = page.table
    table.setFocus()
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table and table.isAncestorOf(editor)
    editor.selectAll()
    qtbot.keyClicks(editor, "Revised title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle()
    assert table.item(0, 1).text() == "Revised title"
    assert QApplication.focusWidget() is table
    assert (table.currentRow(), table.currentColumn()) == (0, 1)


def test_focus_stays_in_the_ratings_after_a_rating_is_typed(window, qtbot):
    from idg_desktop.ui.pages.rating_table import FIRST_CRITERION

    page = shown_page(window, "priorities")
    table = page.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, FIRST_CRITERION))
    qtbot.keyClick(table, Qt.Key.Key_H)
    settle()
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, FIRST_CRITERION)


def test_focus_stays_in_the_participants_after_a_cell_edit(window, qtbot):
    page = shown_page(window, "participants")
    table = page.table
    table.setFocus()
    index = table.model().index(1, 1)
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table and table.isAncestorOf(editor)
    editor.selectAll()
    qtbot.keyClicks(editor, "Integrity Office")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle()
    assert table.model().index(1, 1).data() == "Integrity Office"
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)  # and Tab goes on from the table
    assert QApplication.focusWidget() is not table


def test_a_ring_follows_the_focus_and_comes_back_after_a_dialog(window, qtbot):
    from PySide6.QtWidgets import QDialog

    page = shown_page(window, "participants")
    for widget in (page.add_button, page.table):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        ring = window.focus_ring.frame
        assert ring is not None and ring.widget() is widget and ring.isVisible()
        assert ring.geometry().contains(widget.geometry().adjusted(1, 1, -1, -1))
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.reject()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    settle()
    assert window.focus_ring.frame.widget() is page.table
    assert window.focus_ring.frame.isVisible()
    assert "QFocusFrame#focusRing" in window.styleSheet()
