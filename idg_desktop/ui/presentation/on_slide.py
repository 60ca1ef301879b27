"""The pieces of the plenary's decisions on the slide (``decisions.py``):
the editor and the list laid over a finding slide, with their keys (Esc
cancels the edit only, Ctrl+Enter saves, Enter chooses), the style they and
the buttons are drawn in, and View ▸ Presentation ▸ "Decide on the slides"."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QPlainTextEdit

from idg_desktop.reports.slides.theme import Theme

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
    line, ring = max(2, round(s * 0.003)), max(4, round(s * 0.007))
    c = theme.colour
    return f"""
        QPushButton#slideButton {{
            background: {c("control")}; color: {c("on-control")};
            border: {line}px solid {c("muted")}; border-radius: {line * 2}px; padding: 0;
        }}
        QPushButton#slideButton[current="true"] {{
            background: {c("control.current")}; color: {c("on-control.current")};
        }}
        QPushButton#slideButton:focus, QPlainTextEdit#slideEditor:focus,
        QListWidget#slideChoices:focus {{
            border: {ring}px solid {c("focus")};
        }}
        QLabel#slideCaption, QLabel#slideNotice {{
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
        self.action = menu.addAction(self.tr("De&cide on the slides (the room sees this screen)"))
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
