"""Text saved as it is typed: after a pause, and at once when the field is left.

A page hands its multi-line fields to a :class:`TypingSaver` with the function
that saves what they hold. The saver tells the workspace that typed text is
waiting (the status bar then does not say "All changes saved"), saves it
when the user pauses or leaves the field, and :meth:`TypingSaver.flush` lets
the page save it before anything else happens (another row, another page,
closing). Each save is an ordinary ``Workspace.run`` of the page; with a
``visit`` key they fold into one undo step per visit (see workspace.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMetaObject, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from idg_desktop.ui.workspace import Workspace

#: The pause in typing after which the text is saved.
SAVE_DELAY_MS = 800


class TypingSaver(QObject):
    def __init__(
        self,
        workspace: Workspace,
        save: Callable[[], None],
        *,
        listening: Callable[[], bool],
        parent: QObject | None = None,
        delay_ms: int = SAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._save = save
        self._listening = listening  # False while the page fills its fields
        self._edits: list[QWidget] = []
        self._waiting = False  # typed text not saved yet
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def watch(self, *edits: QWidget) -> None:
        """Save these fields' text after a pause and when focus leaves them."""
        for edit in edits:
            edit.textChanged.connect(self._typed)  # type: ignore[attr-defined]
            edit.installEventFilter(self)
            self._edits.append(edit)

    @property
    def pending(self) -> bool:
        """Typed text is waiting for the pause that saves it."""
        return self._waiting

    def _typed(self, *_args: object) -> None:
        if self._listening():
            self.timer.start()
            self._waiting = True
            self._workspace.set_typing(True)

    def flush(self) -> None:
        """Save what has been typed and not saved yet (nothing if nothing changed)."""
        self.timer.stop()
        self._save()
        if self._waiting:
            self._waiting = False
            self._workspace.set_typing(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._edits:
            self.flush()
        return super().eventFilter(watched, event)


class TypingWatch(QObject):
    """Text typed anywhere in ``area`` and not saved yet (a field saves when it
    is left): the workspace hears of it, so the status bar does not say that
    all changes are saved while the user is still in such a field."""

    def __init__(self, workspace: Workspace, area: QWidget) -> None:
        super().__init__(area)
        self._workspace = workspace
        self._area = area
        self._editor: QWidget | None = None
        self._connection: QMetaObject.Connection | None = None
        self._typing = False
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._connection is not None:
            # by its connection, never through the editor: a cell editor being
            # destroyed with the focus is no longer a QLineEdit when it gives it up
            QObject.disconnect(self._connection)
            self._connection = None
        if self._editor is not None:
            self._editor = None
            if self._typing:  # the field has been left: it saved what it holds
                self._typing = False
                self._workspace.set_typing(False)
        if new is not None and self._area.isAncestorOf(new) and _editable(new):
            self._connection = self._signal(new).connect(self._typed)
            self._editor = new

    @staticmethod
    def _signal(editor: QWidget):
        return editor.textEdited if isinstance(editor, QLineEdit) else editor.textChanged

    def _typed(self, *_args: object) -> None:
        if not self._typing and self._editor is not None and self._editor.hasFocus():
            self._typing = True
            self._workspace.set_typing(True)


#: The property that marks a field whose text is never saved (a search box).
_SAVES_NOTHING = "savesNothing"


def saves_nothing(edit: QWidget) -> QWidget:
    """Mark ``edit`` as a field that saves nothing (a search box): typing in it
    does not make the status bar say "Saving as you type…"."""
    edit.setProperty(_SAVES_NOTHING, True)
    return edit


def _editable(widget: QWidget) -> bool:
    if widget.property(_SAVES_NOTHING):
        return False
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    return False
