"""Where the window opens: the first time, 1280x800 or the screen's available
area if that is smaller (a 1366x768 laptop with a taskbar); afterwards where
and how large it was left, brought back inside the screen it is on."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize, Qt
from PySide6.QtWidgets import QMainWindow

from idg_desktop.ui.settings import WindowSettings

PREFERRED = QSize(1280, 800)
MINIMUM = QSize(960, 640)
#: The frame a desktop adds around the window before it is shown (title bar,
#: borders); once shown, the real one is used.
FRAME_GUESS = QMargins(8, 32, 8, 8)
GEOMETRY_KEY = "window/geometry"


def fitted(rect: QRect, available: QRect, frame: QMargins) -> QRect:
    """``rect`` (the client area) no larger than ``available`` allows with its
    frame, and moved so that the frame lies inside ``available``."""
    room = available.marginsRemoved(frame)
    width = min(rect.width(), room.width())
    height = min(rect.height(), room.height())
    left = min(max(rect.left(), room.left()), room.right() - width + 1)
    top = min(max(rect.top(), room.top()), room.bottom() - height + 1)
    return QRect(left, top, width, height)


def first_geometry(available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """The preferred size, centred on the available area, no larger than it."""
    rect = QRect(0, 0, PREFERRED.width(), PREFERRED.height())
    rect.moveCenter(available.center())
    return fitted(rect, available, frame)


def _frame(window: QMainWindow) -> QMargins:
    if window.isVisible():
        outer, inner = window.frameGeometry(), window.geometry()
        return QMargins(
            inner.left() - outer.left(),
            inner.top() - outer.top(),
            outer.right() - inner.right(),
            outer.bottom() - inner.bottom(),
        )
    return FRAME_GUESS


def place(window: QMainWindow, settings: WindowSettings) -> None:
    """Size and place the window as it was left, or for the screen the first time."""
    screen = window.screen()
    available = screen.availableGeometry()
    # A small screen must still hold the window with room to spare.
    window.setMinimumSize(
        QSize(
            min(MINIMUM.width(), available.width() - 100),
            min(MINIMUM.height(), available.height() - 100),
        )
    )
    saved = settings.value(GEOMETRY_KEY)
    if saved and window.restoreGeometry(saved):
        screen = window.screen()  # it may have been left on another screen
        available = screen.availableGeometry()
        maximised = window.windowState() & (
            Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        )
        room = available.marginsRemoved(_frame(window))
        rect = window.geometry()
        too_large = rect.width() > room.width() or rect.height() > room.height()
        if not maximised and (too_large or not available.contains(rect)):
            window.setGeometry(fitted(rect, available, _frame(window)))
        return
    window.setGeometry(first_geometry(available, _frame(window)))


def remember(window: QMainWindow, settings: WindowSettings) -> None:
    """Keep the size, position and maximised state for the next start."""
    settings.set_value(GEOMETRY_KEY, window.saveGeometry())
