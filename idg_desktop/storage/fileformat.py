"""Recognising an assessment file without the ORM: marks, schema, integrity.

Plain ``sqlite3`` only, so the window can check a file and show its first
page before SQLAlchemy is even imported (start-up time), and so refusing a
file never depends on anything heavier than the standard library.
"""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from idg_desktop.domain import versions
from idg_desktop.errors import CannotWrite, DamagedFile, FileProblem, NewerSchema, NotAnAssessment
from idg_desktop.storage import migrations, recovery
from idg_desktop.storage.lock import DocumentLock

#: "IDGW" — marks an SQLite file as an IDG Workshop assessment.
APPLICATION_ID = 0x49444757
SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA_VERSION = migrations.SCHEMA_VERSION  # what new files get; see current_schema()


def current_schema() -> int:
    """The schema this version writes (read at call time so tests can pretend a newer one)."""
    return migrations.SCHEMA_VERSION


@dataclass(frozen=True)
class FileFacts:
    """What can be learnt about a file without changing it."""

    path: Path
    schema_version: int
    intact: bool
    problems: tuple[str, ...] = ()
    #: An interrupted write was undone to open it (see recovery.py): say so once.
    recovered: bool = False

    @property
    def current(self) -> bool:
        return self.schema_version == current_schema()


def _readonly_connect(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


class _HotJournal(Exception):
    """SQLite must undo an interrupted write before the file can be read."""


def probe(path: Path, *, full_check: bool = False, lock: DocumentLock | None = None) -> FileFacts:
    """Is ``path`` an assessment this version can open?

    Raises a :class:`FileProblem` naming the file and the problem; returns the
    facts otherwise (``intact`` is False if SQLite's check found damage).

    Reads, never writes, with one exception every way into a file shares: a
    file left mid-write (a hot journal beside it) has the interrupted change
    undone first, under the document lock (``lock`` if the caller holds it),
    and ``recovered`` says so (``recovery.py``).
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileProblem(f"{path} does not exist.") from None
    except OSError as error:
        raise FileProblem(f"{path} cannot be read ({error.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(f"{path} is a folder, not an assessment file.")
    if info.st_size == 0:
        raise NotAnAssessment(f"{path} is empty: it is not an assessment file.")
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise FileProblem(f"{path} cannot be read ({error.strerror}).") from None
    if not header.startswith(SQLITE_HEADER):
        raise NotAnAssessment(f"{path} is not an IDG assessment file.")
    if len(header) < 100:
        raise DamagedFile(f"{path} is damaged: the file is truncated.")
    try:
        return _probe_database(path, full_check)
    except _HotJournal:
        pass
    recovery.roll_back(path, lock)
    try:
        facts = _probe_database(path, full_check)
    except _HotJournal:
        raise CannotWrite(recovery.unrecoverable_sentence(path)) from None
    return replace(facts, recovered=True)


def _needs(connection: sqlite3.Connection) -> str | None:
    """The version a file says it needs (``migrations.NEEDS_META``), if it says."""
    try:
        row = connection.execute(
            "SELECT value FROM meta WHERE key = ?", (migrations.NEEDS_META,)
        ).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _probe_database(path: Path, full_check: bool) -> FileFacts:
    try:
        connection = _readonly_connect(path)
    except sqlite3.Error as error:
        raise FileProblem(f"{path} cannot be opened ({error}).") from None
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise NotAnAssessment(f"{path} is an SQLite database but not an IDG assessment file.")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > current_schema():
            what = f"file schema {version}, this version reads up to {current_schema()}"
            raise NewerSchema(versions.too_new(path, _needs(connection), what))
        if version < 1:
            raise DamagedFile(f"{path} is damaged: it has no schema version.")
        pragma = "integrity_check" if full_check else "quick_check"
        rows = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
        problems = tuple(row for row in rows if row != "ok")
        return FileFacts(path, version, intact=not problems, problems=problems)
    except sqlite3.DatabaseError as error:
        if recovery.is_hot_journal(error):
            raise _HotJournal from None
        message = str(error).lower()
        if "locked" in message or "busy" in message:  # another program is mid-commit
            raise FileProblem(
                f"{path} is busy: another program is writing to it; try again in a moment."
            ) from None
        raise DamagedFile(f"{path} is damaged: {error}.") from None
    finally:
        connection.close()
