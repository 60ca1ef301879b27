"""Cells of the assessment workbook: how a column's value goes to a cell and back.

Cell conventions: every text is a string cell (never a formula, whatever its
first character), timestamps are ISO text with ``Z`` exactly as in the JSON
export, dates are text, booleans are ``yes``/``no``, lists of ids are
comma-separated, numbers are numbers, a closed list's values are written in
people's words (``Column.labels``: "Private sector", "Partially effective")
and read back from those words or from the values themselves. Reading accepts what Excel may make of
them (``TRUE`` for yes, ``3.0`` for 3) and refuses anything else with the
reason, for the importer to name the sheet and row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

CELL_LIMIT = 32_767  # the most characters an Excel cell holds
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,35}$")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TRUE, _FALSE = {"yes", "true", "1"}, {"no", "false", "0"}


REQUIRED = "<required>"


class CellError(ValueError):
    """A cell whose value cannot be read; the message says what is wrong."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text id ref int opt_int bool opt_bool time opt_time list choice
    width: int = 18
    choices: tuple[str, ...] = ()
    optional: bool = False  # a choice column that may be left empty...
    empty: Any = None  # ...and the value it then has
    info: bool = False
    rating: bool = False
    #: A column added after the first workbooks: when a workbook lacks it,
    #: every row reads ``absent`` (``REQUIRED``: the column must be there).
    absent: Any = "<required>"
    #: The words people read for a closed list's values, ``(value, label)``:
    #: the cell shows the label; reading takes the label or the value back.
    labels: tuple[tuple[str, str], ...] = ()

    @property
    def required(self) -> bool:
        return self.absent == REQUIRED

    def label(self, value: str) -> str:
        return dict(self.labels).get(value, value)

    def value_of(self, text: str) -> str | None:
        """The value whose label (any case, spaces collapsed) is ``text``; ``None``: none."""
        wanted = " ".join(text.split()).casefold()
        return next((v for v, label in self.labels if label.casefold() == wanted), None)


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str
    columns: tuple[Column, ...]
    vertical: bool = False  # one record as Field/Value rows (the scope)
    hidden: bool = False
    since: int = 1  # the workbook format version that added the sheet

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def to_cell(column: Column, value: Any) -> Any:
    """The cell value for a row value; texts stay texts (the writer sets the type)."""
    kind = column.kind
    if value is None or value == "":
        return None
    if kind in {"bool", "opt_bool"}:
        return "yes" if value else "no"
    if kind == "list":
        return ", ".join(value) if value else None
    if kind in {"int", "opt_int"}:
        return int(value)
    if column.labels:
        return column.label(str(value))
    return str(value)


def _time(value: datetime) -> str:
    return value.isoformat(timespec="microseconds") + "Z"


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.removesuffix("Z"))


def from_cell(column: Column, raw: Any) -> Any:
    """The row value a cell holds, or :class:`CellError` saying what is wrong."""
    kind = column.kind
    if isinstance(raw, datetime):
        raise CellError("holds a date, not text; write it as text (YYYY-MM-DD)")
    if isinstance(raw, bool):
        raw = "yes" if raw else "no"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if raw is None or raw == "":
        return _empty(column)
    if kind in {"int", "opt_int"}:
        if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()):
            return int(raw)
        raise CellError(f"'{_short(raw)}' is not a whole number")
    if not isinstance(raw, str):
        raw = str(raw)
    if kind == "text":
        return raw
    value = raw.strip()
    if not value:
        return _empty(column)
    if kind in {"id", "ref"}:
        if not _ID.match(value):
            raise CellError(f"'{_short(value)}' is not a record id")
        return value
    if kind == "list":
        items = [item for item in re.split(r"[\s,;]+", value) if item]
        for item in items:
            if not _ID.match(item):
                raise CellError(f"'{_short(item)}' is not an id")
        return items
    if kind in {"bool", "opt_bool"}:
        if value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        raise CellError(f"'{_short(value)}' is not yes or no")
    if kind in {"time", "opt_time"}:
        try:
            moment = parse_time(value)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is not None:
            raise CellError(f"'{_short(value)}' is not a UTC time such as 2026-03-09T08:00:00Z")
        return _time(moment)
    if kind == "choice":
        if value.lower() in column.choices:  # the value itself (workbooks before labels)
            return value.lower()
        labelled = column.value_of(value)
        if labelled is not None:
            return labelled
        shown = [column.label(c) for c in column.choices]
        raise CellError(f"'{_short(value)}' is not one of {', '.join(shown)}")
    raise AssertionError(kind)


def _empty(column: Column) -> Any:
    kind = column.kind
    if kind in {"text"}:
        return ""
    if kind in {"ref", "opt_int", "opt_bool", "opt_time"}:
        return None
    if kind == "list":
        return []
    if kind == "choice" and column.optional:
        return column.empty
    raise CellError("is empty")


def _short(value: Any) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:37] + "..."


def unwritable(value: Any) -> str | None:
    """Why Excel cannot hold this text exactly (``None``: it can)."""
    if not isinstance(value, str):
        return None
    if len(value) > CELL_LIMIT:
        return f"is longer than the {CELL_LIMIT:,} characters an Excel cell holds"
    if _BAD_CHARS.search(value):
        return "contains a control character (such as a carriage return) Excel cannot keep"
    return None


def kept(sheet: Sheet, row: dict[str, Any]) -> dict[str, Any]:
    """The values of a row as import reads them back (``info`` columns left out;
    an absent or empty value as an empty cell reads)."""
    found = {}
    for column in sheet.columns:
        if not column.info:
            value = row.get(column.key)
            found[column.key] = _blank(column) if value is None or value == "" else value
    return found


def _blank(column: Column) -> Any:
    try:
        return _empty(column)
    except CellError:
        return None
