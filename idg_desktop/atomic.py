"""Writing output files so that a pulled USB stick or a crash costs nothing.

The content goes to a temporary file beside the target, is flushed and
synced, renamed into place, then read back and compared (ECOSYSTEM.md:
sticks lie about syncs). What ``QSaveFile`` does, without Qt in the core.

Permissions: every file the application writes (the assessment file, its
copies, packages, workbooks, PDFs, JSON) gets the mode an ordinary program
would give it, ``0o666`` less the user's umask, like the assessment file that
SQLite creates. ``mkstemp`` makes its temporary file ``0o600`` whatever the
umask, and a rename keeps that mode: a PDF saved into a shared folder could
not be opened by colleagues. So the temporary file is given the umask's mode
before it takes the target's name (:func:`follow_umask`). Confidentiality is
the folder's and the disk's business, as for every other document the user
keeps there.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from idg_desktop.errors import CannotWrite


def _umask_from_proc() -> int | None:
    """The process's umask from ``/proc/self/status`` (Linux 4.7+), read
    without changing it; None where there is no such file."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return None


def _umask_by_setting() -> int:
    # Setting the umask to read it is process-wide: done once, at import, on
    # the main thread, before any worker thread writes a file.
    current = os.umask(0o077)
    os.umask(current)
    return current


_UMASK_AT_START = _umask_from_proc()
if _UMASK_AT_START is None:
    _UMASK_AT_START = _umask_by_setting()


def current_umask() -> int:
    found = _umask_from_proc()
    return _UMASK_AT_START if found is None else found


def follow_umask(path: Path | str, handle: int | None = None) -> None:
    """Give a file made by ``mkstemp`` the mode the umask gives new files."""
    mode = 0o666 & ~current_umask()
    if handle is not None and sys.platform != "win32":
        os.fchmod(handle, mode)
    else:
        os.chmod(path, mode)


def write_atomically(
    target: Path | str, data: bytes, check: Callable[[Path], None] | None = None
) -> Path:
    """Write ``data`` to ``target``. ``check(temporary path)``, if given, reads the
    written file before it takes the target's name; whatever it raises leaves
    the target as it was (an exporter's read-back of its own output)."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise CannotWrite(f"Cannot write {target}: it is a folder.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise CannotWrite(f"Cannot write {target} ({error.strerror or error}).") from None
    try:
        follow_umask(temp_name, handle)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if check is not None:
            check(Path(temp_name))
        os.replace(temp_name, target)
        if target.read_bytes() != data:
            raise CannotWrite(f"{target} did not read back as written; write it again.")
    except OSError as error:
        with suppress(OSError):
            os.unlink(temp_name)
        raise CannotWrite(f"Cannot write {target} ({error.strerror or error}).") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    return target
