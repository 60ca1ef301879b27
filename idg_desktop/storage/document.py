"""The ``.idg`` file: one SQLite database per assessment.

What this module guarantees (PRODUCT.md §3, ECOSYSTEM.md):

* a file is recognised by ``PRAGMA application_id`` and its schema version in
  ``PRAGMA user_version``; anything else is refused before a byte is written;
* every edit is one transaction, committed at once, with the default rollback
  journal and ``synchronous=FULL`` (no ``-wal``/``-shm`` files beside it);
* before each commit the file's identity is checked, so a file deleted, moved
  or replaced while open is reported instead of written into a ghost inode;
* a second instance is refused with where the file is open (``lock.py``);
* older files are upgraded after a backup copy (``migrations.py``), newer
  ones refused.

Why it is long (a little over 400 lines): it is the file's whole life cycle (open,
create, edit, undo, save a copy, close) around one class, kept together as
the house example (``edit()``); the format probe (``fileformat.py``), the lock
(``lock.py``), the upgrades and undo already live beside it.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from idg_desktop.atomic import follow_umask
from idg_desktop.config import installation_id
from idg_desktop.errors import (
    CannotWrite,
    DamagedFile,
    FileProblem,
    FileReplaced,
)
from idg_desktop.storage import migrations, undo
from idg_desktop.storage.fileformat import (  # noqa: F401 - re-exported for callers
    APPLICATION_ID,
    SCHEMA_VERSION,
    SQLITE_HEADER,
    FileFacts,
    _readonly_connect,
    current_schema,
    probe,
)
from idg_desktop.storage.lock import DocumentLock
from idg_desktop.storage.models import Base, Meta

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _engine_for(connect: Callable[[], sqlite3.Connection]) -> Engine:
    """One connection, with SQLAlchemy's BEGIN emitted by us (pysqlite's own
    transaction handling would leave DDL outside transactions)."""
    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _writable_connect(path: Path) -> Callable[[], sqlite3.Connection]:
    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(path, isolation_level=None, timeout=5)
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    return connect


def _readonly_connect_factory(path: Path) -> Callable[[], sqlite3.Connection]:
    def connect() -> sqlite3.Connection:
        connection = _readonly_connect(path)
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    return connect


def storage_error(path: Path, error: BaseException) -> FileProblem | None:
    """The user's sentence for an SQLite error that is not a bug, else None.

    Locked, read-only, full disk, I/O and "not a database" errors are
    conditions of the file or the machine; anything else is a bug.
    """
    original = getattr(error, "orig", error)
    message = str(original).lower()
    if "readonly" in message or "read-only" in message:
        return CannotWrite(f"{path} cannot be written: the file or its folder is read-only.")
    if "locked" in message or "busy" in message:
        return FileProblem(f"{path} is busy: another program is writing to it.")
    if "disk is full" in message or "full" in message:
        return CannotWrite(f"{path} cannot be written: the disk is full.")
    if "disk i/o" in message or "unable to open" in message:
        return CannotWrite(f"{path} cannot be written: the disk or stick is not available.")
    if "malformed" in message or "not a database" in message:
        return DamagedFile(f"{path} is damaged: {original}.")
    return None


class AssessmentDocument:
    """An open assessment file and the session that edits it.

    Use :meth:`create` or :meth:`open`, then :meth:`edit` for each change (one
    transaction, committed at once) or :attr:`session` to read.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool,
        lock: DocumentLock | None,
        clock: Clock = utc_now,
        origin: str | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.clock = clock
        self.origin = origin if origin is not None else installation_id()
        self.upgraded_from: int | None = None
        #: An interrupted write was undone to open it (recovery.py); say so once.
        self.recovered = False
        self.backup_path: Path | None = None
        self._lock = lock
        self._undo_enabled = False
        self._edit_depth = 0  # edits begun and not yet ended (nested ones join the first)
        self._identity = _file_identity(path)
        self.session = Session(engine, expire_on_commit=False, autoflush=True)

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        clock: Clock = utc_now,
        lock: DocumentLock | None = None,
    ) -> AssessmentDocument:
        """Open an existing file, upgrading it (after a backup) if older.

        Raises a :class:`FileProblem` with the user's sentence; the file is
        left untouched by every refusal. A file left mid-write is recovered
        first (``recovered`` is then True: tell the user once). ``lock``: one
        the caller acquired already (it is released on refusal, and by
        :meth:`close`).
        """
        path = Path(path)
        try:
            facts = probe(path, lock=lock)
            if not facts.intact:
                raise DamagedFile(f"{path} is damaged: {facts.problems[0]}.")
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if read_only:
            if not facts.current:
                raise FileProblem(
                    f"{path} uses an older schema ({facts.schema_version}); open it for "
                    "editing once to upgrade it."
                )
            engine = _engine_for(_readonly_connect_factory(path))
            document = cls(path, engine, read_only=True, lock=None, clock=clock)
            document.recovered = facts.recovered
            return document
        if lock is None:  # else the caller (the window) already holds it
            lock = DocumentLock(path)
            lock.acquire()
        try:
            if not os.access(path, os.W_OK):
                raise CannotWrite(f"{path} cannot be written: the file is read-only.")
            engine = _engine_for(_writable_connect(path))
            document = cls(path, engine, read_only=False, lock=lock, clock=clock)
            document.recovered = facts.recovered
        except BaseException:
            lock.release()
            raise
        if not facts.current:
            try:
                document._upgrade(facts.schema_version)
            except BaseException:
                document.close()
                raise
        return document

    def _upgrade(self, from_version: int) -> None:
        raw = self.engine.raw_connection()
        try:
            self.backup_path = migrations.upgrade(raw.driver_connection, self.path, from_version)
        except sqlite3.Error as error:
            problem = storage_error(self.path, error)
            if problem:
                raise problem from None
            raise
        finally:
            raw.close()
        self.upgraded_from = from_version

    @classmethod
    def create(
        cls,
        path: Path | str,
        populate: Callable[[AssessmentDocument], None],
        *,
        clock: Clock = utc_now,
        origin: str | None = None,
    ) -> AssessmentDocument:
        """Make a new file at ``path``; refuses to replace an existing one.

        The file is built under a temporary name beside the target and
        renamed into place once complete, so a failure leaves nothing behind.
        ``populate`` fills the new document inside one transaction.
        """
        path = Path(path)
        if path.exists() or path.is_symlink():
            raise CannotWrite(f"{path} already exists; choose another name.")
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise CannotWrite(f"Cannot create {path}: the folder {folder} does not exist.")
        try:
            handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            os.close(handle)
        except OSError as error:
            raise CannotWrite(
                f"Cannot create {path}: the folder cannot be written ({error.strerror})."
            ) from None
        temp = Path(temp_name)
        try:
            os.unlink(temp)  # SQLite must create the file itself
            engine = _engine_for(_writable_connect(temp))
            document = cls(temp, engine, read_only=False, lock=None, clock=clock, origin=origin)
            try:
                with document.engine.begin() as connection:
                    Base.metadata.create_all(connection)
                    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                    connection.exec_driver_sql(f"PRAGMA user_version = {current_schema()}")
                document._identity = _file_identity(temp)
                with document.edit() as session:
                    session.add(Meta(key="schema_version", value=str(current_schema())))
                    session.add(Meta(key=migrations.NEEDS_META, value=migrations.needs_version()))
                    populate(document)
            finally:
                document.close()
            if path.exists():
                raise CannotWrite(f"{path} already exists; choose another name.")
            os.replace(temp, path)
        except BaseException as error:
            with suppress(OSError):
                temp.unlink()
            is_sqlite = isinstance(error, sqlite3.Error | DBAPIError)
            problem = storage_error(path, error) if is_sqlite else None
            if problem:
                raise problem from None
            if isinstance(error, OSError):
                raise CannotWrite(f"Cannot create {path} ({error.strerror or error}).") from None
            raise
        return cls.open(path, clock=clock)

    # -- editing -------------------------------------------------------------

    @contextmanager
    def edit(self) -> Iterator[Session]:
        """One change: everything done in the block is committed at once, or
        nothing is (an exception rolls the whole block back).

        Edits nest: one begun inside another joins it (one unit of work), so a
        service composed of others — a merge saving answers through
        ``save_answer`` — is still one transaction, committed by the outermost
        edit. An inner edit runs in a savepoint: if it fails, what it did is
        undone and its exception goes on to the enclosing block.
        """
        if self.read_only:
            raise CannotWrite(f"{self.path} is open read-only.")
        if self._edit_depth:
            self._edit_depth += 1
            try:
                with self.session.begin_nested():
                    yield self.session
            finally:
                self._edit_depth -= 1
            return
        self._check_identity()
        self._edit_depth = 1
        try:
            yield self.session
            self.session.flush()
            self._check_identity()
            self.session.commit()
        except BaseException as error:
            self.session.rollback()
            if isinstance(error, DBAPIError):
                # SQLite itself refuses to write into a moved file
                # (SQLITE_READONLY_DBMOVED): say what really happened.
                self._check_identity()
                problem = storage_error(self.path, error)
                if problem:
                    raise problem from None
            raise
        finally:
            self._edit_depth = 0

    def _check_identity(self) -> None:
        """Refuse to commit into a file that was deleted, moved or replaced:
        on Linux SQLite would go on writing to the unlinked inode, silently."""
        if _file_identity(self.path) != self._identity:
            raise FileReplaced(
                f"{self.path} was moved, deleted or replaced while open; this change was "
                "not saved. Use Save a copy to keep the work somewhere safe."
            )

    # -- undo and redo (used by the window; see undo.py) ----------------------

    def enable_undo(self) -> None:
        """Start logging how to reverse every change made from now on."""
        if self.read_only or self._undo_enabled:
            return
        raw = self.engine.raw_connection()
        try:
            undo.install(raw.driver_connection)
        finally:
            raw.close()
        self._undo_enabled = True

    def _driver(self) -> sqlite3.Connection:
        return self.session.connection().connection.driver_connection

    def undo_mark(self) -> int:
        return undo.mark(self._driver()) if self._undo_enabled else 0

    def undo_step_since(self, before: int) -> undo.Step | None:
        return undo.step_since(self._driver(), before) if self._undo_enabled else None

    def replay(self, step: undo.Step) -> undo.Step:
        """Reverse a step (undo, or redo of an undo), committed at once like any
        edit; returns the step that reverses it again."""
        with self.edit():
            reverse = undo.replay(self._driver(), step)
        self.session.expire_all()
        return reverse

    def now(self) -> datetime:
        return self.clock()

    # -- facts and copies ----------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        value = self.session.scalar(select(Meta.value).where(Meta.key == key))
        return default if value is None else value

    def schema_version(self) -> int:
        return int(self.session.execute(text("PRAGMA user_version")).scalar_one())

    def save_copy(
        self, target: Path | str, progress: Callable[[int, int], None] | None = None
    ) -> Path:
        """Write a consistent copy through SQLite's backup API, atomically:
        into a temporary file beside the target, then renamed into place and
        read back (ECOSYSTEM.md: never trust a USB stick's sync). ``progress``
        receives (pages copied, total) as the copy advances."""
        target = Path(target)
        folder = target.parent if str(target.parent) else Path(".")
        try:
            handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
            os.close(handle)
        except OSError as error:
            raise CannotWrite(f"Cannot write {target} ({error.strerror}).") from None
        temp = Path(temp_name)
        try:
            follow_umask(temp)
            raw = self.engine.raw_connection()
            try:
                migrations.backup_copy(raw.driver_connection, temp, progress)
            finally:
                raw.close()
            with open(temp, "rb+") as stream:
                os.fsync(stream.fileno())
            os.replace(temp, target)
        except OSError as error:
            with suppress(OSError):
                temp.unlink()
            raise CannotWrite(f"Cannot write {target} ({error.strerror or error}).") from None
        except BaseException:
            with suppress(OSError):
                temp.unlink()
            raise
        facts = probe(target, full_check=True)
        if not facts.intact:
            raise CannotWrite(f"The copy {target} did not read back intact; write it again.")
        return target

    def close(self) -> None:
        self.session.close()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> AssessmentDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
