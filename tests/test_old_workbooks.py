"""Workbooks made by earlier versions go on being read.

``tests/fixtures/workbook-v1-demo.xlsx`` (the demo's full workbook) and
``template-v1-group-a.xlsx`` (group A's fill-in workbook) were written by the
code of 2026-11-30, before the writers changed (see tests/fixtures/README.md).
Facilitators keep such workbooks as backups and groups return them weeks
later: the importers must keep reading them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl

from idg_desktop.services import answers
from idg_desktop.storage.document import AssessmentDocument

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_full_workbook_of_the_first_version_rebuilds_the_demo(idg, tmp_path: Path):
    rebuilt = tmp_path / "rebuilt.idg"
    result = idg("import", "workbook", FIXTURES / "workbook-v1-demo.xlsx", rebuilt)
    assert result.code == 0, result.err
    facts = json.loads(idg("info", rebuilt, "--json").out)
    counts = {key: facts[key] for key in ("participants", "groups", "answers", "findings")}
    assert counts == {"participants": 23, "groups": 4, "answers": 72, "findings": 24}
    assert (facts["activities"], facts["outcomes"], facts["outputs"]) == (10, 7, 5)
    assert (facts["kpis"], facts["kpis_complete"], facts["endorsements"]) == (9, 8, 2)


def test_a_full_workbook_of_the_second_version_rebuilds_the_demo(idg, tmp_path: Path):
    """The workbook of the code before its sheets spoke people's words (machine
    values such as "private-sector", "partially-effective") is still read."""
    rebuilt = tmp_path / "rebuilt.idg"
    result = idg("import", "workbook", FIXTURES / "workbook-v2-demo.xlsx", rebuilt)
    assert result.code == 0, result.err
    facts = json.loads(idg("info", rebuilt, "--json").out)
    counts = {key: facts[key] for key in ("participants", "groups", "answers", "findings")}
    assert counts == {"participants": 23, "groups": 4, "answers": 72, "findings": 24}
    assert (facts["activities"], facts["outcomes"], facts["outputs"]) == (10, 7, 5)
    assert (facts["kpis"], facts["kpis_complete"], facts["endorsements"]) == (11, 9, 2)
    assert (facts["sessions"], facts["documents"]) == (8, 13)


def _column(sheet, header: str) -> int:
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column {header!r} on sheet {sheet.title}")


def test_a_fill_in_workbook_of_the_first_version_merges(idg, demo_file: Path, tmp_path: Path):
    filled = tmp_path / "group-a.xlsx"
    shutil.copyfile(FIXTURES / "template-v1-group-a.xlsx", filled)
    book = openpyxl.load_workbook(filled)
    sheet = book["TR"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "TR-1")
    sheet.cell(row, _column(sheet, "Answer")).value = "Returned weeks later on paper."
    sheet.cell(row, _column(sheet, "Rating")).value = "not-effective"
    book.save(filled)
    result = idg("template", "import", demo_file, filled)
    assert result.code == 0, result.err
    with AssessmentDocument.open(demo_file, read_only=True) as master:
        answer = answers.answer_for(master, "TR-1")
        assert (answer.text, answer.rating) == ("Returned weeks later on paper.", "not-effective")
