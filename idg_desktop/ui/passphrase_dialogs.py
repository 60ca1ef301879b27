"""The passphrase dialogs of group packages (the window's File menu and the
package flows): a new package's passphrase typed twice, the passphrase a
working copy returns with (checked against the one it came with), and the
passphrase of a protected package being read."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.button_row import ok_button, ok_cancel_row


class _PassphraseDialog(QDialog):
    """What the three passphrase dialogs share: wrapped explanations and warnings
    (their height follows a set width, so a warning shown later is never cut),
    password fields, OK and Cancel, and a size that grows with what is shown."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._wrapped: list[QLabel] = []

    def _text(self, text: str, *, warning: bool = False, shown: bool = True) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if warning:
            label.setObjectName("warning")
        label.setVisible(shown)
        self._column.addWidget(label)
        self._wrapped.append(label)
        return label

    @staticmethod
    def _password() -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _passphrase_fields(self, *, repeated: bool = True) -> None:
        """The passphrase (``first``) and, if ``repeated``, the same typed again
        (``second``); both checked as they are typed (``_check``)."""
        form = QFormLayout()
        self.first, self.second = self._password(), self._password()
        for field in (self.first, self.second):
            field.textChanged.connect(self._check)
        form.addRow(self.tr("&Passphrase:"), self.first)
        if repeated:
            form.addRow(self.tr("Repea&t it:"), self.second)
        else:
            self.second.hide()
        self._column.addLayout(form)

    def _check(self) -> None:
        """Enable OK when what is typed can be used (each dialog its own rule)."""

    def _finish(self, width_in_ms: int) -> None:
        self.buttons = ok_cancel_row(self)
        self._column.addWidget(self.buttons)
        width = self.fontMetrics().horizontalAdvance("M") * width_in_ms
        for label in self._wrapped:
            label.setMinimumWidth(width)  # wrapped text: its height follows this width
        self._column.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)


class NewPassphraseDialog(_PassphraseDialog):
    """A passphrase typed twice, so a typo cannot lock a group out of its
    own package; left empty, the package is written unprotected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect the package"))
        self._text(
            self.tr(
                "Optionally protect the package with a passphrase; tell it to the group in "
                "person. Leave both fields empty for an unprotected package."
            )
        )
        self._passphrase_fields()
        self.mismatch = self._text(
            self.tr("The two passphrases differ."), warning=True, shown=False
        )
        self._finish(30)

    def _check(self) -> None:
        same = self.first.text() == self.second.text()
        self.mismatch.setVisible(not same and bool(self.second.text()))
        ok_button(self.buttons).setEnabled(same)

    def passphrase(self) -> str:
        return self.first.text()


class ReturnPassphraseDialog(_PassphraseDialog):
    """The passphrase for returning a working copy opened from a protected
    package: it returns protected by default, with the facilitator's passphrase.

    The working copy holds a token sealed with the passphrase it was opened
    with (no weaker than the package on the stick), so the passphrase typed is
    checked: a mistyped or new one would give the facilitator a package they
    cannot open. Copies opened before that token existed ask for it twice.
    Sending the group's work in clear is possible, but only as an explicit
    choice, with a warning.
    """

    def __init__(
        self, parent: QWidget | None = None, check: Callable[[str], bool | None] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect the returned package"))
        self._check_passphrase = check
        self._text(
            self.tr(
                "This working copy came from a protected package, so the group's work goes "
                "back protected, with the same passphrase. Type the passphrase the "
                "facilitator gave you."
            )
            if check is not None
            else self.tr(
                "This working copy came from a protected package, so the group's work goes "
                "back protected. Type the passphrase the facilitator gave you, twice."
            )
        )
        self._passphrase_fields(repeated=check is None)
        self.mismatch = QLabel(self.tr("The two passphrases differ."))
        self.mismatch.setObjectName("warning")
        self.mismatch.setVisible(False)
        self._column.addWidget(self.mismatch)
        self.wrong = self._text(
            self.tr(
                "This is not the passphrase the package came with: the facilitator could not "
                "open what you return. Check it with the facilitator and type it again."
            ),
            warning=True,
            shown=False,
        )
        self.in_clear = QCheckBox(self.tr("Return it &without protection"))
        self.in_clear.toggled.connect(self._check)
        self._column.addWidget(self.in_clear)
        self.clear_warning = self._text(
            self.tr(
                "Without protection, the group's answers and findings travel in clear: "
                "anyone who gets hold of the file (a lost USB stick, a shared folder) can "
                "read them."
            ),
            warning=True,
            shown=False,
        )
        self._finish(32)
        self._check()

    def _check(self) -> None:
        clear = self.in_clear.isChecked()
        for field in (self.first, self.second):
            field.setEnabled(not clear)
        self.wrong.setVisible(False)
        same = self._check_passphrase is not None or self.first.text() == self.second.text()
        self.mismatch.setVisible(not clear and not same and bool(self.second.text()))
        self.clear_warning.setVisible(clear)
        ok = ok_button(self.buttons)
        ok.setEnabled(clear or (same and bool(self.first.text())))
        ok.setText(self.tr("Return in &clear") if clear else self.tr("&Return protected"))

    def accept(self) -> None:
        if not self.in_clear.isChecked() and self._check_passphrase is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                matches = self._check_passphrase(self.first.text())
            finally:
                QApplication.restoreOverrideCursor()
            if matches is False:
                self.wrong.setVisible(True)
                self.first.selectAll()
                self.first.setFocus()
                return
        super().accept()

    def passphrase(self) -> str:
        """The passphrase, or "" when the group chose to return it in clear."""
        return "" if self.in_clear.isChecked() else self.first.text()


def ask_return_passphrase(
    parent: QWidget | None, check: Callable[[str], bool | None] | None = None
) -> str | None:
    """For a copy of a protected package: its passphrase (checked with
    ``check`` when the copy can tell), "" only if the group explicitly chose
    no protection, None if cancelled."""
    dialog = ReturnPassphraseDialog(parent, check)
    if not dialog.exec():
        return None
    return dialog.passphrase()


def ask_new_passphrase(parent: QWidget | None) -> str | None:
    """The passphrase for a package being written: "" for none, None if cancelled."""
    dialog = NewPassphraseDialog(parent)
    if not dialog.exec():
        return None
    return dialog.passphrase()


class PackagePassphraseDialog(_PassphraseDialog):
    """The passphrase of a protected package being read. After a wrong one the
    same dialog comes back with the problem said in it (not a message box that
    sends the user back to the File menu)."""

    def __init__(self, parent: QWidget | None, name: str, error: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protected package"))
        self._text(
            fmt(self.tr("%1 is protected: type its passphrase (the one on its slip)."), name)
        )
        form = QFormLayout()
        self.field = self._password()
        form.addRow(self.tr("&Passphrase:"), self.field)
        self._column.addLayout(form)
        # Five words typed blind are easily mistyped: the user may look at them.
        self.show_typed = QCheckBox(self.tr("&Show what I type"))
        self.show_typed.toggled.connect(
            lambda on: self.field.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self._column.addWidget(self.show_typed)
        self.error = self._text(error, warning=True, shown=bool(error))
        self._finish(30)
        self.field.setFocus()


def ask_passphrase(parent: QWidget | None, name: str, error: str = "") -> str | None:
    """The passphrase of a protected package being read; None if cancelled.
    ``error``: why the last one typed did not open it (said in the dialog)."""
    dialog = PackagePassphraseDialog(parent, name, error)
    if not dialog.exec():
        return None
    return dialog.field.text()
