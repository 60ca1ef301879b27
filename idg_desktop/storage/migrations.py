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
SCHEMA_VERSION = 3


def _run(connection: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction
    (``executescript`` would commit first)."""
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


# The DDL is what SQLAlchemy's create_all writes for the same models, so an
# upgraded file and a new one have the same schema (a test compares them).
_SCHEMA_2 = """
CREATE TABLE "conflict" (
    record_type VARCHAR(16) NOT NULL,
    record_key VARCHAR(36) NOT NULL,
    section_code VARCHAR(8) NOT NULL,
    status VARCHAR(16) NOT NULL,
    resolution TEXT NOT NULL,
    resolved_at DATETIME,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_conflict_record_key ON "conflict" (record_key);
CREATE TABLE conflict_version (
    id VARCHAR(36) NOT NULL,
    conflict_id VARCHAR(36) NOT NULL,
    position INTEGER NOT NULL,
    origin TEXT NOT NULL,
    package_id VARCHAR(36) NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(conflict_id) REFERENCES "conflict" (id) ON DELETE CASCADE
);
CREATE INDEX ix_conflict_version_conflict_id ON conflict_version (conflict_id);
CREATE TABLE merge_log (
    package_id VARCHAR(36) NOT NULL,
    source VARCHAR(16) NOT NULL,
    group_name TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    outcome VARCHAR(24) NOT NULL,
    summary TEXT NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_merge_log_package_id ON merge_log (package_id)
"""


def _step_2(connection: sqlite3.Connection) -> None:
    """Schema 2: conflicts and the merge log, for the working groups' packages."""
    _run(connection, _SCHEMA_2)


_SCHEMA_3 = """
CREATE TABLE activity (
    title TEXT NOT NULL,
    section_code VARCHAR(8) NOT NULL,
    description TEXT NOT NULL,
    importance VARCHAR(8),
    urgency VARCHAR(8),
    consequence VARCHAR(8),
    commitment VARCHAR(8),
    impact VARCHAR(8),
    obligations VARCHAR(8),
    ease VARCHAR(8),
    cost VARCHAR(8),
    priority_override VARCHAR(8) NOT NULL,
    override_reason TEXT NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(section_code) REFERENCES section (code)
);
CREATE INDEX ix_activity_section_code ON activity (section_code);
CREATE TABLE activity_finding (
    activity_id VARCHAR(36) NOT NULL,
    finding_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (activity_id, finding_id),
    FOREIGN KEY(activity_id) REFERENCES activity (id) ON DELETE CASCADE,
    FOREIGN KEY(finding_id) REFERENCES finding (id) ON DELETE CASCADE
)
"""


def _step_3(connection: sqlite3.Connection) -> None:
    """Schema 3: activities of the action plan and their eight criteria."""
    _run(connection, _SCHEMA_3)


#: ``STEPS[n]`` upgrades a connection's database from schema n - 1 to n.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {2: _step_2, 3: _step_3}


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
