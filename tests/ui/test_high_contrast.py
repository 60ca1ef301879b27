"""View ▸ High contrast: Fusion and a black, white and yellow palette for the
whole window, every page and every dialog (also those opened afterwards), text
at 7:1 or more against its background, kept across restarts; and the text size
(View ▸ Larger text) reaching dialogs opened after it changed. Screenshots of
the window in high contrast at 1366x768 go to IDG_SCREENSHOTS when set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from idg_desktop.ui import palette
from idg_desktop.ui.main_window import PAGES, MainWindow

Role, Group = QPalette.ColorRole, QPalette.ColorGroup


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, two: QColor) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


PAIRS = [
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
]


def weak_pairs(colours: QPalette) -> list[str]:
    weak = []
    for group in (Group.Active, Group.Inactive, Group.Disabled):
        for text, back in PAIRS:
            ratio = contrast(colours.color(group, text), colours.color(group, back))
            if ratio < 7.0:
                weak.append(f"{group.name} {text.name} on {back.name}: {ratio:.1f}")
    return weak


def settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_assessment()
    win.set_high_contrast(False)  # the application's palette is shared by every test


def is_high_contrast(colours: QPalette) -> bool:
    return (
        colours.color(Role.Window) == QColor(palette.HC_BACK)
        and colours.color(Role.WindowText) == QColor(palette.HC_TEXT)
        and colours.color(Role.Highlight) == QColor(palette.HC_FOCUS)
    )


def test_the_high_contrast_palette_has_7_to_1_everywhere(window):
    from idg_desktop.ui.window_look import high_contrast_palette

    assert weak_pairs(high_contrast_palette()) == []
    for name in ("HC_TEXT", "HC_FOCUS", "HC_DISABLED"):
        assert contrast(QColor(getattr(palette, name)), QColor(palette.HC_BACK)) >= 7.0
    for name, value in palette.HIGH_CONTRAST.items():  # every style-sheet colour
        assert value in (palette.HC_BACK, palette.HC_TEXT, palette.HC_FOCUS), name


def test_high_contrast_reaches_every_page_and_dialog_and_is_kept(window, qtbot, demo_file):
    from idg_desktop.ui.pages.documents_page import DocumentDialog

    assert window.open_path(demo_file)
    view_menu = window.menuBar().actions()[2].menu()
    assert window.high_contrast_action in view_menu.actions()
    window.high_contrast_action.trigger()
    assert window.high_contrast_action.isChecked()
    assert QApplication.style().name().lower() == "fusion"
    not_contrasted = []
    for key, _module, _class in PAGES:
        page = window.show_page(key)
        settle()
        if not is_high_contrast(page.palette()):
            not_contrasted.append(key)
    assert not_contrasted == []
    # the pages' own style sheets follow (the groups board's white lists turn black)
    groups = window.view.page("groups")
    assert palette.CARD_BACK not in groups.styleSheet()
    assert palette.HC_BACK in groups.styleSheet()
    # a dialog opened now
    dialog = DocumentDialog({"strategy": "A strategy"}, window)
    qtbot.addWidget(dialog)
    assert is_high_contrast(dialog.palette())
    assert weak_pairs(dialog.palette()) == []
    # kept for the next start
    window.close_assessment()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.high_contrast_action.isChecked()
    assert is_high_contrast(QApplication.palette())
    # and back
    again.high_contrast_action.trigger()
    assert not again.settings.high_contrast
    assert not is_high_contrast(QApplication.palette())
    assert palette.CARD_BACK in groups.styleSheet()


def test_dialogs_opened_after_a_text_size_change_take_it(window, qtbot):
    from idg_desktop.ui.pages.documents_page import DocumentDialog

    before = QApplication.font().pointSizeF()
    window.zoom(1.1)
    window.zoom(1.1)
    try:
        size = QApplication.font().pointSizeF()
        assert size > before * 1.15
        dialog = DocumentDialog({"strategy": "A strategy"}, window)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert dialog.font().pointSizeF() == pytest.approx(size)
        assert dialog.title.font().pointSizeF() == pytest.approx(size)
        dialog.reject()
    finally:
        window.normal_size()
    assert QApplication.font().pointSizeF() == pytest.approx(before)


def test_screenshots_in_high_contrast(window, qtbot, demo_file, tmp_path):
    folder = Path(os.environ.get("IDG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    window.set_high_contrast(True)
    assert window.open_path(demo_file)
    for number, (key, _module, _class) in enumerate(PAGES, start=1):
        page = window.show_page(key)
        if key == "checklist":
            page.select_question("LC-1")
        settle()
        target = folder / f"contrast-1366x768-{number:02d}-{key}.png"
        assert window.grab().save(str(target))
        assert target.stat().st_size > 10_000


def test_menus_have_an_edge_and_dialog_buttons_no_dark_icons(window, qtbot):
    """A walkthrough: in high contrast a menu was black on the black window with
    no edge, and the About dialog's Close showed a dark icon on black."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QDialogButtonBox, QMenu, QPushButton

    window.set_high_contrast(True)
    try:
        menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&View")
        menu.popup(window.mapToGlobal(QPoint(40, 40)))
        qtbot.waitUntil(menu.isVisible)
        edge = menu.grab().toImage().pixelColor(0, menu.height() // 2)
        assert edge.lightness() > 200, edge.name()  # white on the black around it
        menu.hide()
        window.about()
        dialog = window.about_dialog
        qtbot.waitUntil(dialog.isVisible)
        box = dialog.findChild(QDialogButtonBox)
        buttons = box.findChildren(QPushButton)
        assert buttons and all(b.icon().isNull() for b in buttons)
        dialog.close()
    finally:
        window.set_high_contrast(False)
