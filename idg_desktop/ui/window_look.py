"""The window's look: its style sheet (the house palette, sized from the text
size) and the text size itself (View ▸ Larger, Smaller, Normal size), which
widgets with a size of their own follow too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from idg_desktop.ui import palette
from idg_desktop.ui.settings import DEFAULT_POINT_SIZE


def apply_text_size(window: QWidget, scale: float) -> None:
    """The application's text at ``scale`` times the normal size, and the
    window's style sheet to match."""
    font = QApplication.font()
    before = font.pointSizeF()
    font.setPointSizeF(DEFAULT_POINT_SIZE * scale)
    QApplication.setFont(font)
    _rescale_own_fonts(font.pointSizeF() / before if before > 0 else 1.0)
    window.setStyleSheet(stylesheet(font.pointSizeF()))
    if isinstance(window, QMainWindow):
        _scale_menu_bar(window.menuBar(), scale)


def _scale_menu_bar(bar: QWidget, scale: float) -> None:
    """The menu bar at ``scale`` times the size the platform gave it at start (it
    kept a larger or smaller text after Normal size until the next start)."""
    start = bar.property(_START_SIZE)
    if start is None:
        start = bar.font().pointSizeF()
        bar.setProperty(_START_SIZE, start)
    if start > 0:
        font = QFont(bar.font())
        font.setPointSizeF(float(start) * scale)
        bar.setFont(font)


#: The dynamic property keeping the menu bar's text size at start.
_START_SIZE = "idgStartPointSize"


#: QFont::SizeResolved: the font's size was set on purpose, not inherited.
_SIZE_RESOLVED = 0x0002


def _rescale_own_fonts(ratio: float) -> None:
    """Widgets that set their own size (a heading 1.35 times the text) follow the
    text size too, so Ctrl+0 brings every one back to its normal size."""
    if abs(ratio - 1.0) < 1e-6:
        return
    for widget in QApplication.allWidgets():
        if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            continue
        font = widget.font()
        if not font.resolveMask() & _SIZE_RESOLVED:
            continue
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * ratio)
            widget.setFont(font)


def stylesheet(point_size: float) -> str:
    """A quiet, legible look that scales with the text size."""
    heading = point_size * 1.7
    return palette.style(
        f"""
    QListWidget#navigation {{
        background: $navy; color: $white; border: none;
        padding-top: 12px; min-width: {int(point_size * 25)}px; max-width: {int(point_size * 30)}px;
        outline: none;
    }}
    QListWidget#navigation::item {{ padding: {int(point_size * 0.7)}px {int(point_size * 1.2)}px; }}
    QListWidget#navigation::item:selected {{ background: $blue; color: $white; }}
    QListWidget#navigation::item:focus {{ border-left: 4px solid $gold; }}
    QLabel#pageHeading {{ font-size: {heading:.1f}pt; font-weight: 600; color: $navy; }}
    QLabel#pageIntro {{ color: $muted; }}
    QFrame#tile {{ background: $white; border: 1px solid $tile_border; border-radius: 6px; }}
    QLabel#tileValue {{ font-size: {point_size * 2.2:.1f}pt; font-weight: 600; color: $navy; }}
    QLabel#tileCaption {{ color: $muted; }}
    QLabel#startTitle {{ font-size: {point_size * 2.4:.1f}pt; font-weight: 600; color: $navy; }}
    QLabel#workingCopyBanner {{ background: $banner_back; border-bottom: 2px solid $blue;
                      padding: 8px 24px; color: $navy; font-weight: 600; }}
    QLabel#warning {{ background: $warning_back; border: 1px solid $warning_border;
                      border-radius: 4px; padding: 6px 10px; color: $warning_text; }}
    """
    )
