"""The pieces of the plenary's decisions on the slide (``decisions.py``):
the editor and the list laid over a finding slide, with their keys (Esc
cancels the edit only, Ctrl+Enter saves, Enter chooses), the style they and
the buttons are drawn in, and View ▸ Presentation ▸ "Decide on the slides"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QListWidget, QPlainTextEdit, QPushButton, QWidget

from idg_desktop.reports.slides.theme import LIGHT, Theme

SAVE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class SlideEditor(QPlainTextEdit):
    """The amended (or merged) wording, typed on the slide: Ctrl+Enter saves,
    Esc cancels the edit (and only the edit)."""

    save = Signal()
    cancel = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel.emit()
        elif event.key() in SAVE_KEYS and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class SlideButton(QPushButton):
    """A button on the slide. ``drawn_by_slide``: the slide model draws it
    (the decisions, drawn into the slide's pixmap once and ahead), and this
    widget only takes the clicks, the keys and the focus, painting nothing
    (five buttons painted over each slide made showing a finding slide five
    times slower); the focus ring is :class:`FocusRing`'s. Otherwise (Save,
    Cancel, shown while an edit is open) it draws itself in the slide's
    theme (``look``), kept as a pixmap per state."""

    focused = Signal(bool)

    def __init__(self, parent, *, drawn_by_slide: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("slideButton")
        self.current = False  # the finding's status now: drawn filled
        self.look: Look | None = None
        self.drawn_by_slide = drawn_by_slide
        if drawn_by_slide:
            self.setUpdatesEnabled(False)  # the slide under it shows the button
        else:
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._drawn: tuple[tuple, QPixmap] | None = None

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit(True)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focused.emit(False)

    def set_current(self, current: bool) -> None:
        if current != self.current:
            self.current = current
            self.update()

    def set_look(self, look: Look) -> None:
        if look != self.look:
            self.look = look
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.drawn_by_slide:
            return
        look = self.look or Look.of(LIGHT, 1080)
        key = (
            look,
            self.text(),
            self.current,
            self.hasFocus(),
            self.isDown(),
            self.size().toTuple(),
            self.font().pixelSize(),
            self.font().bold(),
        )
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(look))
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawn[1])
        painter.end()

    def _draw(self, look: Look) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(look.backdrop))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focus = self.hasFocus()
        width = look.ring if focus else look.line
        pen = QPen(QColor(look.focus if focus else look.border))
        pen.setWidthF(width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        fill = look.current_fill if self.current or self.isDown() else look.fill
        painter.setBrush(QColor(fill))
        inner = QRectF(self.rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.drawRoundedRect(inner, look.line * 2, look.line * 2)
        painter.setPen(QColor(look.current_text if self.current or self.isDown() else look.text))
        painter.setFont(self.font())
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()
        return pixmap


@dataclass(frozen=True)
class Look:
    """A slide button's colours (theme roles of ``decisions.PAIRS``) and lines."""

    backdrop: str
    fill: str
    text: str
    current_fill: str
    current_text: str
    border: str
    focus: str
    line: int
    ring: int

    @classmethod
    def of(cls, theme: Theme, s: float) -> Look:
        """In ``theme`` on a slide ``s`` pixels high."""
        c = theme.colour
        line, ring = lines(s)
        return cls(
            c("background"),
            c("control"),
            c("on-control"),
            c("control.current"),
            c("on-control.current"),
            c("muted"),
            c("focus"),
            line,
            ring,
        )


def lines(s: float) -> tuple[int, int]:
    """An outline's and the focus ring's widths on a slide ``s`` pixels high:
    seen from the back of the room."""
    return max(2, round(s * 0.003)), max(4, round(s * 0.007))


class FocusRing(QWidget):
    """The focus ring around the slide button that has the focus, in the
    theme's focus colour and thick enough for the back of the room; shown
    only while one has it."""

    def __init__(self, parent) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.look: Look | None = None
        self.hide()

    def around(self, button: QWidget, look: Look) -> None:
        self.look = look
        ring = look.ring
        self.setGeometry(button.geometry().adjusted(-ring, -ring, ring, ring))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.look is None:
            return
        painter = QPainter(self)
        pen = QPen(QColor(self.look.focus))
        pen.setWidthF(self.look.ring)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = self.look.ring / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()


class ChoiceList(QListWidget):
    """The section's other findings to merge with: Enter chooses, Esc cancels."""

    chosen = Signal()
    cancel = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel.emit()
        elif event.key() in SAVE_KEYS:
            self.chosen.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


def style_sheet(theme: Theme, pixels: int, s: float) -> str:
    """The on-slide widgets' style: the theme's colours (``decisions.PAIRS``,
    7:1), the lines and the focus ring thick enough to be seen on the projector
    (``s``: the slide's height in pixels), the body size ``pixels``."""
    line, ring = lines(s)
    c = theme.colour
    return f"""
        QPlainTextEdit#slideEditor:focus,
        QListWidget#slideChoices:focus {{
            border: {ring}px solid {c("focus")};
        }}
        QLabel#slideCaption, QLabel#slideNotice, QWidget#slideCover {{
            background: {c("background")}; color: {c("text")};
        }}
        QPlainTextEdit#slideEditor, QListWidget#slideChoices {{
            background: {c("panel")}; color: {c("text")};
            border: {line}px solid {c("muted")};
            selection-background-color: {c("accent")}; selection-color: {c("background")};
            padding: {pixels // 4}px;
        }}
        QScrollBar:vertical {{
            background: {c("panel")}; width: {pixels // 2}px; margin: 0;
        }}
        QScrollBar::handle:vertical {{ background: {c("muted")}; min-height: {pixels}px; }}
        QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
        QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
        QListWidget#slideChoices::item {{ padding: {pixels // 3}px; }}
        QListWidget#slideChoices::item:selected {{
            background: {c("accent")}; color: {c("background")};
        }}
    """


class DecideChoice(QObject):
    """View ▸ Presentation ▸ "Decide on the slides (the room sees this screen)":
    automatic until chosen (on when the slides are on the laptop's own screen,
    off on a second one), then the facilitator's choice for the session (a
    projector mirroring the laptop looks like one screen, or like two)."""

    def __init__(self, presenter) -> None:
        super().__init__(presenter)
        self.presenter = presenter
        self.chosen: bool | None = None  # None: automatic
        self.action = None

    def add_action(self, menu) -> None:
        # Owned by the main window, as the menu's other actions (one made by
        # menu.addAction(text) was deleted under us after a page change).
        self.action = QAction(
            self.tr("De&cide on the slides (the room sees this screen)"), self.presenter.main
        )
        menu.addAction(self.action)
        self.action.setCheckable(True)
        self.action.triggered.connect(self.choose)

    def choose(self, on: bool) -> None:
        self.chosen = on
        window = self.presenter.window
        if window is not None:
            window.decisions.set_on(on)
            if on:
                window.activateWindow()  # the decisions' keys reach the slides
                window.setFocus()

    def apply(self, screen) -> None:
        """Presenting on ``screen`` (F5, a screen plugged in or out)."""
        on = self.chosen if self.chosen is not None else screen is self.presenter.main.screen()
        if self.action is not None:
            self.action.setChecked(on)
        if self.presenter.window is not None:
            self.presenter.window.decisions.set_on(on)
