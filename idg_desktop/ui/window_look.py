"""The window's look: its style sheet (the house palette, sized from the text
size), the text size itself (View ▸ Larger, Smaller, Normal size), which
widgets with a size of their own follow too, and the high-contrast theme (View ▸
High contrast: Fusion, a black, white and yellow palette, a yellow focus ring),
which every page and dialog takes (the palette is the application's)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
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


def apply_theme(window: QWidget, high_contrast: bool) -> None:
    """The house look or the high-contrast one, for the whole application: its
    palette (every page and dialog, open or still to come), the window's style
    sheet, and the pages' own style sheets (:func:`themed`)."""
    app = QApplication.instance()
    palette.set_high_contrast(high_contrast)
    if high_contrast:
        app.setStyle("Fusion")
        app.setPalette(high_contrast_palette())
    else:
        app.setPalette(app.style().standardPalette())
    window.setStyleSheet(stylesheet(QApplication.font().pointSizeF()))
    for widget in QApplication.allWidgets():
        template = widget.property(_TEMPLATE)
        if template:
            widget.setStyleSheet(palette.style(template))


_TEMPLATE = "idgStyleTemplate"


def themed(widget: QWidget, template: str) -> None:
    """Give ``widget`` the style sheet ``template`` (``$navy``…) in the theme of
    the moment, and again whenever the theme changes."""
    widget.setProperty(_TEMPLATE, template)
    widget.setStyleSheet(palette.style(template))


def high_contrast_palette() -> QPalette:
    """Black backgrounds, white text (21:1), yellow for the chosen item and the
    focus; disabled text light grey (10:1)."""
    back, text = QColor(palette.HC_BACK), QColor(palette.HC_TEXT)
    focus, disabled = QColor(palette.HC_FOCUS), QColor(palette.HC_DISABLED)
    result = QPalette()
    Role, Group = QPalette.ColorRole, QPalette.ColorGroup
    for group in (Group.Active, Group.Inactive, Group.Disabled):
        faint = group == Group.Disabled
        for role in (Role.Window, Role.Base, Role.Button, Role.ToolTipBase, Role.Shadow):
            result.setColor(group, role, back)
        result.setColor(group, Role.AlternateBase, QColor(palette.HC_ALTERNATE))
        for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.ToolTipText):
            result.setColor(group, role, disabled if faint else text)
        for role in (Role.Light, Role.Midlight, Role.Mid, Role.Dark):
            result.setColor(group, role, disabled if faint else text)
        result.setColor(group, Role.PlaceholderText, disabled)
        result.setColor(group, Role.BrightText, focus)
        result.setColor(group, Role.Highlight, focus)
        result.setColor(group, Role.HighlightedText, back)
        result.setColor(group, Role.Link, focus)
        result.setColor(group, Role.LinkVisited, focus)
    return result


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
    """A quiet, legible look that scales with the text size; in high contrast,
    black, white and yellow with a thick focus ring on every control."""
    heading = point_size * 1.7
    extra = HIGH_CONTRAST_SHEET if palette.high_contrast() else ""
    return (
        palette.style(
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
    QTableView::item:focus {{ border: 2px solid $gold; }}
    QFocusFrame#focusRing {{ border: 2px solid $navy; border-radius: 3px; }}
    """
        )
        + extra
    )


#: High contrast: every control framed in white, the focused one in yellow (a
#: ring the width of two pixels, so nothing moves when focus comes and goes).
#: A box ticked is filled in the colour that stands out from its row: yellow
#: on black, black on a selected (yellow) row, where an unticked one is yellow
#: (empty). The navigation's current step, yellow, is marked by a black bar
#: while the list has the focus.
HIGH_CONTRAST_SHEET = palette.style(
    """
    QPushButton, QToolButton {
        background: $hc_back; color: $hc_text; border: 2px solid $hc_text;
        border-radius: 3px; padding: 3px 8px;
    }
    QToolButton[autoRaise="true"] { border-color: $hc_back; }
    QMenu { border: 2px solid $hc_text; }
    QMenu::item:selected { background: $hc_focus; color: $hc_back; }
    QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }
    QPushButton:disabled, QToolButton:disabled { color: $hc_disabled; border-color: $hc_disabled; }
    QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView {
        border: 2px solid $hc_text;
    }
    QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled, QComboBox:disabled,
    QAbstractSpinBox:disabled, QAbstractItemView:disabled { border-color: $hc_disabled; }
    QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus,
    QTextEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QAbstractItemView:focus,
    QToolButton[autoRaise="true"]:focus {
        border: 2px solid $hc_focus;
    }
    QCheckBox:focus, QRadioButton:focus, QGroupBox:focus { color: $hc_focus; }
    QAbstractItemView::item:selected { background: $hc_focus; color: $hc_back; }
    QTableView::item:focus { border: 2px solid $hc_focus; }
    QTableView::item:selected:focus { background: $hc_text; color: $hc_back; }
    QFocusFrame#focusRing { border: 2px solid $hc_focus; border-radius: 3px; }
    QAbstractItemView::indicator {
        width: 12px; height: 12px; border: 2px solid $hc_text; background: $hc_back;
    }
    QAbstractItemView::indicator:checked { background: $hc_focus; }
    QAbstractItemView::indicator:selected { border-color: $hc_back; background: $hc_focus; }
    QAbstractItemView::indicator:checked:selected { background: $hc_back; }
    QHeaderView::section { background: $hc_back; color: $hc_text; border: 1px solid $hc_text;
                           padding: 0px 1px; }
    QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator {
        width: 12px; height: 12px; border: 2px solid $hc_text; background: $hc_back;
    }
    QRadioButton::indicator { border-radius: 8px; }
    QCheckBox::indicator:checked, QRadioButton::indicator:checked,
    QGroupBox::indicator:checked { background: $hc_focus; }
    QCheckBox::indicator:focus, QRadioButton::indicator:focus { border-color: $hc_focus; }
    QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-color: $hc_disabled; }
    QToolTip { background: $hc_back; color: $hc_text; border: 1px solid $hc_focus; }
    QMenuBar::item:selected, QMenu::item:selected { background: $hc_focus; color: $hc_back; }
    QListWidget#navigation::item:focus { border-left: 4px solid $hc_back; }
    """
)
