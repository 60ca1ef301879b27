"""Every page fits a laptop's screen: at 1280x800 and 1366x768 no label or
button of any page is squeezed below the width its text needs (a cut word:
"Is it applied in practic", "Par" for "Partly"), the checklist's editor
included, after choosing a question."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

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
            continue  # wraps instead of being cut
        need = widget.minimumSizeHint().width()
        if widget.width() + 1 < need:
            found.append((widget.text()[:50], widget.width(), need))
    return found


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
        _settle()
        assert window.width() == size[0], f"{key} widened the window to {window.width()}"
        if found := _squeezed(page):
            squeezed[key] = found
    window.close_assessment()
    assert squeezed == {}
