"""Fill-in workbooks: exported, filled with openpyxl as a group would, imported back.

Files are really written and read, because what matters is what Excel and
openpyxl find in them: the sheets, the locked cells, the drop-down list, the
hidden base, and that a filled workbook merges all-or-nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from idg_desktop.services import answers
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook.fill_in import COLUMNS, RATINGS

GROUP_A = "Group A – Leadership, rules and transparency"  # LC, RF, TR, MS in the demo


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workbook(idg, demo_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "group-a.xlsx"
    result = idg("template", "export", demo_file, "--group", GROUP_A, "-o", target)
    assert result.code == 0, result.err
    assert "sections LC, RF, TR, MS" in result.out
    return target


def _row_of(sheet, qid: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == qid:
            return row
    raise AssertionError(f"{qid} is not on sheet {sheet.title}")


def _fill(path: Path, cells: dict[tuple[str, str], dict[str, object]]) -> None:
    """Write into the answer cells as a group would: {(sheet, qid): {column: value}}."""
    book = openpyxl.load_workbook(path)
    for (code, qid), values in cells.items():
        sheet = book[code]
        row = _row_of(sheet, qid)
        for name, value in values.items():
            cell = sheet.cell(row=row, column=COLUMNS.index(name) + 1)
            assert cell.protection.locked is False  # the group can type here
            cell.value = value
    book.save(path)


def _unanswered(master: Path, code: str) -> str:
    """A question of the section the master has no answer to yet."""
    with AssessmentDocument.open(master, read_only=True) as document:
        for number in range(1, 200):
            qid = f"{code}-{number}"
            if answers.answer_for(document, qid) is None:
                answers.find_question(document, qid)
                return qid
    raise AssertionError(f"every question of {code} is answered")


def test_the_workbook_has_one_protected_sheet_per_section(workbook: Path, demo_file: Path):
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["Instructions", "LC", "RF", "TR", "MS", "Lists", "_idg"]
    assert book["_idg"].sheet_state == "veryHidden"
    assert book["Lists"].sheet_state == "hidden"
    assert book.security.lockStructure
    title = "\n".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row)
    assert GROUP_A in title and "partially-effective" in title and "not-assessed" in title
    assert "IDG_Ratings" in book.defined_names
    assert [book["Lists"].cell(row=r, column=1).value for r in range(1, 8)] == list(RATINGS)

    sheet = book["TR"]
    assert tuple(c.value for c in sheet[1]) == COLUMNS
    assert sheet.freeze_panes == "A2"
    assert sheet.protection.sheet
    assert sheet.cell(row=2, column=1).value == "TR-1"
    assert sheet.cell(row=2, column=3).alignment.wrap_text
    validation, *ladder = sheet.data_validations.dataValidation  # then Figure 5's three
    assert validation.type == "list" and validation.formula1 == "IDG_Ratings"
    assert [(v.formula1, str(v.sqref)) for v in ladder] == [
        ('"yes,no"', f"F2:F{sheet.max_row}"),
        ('"yes,no"', f"G2:G{sheet.max_row}"),
        ('"no,partly,yes"', f"H2:H{sheet.max_row}"),
    ]
    assert str(validation.sqref) == f"D2:D{sheet.max_row}"
    for row in range(1, sheet.max_row + 1):
        locked = [sheet.cell(row=row, column=c).protection.locked for c in range(1, 6)]
        assert locked == ([True] * 5 if row == 1 else [True, True, False, False, False])

    with AssessmentDocument.open(demo_file, read_only=True) as master:
        base = answers.answer_for(master, "TR-1")
    assert base is not None
    assert sheet.cell(row=2, column=3).value == base.text  # pre-filled from the base


def test_a_filled_workbook_merges_and_importing_it_again_changes_nothing(
    idg, workbook: Path, demo_file: Path
):
    fresh = _unanswered(demo_file, "RF")
    _fill(
        workbook,
        {
            ("TR", "TR-1"): {"Answer": "Group A rewrote this.", "Rating": "not-effective"},
            ("RF", fresh): {"Answer": "-- a dash is not a formula", "Evidence": "Annex 3"},
            ("MS", "MS-1"): {"Rating": "effective"},
        },
    )
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 0, result.err
    assert "Merged" in result.out
    with AssessmentDocument.open(demo_file, read_only=True) as master:
        tr1 = answers.answer_for(master, "TR-1")
        assert (tr1.text, tr1.rating) == ("Group A rewrote this.", "not-effective")
        new = answers.answer_for(master, fresh)
        assert (new.text, new.evidence, new.rating) == (
            "-- a dash is not a formula",
            "Annex 3",
            "not-assessed",
        )
        assert answers.answer_for(master, "MS-1").rating == "effective"
        before = {q: answers.answer_for(master, q).revision for q in ("TR-1", fresh, "MS-1")}

    again = idg("template", "import", demo_file, workbook)
    assert again.code == 0 and "already imported" in again.out
    with AssessmentDocument.open(demo_file, read_only=True) as master:
        after = {q: answers.answer_for(master, q).revision for q in before}
    assert after == before


def test_bad_ratings_on_two_sheets_are_all_listed_and_nothing_is_merged(
    idg, workbook: Path, demo_file: Path
):
    _fill(
        workbook,
        {
            ("TR", "TR-1"): {"Answer": "Would be merged if the rest were right."},
            ("LC", "LC-2"): {"Rating": "good"},
            ("TR", "TR-3"): {"Rating": "excellent"},
        },
    )
    row_lc = _row_of(openpyxl.load_workbook(workbook)["LC"], "LC-2")
    row_tr = _row_of(openpyxl.load_workbook(workbook)["TR"], "TR-3")
    before = _digest(demo_file)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1  # one line on stderr
    assert f"LC, row {row_lc}: rating 'good' is not one of absent, not-applied" in result.err
    assert f"TR, row {row_tr}: rating 'excellent' is not one of" in result.err
    assert _digest(demo_file) == before


def test_moved_or_unknown_questions_are_refused(idg, workbook: Path, demo_file: Path):
    book = openpyxl.load_workbook(workbook)
    book["TR"].cell(row=2, column=1).value = "LC-1"  # LC-1 is on the LC sheet
    book["TR"].cell(row=3, column=1).value = "TR-999"
    book.save(workbook)
    before = _digest(demo_file)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 2
    assert "TR, row 2: question LC-1 belongs on sheet LC" in result.err
    assert "TR, row 3: unknown question 'TR-999'" in result.err
    assert _digest(demo_file) == before


def test_a_tampered_base_is_refused(idg, workbook: Path, demo_file: Path):
    book = openpyxl.load_workbook(workbook)
    sheet = book["_idg"]
    sheet["A5"] = sheet["A5"].value.replace('"kind": "export"', '"kind": "export" ')
    book.save(workbook)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 2 and "not a fill-in workbook of this assessment" in result.err

    book = openpyxl.load_workbook(workbook)
    del book["_idg"]
    book.save(workbook)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 2 and "not a fill-in workbook of this assessment" in result.err


def test_a_workbook_of_another_assessment_is_refused(idg, workbook: Path, new_file: Path):
    before = _digest(new_file)
    result = idg("template", "import", new_file, workbook)
    assert result.code == 2 and "belongs to another assessment" in result.err
    assert _digest(new_file) == before


def test_a_file_that_is_not_a_workbook_is_refused(idg, demo_file: Path, tmp_path: Path):
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    result = idg("template", "import", demo_file, fake)
    assert result.code == 2 and "is not an Excel workbook" in result.err


def test_formulas_are_never_evaluated(idg, workbook: Path, demo_file: Path):
    _fill(workbook, {("TR", "TR-2"): {"Answer": "=1+1"}})  # a formula with no cached value
    row = _row_of(openpyxl.load_workbook(workbook)["TR"], "TR-2")
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 2
    assert f"TR, row {row}: Answer holds a formula" in result.err

    book = openpyxl.load_workbook(workbook)
    cell = book["TR"].cell(row=row, column=3)
    cell.value = '=HYPERLINK("http://example.org")'
    cell.data_type = "s"  # typed as text, as Excel stores '=... with a leading quote
    book.save(workbook)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 0, result.err
    with AssessmentDocument.open(demo_file, read_only=True) as master:
        assert answers.answer_for(master, "TR-2").text == '=HYPERLINK("http://example.org")'


def test_a_large_base_is_split_over_cells(idg, demo_file: Path, tmp_path: Path, monkeypatch):
    from idg_desktop.workbook import fill_in as module

    monkeypatch.setattr(module, "CHUNK", 5_000)
    target = tmp_path / "split.xlsx"
    assert idg("template", "export", demo_file, "--group", GROUP_A, "-o", target).code == 0
    assert int(openpyxl.load_workbook(target)["_idg"]["A4"].value) > 1
    _fill(target, {("TR", "TR-1"): {"Answer": "Read back from several chunks."}})
    assert idg("template", "import", demo_file, target).code == 0
    with AssessmentDocument.open(demo_file, read_only=True) as master:
        assert answers.answer_for(master, "TR-1").text == "Read back from several chunks."


def test_both_sides_changing_an_answer_is_a_conflict(idg, workbook: Path, demo_file: Path):
    assert idg("answer", demo_file, "TR-1", "--text", "The plenary's wording.").code == 0
    _fill(workbook, {("TR", "TR-1"): {"Answer": "The group's wording."}})
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 3, (result.out, result.err)
    assert "conflicts are open" in result.out
