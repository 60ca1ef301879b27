"""Group working copies left on a laptop, and removing them.

"Open group package" unpacks a package into ``<data folder>/working-copies/``
(``packages.open_package``): a plain SQLite file with the group's answers and
findings, on a laptop that may not be the facilitator's. Once the group's work
has gone back (a returned package written and read back), the copy can go.

Read with plain ``sqlite3`` (like ``storage/overview.py``) so the start page
lists them without loading SQLAlchemy and the services.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from idg_desktop.config import data_dir
from idg_desktop.errors import CannotWrite
from idg_desktop.storage.fileformat import _readonly_connect

FOLDER_NAME = "working-copies"
PACKAGE_META = "group_package"  # the meta key packages.open_package writes


def working_copies_folder() -> Path:
    return data_dir() / FOLDER_NAME


@dataclass(frozen=True)
class WorkingCopy:
    path: Path
    group: str
    title: str
    modified: datetime  # the file's last change, local time


def read_working_copy(path: Path) -> WorkingCopy | None:
    """The group and assessment of a working copy; None if ``path`` is not one
    (or cannot be read)."""
    try:
        with closing(_readonly_connect(path)) as connection:
            row = connection.execute(
                "SELECT value FROM meta WHERE key = ?", (PACKAGE_META,)
            ).fetchone()
        info = json.loads(row[0]) if row else None
        modified = datetime.fromtimestamp(path.stat().st_mtime)
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None
    if not isinstance(info, dict):
        return None
    return WorkingCopy(
        path=path,
        group=str((info.get("group") or {}).get("name", "")),
        title=str((info.get("assessment") or {}).get("title", "")),
        modified=modified,
    )


def list_working_copies(folder: Path | None = None) -> list[WorkingCopy]:
    """The working copies in the data folder, most recently changed first."""
    folder = folder or working_copies_folder()
    try:
        candidates = sorted(folder.glob("*.idg"))
    except OSError:
        return []
    found = [copy for path in candidates if (copy := read_working_copy(path)) is not None]
    return sorted(found, key=lambda c: c.modified, reverse=True)


def leftover_files(path: Path) -> list[Path]:
    """The copy and what SQLite, the lock and an upgrade may have left beside it."""
    path = Path(path)
    around = [
        path.with_name(path.name + suffix) for suffix in (".lock", "-journal", "-wal", "-shm")
    ]
    backups = sorted(path.parent.glob(f"{path.stem}.schema*-backup-*{path.suffix}"))
    return [p for p in (path, *around, *backups) if p.exists()]


def remove_working_copy(path: Path | str) -> list[Path]:
    """Delete a working copy and its leftovers; returns what was deleted.

    The caller has made sure the group's work is safe elsewhere (a returned
    package written and read back); a copy still open (in a window or a
    command) is refused.
    """
    from idg_desktop.storage.lock import DocumentLock

    path = Path(path)
    if path.exists():  # refused (FileLocked) while it is open, here or elsewhere
        lock = DocumentLock(path)
        lock.acquire()
        lock.release()
    removed = []
    for item in leftover_files(path):
        try:
            item.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise CannotWrite(
                f"{item} cannot be deleted ({error.strerror or error}); delete it by hand."
            ) from None
        removed.append(item)
    return removed
