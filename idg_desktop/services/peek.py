"""Looking into an assessment before opening it, with plain sqlite3 and no
SQLAlchemy, so that the window paints first: checking the file, locking it,
its Overview, its title (the File menu's recent files). The window takes these
from here rather than from storage's modules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from idg_desktop.storage.fileformat import FileFacts, _readonly_connect, probe
from idg_desktop.storage.lock import DocumentLock
from idg_desktop.storage.overview import Overview, read_overview

#: What the quick readers raise when the file cannot be read.
ReadError = sqlite3.Error

__all__ = [
    "DocumentLock",
    "FileFacts",
    "Overview",
    "ReadError",
    "assessment_title",
    "probe",
    "read_overview",
]


def assessment_title(path: Path) -> str:
    """The workshop's title, or "" if the file is not a readable assessment."""
    try:
        connection = _readonly_connect(Path(path))
    except sqlite3.Error:
        return ""
    try:
        row = connection.execute("SELECT title FROM assessment").fetchone()
    except sqlite3.Error:
        return ""
    finally:
        connection.close()
    return str(row[0] or "").strip() if row else ""
