"""Work that must not freeze the window: run it in a worker thread.

Only work that does not touch the open document goes here (reading a
spreadsheet, building a file from a read-only copy of it): the document's
SQLite connection belongs to the window's thread. Writes to the document
stay in that thread, in steps that let the window repaint (see the progress
callbacks of the services).

The one worker of the window: :func:`start_in_background` runs the work and
hands its outcome back to the window's thread as a call; ``run_in_background``
waits for it (the window painting meanwhile, a busy indicator after a moment).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


class Outcome(QObject):
    """How a worker's result (or error) comes back to the window's thread.

    Keep it until the outcome has arrived: the calls are queued to it."""

    finished = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, work: Callable[[], Any], outcome: Outcome) -> None:
        super().__init__()
        self._work = work
        self._outcome = outcome

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the window's thread, re-raised there
            self._outcome.failed.emit(error)
        else:
            self._outcome.finished.emit(result)


def start_in_background(
    work: Callable[[], T],
    finished: Callable[[T], object],
    failed: Callable[[BaseException], object],
) -> Outcome:
    """Start ``work`` in a worker thread; ``finished(result)`` or ``failed(error)``
    is called later in the window's thread. Keep the returned object until then."""
    outcome = Outcome()
    outcome.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    outcome.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Runner(work, outcome))
    return outcome


def run_in_background(parent: QWidget, label: str, work: Callable[[], T]) -> T:
    """Run ``work`` in a worker thread while the window keeps painting and a
    busy indicator shows after a moment; return its result or raise its error."""
    loop = QEventLoop()
    results: dict[str, Any] = {}

    def finished(result: object) -> None:
        results["result"] = result
        loop.quit()

    def failed(error: object) -> None:
        results["error"] = error
        loop.quit()

    busy = QProgressDialog(label, "", 0, 0, parent)
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(400)
    kept = start_in_background(work, finished, failed)
    if not results:
        loop.exec()
    del kept
    busy.reset()
    busy.deleteLater()
    if "error" in results:
        raise results["error"]
    return results["result"]
