"""An unexpected error in the window: save what is being typed, log, tell the user.

:class:`CrashHandler` becomes ``sys.excepthook`` while the application runs
(PySide6 hands an exception raised in a slot or a virtual method to
``sys.excepthook`` and carries on). On such an error it

1. saves the text still being typed in every open window (as closing the file
   would: ``WorkshopView.commit_typing``), so nothing the user entered is lost;
2. writes a report to the error log in the data folder (``errors.write_log``:
   set aside past a size, one old log kept);
3. shows :class:`CrashDialog` with the report to copy, and lets the user go on.

The report holds no record text. Answers, findings and names are confidential,
and an exception's message can quote them (``ValueError("…typed text…")``,
``KeyError(a participant's name)``, a service's refusal naming a record). So the
report keeps, for the error and each error it came from, only the exception's
type and the traceback's frames (file, line, function and the program's own
source line) — never ``str(error)``, never local variables — and the versions
of the application, Python, Qt, PySide6 and the operating system.
"""

from __future__ import annotations

import platform
import sys
from datetime import UTC, datetime
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from idg_desktop import __version__
from idg_desktop.errors import redacted_traceback, type_name, write_log
from idg_desktop.ui.text import fmt


def versions() -> list[tuple[str, str]]:
    """What the application runs on: ``(name, version)`` pairs."""
    import PySide6
    from PySide6.QtCore import qVersion

    frozen = " (installed bundle)" if getattr(sys, "frozen", False) else ""
    return [
        ("IDG Workshop", __version__ + frozen),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("System", f"{platform.platform()} ({platform.machine()})"),
    ]


def crash_report(
    kind: type[BaseException], error: BaseException | None, trace: TracebackType | None
) -> str:
    """The report of an unexpected error: versions and where it happened, no record text."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [f"IDG Workshop error report, {when}"]
    lines += [f"{name}: {version}" for name, version in versions()]
    lines.append("")
    if error is None:
        lines.append(f"{type_name(kind)} (no traceback)")
        return "\n".join(lines) + "\n"
    if trace is not None and error.__traceback__ is None:
        error = error.with_traceback(trace)
    lines += redacted_traceback(error)
    return "\n".join(lines) + "\n"


def save_typing() -> bool:
    """Save the text being typed in every open window; False if some could not be."""
    saved = True
    for widget in QApplication.topLevelWidgets():
        view = getattr(widget, "view", None)
        if getattr(widget, "workspace", None) is None or view is None:
            continue
        try:
            view.commit_typing()
        except Exception:  # the error may be in saving itself: the dialog says so
            saved = False
    return saved


class CrashDialog(QDialog):
    """The report of an unexpected error, to copy and send to whoever supports you."""

    def __init__(
        self, report: str, log: str | None, saved: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("IDG Workshop ran into a problem"))
        if saved:
            kept = self.tr("Everything you entered has been saved.")
        else:
            kept = self.tr(
                "Text you were typing could not be saved: check it, and save a copy of the "
                "file (File ▸ Save a copy) before going on."
            )
        where = (
            fmt(self.tr("The report is also in %1."), log)
            if log
            else self.tr("The report could not be written to the log file.")
        )
        self.message = QLabel(
            " ".join(
                [
                    self.tr("Something went wrong inside IDG Workshop."),
                    kept,
                    self.tr(
                        "The report below holds no answers, findings or names: only where in "
                        "the program it happened and the versions. Copy it and send it to "
                        "whoever supports IDG Workshop for you."
                    ),
                    where,
                    self.tr("You can go on working; if it happens again, restart the program."),
                ]
            )
        )
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._seen = {_where(report)}
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setMinimumSize(640, 260)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            self.tr("&Copy the report"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())

    def add(self, report: str) -> bool:
        """Another error while the dialog is open: its report below the first,
        unless it is the same error again (False)."""
        where = _where(report)
        if where in self._seen:
            return False
        self._seen.add(where)
        self.report.appendPlainText("\n" + report)
        return True


def _where(report: str) -> str:
    """A report without its first line (the time): the same error at the same place."""
    return report.split("\n", 1)[-1]


def _focus_again(widget: QWidget | None) -> None:
    """Back to the field the user was in when the error came (saving took the focus)."""
    if widget is not None and isValid(widget) and widget.isVisible():
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


class CrashHandler(QObject):
    """``sys.excepthook`` while installed; :meth:`uninstall` puts the previous one back."""

    #: A report made in another thread, shown in the window's thread.
    _reported = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._previous = sys.excepthook
        self._busy = False  # saving or showing: a further error is only logged
        self.dialog: CrashDialog | None = None
        self.log: str | None = None
        self.errors = 0  # how many have come, repeats included
        self._reported.connect(self._handle, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashHandler:
        self._previous = sys.excepthook
        sys.excepthook = self.hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.hook:
            sys.excepthook = self._previous

    def hook(
        self,
        kind: type[BaseException],
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self._previous(kind, error, trace)
            return
        try:
            report = crash_report(kind, error, trace)
        except Exception:  # never fail in the hook itself
            report = f"IDG Workshop {__version__}: {kind.__name__} (no report could be made)\n"
        if sys.stderr is not None:  # a developer's console; none in the installed program
            print(report, file=sys.stderr, flush=True)
        if self.thread().isCurrentThread():  # the window's thread
            self._handle(report)
        else:
            self._reported.emit(report)

    def _handle(self, report: str) -> None:
        self.errors += 1
        if self._busy:  # an error while saving or while the dialog is being made
            self.log = write_log(report)
            return
        self._busy = True
        try:
            focused = QApplication.focusWidget()
            saved = save_typing()  # before anything else: nothing typed is lost
            if self.dialog is not None and not isValid(self.dialog):
                self.dialog = None  # gone with the window it belonged to
            shown = self.dialog if self.dialog is not None and self.dialog.isVisible() else None
            if shown is not None and not shown.add(report):
                return  # the same error again (a paint that fails each time): said once
            self.log = write_log(report)
            if shown is not None:
                return
            if self.dialog is not None:  # the one closed before
                self.dialog.deleteLater()
            self.dialog = CrashDialog(report, self.log, saved, QApplication.activeWindow())
            self.dialog.finished.connect(lambda _result: _focus_again(focused))
            self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.dialog.show()  # not exec(): the hook returns and the program goes on
            self.dialog.raise_()
            self.dialog.activateWindow()
        finally:
            self._busy = False


def install_crash_handler(parent: QObject | None = None) -> CrashHandler:
    """Make unexpected errors in the window save, log and show a report."""
    return CrashHandler(parent).install()
