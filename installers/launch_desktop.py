"""The frozen ``idg-desktop`` program: the window (PyInstaller's entry script)."""

from idg_desktop.ui.app import entry

entry()
