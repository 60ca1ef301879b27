"""The window's own preferences (text size, high contrast, recent files, last folder).

Kept in an INI file in the application's configuration folder rather than
the platform registry, so tests and portable installs can point it elsewhere
(``IDG_CONFIG_DIR``) and it sits beside the installation id.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from idg_desktop.config import config_dir

MAX_RECENT = 8
DEFAULT_POINT_SIZE = 10.0
MIN_SCALE, MAX_SCALE = 0.7, 2.6


class WindowSettings:
    def __init__(self) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        """The INI file the preferences are kept in (Help ▸ About shows it)."""
        return self._settings.fileName()

    # -- text size (Ctrl +/-) ------------------------------------------------

    @property
    def text_scale(self) -> float:
        try:
            value = float(self._settings.value("view/text_scale", 1.0))
        except (TypeError, ValueError):
            value = 1.0
        return min(MAX_SCALE, max(MIN_SCALE, value))

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self._settings.setValue("view/text_scale", round(min(MAX_SCALE, max(MIN_SCALE, value)), 2))
        self._settings.sync()

    # -- high contrast (View ▸ High contrast) ---------------------------------

    @property
    def high_contrast(self) -> bool:
        return str(self._settings.value("view/high_contrast", "false")).lower() == "true"

    @high_contrast.setter
    def high_contrast(self, on: bool) -> None:
        self._settings.setValue("view/high_contrast", "true" if on else "false")
        self._settings.sync()

    # -- recent files --------------------------------------------------------

    def recent_files(self) -> list[Path]:
        raw = self._settings.value("files/recent", [])
        if isinstance(raw, str):
            raw = [raw]
        return [Path(p) for p in raw or [] if p]

    def add_recent(self, path: Path) -> None:
        resolved = str(Path(path).resolve())
        recent = [str(p) for p in self.recent_files() if str(p) != resolved]
        self._settings.setValue("files/recent", [resolved, *recent][:MAX_RECENT])
        self._settings.sync()

    def remove_recent(self, path: Path) -> None:
        resolved = str(Path(path).resolve())
        recent = [str(p) for p in self.recent_files() if str(p) != resolved]
        self._settings.setValue("files/recent", recent)
        self._settings.sync()

    @property
    def last_folder(self) -> str:
        return str(self._settings.value("files/last_folder", str(Path.home())))

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._settings.setValue("files/last_folder", folder)

    def value(self, key: str, default: object = None) -> object:
        return self._settings.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        """Write what was set to the INI file now (e.g. as the window closes)."""
        self._settings.sync()

    def clear_recent(self) -> None:
        self._settings.setValue("files/recent", [])
        self._settings.sync()
