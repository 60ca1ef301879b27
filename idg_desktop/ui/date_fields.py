"""Date fields that behave as people expect (issue 11).

A :class:`DateEdit` shows "not set" until a date is given. Typing into it then
starts from a sensible date (today, or the period's other date: the "to" of a
period starts from its "from") instead of appending digits to "not set"; its
calendar opens at that month rather than January 2000; Up and Down start
there too; and Delete on the whole text, or the Clear button beside it, makes
it "not set" again. :class:`PeriodFields` is a from/to pair of them.

A field reports :attr:`DateEdit.committed` with the ISO date ("" for not set)
when the user has settled on a value (Enter, leaving the field, the calendar,
the arrows, Clear), never digit by digit while a date is being typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

from idg_desktop.ui.text import fmt

#: The date a field holds when it is "not set" (its minimum, shown as text).
NO_DATE = QDate(2000, 1, 1)


def to_iso(value: QDate) -> str:
    return "" if value == NO_DATE or not value.isValid() else value.toString("yyyy-MM-dd")


def from_iso(text: str) -> QDate:
    value = QDate.fromString(text, "yyyy-MM-dd") if text else NO_DATE
    return value if value.isValid() and value > NO_DATE else NO_DATE


class DateEdit(QDateEdit):
    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(self.tr("not set"))
        self.setKeyboardTracking(False)  # a typed date is one change, not one per digit
        self.setDate(NO_DATE)
        #: Where an empty field starts from: the other date of its period, or today.
        self.start_from: Callable[[], QDate] = QDate.currentDate
        self._last = ""
        self._typing = False  # a date is being typed: saved once it is finished
        self.dateChanged.connect(lambda _d: None if self._typing else self._commit())
        self.editingFinished.connect(self._finish_typing)
        self.calendarWidget().installEventFilter(self)

    # -- the value ---------------------------------------------------------------

    def iso(self) -> str:
        return to_iso(self.date())

    def is_set(self) -> bool:
        return bool(self.iso())

    def show_iso(self, text: str) -> None:
        """Show a stored value (no :attr:`committed`)."""
        self._last = to_iso(from_iso(text))
        self.blockSignals(True)
        self.setDate(from_iso(text))
        self.blockSignals(False)
        self.lineEdit().setCursorPosition(0)

    def clear_date(self) -> None:
        self.setDate(NO_DATE)
        self._commit()

    def _finish_typing(self) -> None:
        self._typing = False
        self._commit()

    def _commit(self) -> None:
        value = self.iso()
        if value != self._last:
            self._last = value
            self.committed.emit(value)

    def _proposal(self) -> QDate:
        value = self.start_from()
        return value if value.isValid() and value > NO_DATE else QDate.currentDate()

    def _start_typing(self) -> None:
        """An empty field about to take a typed date: show the proposal, year selected."""
        self.blockSignals(True)
        self.setDate(self._proposal())
        self.blockSignals(False)
        self.setCurrentSection(QDateEdit.Section.YearSection)
        self.lineEdit().setSelection(0, 4)

    # -- the user ------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        text = event.text()
        whole = self.lineEdit().selectedText() == self.lineEdit().text()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and whole:
            self.clear_date()
            return
        line = self.lineEdit()
        if text and not text.isdigit() and text.isprintable() and line.hasSelectedText():
            start = line.selectionStart()
            if start > 0 and not line.text()[start - 1].isdigit():
                # "2027" moved on to the month by itself: the "-" typed next
                # would skip the month; it only confirms the move
                return
        if text.isdigit():
            if not self.is_set():
                self._start_typing()
            elif whole:
                # Select all and type: a new date, typed from its year, as in any
                # text field (Qt would take the digit for the last section alone).
                self.setCurrentSection(QDateEdit.Section.YearSection)
                line.setSelection(0, 4)
            self._typing = True
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next_child: bool) -> bool:
        # Tab leaves the field, like every other field (Qt's date edit moves
        # between year, month and day on Tab; arrows still do that).
        return QWidget.focusNextPrevChild(self, next_child)

    def stepBy(self, steps: int) -> None:
        if not self.is_set():
            self.setDate(self._proposal())  # Up or Down on "not set": the proposal
            return
        super().stepBy(steps)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        opening = event.type() == QEvent.Type.Show and watched is self.calendarWidget()
        if opening and not self.is_set():
            proposal = self._proposal()
            self.calendarWidget().setCurrentPage(proposal.year(), proposal.month())
        return super().eventFilter(watched, event)


class PeriodFields(QWidget):
    """A from/to pair of :class:`DateEdit`, each with its Clear button; the "to"
    starts from the "from" and the "from" from the "to"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = DateEdit()
        self.end = DateEdit()
        self.start.start_from = lambda: self._other(self.end)
        self.end.start_from = lambda: self._other(self.start)
        self.clear_start = self._clear_button(self.start)
        self.clear_end = self._clear_button(self.end)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start)
        layout.addWidget(self.clear_start)
        self.to_label = QLabel(self.tr("to"))
        layout.addWidget(self.to_label)
        layout.addWidget(self.end)
        layout.addWidget(self.clear_end)
        layout.addStretch(1)

    @staticmethod
    def _other(edit: DateEdit) -> QDate:
        return edit.date() if edit.is_set() else QDate.currentDate()

    def _clear_button(self, edit: DateEdit) -> QToolButton:
        button = QToolButton()
        button.setText(self.tr("Clear"))
        button.setToolTip(self.tr("Make this date \u201cnot set\u201d"))
        button.setEnabled(False)
        button.clicked.connect(edit.clear_date)
        edit.dateChanged.connect(lambda _d: button.setEnabled(edit.is_set()))
        return button

    def show_period(self, start: str, end: str) -> None:
        self.start.show_iso(start)
        self.end.show_iso(end)
        self.clear_start.setEnabled(self.start.is_set())
        self.clear_end.setEnabled(self.end.is_set())

    def set_accessible_names(self, what: str) -> None:
        self.start.setAccessibleName(fmt(self.tr("%1, from"), what))
        self.end.setAccessibleName(fmt(self.tr("%1, to"), what))
        self.clear_start.setAccessibleName(fmt(self.tr("Clear %1, from"), what))
        self.clear_end.setAccessibleName(fmt(self.tr("Clear %1, to"), what))
