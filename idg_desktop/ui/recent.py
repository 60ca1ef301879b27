"""The recent assessments as the File menu and the start page show them: the
workshop's title (read with plain sqlite3, as the Overview is, so the menu
opens at once) and where the file is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from idg_desktop.services.peek import assessment_title


@dataclass(frozen=True)
class RecentFile:
    path: Path
    title: str  # "" if the file cannot be read
    exists: bool


def recent_files(paths: list[Path]) -> list[RecentFile]:
    """Each recent path with its title (missing files have none)."""
    found = []
    for path in paths:
        exists = path.is_file()
        found.append(RecentFile(path, assessment_title(path) if exists else "", exists))
    return found
