"""The Reports page on a 1280x800 laptop (issue 11): Preview and Save as… in
view without scrolling, the preview's title and toolbar not cut ("Preview:
Action pla", "revious pag"), "Page 1 of 3" following the scrolling, and the
suggested file name saying "public" / "pseudonymised" when chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QFileDialog

from idg_desktop.ui.main_window import MainWindow

BUILD_TIMEOUT = 40_000


def _settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _in_view(widget, window) -> bool:
    whole = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    seen = QRect(whole)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        seen &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    return widget.isVisible() and seen == whole & window.centralWidget().geometry() == whole


@pytest.fixture
def reports(qtbot, demo_file):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(demo_file)
    page = window.show_page("reports")
    _settle()
    yield window, page
    qtbot.waitUntil(lambda: not page.busy(), timeout=BUILD_TIMEOUT)
    window.close_assessment()


def test_preview_and_save_are_in_view_and_the_preview_is_not_cut(qtbot, reports):
    window, page = reports
    assert _in_view(page.preview_button, window) and _in_view(page.save_button, window)
    page.choose("action-plan")
    page.public.setChecked(True)
    page.pseudonymise.setChecked(True)
    page.preview_button.click()
    qtbot.waitUntil(lambda: not page.busy(), timeout=BUILD_TIMEOUT)
    _settle()
    assert page.pdf.pageCount() >= 2

    title = page.preview_title
    assert title.isVisible() and "public version" in title.text()
    if title.wordWrap():
        assert title.height() >= title.heightForWidth(title.width())
    else:
        assert title.width() >= title.sizeHint().width()
    assert _in_view(title, window)
    for button in (page.previous_button, page.next_button, page.fit_button, page.whole_button):
        assert button.width() >= button.minimumSizeHint().width(), button.text()
        assert _in_view(button, window), button.text()
    assert page.page_label.width() >= page.page_label.sizeHint().width()
    assert _in_view(page.preview_button, window) and _in_view(page.save_button, window)


def test_the_page_number_follows_the_scrolling(qtbot, reports):
    _window, page = reports
    page.choose("assessment")
    page.preview_button.click()
    qtbot.waitUntil(lambda: not page.busy(), timeout=BUILD_TIMEOUT)
    _settle()
    count = page.pdf.pageCount()
    assert count > 3
    assert page.page_label.text() == f"Page 1 of {count}"
    bar = page.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: page.page_label.text() == f"Page {count} of {count}")
    assert not page.next_button.isEnabled() and page.previous_button.isEnabled()
    bar.setValue(bar.maximum() // 2)
    qtbot.waitUntil(
        lambda: page.page_label.text() not in (f"Page 1 of {count}", f"Page {count} of {count}")
    )
    middle = int(page.page_label.text().split()[1])
    page.next_button.click()  # from the page in view, not the last one jumped to
    assert page.page_label.text() == f"Page {middle + 1} of {count}"
    bar.setValue(0)
    qtbot.waitUntil(lambda: page.page_label.text() == f"Page 1 of {count}")


@pytest.mark.parametrize("kind", ["assessment", "workbook"])
def test_the_suggested_name_says_public_or_pseudonymised(reports, monkeypatch, kind):
    _window, page = reports
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _t, suggested, _f: asked.append(suggested) or ("", ""),
    )
    page.choose(kind)
    for public, pseudonymised in ((False, False), (True, False), (False, True), (True, True)):
        page.public.setChecked(public)
        page.pseudonymise.setChecked(pseudonymised)
        page.save_button.click()
        name = Path(asked[-1]).stem
        assert ("public" in name) == public, name
        assert ("pseudonymised" in name) == pseudonymised, name
    assert len(set(asked)) == 4  # four different names for four different files
