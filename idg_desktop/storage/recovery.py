"""A file left mid-write is recovered, never refused.

When the process writing a file dies inside a transaction (a crash, a kill, a
flat battery, a stick pulled out), SQLite leaves a *hot journal*
(``FILE-journal``) beside the file: the original pages of what was being
changed. The next read-write connection rolls it back and the file is whole
again, as it was after the last completed change. A read-only connection
cannot, and fails with SQLITE_READONLY_ROLLBACK ("attempt to write a readonly
database"), which used to read as damage.

Every way into a file goes through :func:`fileformat.probe`, which calls
:func:`roll_back` when SQLite says the journal is hot. SQLite decides, not the
journal's mere presence: while another connection is writing, its journal is
live and SQLite reads past it. The roll-back happens under the document lock;
if another instance holds it, the file is refused as open elsewhere and
nothing is touched. If the file or its folder cannot be written (a read-only
medium), nothing is touched either, and the sentence says what to do.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from idg_desktop.errors import CannotWrite, DamagedFile, FileProblem
from idg_desktop.storage.lock import DocumentLock


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def is_hot_journal(error: BaseException) -> bool:
    """Did SQLite refuse a read because an interrupted write must be undone first?"""
    return getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK"


def recovered_sentence(path: Path) -> str:
    return (
        f"{path}: an interrupted change was undone (the file was left mid-write, e.g. by a "
        "crash or a pulled stick); everything saved before it is intact."
    )


def unrecoverable_sentence(path: Path) -> str:
    return (
        f"{path} was left mid-write (e.g. by a crash or a pulled stick) and the interrupted "
        "change cannot be undone here because the file or its folder is read-only: copy "
        f"{path.name} and {path.name}-journal together to a writable place and open the copy."
    )


def _can_write(place: Path) -> bool:
    """False on a read-only medium (even for root) or without write permission."""
    return os.access(place, os.W_OK)


def roll_back(path: Path, lock: DocumentLock | None = None) -> None:
    """Let SQLite undo the interrupted write beside ``path`` (its hot journal).

    ``lock``: the document lock if the caller holds it already; otherwise one
    is taken for the roll-back and released after. Raises ``FileLocked`` if
    another instance holds it (its journal may be live), ``CannotWrite`` with
    :func:`unrecoverable_sentence` if the file or its folder cannot be
    written. Neither refusal touches the file or the journal.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not (_can_write(path) and _can_write(folder)):
        raise CannotWrite(unrecoverable_sentence(path))
    own = lock is None
    if lock is None:
        lock = DocumentLock(path)
        try:
            lock.acquire()  # FileLocked: open elsewhere, refused as usual
        except CannotWrite:
            raise CannotWrite(unrecoverable_sentence(path)) from None
    try:
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=5)
            try:
                # Reading the schema takes SQLite's shared lock, and with it the
                # check for a hot journal: it is played back and deleted here.
                connection.execute("PRAGMA schema_version").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:
            message = str(error).lower()
            if is_hot_journal(error) or "readonly" in message or "read-only" in message:
                raise CannotWrite(unrecoverable_sentence(path)) from None
            if "locked" in message or "busy" in message:
                raise FileProblem(f"{path} is busy: another program is writing to it.") from None
            raise DamagedFile(f"{path} is damaged: {error}.") from None
    finally:
        if own:
            lock.release()
