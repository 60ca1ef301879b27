"""The fill-in workbook carries Figure 5's three questions (Exists, Applied, Effective)
and imports them as the window saves them; workbooks of the first template (five
columns, no ladder) still import. Files are really written, filled and read back."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from idg_desktop.services import answers
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook.fill_in import COLUMNS, LEGACY_COLUMNS

GROUP_A = "Group A – Leadership, rules and transparency"  # LC, RF, TR, MS in the demo


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workbook(idg, demo_file: Path, tmp_path: Path) -> Path:
    with AssessmentDocument.open(demo_file) as document:  # as the window's editor saves it
        answers.save_answer(document, "TR-21", evaluation=answers.Evaluation(True, False))
    target = tmp_path / "group-a.xlsx"
    result = idg("template", "export", demo_file, "--group", GROUP_A, "-o", target)
    assert result.code == 0, result.err
    return target


def _row_of(sheet, qid: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == qid:
            return row
    raise AssertionError(qid)


def _cells(path: Path, code: str, qid: str) -> dict[str, object]:
    sheet = openpyxl.load_workbook(path)[code]
    row = _row_of(sheet, qid)
    return {name: sheet.cell(row=row, column=i + 1).value or "" for i, name in enumerate(COLUMNS)}


def _fill(path: Path, cells: dict[tuple[str, str], dict[str, object]]) -> None:
    book = openpyxl.load_workbook(path)
    for (code, qid), values in cells.items():
        sheet = book[code]
        row = _row_of(sheet, qid)
        for name, value in values.items():
            cell = sheet.cell(row=row, column=COLUMNS.index(name) + 1)
            assert cell.protection.locked is False
            cell.value = value
    book.save(path)


def _state(path: Path, qid: str):
    with AssessmentDocument.open(path, read_only=True) as document:
        a = answers.answer_for(document, qid)
        if a is None:
            return None
        return a.rating, (a.measure_exists, a.measure_applied, a.measure_effective)


def _fresh(path: Path, code: str) -> str:
    with AssessmentDocument.open(path, read_only=True) as document:
        for number in range(1, 200):
            qid = f"{code}-{number}"
            if answers.answer_for(document, qid) is None:
                answers.find_question(document, qid)
                return qid
    raise AssertionError(code)


def test_the_template_shows_the_three_answers_as_the_window_does(workbook: Path):
    sheet = openpyxl.load_workbook(workbook)["TR"]
    assert tuple(c.value for c in sheet[1]) == COLUMNS
    assert COLUMNS[: len(LEGACY_COLUMNS)] == LEGACY_COLUMNS  # the first five stay in place
    implied = _cells(workbook, "TR", "TR-20")  # rated "effective" directly in the demo
    assert (implied["Rating"], implied["Exists"], implied["Applied"], implied["Effective"]) == (
        "effective", "yes", "yes", "yes",
    )  # fmt: skip
    stored = _cells(workbook, "TR", "TR-21")
    assert (stored["Rating"], stored["Exists"], stored["Applied"], stored["Effective"]) == (
        "not-applied", "yes", "no", "",
    )  # fmt: skip


def test_answers_alone_give_the_rating(idg, workbook: Path, demo_file: Path):
    fresh = _fresh(demo_file, "RF")
    _fill(
        workbook,
        {
            ("RF", fresh): {"Exists": "Yes", "Applied": "yes", "Effective": "partly"},
            ("TR", "TR-20"): {"Effective": "no"},  # the rating cell still says "effective"
            ("TR", "TR-21"): {"Applied": "yes", "Rating": None},  # rating emptied: derived
        },
    )
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 0, result.err
    assert _state(demo_file, fresh) == ("partially-effective", (True, True, "partly"))
    assert _state(demo_file, "TR-20") == ("not-effective", (True, True, "no"))
    assert _state(demo_file, "TR-21") == ("not-assessed", (True, True, None))


def test_a_rating_changed_alone_takes_the_answers_it_implies(idg, workbook: Path, demo_file: Path):
    _fill(workbook, {("TR", "TR-21"): {"Rating": "effective"}})
    assert idg("template", "import", demo_file, workbook).code == 0
    assert _state(demo_file, "TR-21") == ("effective", (True, True, "yes"))


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ({"Rating": "partially-effective", "Applied": "no"}, "contradicts"),
        ({"Rating": "absent", "Effective": "partly"}, "which give partially-effective"),
        ({"Effective": "maybe"}, "Effective 'maybe' is not one of no, partly, yes"),
    ],
)
def test_impossible_answers_refuse_the_workbook(idg, workbook, demo_file, values, needle):
    _fill(workbook, {("TR", "TR-20"): values})
    row = _row_of(openpyxl.load_workbook(workbook)["TR"], "TR-20")
    before = _digest(demo_file)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 2, result.err
    assert len(result.err.strip().splitlines()) == 1
    assert f"TR, row {row}: " in result.err and needle in result.err
    assert _digest(demo_file) == before


def test_a_workbook_of_the_first_template_still_imports(idg, workbook: Path, demo_file: Path):
    book = openpyxl.load_workbook(workbook)
    for code in ("LC", "RF", "TR", "MS"):
        book[code].delete_cols(len(LEGACY_COLUMNS) + 1, 3)
        book[code].data_validations.dataValidation = book[code].data_validations.dataValidation[:1]
    sheet = book["TR"]
    assert tuple(c.value for c in sheet[1]) == LEGACY_COLUMNS
    sheet.cell(row=_row_of(sheet, "TR-20"), column=4).value = "partially-effective"
    sheet.cell(row=_row_of(sheet, "TR-21"), column=3).value = "Only the answer changed."
    book.save(workbook)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 0, result.err
    assert _state(demo_file, "TR-20") == ("partially-effective", (True, True, "partly"))
    assert _state(demo_file, "TR-21") == ("not-applied", (True, False, None))


def test_answers_after_a_no_are_dropped_as_in_the_window(idg, workbook: Path, demo_file: Path):
    """TR-20 is exported yes/yes/yes; a "no" typed above the prefilled answers wins."""
    _fill(workbook, {("TR", "TR-20"): {"Exists": "no"}, ("TR", "TR-21"): {"Applied": "no"}})
    assert idg("template", "import", demo_file, workbook).code == 0
    assert _state(demo_file, "TR-20") == ("absent", (False, None, None))
    assert _state(demo_file, "TR-21") == ("not-applied", (True, False, None))  # unchanged
