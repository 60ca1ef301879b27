"""Keeps a second instance (window or ``idg`` command) off an open document.

The lock is an operating-system lock on ``FILE.lock`` beside the document
(the ``filelock`` package), so a crashed process leaves no stale lock: the
system releases it. The holder writes who it is (host, process, since when)
into the lock file, so the one refused can say where the file is open.
"""

from __future__ import annotations

import json
import os
import socket
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from idg_desktop.errors import CannotWrite, FileLocked


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class DocumentLock:
    def __init__(self, path: Path) -> None:
        self.document = path
        self.path = lock_path_for(path)
        self._lock = FileLock(str(self.path), blocking=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise FileLocked(f"{self.document} is already open {self._holder()}.") from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise CannotWrite(
                f"{self.document} cannot be opened for editing: "
                f"its folder cannot be written ({reason})."
            ) from None
        holder = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        }
        try:
            with open(self.path, "r+", encoding="utf-8") as stream:
                stream.truncate(0)
                stream.write(json.dumps(holder))
        except OSError:
            pass  # the lock holds; only the courtesy message is lost

    def release(self) -> None:
        if self._lock.is_locked:
            # Remove the file while still holding the lock, so no clutter is
            # left beside the document; a contender that opened it meanwhile
            # sees an unlinked inode and retries (filelock checks st_nlink).
            with suppress(OSError):  # e.g. Windows: an open file cannot be removed
                self.path.unlink()
            self._lock.release()

    def _holder(self) -> str:
        try:
            holder = json.loads(self.path.read_text(encoding="utf-8"))
            return f"on {holder['host']} (process {holder['pid']}, since {holder['since']})"
        except (OSError, ValueError, KeyError, TypeError):
            return "in another window or program"
