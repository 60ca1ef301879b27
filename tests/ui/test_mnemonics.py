"""Alt+letters: unique within a page or a dialog, and never one of the menu
bar's (Alt+F, Alt+E, Alt+V, Alt+H open the menus; a field with the same letter
made Alt+F open the File menu and the text typed after it was lost). Walks
every page of the demo and the dialogs a page or the File menu opens."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)
from window_walk import each_dialog, page_states

from idg_desktop.ui.main_window import MainWindow

AMPERSAND = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    found = AMPERSAND.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Each Alt+letter on ``root`` (shown parts only) and what carries it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str, what: str) -> None:
        if (key := letter(text)) is not None:
            found[key].append(what)

    for label in root.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(root):
            add(label.text(), f"label {label.text()!r}")
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root):
            add(button.text(), f"{type(button).__name__} {button.text()!r}")
    for box in root.findChildren(QGroupBox):
        if box.isVisibleTo(root):
            add(box.title(), f"group {box.title()!r}")
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisibleTo(root):
            for index in range(tabs.count()):
                add(tabs.tabText(index), f"tab {tabs.tabText(index)!r}")
    return found


def collisions(name: str, found: dict[str, list[str]], menus: dict[str, list[str]]) -> list[str]:
    problems = []
    for key, owners in sorted(found.items()):
        if len(owners) > 1:
            problems.append(f"{name}: Alt+{key.upper()} on {owners}")
        if key in menus:
            problems.append(f"{name}: Alt+{key.upper()} on {owners} opens the {menus[key]} menu")
    return problems


def menu_letters(window: MainWindow) -> dict[str, list[str]]:
    return {
        key: action.text()
        for action in window.menuBar().actions()
        if (key := letter(action.text())) is not None
    }


def test_the_menu_bar_has_its_letters(merged_window):
    assert set(menu_letters(merged_window)) >= {"f", "e", "v", "h"}


def test_every_page_has_unique_letters_none_a_menus(merged_window):
    menus = menu_letters(merged_window)
    problems = []
    for name, page in page_states(merged_window):
        problems += collisions(name, mnemonics(page), menus)
    assert problems == [], "\n".join(problems)


def test_every_dialog_has_unique_letters(merged_window, qtbot):
    """A dialog is a window of its own, without the menu bar: its letters need
    only be unique in it."""
    problems = []
    for name, dialog in each_dialog(merged_window):
        problems += collisions(name, mnemonics(dialog), {})
    assert problems == [], "\n".join(problems)


def test_a_collision_is_found(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    layout = QVBoxLayout(page)
    field = QLineEdit()
    label = QLabel("&Find:")
    label.setBuddy(field)
    for widget in (label, field, QPushButton("&Finish"), QPushButton("Save && &close")):
        layout.addWidget(widget)
    found = mnemonics(page)
    assert sorted(found) == ["c", "f"]
    assert len(collisions("page", found, {"f": "&File"})) == 2


def dead_letters(root: QWidget) -> list[str]:
    """Labels that show an Alt+letter but have no field to take it to."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisibleTo(root)
        and label.buddy() is None
        and label.textFormat() != Qt.TextFormat.RichText
        and letter(label.text()) is not None
    ]


def test_every_label_letter_leads_somewhere(merged_window):
    problems = []
    for name, page in page_states(merged_window):
        problems += [f"{name}: {text!r}" for text in dead_letters(page)]
    for name, dialog in each_dialog(merged_window):
        problems += [f"{name}: {text!r}" for text in dead_letters(dialog)]
    assert problems == [], "\n".join(problems)
