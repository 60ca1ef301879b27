"""Schema upgrades: numbered steps, all of them in one transaction, after a backup.

Modelled on calibre's ``schema_upgrades.py``: ``STEPS[n]`` turns a file at
schema ``n - 1`` into schema ``n``. An upgrade copies the file beside itself
first (SQLite's backup API), then runs every missing step and sets the new
version inside one transaction, so a failure leaves the file as it was.

To change the schema: bump ``SCHEMA_VERSION``, change the models, add the
step here, and commit a real file made at the old schema under
``tests/fixtures/`` (``tests/storage/test_migrations.py`` opens each one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from idg_desktop.errors import CannotWrite

#: The schema this version of the application writes.
SCHEMA_VERSION = 1

#: ``STEPS[n]`` upgrades a connection's database from schema n - 1 to n.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def backup_path_for(path: Path, from_version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.stem}.schema{from_version}-backup-{stamp}{path.suffix}")


def backup_copy(
    source: sqlite3.Connection,
    target: Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """A consistent copy of an open database through SQLite's backup API.

    With ``progress``, the copy goes in steps of 256 pages and reports
    ``(pages done, total)`` between them (the window keeps painting).
    """

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        destination = sqlite3.connect(target)
        try:
            if progress is None:
                source.backup(destination)
            else:
                source.backup(destination, pages=256, progress=report)
        finally:
            destination.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise CannotWrite(f"Cannot write the copy {target}: {error}.") from None


def upgrade(connection: sqlite3.Connection, path: Path, from_version: int) -> Path:
    """Upgrade the open file to ``SCHEMA_VERSION``; returns the backup's path.

    ``connection`` must be in autocommit mode (``isolation_level=None``) so
    that this function controls the one transaction.
    """
    backup = backup_path_for(path, from_version)
    backup_copy(connection, backup)
    connection.execute("BEGIN IMMEDIATE")
    try:
        for version in range(from_version + 1, SCHEMA_VERSION + 1):
            STEPS[version](connection)
        connection.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
        connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return backup
