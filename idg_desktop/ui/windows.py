"""The program's main windows: the first one, and one more per file handed over.

A file handed over by a later start (``ui/single_instance.py``) or by macOS's
file-open event (a double-click in the Finder, a file dropped on the Dock icon)
opens in a new window, with its own workspace and its own lock on its file.
Two exceptions, as document programs do: a file already open in a window
brings that window forward (the file cannot be opened twice), and a window
showing only the start page takes the file itself instead of staying empty
beside a new one (on macOS that is the first double-click of the day).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from idg_desktop.ui.main_window import MainWindow
from idg_desktop.ui.single_instance import Request

#: How far a new window is moved from the one it opens over.
CASCADE = 32


class Windows(QObject):
    def __init__(self, first: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._windows: list[MainWindow] = []
        self._add(first)

    def _add(self, window: MainWindow) -> None:
        self._windows.append(window)
        window.destroyed.connect(lambda *_: self._forget(window))

    def _forget(self, window: MainWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def shown(self) -> list[MainWindow]:
        """The windows on screen, the first opened first."""
        return [w for w in self._windows if w.isVisible()]

    def handle(self, request: Request) -> None:
        """What a later start asked for (``single_instance.request_for``)."""
        files = list(request.get("open") or [])
        present = bool(request.get("present"))
        if request.get("demo"):
            self._open_in_window(_open_demo, present)
        for name in files:
            self.open_file(Path(name), present=present)
        if not files and not request.get("demo"):
            self.bring_forward(self._current())

    def open_file(self, path: Path | str, *, present: bool = False) -> MainWindow | None:
        """Open ``path`` in its own window (see the module's note); None if refused."""
        path = Path(path)
        for window in self.shown():
            if _holds(window, path):
                self.bring_forward(window)
                if present:  # idg-desktop FILE --present, FILE already open
                    window.presenter.present_when_open()
                return window
        return self._open_in_window(lambda window: window.open_path(path), present)

    def _open_in_window(
        self, opens: Callable[[MainWindow], bool], present: bool
    ) -> MainWindow | None:
        empty = next((w for w in self.shown() if _empty(w)), None)
        if empty is not None:
            if opens(empty) and empty.workspace is not None:
                if present:
                    empty.presenter.present_when_open()
                self.bring_forward(empty)
                return empty
            return None
        window = MainWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not opens(window) or window.workspace is None:  # it said why in a message box
            window.deleteLater()
            return None
        self._add(window)
        self._place(window)
        window.show()
        if present:
            window.presenter.present_when_open()
        self.bring_forward(window)
        return window

    def _current(self) -> MainWindow | None:
        active = QApplication.activeWindow()
        if isinstance(active, MainWindow) and active.isVisible():
            return active
        shown = self.shown()
        return shown[-1] if shown else (self._windows[0] if self._windows else None)

    def _place(self, window: MainWindow) -> None:
        """Over the current window, moved down and right, so both can be seen."""
        window.place_on_screen()
        current = self._current()
        if current is not None and current is not window:
            area = (current.screen() or window.screen()).availableGeometry()
            frame = current.frameGeometry().size() - current.size()  # title bar, borders
            size = current.size().boundedTo(area.size() - frame - QSize(CASCADE, CASCADE))
            window.resize(size)
            size = size + frame
            # moved down and right, but never past the screen's edge (its status
            # bar fell below a 768-line screen)
            spot = current.pos() + QPoint(CASCADE, CASCADE)
            spot.setX(max(area.left(), min(spot.x(), area.right() + 1 - size.width())))
            spot.setY(max(area.top(), min(spot.y(), area.bottom() + 1 - size.height())))
            window.move(spot)

    @staticmethod
    def bring_forward(window: MainWindow | None) -> None:
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()


def _open_demo(window: MainWindow) -> bool:
    window.open_demo()  # a refusal is said in a message box
    return window.workspace is not None


def _holds(window: MainWindow, path: Path) -> bool:
    """The window has ``path`` open (or is opening it)."""
    pending = getattr(window, "_pending_attach", None)
    open_path = window.workspace.path if window.workspace is not None else None
    opening = pending[0] if pending else None
    wanted = path.resolve()
    return any(p is not None and Path(p).resolve() == wanted for p in (open_path, opening))


def _empty(window: MainWindow) -> bool:
    """The window shows only the start page."""
    return window.workspace is None and window.view is None


class FileOpenEvents(QObject):
    """macOS's file-open event (a double-click in the Finder) opens the file the same way."""

    def __init__(self, windows: Windows, app: QApplication) -> None:
        super().__init__(app)
        self._windows = windows
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file()
            if name:
                self._windows.open_file(name)
                return True
        return False


class Running:
    """What the program does while it runs for the user (not for ``--smoke`` or
    ``--self-test``): later starts hand their files over, macOS's file-open
    events open files, and an unexpected error shows the crash dialog."""

    def __init__(self, first: MainWindow, app: QApplication) -> None:
        from idg_desktop.ui.crash import install_crash_handler
        from idg_desktop.ui.single_instance import InstanceServer

        self._app = app
        self.windows = Windows(first, app)
        self.server = InstanceServer(self.windows.handle, parent=app)
        self.listening = self.server.listen()  # False: starts are not handed over, that is all
        self.file_open = FileOpenEvents(self.windows, app)
        self.crash = install_crash_handler(app)

    def stop(self) -> None:
        self.server.close()
        self.crash.uninstall()
        self._app.removeEventFilter(self.file_open)
        for part in (self.server, self.file_open, self.crash, self.windows):
            part.deleteLater()
