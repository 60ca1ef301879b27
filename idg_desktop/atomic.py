"""Writing output files so that a pulled USB stick or a crash costs nothing.

The content goes to a temporary file beside the target, is flushed and
synced, renamed into place, then read back and compared (ECOSYSTEM.md:
sticks lie about syncs). What ``QSaveFile`` does, without Qt in the core.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from idg_desktop.errors import CannotWrite


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
