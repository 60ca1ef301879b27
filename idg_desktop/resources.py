"""One accessor for the files shipped in ``resources/``.

It works from a source checkout or an editable install (``resources/`` beside
the package), from a frozen PyInstaller build (``sys._MEIPASS/resources``), and
can be pointed elsewhere with ``IDG_RESOURCES`` for packagers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("IDG_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("framework", "idg-2021.json")``."""
    return resources_dir().joinpath(*parts)
