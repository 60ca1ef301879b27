"""The workbook read and printed by people (issue 11).

It read as a data dump: machine values ("private-sector", "partially-effective")
and no print set-up (134 pages from LibreOffice). The sheets now show the
window's words, which import maps back (and still reads the old values), and
every sheet is set up to print: A4, one page wide (landscape when wide), the
header row on every page, the assessment's title and the sheet's name above,
page numbers below, and the ids and bookkeeping left out of the printed area.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from idg_desktop.workbook.layout import SHEETS

TECHNICAL_HEADERS = {"Id", "Created (UTC)", "Updated (UTC)", "Origin", "Revision"}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    from idg_desktop.cli import main

    out = tmp_path_factory.mktemp("print") / "demo.xlsx"
    assert main(["export", "xlsx", str(demo_template), "-o", str(out)]) == 0
    return out


def _table(ws) -> list[dict]:
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, [c.value for c in row], strict=True)) for row in ws.iter_rows(2)]


def test_sheets_people_read_use_peoples_words(workbook: Path):
    book = openpyxl.load_workbook(workbook)
    people = _table(book["Participants"])
    assert {p["Stakeholder"] for p in people} >= {"Customs", "Private sector"}
    assert {p["Role"] for p in people} >= {"External facilitator", "Local facilitator"}
    assert {p["Gender"] for p in people} <= {"Female", "Male", "Other", "Undisclosed"}
    ratings = {a["Rating (Figure 5)"] for a in _table(book["Answers"])}
    assert "Partially effective" in ratings and "Not effective" in ratings
    findings = _table(book["Findings"])
    assert {f["Kind"] for f in findings} == {"Strength", "Weakness / risk", "Recommendation"}
    assert {f["Status"] for f in findings} <= {
        "Proposed",
        "Agreed",
        "Amended",
        "Merged",
        "Rejected",
    }
    activities = _table(book["Activities and priorities"])
    assert {a["Importance"] for a in activities} <= {"High", "Medium", "Low", None}
    assert {a["Priority"] for a in activities} <= {"High", "Medium", "Low", "Not rated"}
    scope = {r[0].value: r[1].value for r in book["Scope"].iter_rows(min_row=2)}
    assert scope["Mode of assessment"] == "Mode 1: external facilitation, in-country"
    # No coded value of a closed list is left on any sheet people read.
    for sheet in SHEETS:
        if sheet.hidden:
            continue
        for column in sheet.columns:
            if not column.labels:
                continue
            ws = book[sheet.name]
            codes = {v for v, label in column.labels if v != label}
            if sheet.vertical:
                shown = {r[1].value for r in ws.iter_rows(min_row=2) if r[0].value == column.header}
            else:
                shown = {row.get(column.header) for row in _table(ws)}
            assert not shown & codes, (sheet.name, column.header, shown & codes)


def test_the_terms_of_reference_and_kpis_start_with_what_people_read(workbook: Path):
    book = openpyxl.load_workbook(workbook)
    assert [c.value for c in book["Terms of reference"][1]] == ["Field", "Text", "Key"]
    assert book["KPIs"]["A1"].value == "Name of the indicator"


def test_every_sheet_is_set_up_to_print(workbook: Path):
    book = openpyxl.load_workbook(workbook)
    for sheet in SHEETS:
        ws = book[sheet.name]
        if sheet.hidden:
            continue
        setup = ws.page_setup
        assert str(setup.paperSize) == ws.PAPERSIZE_A4, sheet.name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, sheet.name
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.name
        assert ws.print_title_rows == "$1:$1", sheet.name
        assert "Lorvanian Customs Service" in ws.oddHeader.left.text, sheet.name
        assert ws.oddHeader.right.text == "&A", sheet.name
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        # The printed area: what people read, without the ids and bookkeeping.
        (area,) = ws.print_area if isinstance(ws.print_area, list) else [ws.print_area]
        first, _, last, bottom = range_boundaries(area.split("!")[-1].replace("$", ""))
        printed = [ws.cell(1, c).value for c in range(first, last + 1)]
        if sheet.vertical:
            labels = [ws.cell(r, 1).value for r in range(2, bottom + 1)]
            assert not TECHNICAL_HEADERS & set(labels), sheet.name
            continue
        assert bottom >= ws.max_row, sheet.name
        assert not TECHNICAL_HEADERS & set(printed), (sheet.name, printed)
        assert not any(h.endswith(("(id)", "(ids)")) for h in printed if h), sheet.name
    assert book["Answers"].page_setup.orientation == "landscape"
    assert book["Findings"].page_setup.orientation == "landscape"
    assert book["Sections in scope"].page_setup.orientation == "portrait"
    assert book["Scope"].page_setup.orientation == "portrait"


def test_rows_are_tall_enough_for_their_text(workbook: Path):
    """Neither Excel nor LibreOffice fits a row to wrapped text on opening: the
    writer gives each row the height of its longest text."""
    ws = openpyxl.load_workbook(workbook)["Answers"]
    column = next(c.column for c in ws[1] if c.value == "Answer")
    width = ws.column_dimensions[openpyxl.utils.get_column_letter(column)].width
    for row in range(2, ws.max_row + 1):
        text = ws.cell(row, column).value or ""
        lines = len(text) / (width * 1.5)  # more characters a line than any font fits
        assert ws.cell(row, column).alignment.wrap_text
        assert ws.row_dimensions[row].height >= 15 * lines, row


def test_a_workbook_in_peoples_words_rebuilds_the_same_assessment(idg, workbook, tmp_path):
    """Import maps the words back, typed in any case; the old values still read."""
    book = openpyxl.load_workbook(workbook)
    answers = book["Answers"]
    rating = next(c.column for c in answers[1] if c.value == "Rating (Figure 5)")
    answers.cell(2, rating).value = "not APPLIED"  # a facilitator's typing
    answers.cell(3, rating).value = "partially-effective"  # the value, as before
    people = book["Participants"]
    stakeholder = next(c.column for c in people[1] if c.value == "Stakeholder")
    people.cell(2, stakeholder).value = "private sector"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    rebuilt = tmp_path / "rebuilt.idg"
    result = idg("import", "workbook", edited, rebuilt)
    assert result.code == 0, result.err
    data = json.loads(idg("export", "json", rebuilt).out)
    question = answers.cell(2, 1).value
    answer = next(a for a in data["answers"] if a["question"] == question)
    assert answer["rating"] == "not-applied"
    assert data["participants"][0]["stakeholder"] == "private-sector"


def test_a_wrong_word_is_refused_naming_the_words(idg, workbook, tmp_path):
    book = openpyxl.load_workbook(workbook)
    findings = book["Findings"]
    kind = next(c.column for c in findings[1] if c.value == "Kind")
    findings.cell(2, kind).value = "Threat"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    before = edited.read_bytes()
    result = idg("import", "workbook", edited, tmp_path / "rebuilt.idg")
    assert result.code == 2
    assert "Findings, row 2, Kind: 'Threat' is not one of Strength, Weakness / risk" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert edited.read_bytes() == before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not here")
def test_the_workbook_prints_on_few_pages(workbook: Path, tmp_path: Path):
    """LibreOffice printed the demo's workbook on 134 pages; one page wide each
    sheet, without the ids, it takes about 37."""
    pypdf = pytest.importorskip("pypdf")
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), workbook],
        capture_output=True,
        timeout=300,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    pages = pypdf.PdfReader(tmp_path / "demo.pdf").pages
    assert len(pages) <= 45
    first = pages[0].extract_text()
    assert "Lorvanian Customs Service" in first and "Page 1 of" in first
