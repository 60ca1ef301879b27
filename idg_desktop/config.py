"""The user's configuration and data folders, and this installation's id.

Kept out of Qt settings on purpose: the core (and the ``idg`` command) must
work without Qt. ``IDG_CONFIG_DIR`` and ``IDG_DATA_DIR`` override the folders
(tests use them so they never touch the real home folder).
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

APP_DIR_NAME = "IDG Workshop"
_INSTALLATION_FILE = "installation-id"


def _platform_dir(kind: str) -> Path:
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("APPDATA" if kind == "config" else "LOCALAPPDATA")
        return Path(base or home / "AppData" / "Roaming") / APP_DIR_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_DIR_NAME
    xdg = "XDG_CONFIG_HOME" if kind == "config" else "XDG_DATA_HOME"
    default = home / (".config" if kind == "config" else ".local/share")
    return Path(os.environ.get(xdg) or default) / "idg-workshop"


def config_dir() -> Path:
    return Path(os.environ.get("IDG_CONFIG_DIR") or _platform_dir("config"))


def data_dir() -> Path:
    return Path(os.environ.get("IDG_DATA_DIR") or _platform_dir("data"))


def installation_id() -> str:
    """A random id for this laptop's installation, made once and kept.

    Every record carries the id of the installation that wrote it (its
    *origin*), so files from several laptops can be merged and traced. If the
    configuration folder cannot be written, a fresh id is used for this run.
    """
    path = config_dir() / _INSTALLATION_FILE
    try:
        existing = path.read_text(encoding="ascii").strip()
        return str(uuid.UUID(existing))
    except (OSError, ValueError):
        pass
    new_id = str(uuid.uuid4())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(new_id + "\n", encoding="ascii")
        os.replace(tmp, path)
    except OSError:
        pass
    return new_id
