"""``idg export xlsx``: the whole assessment as an Excel workbook.

One sheet per part of the assessment, in the IDG's words, then the sheets
that carry the rest of what ``idg export json`` holds (histories, the results
chain, sessions, documents...), and a hidden technical sheet (format and
framework). Layout in ``layout.py``; ``docs/xlsx-export.md`` lists it.

The workbook is written to a temporary file beside the target and read back
from disk with the importer's own reader before it takes the target's name:
every row must come back with the values written, or the export fails and
the target is left as it was.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from idg_desktop.atomic import write_atomically
from idg_desktop.domain.colours import RATING_COLOURS, rating_text_colour
from idg_desktop.errors import CannotWrite, InvalidInput
from idg_desktop.exports.json_export import export_assessment
from idg_desktop.exports.sharing import for_sharing, sharing_label
from idg_desktop.services.assessment import terms_of_reference_fields
from idg_desktop.services.by_section import positions, question_texts
from idg_desktop.services.plan import hidden_ids
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook.cells import Column, Sheet, kept, to_cell, unwritable
from idg_desktop.workbook.layout import SHARING_SHEET, SHEETS
from idg_desktop.workbook.rows import flatten

HEADER_FILL = PatternFill(fill_type="solid", fgColor="FFDDE3EA")
HEADER_FONT = Font(bold=True)
TECHNICAL_FONT = Font(bold=True, color="FF6B7480")  # ids and bookkeeping, after the content
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_PROBLEMS = 10


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def assessment_rows(
    document: AssessmentDocument, *, public: bool = False, pseudonymise: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """The rows of every sheet for this document (a version for sharing with
    ``public`` or ``pseudonymise``: ``exports/sharing.py``)."""
    extras = {
        "positions": positions(document),
        "questions": question_texts(document),
        "terms_labels": {f["key"]: f["label"] for f in terms_of_reference_fields(document)},
        "sharing": sharing_label(public, pseudonymise),
    }
    payload = export_assessment(document)
    if public or pseudonymise:
        hidden = hidden_ids(document) if public else set()
        payload = for_sharing(payload, hidden, public=public, pseudonymise=pseudonymise)
    return flatten(payload, extras)


SHARING_FILL = PatternFill(fill_type="solid", fgColor="FFFFF2CC")
SHARING_FONT = Font(bold=True, size=13, color="FF9C2700")


def _sharing_notice(book: openpyxl.Workbook, sharing: str) -> None:
    """The first sheet of a version for sharing says, at the top, what it is."""
    ws = book.create_sheet(SHARING_SHEET, 0)
    lines = [
        f"Version for sharing ({sharing}).",
        "This workbook cannot rebuild the assessment: 'idg import workbook' refuses it.",
    ]
    if "public" in sharing:
        lines.append(
            "Answers, findings and parts of the action plan marked confidential are left out."
        )
    if "pseudonymised" in sharing:
        lines.append("Participants are named by their role and initials.")
    ws.column_dimensions["A"].width = 100
    _page(ws, landscape=False, title="", print_area=f"A1:A{len(lines)}", header_row=False)
    for number, text in enumerate(lines, start=1):
        cell = ws.cell(row=number, column=1, value=text)
        cell.data_type = "s"
        cell.font = SHARING_FONT if number == 1 else Font(bold=number == 2)
        cell.fill = SHARING_FILL
        cell.alignment = WRAP


def build_workbook(rows: dict[str, list[dict[str, Any]]]) -> openpyxl.Workbook:
    """The workbook for ``rows``; refuses text Excel cannot hold exactly."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    sharing = rows["technical"][0].get("sharing") if rows.get("technical") else ""
    if sharing:
        _sharing_notice(book, sharing)
    problems: list[str] = []
    scope = (rows.get("scope") or [{}])[0]
    title = str(scope.get("title") or "")
    for sheet in SHEETS:
        _write_sheet(book.create_sheet(sheet.name), sheet, rows[sheet.key], problems)
        if not sheet.hidden:
            _print_setup(book[sheet.name], sheet, len(rows[sheet.key]), title)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        raise InvalidInput(
            "The assessment cannot be written to Excel exactly: "
            + "; ".join(shown)
            + (f"; and {more} more" if more else "")
            + "."
        )
    book.active = 0
    return book


def _header(ws: Worksheet, column: int, text: str, width: int) -> None:
    cell = ws.cell(row=1, column=column, value=text)
    cell.data_type = "s"
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = WRAP
    ws.column_dimensions[get_column_letter(column)].width = width


def _put(ws: Worksheet, row: int, column: int, spec: Column, value: Any, where: str) -> list[str]:
    written = to_cell(spec, value)
    problem = unwritable(written)
    if problem:
        return [f"{where} ({spec.header}) {problem}"]
    cell = ws.cell(row=row, column=column)
    cell.value = written
    if isinstance(written, str):
        cell.data_type = "s"  # "=1+1" stays the text "=1+1", never a formula
        cell.alignment = WRAP  # a row is as tall as its longest text (_height)
    if spec.rating and value in RATING_COLOURS:  # the value: the cell shows its label
        cell.fill = PatternFill(fill_type="solid", fgColor=_argb(RATING_COLOURS[value]))
        cell.font = Font(color=_argb(rating_text_colour(value)))
    return []


LINE_HEIGHT = 15  # points: a line of Excel's default 11-point font
MAX_HEIGHT = 409  # points: the tallest row Excel allows


def _lines(width: int, value: Any) -> int:
    """How many lines ``value`` takes wrapped at words in a column ``width``
    characters wide (a generous estimate: text is cut when a row is too short)."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(4, int(width * 1.1))
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in value.split("\n"))


def _height(cells: Any) -> float:
    """A row's height to show its wrapped text whole: neither Excel nor
    LibreOffice fits a row to its text when it opens a written workbook."""
    lines = max((_lines(width, value) for width, value in cells), default=1)
    return min(MAX_HEIGHT, LINE_HEIGHT * lines)


#: A record's identity and bookkeeping: written after what people read (the
#: importer finds columns by their header, so the order is free).
TECHNICAL = ("id", "created_at", "updated_at", "origin", "revision")


def _is_reference(column: Column) -> bool:
    """A column of other records' ids ("Working group (id)", "Members (ids)")
    or of the records' order among their siblings."""
    return column.header.endswith(("(id)", "(ids)")) or column.key == "position"


def _for_people(columns: tuple[Column, ...] | list[Column]) -> list[Column]:
    """The sheet's columns in reading order: content, then the ids of other
    records, then the record's own id and bookkeeping."""
    ordinary = [c for c in columns if c.key not in TECHNICAL and not _is_reference(c)]
    references = [c for c in columns if c.key not in TECHNICAL and _is_reference(c)]
    return ordinary + references + [c for key in TECHNICAL for c in columns if c.key == key]


def _write_sheet(ws: Worksheet, sheet: Sheet, rows: list[dict], problems: list[str]) -> None:
    columns = _for_people(sheet.columns)
    if sheet.vertical:
        _header(ws, 1, "Field", 28)
        _header(ws, 2, "Value", 80)
        record = rows[0] if rows else {}
        for line, spec in enumerate(columns, start=2):
            label = ws.cell(row=line, column=1, value=spec.header)
            label.data_type = "s"
            label.font = HEADER_FONT
            problems += _put(ws, line, 2, spec, record.get(spec.key), f"{sheet.name}, row {line}")
            ws.row_dimensions[line].height = _height([(80, to_cell(spec, record.get(spec.key)))])
        last = len(columns) + 1
        ws.auto_filter.ref = f"A1:B{last}"
    else:
        for number, spec in enumerate(columns, start=1):
            _header(ws, number, spec.header, spec.width)
            if spec.key in TECHNICAL or _is_reference(spec):
                ws.cell(row=1, column=number).font = TECHNICAL_FONT
        for line, record in enumerate(rows, start=2):
            where = f"{sheet.name}, row {line}"
            for number, spec in enumerate(columns, start=1):
                problems += _put(ws, line, number, spec, record.get(spec.key), where)
            ws.row_dimensions[line].height = _height(
                (spec.width, to_cell(spec, record.get(spec.key))) for spec in columns
            )
        ws.row_dimensions[1].height = _height((spec.width, spec.header) for spec in columns)
        last_column = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A1:{last_column}{len(rows) + 1}"
    ws.freeze_panes = "A2"
    if sheet.hidden:
        ws.sheet_state = "hidden"


#: The widest a sheet's printed columns may be (in Excel's character widths)
#: and still read at a good size on a portrait A4 page; wider sheets print
#: in landscape. Either way each sheet is scaled to its page's width.
PORTRAIT_WIDTH = 100


def _header_text(text: str) -> str:
    """Text for a page header: "&" starts a code there, so it is doubled."""
    return text.replace("&", "&&")


def _page(ws: Worksheet, *, landscape: bool, title: str, print_area: str, header_row=True):
    setup = ws.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages long as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.print_options.gridLines = True
    if header_row:
        ws.print_title_rows = "1:1"  # the header row on every page
    ws.print_area = print_area
    ws.oddHeader.left.text = _header_text(title)
    ws.oddHeader.left.size = 9
    ws.oddHeader.right.text = "&A"  # the sheet's name
    ws.oddHeader.right.size = 9
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.center.size = 9


def _print_setup(ws: Worksheet, sheet: Sheet, count: int, title: str) -> None:
    """Set up the sheet to print: what people read, one page wide (landscape
    when wide), the header row repeated, the assessment's title and the sheet's
    name above, page numbers below. Ids and bookkeeping, to the right, are
    left out of the printed area (they stay in the workbook)."""
    columns = _for_people(sheet.columns)
    people = [c for c in columns if c.key not in TECHNICAL and not _is_reference(c)]
    printed = people or columns
    if sheet.vertical:  # one field a row: the record's fields, without its bookkeeping
        area = f"A1:B{len(printed) + 1}"
        _page(ws, landscape=False, title=title, print_area=area)
        return
    width = sum(c.width for c in printed)
    area = f"A1:{get_column_letter(len(printed))}{max(count, 1) + 1}"
    _page(ws, landscape=width > PORTRAIT_WIDTH, title=title, print_area=area)


def check_read_back(path: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Read the written workbook with the importer's reader: every sheet must
    reopen with the same rows and values, or the export fails."""
    from idg_desktop.workbook.reader import read_workbook

    found, problems = read_workbook(path)
    if problems:
        raise CannotWrite(f"{path} did not read back: {problems[0]}.")
    for sheet in SHEETS:
        expected = [kept(sheet, row) for row in rows[sheet.key]]
        got = [{k: v for k, v in row.items() if k != "_row"} for row in found.get(sheet.key, [])]
        if len(got) != len(expected):
            raise CannotWrite(
                f"{path} did not read back: sheet {sheet.name} has {len(got)} rows "
                f"instead of {len(expected)}."
            )
        for number, (a, b) in enumerate(zip(got, expected, strict=True), start=2):
            if a != b:
                column = next(k for k in b if a.get(k) != b[k])
                raise CannotWrite(
                    f"{path} did not read back: {sheet.name}, row {number}, "
                    f"{sheet.column(column).header} differs."
                )


def export_xlsx(
    document: AssessmentDocument,
    target: Path | str,
    *,
    public: bool = False,
    pseudonymise: bool = False,
) -> dict[str, int]:
    """Write the workbook atomically, checked; returns the rows per sheet name.

    ``public`` and ``pseudonymise`` make a version for sharing (the PDFs' rules)."""
    rows = assessment_rows(document, public=public, pseudonymise=pseudonymise)
    buffer = io.BytesIO()
    build_workbook(rows).save(buffer)
    write_atomically(target, buffer.getvalue(), check=lambda temp: check_read_back(temp, rows))
    return {sheet.name: len(rows[sheet.key]) for sheet in SHEETS if not sheet.hidden}
