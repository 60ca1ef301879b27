"""Every page walked with Tab, from its first control (offscreen, 1366x768, the
demo after a group's package came back with conflicts): Tab reaches every
visible, enabled control that takes focus, in the order of the page (top to
bottom, left to right, a column at a time), leaves every table and text box,
and every control has a name a screen reader reads (its accessible name, its
text, or a label that is its buddy), unique on its page."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QWidget,
)
from window_walk import page_states, settle

#: How far (pixels) a control may sit above the one before it and still count as on its row.
TOLERANCE = 10


@pytest.fixture
def window(merged_window):
    return merged_window


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def controls(page: QWidget) -> list[QWidget]:
    """The page's controls Tab should reach: shown, enabled, taking Tab focus
    (a combo box's or spin box's own editor counts as the box)."""
    found = []
    for widget in page.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and takes_tab(widget)):
            continue
        if widget.focusProxy() is not None:
            continue
        if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
            continue
        found.append(widget)
    return found


def name_of(widget: QWidget, buddies: dict[int, str]) -> str:
    """What a screen reader says for ``widget``."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(widget, QGroupBox) and widget.title():
        return widget.title().replace("&", "")
    return buddies.get(id(widget), "")


def buddy_names(page: QWidget) -> dict[int, str]:
    return {
        id(label.buddy()): label.text().replace("&", "").rstrip(":")
        for label in page.findChildren(QLabel)
        if label.buddy() is not None
    }


def rect_on(page: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


def describe(widget: QWidget, buddies: dict[int, str]) -> str:
    return f"{type(widget).__name__} {name_of(widget, buddies)!r}"


def out_of_order(before: QRect, after: QRect) -> bool:
    """Tab went back: up the same column, or leftwards along the same row."""
    up = after.top() < before.top() - TOLERANCE
    same_row = abs(after.top() - before.top()) <= TOLERANCE
    if up and after.left() <= before.left() + TOLERANCE:
        return True
    return same_row and after.right() <= before.left()


def radio_group(button: QRadioButton) -> int:
    """The exclusive group a radio button belongs to (its button group, or its parent)."""
    return id(button.group()) if button.group() is not None else id(button.parentWidget())


def walk(page: QWidget, qtbot, limit: int) -> list[QWidget]:
    """Focus the page's first control and press Tab until focus leaves the page
    (or comes back to where it started)."""
    first = page.nextInFocusChain()
    while first is not page and not (page.isAncestorOf(first) and first in controls(page)):
        first = first.nextInFocusChain()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    visited = [QApplication.focusWidget()]
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or not page.isAncestorOf(now) or now is visited[0]:
            break
        if now is visited[-1]:
            visited.append(now)  # trapped
            break
        visited.append(now)
    return visited


def test_every_control_has_a_name_unique_on_its_page(window):
    problems = []
    for key, page in page_states(window):
        buddies = buddy_names(page)
        seen: dict[str, str] = {}
        for widget in controls(page):
            name = name_of(widget, buddies)
            if not name.strip():
                problems.append(f"{key}: {type(widget).__name__} has no name")
                continue
            if name in seen:
                problems.append(f"{key}: two controls called {name!r}")
            seen[name] = type(widget).__name__
    assert problems == [], "\n".join(problems)


def test_tab_reaches_every_control_in_the_order_of_the_page(window, qtbot):
    problems = []
    for key, page in page_states(window):
        buddies = buddy_names(page)
        wanted = controls(page)
        visited = walk(page, qtbot, limit=3 * len(wanted) + 5)
        if len(visited) > 1 and visited[-1] is visited[-2]:
            problems.append(f"{key}: Tab stays on {describe(visited[-1], buddies)}")
        # Tab enters a group of radio buttons at its chosen one; the arrows move in it
        groups = {radio_group(w) for w in visited if isinstance(w, QRadioButton)}
        missed = [
            describe(w, buddies)
            for w in wanted
            if w not in visited and not (isinstance(w, QRadioButton) and radio_group(w) in groups)
        ]
        if missed:
            problems.append(f"{key}: Tab never reaches {missed}")
        for before, after in itertools.pairwise(visited):
            if out_of_order(rect_on(page, before), rect_on(page, after)):
                problems.append(
                    f"{key}: Tab goes back from {describe(before, buddies)} "
                    f"to {describe(after, buddies)}"
                )
    assert problems == [], "\n".join(problems)


def test_the_order_check_sees_a_step_back():
    assert out_of_order(QRect(0, 100, 50, 20), QRect(0, 40, 50, 20))  # up the column
    assert out_of_order(QRect(200, 100, 50, 20), QRect(0, 102, 50, 20))  # leftwards
    assert not out_of_order(QRect(0, 100, 50, 20), QRect(300, 10, 50, 20))  # next column
    assert not out_of_order(QRect(300, 400, 50, 20), QRect(0, 500, 50, 20))  # next row


def test_every_control_of_a_dialog_has_a_name_unique_in_it(window):
    from window_walk import each_dialog

    problems = []
    for name, dialog in each_dialog(window):
        buddies = buddy_names(dialog)
        seen: set[str] = set()
        for widget in controls(dialog):
            called = name_of(widget, buddies)
            if not called.strip():
                problems.append(f"{name}: {type(widget).__name__} has no name")
            elif called in seen:
                problems.append(f"{name}: two controls called {called!r}")
            seen.add(called)
    assert problems == [], "\n".join(problems)
