"""Every page's main actions are in view on a laptop: each page declares them
(``MAIN_ACTIONS``, names of its widgets) and, at 1280x800 and 1366x768, each
one is shown, whole, inside the window: not cut by the window's edge nor
scrolled out of a scroll area. The file is the demo after a group's package came
back with conflicts, so the Merge page shows its conflicts too."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from merged_demo import build_merged_demo
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QWidget

from idg_desktop.ui.main_window import PAGES, MainWindow

#: 1366x700: the window maximised on a 1366x768 screen, less a taskbar and title bar.
LAPTOPS = [(1280, 800), (1366, 768), (1366, 700)]


@pytest.fixture(scope="module")
def merged_template(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    return build_merged_demo(demo_template, tmp_path_factory.mktemp("merged-window"))


@pytest.fixture
def merged_file(merged_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "merged.idg"
    shutil.copyfile(merged_template, target)
    return target


def _settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _in_view(widget: QWidget, window: MainWindow) -> QRect:
    """The part of ``widget`` a user sees: cut by every parent (scroll areas'
    viewports, splitters) and by the window's central area."""
    seen = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        seen &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    return seen & window.centralWidget().geometry()


def _problem(name: str, widget: QWidget | None, window: MainWindow) -> str | None:
    if widget is None:
        return f"{name}: no such widget"
    if not widget.isVisible():
        return f"{name}: hidden"
    whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    seen = _in_view(widget, window)
    if isinstance(widget, QAbstractButton | QComboBox | QLineEdit):
        if seen != whole:
            return f"{name}: {whole} but only {seen} in view"
        return None
    # a table, tree or chart: its top (headers and first rows) must be in view
    top = QRect(whole.topLeft(), QRect(0, 0, min(whole.width(), 160), 60).size())
    if not seen.contains(top):
        return f"{name}: its top {top} is not in view ({seen})"
    return None


def test_every_page_declares_its_main_actions():
    for key, module_name, class_name in PAGES:
        module = importlib.import_module(f"idg_desktop.ui.pages.{module_name}")
        assert getattr(module, class_name).MAIN_ACTIONS, f"{key} declares no main actions"


@pytest.mark.parametrize("size", LAPTOPS, ids=[f"{w}x{h}" for w, h in LAPTOPS])
def test_every_main_action_is_in_view_without_scrolling(qtbot, merged_file, size):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(merged_file)
    problems = {}
    for key, _module, _class in PAGES:
        page = window.show_page(key)
        if key == "checklist":
            page.select_question("LC-1")
        _settle()
        found = [
            problem
            for name in type(page).MAIN_ACTIONS
            if (problem := _problem(name, getattr(page, name, None), window))
        ]
        if found:
            problems[key] = found
    assert window.statusBar().geometry().bottom() < window.height()
    window.close_assessment()
    assert problems == {}
