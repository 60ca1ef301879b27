"""Fill-in workbooks: a group package as an Excel file, for groups without a laptop.

The workbook carries the same *base* as a package (see ``packages.py``), so a
filled workbook merges into the master exactly like a returned package. Excel
is only a typing surface: the drop-down list, the locked cells and the hidden
sheets guard against accidents, not against anyone. openpyxl does not enforce
validation and the file comes back from elsewhere, so every value is checked
again on import (defusedxml makes openpyxl parse it safely), formulas are never
evaluated, and one bad cell refuses the whole workbook with every problem listed.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import defusedxml  # noqa: F401  # openpyxl parses through it when it is installed
import openpyxl
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from idg_desktop.atomic import write_atomically
from idg_desktop.domain.figure5 import (
    EMPTY,
    Ladder,
    contradiction,
    derive,
    ladder_for_rating,
    shown_ladder,
    update_ladder,
)
from idg_desktop.domain.vocabulary import Rating
from idg_desktop.errors import InvalidInput
from idg_desktop.exchange.merge import MergeResult, merge_payload
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
CHUNK = 32_000  # an Excel cell holds at most 32,767 characters
MAX_BYTES = 50 * 1024 * 1024  # far above any real workbook; refuses zip bombs early
MAX_ROWS = 5_000

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


def _text(value: Any) -> str:
    """What a cell holds as text: ``=``, ``+``, ``-``, ``@`` stay plain characters."""
    return "" if value is None else str(value).strip()


def _put(sheet: Worksheet, row: int, column: int, value: str, *, editable: bool = False) -> None:
    """Write a string as a string: openpyxl would otherwise turn ``=...`` into a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if editable:
        cell.protection = Protection(locked=False)


def _questions(document: AssessmentDocument, sections: list[str]) -> dict[str, list[Any]]:
    """The questions of each section in checklist order (the guide's and the document's own)."""
    found: dict[str, list[Any]] = {code: [] for code in sections}
    for question in questions_in(document, sections):
        found[question.section_code].append(question)
    return found


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat()


def _checksum(text: str) -> str:
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
    for code, questions in _questions(document, sections).items():
        _section_sheet(book.create_sheet(code), questions, base)
    lists = book.create_sheet(LISTS_SHEET)
    for row, rating in enumerate(RATINGS, start=1):
        _put(lists, row, 1, rating)
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
        _put(sheet, row, 1, label)
        _put(sheet, row, 2, text)
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in ("A5", f"A{len(HOW_TO) + 7}"):
        sheet[cell].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    sheet.protection.sheet = True


def _section_sheet(sheet: Worksheet, questions: list[Any], base: dict[str, Any]) -> None:
    for column, name in enumerate(COLUMNS, start=1):
        _put(sheet, 1, column, name)
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
        ladder = _shown(answer) if answer else EMPTY
        values |= dict(zip(LADDER_COLUMNS, map(_cell_of, ladder), strict=True))
        for column, name in enumerate(COLUMNS, start=1):
            _put(sheet, row, column, values[name], editable=name in EDITABLE)
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
    for row, value in enumerate([MAGIC, str(VERSION), _checksum(text), str(len(chunks))], 1):
        _put(sheet, row, 1, value)
    for row, chunk in enumerate(chunks, start=5):
        _put(sheet, row, 1, chunk)
    sheet.protection.sheet = True
    sheet.sheet_state = "veryHidden"


def _load(source: Path) -> tuple[Any, Any]:
    """The workbook twice: with formulas (to find them) and with cached values."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {source} ({error.strerror or error}).") from None
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{source} is too large to be a fill-in workbook.")
    try:
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # an untrusted file can fail in any of openpyxl's ways
        raise InvalidInput(f"{source} is not an Excel workbook (.xlsx) that can be read.") from None
    return formulas, values


def _base_of(book: Any, where: str) -> dict[str, Any]:
    """The exported payload the workbook carries, if intact. The checksum catches
    edits by hand or by a tool, not a forger (anyone can recompute it)."""
    refused = InvalidInput(f"{where} is not a fill-in workbook of this assessment.")
    if DATA_SHEET not in book.sheetnames:
        raise refused
    sheet = book[DATA_SHEET]
    head = [_text(sheet.cell(row=r, column=1).value) for r in range(1, 5)]
    if head[0] != MAGIC or head[1] != str(VERSION) or not head[3].isdigit():
        raise refused
    count = int(head[3])
    if not 0 < count <= 10_000:
        raise refused
    text = "".join(str(sheet.cell(row=r, column=1).value or "") for r in range(5, 5 + count))
    if _checksum(text) != head[2]:
        raise refused
    try:
        payload = json.loads(text)
    except ValueError:
        raise refused from None
    if not isinstance(payload, dict) or payload.get("kind") != "export":
        raise refused
    return payload


def import_template(document: AssessmentDocument, source: Path | str) -> MergeResult:
    """Merge a filled workbook like a returned package: all of it, or nothing."""
    source = Path(source)
    formulas, values = _load(source)
    exported = _base_of(values, str(source))
    if exported["assessment"]["id"] != document.meta("assessment_id"):
        raise InvalidInput(
            f"{source} belongs to another assessment ('{exported['assessment']['title']}')."
        )
    sections = exported["group"]["sections"]
    rows, problems, places = _read_rows(document, sections, formulas, values)
    if not problems:
        records, problems = _answers(rows, exported, places)
    if problems:
        raise InvalidInput(f"{source} cannot be imported: " + "; ".join(problems) + ".")
    digest = _checksum(json.dumps(rows, ensure_ascii=False))
    payload = {
        "format": "idg-package",
        "version": 1,
        "kind": "return",
        "package_id": str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"idg-workbook:{exported['package_id']}:{digest}")
        ),
        "exported_package_id": exported["package_id"],
        "created_at": _now(),
        "origin": "workbook",
        "assessment": exported["assessment"],
        "group": exported["group"],
        "base": exported["base"],
        "records": {
            "answers": records,
            "findings": list(exported["base"]["findings"]),
        },
    }
    return merge_payload(document, payload, str(source), source_kind="workbook")


def _read_rows(
    document: AssessmentDocument, sections: list[str], formulas: Any, values: Any
) -> tuple[list[list[str]], list[str], dict[str, str]]:
    """Every row as ``[question, answer, rating, evidence]`` (then ``exists, applied,
    effective`` from a workbook with Figure 5's columns), every problem found, and
    where each question's row is."""
    home = {q.id: code for code, qs in _questions(document, sections).items() for q in qs}
    rows: list[list[str]] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    places: dict[str, str] = {}
    for code in sections:
        if code not in values.sheetnames:
            problems.append(f"{code}: the sheet is missing")
            continue
        sheet, raw = values[code], formulas[code]
        header = [_text(sheet.cell(row=1, column=c).value) for c in range(1, len(COLUMNS) + 1)]
        columns = COLUMNS if tuple(header) == COLUMNS else LEGACY_COLUMNS
        if tuple(header[: len(columns)]) != columns or any(header[len(columns) :]):
            problems.append(f"{code}, row 1: the columns must be {', '.join(COLUMNS)}")
            continue
        if sheet.max_row > MAX_ROWS:
            problems.append(f"{code}: more than {MAX_ROWS} rows")
            continue
        for r in range(2, sheet.max_row + 1):
            where = f"{code}, row {r}"
            cells: dict[str, str] = {}
            for c, name in enumerate(columns, start=1):
                if raw.cell(row=r, column=c).data_type == "f" and (
                    sheet.cell(row=r, column=c).value is None
                ):
                    problems.append(f"{where}: {name} holds a formula; type its value instead")
                cells[name] = _text(sheet.cell(row=r, column=c).value)
            qid = cells["Question"].upper()
            filled = any(cells.get(name) for name in EDITABLE)
            if not qid:
                if filled:
                    problems.append(f"{where}: there is no question id")
                continue
            if qid not in home:
                problems.append(f"{where}: unknown question '{cells['Question']}'")
                continue
            if home[qid] != code:
                problems.append(f"{where}: question {qid} belongs on sheet {home[qid]}")
                continue
            if qid in seen:
                problems.append(f"{where}: question {qid} appears twice")
                continue
            seen[qid] = where
            rating = cells["Rating"].lower()
            if rating and rating not in RATINGS:
                problems.append(
                    f"{where}: rating '{cells['Rating']}' is not one of {', '.join(RATINGS)}"
                )
                continue
            row = [qid, cells["Answer"], rating, cells["Evidence"]]
            if columns == COLUMNS:  # Figure 5's answers, checked against the base later
                bad = [
                    f"{where}: {name} '{cells[name]}' is not one of "
                    + ", ".join(LADDER_CHOICES[name])
                    for name in LADDER_COLUMNS
                    if cells[name] and cells[name].lower() not in LADDER_CHOICES[name]
                ]
                if bad:
                    problems.extend(bad)
                    continue
                row += [cells[name].lower() for name in LADDER_COLUMNS]
                places[qid] = where
            rows.append(row)
    return rows, problems, places


def _answers(
    rows: list[list[str]], exported: dict[str, Any], places: dict[str, str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The group's answers: the base's, with what the workbook says in place of its cells;
    and every problem with Figure 5's answers.

    A row of a question with a base answer always counts (emptying a cell is a
    change); a row without one counts only when something was written. Figure 5
    goes as in the window: changed answers give the rating (a rating changed too
    must be the one they give); a rating changed on its own keeps the answers that
    give it, or takes those it implies.
    """
    base = {a["question"]: a for a in exported["base"]["answers"]}
    now = _now()
    answers = []
    problems: list[str] = []
    for qid, text, typed, evidence, *cells in rows:
        old = base.get(qid)
        new = dict(old) if old else _new_answer(qid, exported["group"]["id"], now)
        rating = typed or Rating.NOT_ASSESSED.value
        stored: Ladder = tuple(new[k] for k in LADDER_KEYS)  # type: ignore[assignment]
        ladder = ladder_for_rating(rating, stored) if rating != new["rating"] else stored
        if cells and tuple(cells) != tuple(map(_cell_of, _shown(new))):
            # all three are in view at once: those after a "no" are not asked and are
            # dropped, as the window drops them (a prefilled "yes" left under a new "no")
            exists, applied, effective = cells
            given = {"exists": _yes_no(exists)}
            given["applied"] = _yes_no(applied) if given["exists"] else None
            given["effective"] = (effective or None) if given["applied"] else None
            try:
                ladder = update_ladder("", EMPTY, **given)
            except ValueError as error:
                problems.append(f"{places[qid]}: {error}")
                continue
            # a rating typed over the exported one must be the one the answers give
            why = contradiction(rating, ladder) if typed and rating != new["rating"] else None
            if why:
                problems.append(f"{places[qid]}: {why}")
                continue
            rating = derive(ladder).value
        if old is None and not (text or typed or evidence or ladder != EMPTY):
            continue
        after = (text, rating, evidence, *ladder)
        if (new["text"] or "", new["rating"], new["evidence"] or "", *stored) == after:
            answers.append(new)
            continue
        new.update(zip(LADDER_KEYS, ladder, strict=True))
        new.update(text=text, rating=rating, evidence=evidence, origin="workbook")
        if old is not None:
            new.update(updated_at=now, revision=int(old["revision"]) + 1)
        answers.append(new)
    return answers, problems


LADDER_KEYS = ("measure_exists", "measure_applied", "measure_effective")


def _shown(answer: dict[str, Any]) -> Ladder:
    """Figure 5's answers as the window shows them for a base answer."""
    return shown_ladder(answer.get("rating") or "", tuple(answer.get(k) for k in LADDER_KEYS))  # type: ignore[arg-type]


def _cell_of(value: bool | str | None) -> str:
    return {True: "yes", False: "no", None: ""}.get(value, value)  # type: ignore[call-overload]


def _yes_no(cell: str) -> bool | None:
    return {"yes": True, "no": False}.get(cell)


def _new_answer(qid: str, group_id: str, now: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "created_at": now,
        "updated_at": now,
        "origin": "workbook",
        "revision": 1,
        "question": qid,
        "text": "",
        "rating": Rating.NOT_ASSESSED.value,
        "measure_exists": None,
        "measure_applied": None,
        "measure_effective": None,
        "evidence": "",
        "marked_for_review": False,
        "reviewed": False,
        "confidential": False,
        "group_id": group_id,
        "author_id": None,
    }
