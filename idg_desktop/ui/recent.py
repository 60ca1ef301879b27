"""The recent assessments as the File menu and the start page show them: the
workshop's title (read with plain sqlite3, as the Overview is, so the menu
opens at once) and where the file is."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from idg_desktop.storage.fileformat import _readonly_connect


@dataclass(frozen=True)
class RecentFile:
    path: Path
    title: str  # "" if the file cannot be read
    exists: bool


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


def recent_files(paths: list[Path]) -> list[RecentFile]:
    """Each recent path with its title (missing files have none)."""
    found = []
    for path in paths:
        exists = path.is_file()
        found.append(RecentFile(path, assessment_title(path) if exists else "", exists))
    return found
