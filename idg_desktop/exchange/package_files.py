"""A group package's file: its suffix, its readable name, and what was written.

Apart from ``package_batch.py`` (which writes every group's package and the
passphrase slips) so that the packages (``packages.py``, naming a working
copy) and the slips (``reports/slips.py``) read these without importing the
batch that imports them: no cycle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".idgpkg"
#: Characters refused by Windows or FAT (and "/" everywhere), replaced.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # en and em dashes, minus: a hyphen
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}
MAX_STEM = 80  # well inside every file system's 255, leaving room for a folder path


def package_file_name(group_name: str) -> str:
    """A readable file name safe on Windows, macOS, Linux and FAT sticks:
    'Group C – Automation, reform, conduct' -> 'Group C - Automation, reform, conduct.idgpkg'."""
    text = unicodedata.normalize("NFC", group_name)
    text = _DASHES.sub("-", text)
    text = _FORBIDDEN.sub(" ", text)
    text = " ".join(text.split())  # tabs, runs of spaces
    text = text[:MAX_STEM].strip(" .")  # Windows drops trailing dots and spaces
    if not text or text.split(".")[0].upper() in _RESERVED:
        text = f"Group {text}".strip()
    return f"{text}{SUFFIX}"


@dataclass(frozen=True)
class WrittenPackage:
    group: str
    path: Path
    sections: list[str]
    passphrase: str | None  # None: unprotected (never printed by the command line)
