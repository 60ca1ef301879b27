"""Filling in translated messages: ``fmt(self.tr("Saved %1 to %2"), name, folder)``.

Qt's markers (``%1`` … ``%9``), filled in one pass as ``QString.arg`` does, so a
value that itself holds ``%2`` stays as it is, and a translation may put the
markers in any order. Markers beyond the values given are left for a later call.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

_MARKER = re.compile(r"%([1-9])(?![0-9])")


def fmt(template: str, *values: object) -> str:
    """``template`` with ``%1`` replaced by the first value, ``%2`` by the second…"""
    shown = [str(value) for value in values]

    def fill(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return shown[number - 1] if number <= len(shown) else match.group(0)

    return _MARKER.sub(fill, template)


def translated(context: str, table: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{value: label}`` from a declared table of ``(value, English label)``
    pairs, each label translated in ``context``.

    Declare the labels with ``QT_TRANSLATE_NOOP(context, "…")`` (the same
    context), so that pyside6-lupdate finds them where they are written."""
    return {value: QCoreApplication.translate(context, text) for value, text in table}


def path_markup(path: object) -> str:
    """A file's path for a rich-text sentence: on one line, never broken after
    its first "/" ("/" then "tmp/…" on the next line)."""
    return f"<nobr>{html.escape(str(path))}</nobr>"
