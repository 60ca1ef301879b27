"""Work that must not freeze the window: run it in a worker thread.

Only work that does not touch the open document goes here (reading a
spreadsheet, building a file): the document's SQLite connection belongs to
the window's thread. Writes to the document stay in that thread, in steps
that let the window repaint (see the progress callbacks of the services).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the window's thread, re-raised there
            self._signals.failed.emit(error)
        else:
            self._signals.finished.emit(result)


def run_in_background(parent: QWidget, label: str, work: Callable[[], T]) -> T:
    """Run ``work`` in a worker thread while the window keeps painting and a
    busy indicator shows after a moment; return its result or raise its error."""
    signals = _Signals()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: object) -> None:
        outcome["error"] = error
        loop.quit()

    signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    busy = QProgressDialog(label, "", 0, 0, parent)
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(400)
    QThreadPool.globalInstance().start(_Runner(work, signals))
    if not outcome:
        loop.exec()
    busy.reset()
    busy.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
