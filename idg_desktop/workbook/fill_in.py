"""Fill-in workbooks: a group package as an Excel file, for groups without a laptop.

The workbook carries the same *base* as a package (see ``packages.py``), so a
filled workbook merges into the master exactly like a returned package. Excel
is only a typing surface: the drop-down list, the locked cells and the hidden
sheets guard against accidents, not against anyone. openpyxl does not enforce
validation and the file comes back from elsewhere, so every value is checked
again on import (defusedxml makes openpyxl parse it safely), formulas are never
evaluated, and one bad cell refuses the whole workbook with every problem listed.
This module writes the workbook (and declares its columns); ``fill_in_reader.py``
reads it back.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from idg_desktop.atomic import write_atomically
from idg_desktop.domain import versions
from idg_desktop.domain.figure5 import EMPTY, Ladder, shown_ladder
from idg_desktop.domain.vocabulary import Rating
from idg_desktop.exchange.container import PACKAGE_SINCE, PAYLOAD_VERSION
from idg_desktop.exchange.packages import export_payload
from idg_desktop.services.by_section import questions_in
from idg_desktop.storage.document import AssessmentDocument

#: Figure 5's three questions come last, so the first five columns stay where the
#: first template had them; workbooks of that template (``LEGACY_COLUMNS``) still import.
LADDER_COLUMNS = ("Exists", "Applied", "Effective")
LEGACY_COLUMNS = ("Question", "Text", "Answer", "Rating", "Evidence")
COLUMNS = LEGACY_COLUMNS + LADDER_COLUMNS
EDITABLE = ("Answer", "Rating", "Evidence", *LADDER_COLUMNS)
WIDTHS = {"Question": 11, "Text": 60, "Answer": 60, "Rating": 20, "Evidence": 40}
WIDTHS |= {"Exists": 10, "Applied": 10, "Effective": 11}
#: What each of Figure 5's columns accepts, in the order of its drop-down list.
LADDER_CHOICES = {
    "Exists": ("yes", "no"),
    "Applied": ("yes", "no"),
    "Effective": ("no", "partly", "yes"),
}
RATINGS = tuple(r.value for r in Rating)
DATA_SHEET, LISTS_SHEET, TITLE_SHEET = "_idg", "Lists", "Instructions"
RATINGS_NAME = "IDG_Ratings"
MAGIC, VERSION = "idg-workbook", 1
#: The first version of IDG Workshop that reads each fill-in workbook format;
#: the data sheet says which one a workbook needs (beside its format number),
#: with the package format it carries (``domain/versions.py``).
FILL_IN_SINCE = {1: "0.1.0"}


def needs_version() -> str:
    """The first version of IDG Workshop that reads the fill-in workbooks this one writes."""
    return versions.latest(FILL_IN_SINCE[VERSION], PACKAGE_SINCE[PAYLOAD_VERSION])


CHUNK = 32_000  # an Excel cell holds at most 32,767 characters

LADDER_HELP = (
    ("absent", "There is no measure."),
    ("not-applied", "A measure exists but is not applied."),
    ("not-effective", "The measure is applied but not effective."),
    ("partially-effective", "The measure is applied and partly effective."),
    ("effective", "The measure is applied and effective."),
    ("not-applicable", "The question does not apply to this administration."),
    ("not-assessed", "Not answered yet (the same as leaving Rating empty)."),
)
HOW_TO = (
    "One sheet per section; one row per question.",
    "Write only in the Answer, Rating, Evidence, Exists, Applied and Effective columns; "
    "the rest is locked.",
    "Evaluate the measure as in IDG Figure 5: Exists (is there a measure? yes/no), "
    "Applied (is it applied in practice? yes/no), Effective (no/partly/yes); "
    "the rating follows from them. Or pick the Rating alone from its drop-down list.",
    "Do not add, move or rename sheets or rows, and do not type formulas.",
    "Save the file as .xlsx and give it back to the facilitator.",
)


def put(sheet: Worksheet, row: int, column: int, value: str, *, editable: bool = False) -> None:
    """Write a string as a string: openpyxl would otherwise turn ``=...`` into a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if editable:
        cell.protection = Protection(locked=False)


def questions_by_section(document: AssessmentDocument, sections: list[str]) -> dict[str, list[Any]]:
    """The questions of each section in checklist order (the guide's and the document's own)."""
    found: dict[str, list[Any]] = {code: [] for code in sections}
    for question in questions_in(document, sections):
        found[question.section_code].append(question)
    return found


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export_template(
    document: AssessmentDocument, group_ref: str, target: Path | str
) -> dict[str, Any]:
    """Write a group's fill-in workbook atomically; returns the payload it carries."""
    payload = export_payload(document, group_ref)
    sections = payload["group"]["sections"]
    base = {a["question"]: a for a in payload["base"]["answers"]}
    book = openpyxl.Workbook()
    _title_sheet(book.active, payload)
    for code, questions in questions_by_section(document, sections).items():
        _section_sheet(book.create_sheet(code), questions, base)
    lists = book.create_sheet(LISTS_SHEET)
    for row, rating in enumerate(RATINGS, start=1):
        put(lists, row, 1, rating)
    lists.protection.sheet = True
    lists.sheet_state = "hidden"
    book.defined_names[RATINGS_NAME] = DefinedName(
        RATINGS_NAME, attr_text=f"{LISTS_SHEET}!$A$1:$A${len(RATINGS)}"
    )
    _data_sheet(book.create_sheet(DATA_SHEET), payload)
    book.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(target, buffer.getvalue())
    return payload


def _title_sheet(sheet: Worksheet, payload: dict[str, Any]) -> None:
    sheet.title = TITLE_SHEET
    lines: list[tuple[str, str]] = [
        (payload["assessment"]["title"], ""),
        ("Working group", payload["group"]["name"]),
        ("Sections", ", ".join(payload["group"]["sections"])),
        ("", ""),
        ("How to fill in", ""),
        *(("", line) for line in HOW_TO),
        ("", ""),
        ("Ratings", ""),
        *LADDER_HELP,
    ]
    for row, (label, text) in enumerate(lines, start=1):
        put(sheet, row, 1, label)
        put(sheet, row, 2, text)
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in ("A5", f"A{len(HOW_TO) + 7}"):
        sheet[cell].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    sheet.protection.sheet = True


def _section_sheet(sheet: Worksheet, questions: list[Any], base: dict[str, Any]) -> None:
    for column, name in enumerate(COLUMNS, start=1):
        put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.column_dimensions[chr(64 + column)].width = WIDTHS[name]
    for row, question in enumerate(questions, start=2):
        answer = base.get(question.id) or {}
        rating = answer.get("rating") or ""
        values = {
            "Question": question.id,
            "Text": question.text,
            "Answer": answer.get("text") or "",
            "Rating": "" if rating == Rating.NOT_ASSESSED else rating,
            "Evidence": answer.get("evidence") or "",
        }
        ladder = shown_ladder_of(answer) if answer else EMPTY
        values |= dict(zip(LADDER_COLUMNS, map(cell_of, ladder), strict=True))
        for column, name in enumerate(COLUMNS, start=1):
            put(sheet, row, column, values[name], editable=name in EDITABLE)
    last = max(len(questions) + 1, 2)
    validation = DataValidation(
        type="list",
        formula1=RATINGS_NAME,  # OOXML formulas carry no leading "="
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Rating",
        error="Pick a rating from the list.",
    )
    validation.add(f"D2:D{last}")
    sheet.add_data_validation(validation)
    for name, choices in LADDER_CHOICES.items():
        letter = chr(65 + COLUMNS.index(name))
        choice = DataValidation(
            type="list",
            formula1=f'"{",".join(choices)}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=name,
            error=f"Pick {' or '.join(choices)}, or leave it empty.",
        )
        choice.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(choice)
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column is harmless
    sheet.protection.formatRows = False


def _data_sheet(sheet: Worksheet, payload: dict[str, Any]) -> None:
    """The payload without the framework (the master has it), checksummed, in chunks."""
    kept = {k: v for k, v in payload.items() if k not in {"framework", "custom_questions"}}
    text = json.dumps(kept, ensure_ascii=False, sort_keys=True)
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    for row, value in enumerate([MAGIC, str(VERSION), checksum(text), str(len(chunks))], 1):
        put(sheet, row, 1, value)
    put(sheet, 2, 2, needs_version())  # beside the format number
    for row, chunk in enumerate(chunks, start=5):
        put(sheet, row, 1, chunk)
    sheet.protection.sheet = True
    sheet.sheet_state = "veryHidden"


LADDER_KEYS = ("measure_exists", "measure_applied", "measure_effective")


def shown_ladder_of(answer: dict[str, Any]) -> Ladder:
    """Figure 5's answers as the window shows them for a base answer."""
    return shown_ladder(answer.get("rating") or "", tuple(answer.get(k) for k in LADDER_KEYS))  # type: ignore[arg-type]


def cell_of(value: bool | str | None) -> str:
    return {True: "yes", False: "no", None: ""}.get(value, value)  # type: ignore[call-overload]
