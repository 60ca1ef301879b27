"""Holding off the screen saver and display sleep while presenting (each
operating system's own call), released when the presentation ends.

- Windows: ``SetThreadExecutionState`` (display and system required), from the
  window's thread, cleared on release;
- macOS: ``caffeinate -d -i -w <our pid>``, ended on release (and by itself if
  the application dies);
- Linux and the other Unixes: the desktop's ``org.freedesktop.ScreenSaver``
  ``Inhibit`` over the session bus, ``UnInhibit`` with its cookie on release.

Where the call is not there (no session bus, no caffeinate) nothing happens:
the presentation works, the screen saver may come on.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable

Release = Callable[[], None]


def _windows(_reason: str) -> Release | None:
    import ctypes

    continuous, system, display = 0x80000000, 0x00000001, 0x00000002
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    if not kernel.SetThreadExecutionState(continuous | system | display):
        return None
    return lambda: kernel.SetThreadExecutionState(continuous)


def _macos(_reason: str) -> Release | None:
    try:
        process = subprocess.Popen(["caffeinate", "-d", "-i", "-w", str(os.getpid())])
    except OSError:
        return None

    def release() -> None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(2)

    return release


def _freedesktop(reason: str) -> Release | None:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    saver = QDBusInterface(
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        bus,
    )
    if not saver.isValid():
        return None
    reply = saver.call("Inhibit", "IDG Workshop", reason)
    cookie = reply.arguments()[0] if reply.arguments() else None
    if cookie is None:
        return None
    return lambda: saver.call("UnInhibit", cookie)


def platform_hold() -> Callable[[str], Release | None]:
    if sys.platform == "win32":
        return _windows
    if sys.platform == "darwin":
        return _macos
    return _freedesktop


class KeepAwake:
    """Held while the slides are shown; released once, whatever happens."""

    def __init__(self, hold: Callable[[str], Release | None] | None = None) -> None:
        self._hold = hold or platform_hold()
        self._release: Release | None = None
        self.held = False

    def hold(self, reason: str) -> None:
        if self.held:
            return
        self.held = True
        try:
            self._release = self._hold(reason)
        except Exception:  # an OS call that fails must never stop the show
            self._release = None

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        release, self._release = self._release, None
        if release is not None:
            with contextlib.suppress(Exception):
                release()
