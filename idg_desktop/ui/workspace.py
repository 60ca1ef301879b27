"""The open assessment as the window sees it: the document, undo, change signals.

Pages never hold SQL or the document's session for long: they call
:meth:`Workspace.run` with a label and a service call. The workspace runs it
(one committed transaction per service call), records the undo step, and
emits :attr:`changed` with the kinds of record touched (``domain/records.py``
``Kind``; the undo log knows tables, :func:`kinds_of` names their kinds), so every view that reads a
shared model refreshes only when what it shows has changed. Undo and redo go
through the same signal, whichever page made the change.

Visits. Pages save as the user types (after a pause, when a field is left),
so one sitting on a record makes many saves. A page names the record it
saves with ``run(..., visit=key)`` (e.g. ``("answer", "TR-1")``): while the
user stays on it, the saves of the same key fold into the undo step of the
first one (one Ctrl+Z restores the record as it was before the visit), and
the services that keep history get the same :class:`~idg_desktop.services.records.Visit`
through :meth:`Workspace.visit`, so they write one history entry per visit
(answer versions, finding events). The visit ends when the page calls
:meth:`end_visit` (another row, another page, closing the file), when any
other change, undo or redo happens, or when a save names another record.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from idg_desktop.domain.records import kinds_of
from idg_desktop.errors import FileReplaced, IdgError
from idg_desktop.services.records import Visit
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.undo import Step

# This module is the window's one door to storage (the layers contract in
# pyproject.toml lets no other ui module import it): the pages take the
# document's type from here.
__all__ = ["AssessmentDocument", "Workspace"]

T = TypeVar("T")


class _StepCommand(QUndoCommand):
    """One undoable change: undo/redo replay the file-level step (undo.py)."""

    def __init__(self, workspace: Workspace, label: str, step: Step) -> None:
        super().__init__(label)
        self._workspace = workspace
        self._step = step
        self._done = True  # pushed after it has already been applied

    def redo(self) -> None:
        if self._done:
            return
        self._workspace.end_visit()
        self._step = self._workspace._replay(self._step)
        self._done = True

    def undo(self) -> None:
        self._workspace.end_visit()
        self._step = self._workspace._replay(self._step)
        self._done = False

    def fold(self, step: Step) -> bool:
        """Take in the step that directly follows this one's (same visit)."""
        if not self._done or step.first != self._step.last + 1:
            return False
        self._step = Step(self._step.first, step.last, self._step.tables | step.tables)
        return True


class Workspace(QObject):
    """Owns the open :class:`AssessmentDocument` and its undo stack."""

    #: The kinds of record touched by a change, undo or redo (``{Kind.ANY}`` after opening).
    changed = Signal(object)
    #: One sentence for the user when a change could not be saved.
    failed = Signal(str)
    #: The file was moved, deleted or replaced while open (Save a copy offered).
    fileLost = Signal(str)
    #: True while typed text waits for the pause that saves it, False once saved.
    typingChanged = Signal(bool)

    def __init__(self, document: AssessmentDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.document.enable_undo()
        self.undo_stack = QUndoStack(self)
        self.lost = False
        self._visit: Visit | None = None
        self._visit_command: _StepCommand | None = None

    @property
    def path(self) -> Path:
        return self.document.path

    def visit(self, key: Hashable) -> Visit:
        """The user's visit to the record ``key``: the current one if they are
        still on it (nothing else changed since its last save), else a new one.
        Pass it to the service that keeps the record's history."""
        stack = self.undo_stack
        on_top = self._visit_command is None or (  # no save yet, or its step is the last
            stack.index() == stack.count()
            and stack.index() > 0
            and stack.command(stack.index() - 1) is self._visit_command
        )
        if self._visit is None or self._visit.key != key or not on_top:
            self.end_visit()
            self._visit = Visit(key)
        return self._visit

    def set_typing(self, waiting: bool) -> None:
        """A page has typed text not saved yet (True) or has just saved it (False)."""
        self.typingChanged.emit(waiting)

    def end_visit(self) -> None:
        """The user left the record: its next save starts a new step and history entry."""
        self._visit = None
        self._visit_command = None

    def run(
        self,
        label: str,
        change: Callable[[], T],
        *,
        visit: Visit | Hashable | None = None,
        refused: Callable[[str], object] | None = None,
    ) -> T | None:
        """Run a service call as one undoable step; report failures as signals.

        With ``visit`` (the key of the record being edited, or the
        :class:`Visit` that :meth:`visit` gave for it), a save that
        continues the user's visit to that record folds into the visit's undo
        step instead of adding one (see the module's note on visits).

        Returns what the service returned, or None if it was refused (the
        reason has been emitted through :attr:`failed` or :attr:`fileLost`;
        with ``refused``, a refusal is handed to it instead of :attr:`failed`,
        e.g. for a dialog to show it and stay open).
        """
        key = visit.key if isinstance(visit, Visit) else visit
        current = self.visit(key) if key is not None else None
        if isinstance(visit, Visit) and current is not visit:
            # it ended since the page took it: what it noted is no longer this visit's
            visit.notes.clear()
            self._visit = current = visit
        if current is None:
            self.end_visit()
        before = self.document.undo_mark()
        done, result = self._attempt(change, refused)
        if not done:
            return None
        step = self.document.undo_step_since(before)
        if step is not None:
            command = self._visit_command if current is not None else None
            if command is None or not command.fold(step):
                command = _StepCommand(self, label, step)
                self.undo_stack.push(command)
            if current is not None and self._visit is current:
                self._visit_command = command
            self.changed.emit(kinds_of(step.tables))
        return result

    def _replay(self, step: Step) -> Step:
        done, reverse = self._attempt(lambda: self.document.replay(step))
        if not done:
            return step
        self.changed.emit(kinds_of(step.tables))
        return reverse

    def _attempt(
        self, call: Callable[[], T], refused: Callable[[str], object] | None = None
    ) -> tuple[bool, T | None]:
        """``(True, what call returned)``, or ``(False, None)`` once its failure is
        reported: a replaced file through :attr:`fileLost` (the workspace is
        then lost), a refusal through :attr:`failed`."""
        try:
            return True, call()
        except FileReplaced as error:
            self._lose(str(error))
        except IdgError as error:
            (refused or self.failed.emit)(str(error))
        return False, None

    def _lose(self, message: str) -> None:
        self.lost = True
        self.end_visit()
        self.undo_stack.clear()
        self.fileLost.emit(message)

    def close(self) -> None:
        self.end_visit()
        self.undo_stack.clear()
        self.document.close()
