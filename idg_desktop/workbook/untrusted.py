"""Opening a workbook that comes back from elsewhere, as untrusted input.

openpyxl parses through defusedxml when it is installed (it is a dependency),
the file's size is bounded before it is unzipped, and any failure of an
untrusted file is one sentence. Shared by the full workbook's reader and the
fill-in workbook's.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import defusedxml  # noqa: F401  # openpyxl parses through it when it is installed
import openpyxl

from idg_desktop.errors import InvalidInput


def read_untrusted(source: Path, max_bytes: int, what: str) -> bytes:
    """The file's bytes, refused when unreadable or larger than ``max_bytes``
    ("... is too large to be ``what``")."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {source} ({error.strerror or error}).") from None
    if len(data) > max_bytes:
        raise InvalidInput(f"{source} is too large to be {what}.")
    return data


def open_book(data: bytes, source: Path, *, data_only: bool = False) -> Any:
    """The workbook (formulas kept, never evaluated; ``data_only``: their cached values)."""
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception:  # an untrusted file can fail in any of openpyxl's ways
        raise InvalidInput(f"{source} is not an Excel workbook (.xlsx) that can be read.") from None
