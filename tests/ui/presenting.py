"""What the presentation's tests share: F5 on the laptop's window until the
presentation is shown, and a slide's words."""

from __future__ import annotations

from PySide6.QtCore import Qt

from idg_desktop.ui.main_window import MainWindow


def present(main: MainWindow, qtbot):
    """F5 on ``main``; the presentation window once it is shown."""
    qtbot.keyClick(main, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: main.presenter.window is not None)
    window = main.presenter.window
    qtbot.waitExposed(window)
    return window


def words(slide) -> str:
    return " ".join(t.text for t in slide.texts())
