"""``idg import workbook``: a new assessment file from an ``idg export xlsx`` workbook.

The workbook comes back from elsewhere, maybe edited in Excel, so it is read
as untrusted input, like the fill-in workbooks (``untrusted.py``): openpyxl
parses it through defusedxml, formulas are never evaluated (a cell holding
one is refused: type its value instead), every value is checked again (types here,
closed lists, references between records and duplicates in ``checks.py``),
and one problem refuses the whole workbook with every problem listed by
sheet and row. Only then is the new file built (``rebuild.py``), under a
temporary name, and renamed into place once complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from idg_desktop.domain import versions
from idg_desktop.domain.framework import bundled_framework
from idg_desktop.errors import CannotWrite, InvalidInput
from idg_desktop.storage.document import AssessmentDocument, current_schema
from idg_desktop.workbook.cells import CellError, Sheet, from_cell
from idg_desktop.workbook.checks import check_rows
from idg_desktop.workbook.layout import FORMAT_VERSION, SHEET, SHEETS, TECHNICAL_SHEET
from idg_desktop.workbook.untrusted import open_book, read_untrusted

MAX_BYTES = 100 * 1024 * 1024  # far above any real assessment; refuses zip bombs early
MAX_ROWS = 200_000
MAX_PROBLEMS = 12

Rows = dict[str, list[dict[str, Any]]]


def _load(source: Path) -> Any:
    return open_book(read_untrusted(source, MAX_BYTES, "an assessment workbook"), source)


def read_workbook(source: Path | str) -> tuple[Rows, list[str]]:
    """Every sheet's rows (``_row``: the sheet's row number), and every problem
    of form found (missing sheets or columns, formulas, values of the wrong type)."""
    source = Path(source)
    book = _load(source)
    if TECHNICAL_SHEET not in book.sheetnames:
        raise InvalidInput(
            f"{source} is not an assessment workbook written by 'idg export xlsx' "
            f"(it has no {TECHNICAL_SHEET} sheet)."
        )
    rows: Rows = {}
    problems: list[str] = []
    version = _format_version(book[TECHNICAL_SHEET])
    _refuse_newer(source, book[TECHNICAL_SHEET], version)
    for sheet in SHEETS:
        if sheet.name not in book.sheetnames:
            if sheet.since > version:  # an older workbook, written before the sheet
                rows[sheet.key] = []
            else:
                problems.append(f"the sheet {sheet.name} is missing")
            continue
        ws = book[sheet.name]
        if ws.max_row > MAX_ROWS:
            problems.append(f"{sheet.name} has more than {MAX_ROWS:,} rows")
            continue
        reader = _read_vertical if sheet.vertical else _read_table
        rows[sheet.key] = reader(ws, sheet, problems)
    return rows, problems


def _technical(ws: Any, key: str) -> Any:
    """The value the technical sheet gives for ``key`` (None when it has no row)."""
    header = SHEET["technical"].column(key).header
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == header:
            return ws.cell(row=row, column=2).value
    return None


def _number(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _format_version(ws: Any) -> int:
    """The format version the technical sheet names (1 when it cannot be read:
    its own check then names the problem)."""
    return _number(_technical(ws, "format_version")) or 1


def _refuse_newer(source: Path, ws: Any, version: int) -> None:
    """A workbook of a newer format, or from a file of a newer schema, is
    refused in one sentence naming the version it needs, before any sheet is read."""
    schema = _number(_technical(ws, "schema_version")) or 0
    if version > FORMAT_VERSION:
        what = f"workbook format {version}, this version reads up to {FORMAT_VERSION}"
    elif schema > current_schema():
        what = f"file schema {schema}, this version reads up to {current_schema()}"
    else:
        return
    raise InvalidInput(versions.too_new(source, _technical(ws, "needs_version"), what))


def _value(ws: Any, row: int, column: int, spec: Any, where: str, problems: list[str]) -> Any:
    cell = ws.cell(row=row, column=column)
    if cell.data_type == "f":
        problems.append(f"{where}, {spec.header}: the cell holds a formula; type its value instead")
        return None
    try:
        return from_cell(spec, cell.value)
    except CellError as error:
        problems.append(f"{where}, {spec.header}: {error}")
        return None


def _read_table(ws: Any, sheet: Sheet, problems: list[str]) -> list[dict[str, Any]]:
    headers: dict[str, int] = {}
    for column in range(1, ws.max_column + 1):
        value = ws.cell(row=1, column=column).value
        if isinstance(value, str) and value.strip():
            headers.setdefault(value.strip(), column)
    absent = [c for c in sheet.columns if not c.info and c.header not in headers]
    wanted = [c for c in sheet.columns if not c.info and c.header in headers]
    missing = [c.header for c in absent if c.required]
    if missing:
        problems.append(
            f"{sheet.name}, row 1: the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)} {'are' if len(missing) > 1 else 'is'} missing"
        )
        return []
    found = []
    for row in range(2, ws.max_row + 1):
        if all(ws.cell(row=row, column=headers[c.header]).value in (None, "") for c in wanted):
            continue  # an empty row (Excel keeps formatted ones)
        where = f"{sheet.name}, row {row}"
        record: dict[str, Any] = {"_row": row}
        for spec in wanted:
            record[spec.key] = _value(ws, row, headers[spec.header], spec, where, problems)
        record.update((spec.key, spec.absent) for spec in absent)
        found.append(record)
    return found


def _read_vertical(ws: Any, sheet: Sheet, problems: list[str]) -> list[dict[str, Any]]:
    lines: dict[str, int] = {}
    for row in range(2, ws.max_row + 1):
        label = ws.cell(row=row, column=1).value
        if isinstance(label, str) and label.strip():
            lines.setdefault(label.strip(), row)
    record: dict[str, Any] = {"_row": 1}
    for spec in sheet.columns:
        if spec.header not in lines:
            if spec.required:
                problems.append(f"{sheet.name}: the field {spec.header!r} is missing")
            else:
                record[spec.key] = spec.absent
            continue
        row = lines[spec.header]
        record[spec.key] = _value(ws, row, 2, spec, f"{sheet.name}, row {row}", problems)
    return [record]


class SharingVersion(InvalidInput):
    """A version for sharing (``sharing``: "public", "pseudonymised" or both)
    offered for import: it lacks what a rebuild needs. The command line names
    the flags that wrote it (``cli/exports.py``)."""

    def __init__(self, source: Path, sharing: str) -> None:
        self.source, self.sharing = source, sharing
        super().__init__(
            f"{source} is a version for sharing ({sharing}): it cannot rebuild the "
            "assessment; import the full workbook instead."
        )


def import_workbook(source: Path | str, target: Path | str) -> AssessmentDocument:
    """A new assessment at ``target`` (which must not exist) from the workbook,
    or a refusal listing every problem; the caller closes the document."""
    from idg_desktop.workbook.rebuild import build_document

    source, target = Path(source), Path(target)
    if target.exists() or target.is_symlink():
        raise CannotWrite(f"{target} already exists; choose another name.")
    rows, problems = read_workbook(source)
    sharing = (rows.get("technical") or [{}])[0].get("sharing")
    if sharing:
        raise SharingVersion(source, sharing)
    framework = bundled_framework()
    problems += check_rows(rows, framework)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        raise InvalidInput(
            f"{source} cannot be imported: "
            + "; ".join(shown)
            + (f"; and {more} more problem{'s' if more > 1 else ''}" if more else "")
            + "."
        )
    return build_document(rows, target, framework)
