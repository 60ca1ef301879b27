"""Figure 5's answer to one question: a row of radio buttons that may also all
be blank (the checklist's answer editor asks three of them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget


class Choice(QWidget):
    """One of Figure 5's questions: radio buttons that may also all be blank.

    Like radio buttons in any mature application, the group is one stop of the
    Tab chain (its chosen button, or the first when none is chosen), and the
    arrow keys move the choice, not only the focus: moving selects, and the
    selection is saved like a click. A label's mnemonic (its buddy is the row)
    goes to the chosen button, as Tab does, and chooses nothing by itself."""

    def __init__(self, options: list[tuple[str, object]], name: str) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(18)
        self.setAccessibleName(name)
        # Not a Tab stop (its chosen button is), but a label's mnemonic needs a
        # focus policy on its buddy: the row passes the focus to that button.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.group = QButtonGroup(self)
        self.buttons = [QRadioButton(text) for text, _value in options]
        self._values = [value for _text, value in options]
        for number, button in enumerate(self.buttons):
            button.setAccessibleName(f"{name} {button.text()}")
            self.group.addButton(button, number)
            button.installEventFilter(self)
            row.addWidget(button)
        row.addStretch(1)
        self.group.idClicked.connect(lambda _id: self._tab_stop())
        self._tab_stop()

    def value(self) -> Any:
        checked = self.group.checkedId()
        return None if checked < 0 else self._values[checked]

    def set_value(self, value: object) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot be emptied
        for button, own in zip(self.buttons, self._values, strict=True):
            button.setChecked(value is not None and own == value)
        self.group.setExclusive(True)
        self._tab_stop()

    def entry(self) -> QRadioButton:
        """Where Tab enters the group: the chosen button, else the first."""
        checked = self.group.checkedId()
        return self.buttons[max(0, checked)]

    def _tab_stop(self) -> None:
        """Only the entry button is in the Tab chain; the others are reached with
        the arrow keys or the mouse (Qt leaves it to the last button focused)."""
        entry = self.entry()
        self.setFocusProxy(entry)  # a mnemonic or setFocus on the row: its chosen button
        for button in self.buttons:
            policy = Qt.FocusPolicy.StrongFocus if button is entry else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.buttons:
            step = self._step(event.key())  # type: ignore[attr-defined]
            if step and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # type: ignore[attr-defined]
                self._move(self.buttons.index(watched), step)  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    def _step(self, key: int) -> int:
        forward = Qt.Key.Key_Left if self.isRightToLeft() else Qt.Key.Key_Right
        backward = Qt.Key.Key_Right if self.isRightToLeft() else Qt.Key.Key_Left
        if key in (forward, Qt.Key.Key_Down):
            return 1
        if key in (backward, Qt.Key.Key_Up):
            return -1
        return 0

    def _move(self, start: int, step: int) -> None:
        """The arrow keys: the next enabled choice is focused and chosen (a click)."""
        position = start + step
        while 0 <= position < len(self.buttons) and not self.buttons[position].isEnabled():
            position += step
        if not 0 <= position < len(self.buttons):
            return  # at the end of the row: stay (no wrapping round)
        target = self.buttons[position]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
        )
        if not target.isChecked():
            target.click()  # checked, and saved like a click with the mouse
