"""Alt+letters: unique within a page or a dialog, and never one of the menu
bar's (Alt+F, Alt+E, Alt+V, Alt+H open the menus; a field with the same letter
made Alt+F open the File menu and the text typed after it was lost). Walks
every page of the demo and the dialogs a page or the File menu opens."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from merged_demo import build_merged_demo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from idg_desktop.ui.main_window import PAGES, MainWindow

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


@pytest.fixture(scope="module")
def merged_template(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    return build_merged_demo(demo_template, tmp_path_factory.mktemp("merged-mnemonics"))


@pytest.fixture
def window(qtbot, merged_template: Path, tmp_path: Path):
    target = tmp_path / "merged.idg"
    shutil.copyfile(merged_template, target)
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_path(target)
    yield main
    main.close_assessment()


def settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def test_the_menu_bar_has_its_letters(window):
    assert set(menu_letters(window)) >= {"f", "e", "v", "h"}


def page_states(window: MainWindow):
    """Each page as shown, and the plan with each kind of node selected."""
    from idg_desktop.ui.models.plan_model import ACTIVITY, OUTCOME, OUTPUT

    for key, _module, _class in PAGES:
        page = window.show_page(key)
        if key == "checklist":
            page.select_question("LC-1")
        settle()
        yield key, page
        if key == "plan":
            for kind in (OUTCOME, OUTPUT, ACTIVITY):
                page.select_node(page.model.rows_of(kind)[-1].id)
                settle()
                yield f"plan ({kind})", page


def test_every_page_has_unique_letters_none_a_menus(window):
    menus = menu_letters(window)
    problems = []
    for name, page in page_states(window):
        problems += collisions(name, mnemonics(page), menus)
    assert problems == [], "\n".join(problems)


def dialogs(window: MainWindow):
    """The dialogs the pages and the menus open, as they open them."""
    from idg_desktop.ui.new_dialog import NewAssessmentDialog
    from idg_desktop.ui.package_dialogs import ExportAllDialog
    from idg_desktop.ui.pages.activity_dialogs import AddActivityDialog
    from idg_desktop.ui.pages.agenda_page import SessionDialog
    from idg_desktop.ui.pages.documents_page import DocumentDialog
    from idg_desktop.ui.pages.kpi_dialogs import KpiDialog
    from idg_desktop.ui.pages.plan_adoption import AdoptionDialog
    from idg_desktop.ui.pages.plan_dialogs import MoveOutputDialog, OutputDialog
    from idg_desktop.ui.passphrase_dialogs import (
        NewPassphraseDialog,
        PackagePassphraseDialog,
        ReturnPassphraseDialog,
    )

    yield "new assessment", NewAssessmentDialog(window.settings, window)
    yield "export all", ExportAllDialog(str(Path.home()), ["Group A"], window)
    yield "new passphrase", NewPassphraseDialog(window)
    yield "return passphrase", ReturnPassphraseDialog(window)
    yield "package passphrase", PackagePassphraseDialog(window, "group-a.idgpkg")
    yield "document", DocumentDialog({"strategy": "A strategy"}, window)
    yield "session", SessionDialog([("p1", "A. Person")], window)
    yield "adoption", AdoptionDialog(window, ["A. Person"])
    yield "kpi", KpiDialog(window, "an output")
    yield "output", OutputDialog(window, [], None)
    yield "move output", MoveOutputDialog(window, "An output", [], None)
    yield "add activity", AddActivityDialog(window.show_page("priorities"))


def test_every_dialog_has_unique_letters(window, qtbot):
    """A dialog is a window of its own, without the menu bar: its letters need
    only be unique in it."""
    problems = []
    for name, dialog in dialogs(window):
        dialog.show()
        settle()
        problems += collisions(name, mnemonics(dialog), {})
        dialog.reject()
        dialog.deleteLater()
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


def test_every_label_letter_leads_somewhere(window):
    problems = []
    for name, page in page_states(window):
        problems += [f"{name}: {text!r}" for text in dead_letters(page)]
    for name, dialog in dialogs(window):
        dialog.show()
        settle()
        problems += [f"{name}: {text!r}" for text in dead_letters(dialog)]
        dialog.reject()
        dialog.deleteLater()
    assert problems == [], "\n".join(problems)
