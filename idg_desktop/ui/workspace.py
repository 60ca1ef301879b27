"""The open assessment as the window sees it: the document, undo, change signals.

Pages never hold SQL or the document's session for long: they call
:meth:`Workspace.run` with a label and a service call. The workspace runs it
(one committed transaction per service call), records the undo step, and
emits :attr:`changed` with the tables touched, so every view that reads a
shared model refreshes only when what it shows has changed. Undo and redo go
through the same signal, whichever page made the change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from idg_desktop.errors import FileReplaced, IdgError
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.undo import Step

T = TypeVar("T")

ALL_TABLES = frozenset({"*"})


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
        self._step = self._workspace._replay(self._step)
        self._done = True

    def undo(self) -> None:
        self._step = self._workspace._replay(self._step)
        self._done = False


class Workspace(QObject):
    """Owns the open :class:`AssessmentDocument` and its undo stack."""

    #: Tables touched by a change, undo or redo (``{"*"}`` after opening).
    changed = Signal(object)
    #: One sentence for the user when a change could not be saved.
    failed = Signal(str)
    #: The file was moved, deleted or replaced while open (Save a copy offered).
    fileLost = Signal(str)

    def __init__(self, document: AssessmentDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.document.enable_undo()
        self.undo_stack = QUndoStack(self)
        self.lost = False

    @property
    def path(self) -> Path:
        return self.document.path

    def run(self, label: str, change: Callable[[], T]) -> T | None:
        """Run a service call as one undoable step; report failures as signals.

        Returns what the service returned, or None if it was refused (the
        reason has been emitted through :attr:`failed` or :attr:`fileLost`).
        """
        before = self.document.undo_mark()
        try:
            result = change()
        except FileReplaced as error:
            self._lose(str(error))
            return None
        except IdgError as error:
            self.failed.emit(str(error))
            return None
        step = self.document.undo_step_since(before)
        if step is not None:
            self.undo_stack.push(_StepCommand(self, label, step))
            self.changed.emit(step.tables)
        return result

    def _replay(self, step: Step) -> Step:
        try:
            reverse = self.document.replay(step)
        except FileReplaced as error:
            self._lose(str(error))
            return step
        except IdgError as error:
            self.failed.emit(str(error))
            return step
        self.changed.emit(step.tables)
        return reverse

    def _lose(self, message: str) -> None:
        self.lost = True
        self.undo_stack.clear()
        self.fileLost.emit(message)

    def close(self) -> None:
        self.undo_stack.clear()
        self.document.close()
