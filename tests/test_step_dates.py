"""Dates that are facts, stored once (issue 11): the six steps' dates are set
by the facilitator (proposed from the scope's period and the agenda), never
the date records were typed; Annex 5's Date and Location are the scope's
period and location. Files are reopened to check what was written."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from idg_desktop.reports.content import read_report
from idg_desktop.services import agenda, assessment, steps
from idg_desktop.storage.document import AssessmentDocument

FIXTURES = Path(__file__).parent / "fixtures"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ok(result) -> str:
    assert result.code == 0, (result.code, result.out, result.err)
    return result.out.strip()


def _refused(idg, path: Path, *args: object, needle: str) -> None:
    before = _digest(path)
    result = idg(*args)
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.err
    assert _digest(path) == before


def _steps_json(idg, path: Path) -> dict[int, tuple[str, str]]:
    items = json.loads(_ok(idg("steps", path, "--json")))
    assert [s["number"] for s in items] == [1, 2, 3, 4, 5, 6]
    return {s["number"]: (s["start"], s["end"]) for s in items}


# -- schema 7: the schema-6 demo opens upgraded --------------------------------------


def test_schema6_demo_opens_upgraded_with_one_date_and_location(idg, tmp_path: Path):
    """Its Annex 5 Date and Location texts said more than the scope's facts: the
    scope keeps its period and location, the texts move to the terms' notes."""
    path = tmp_path / "schema6-demo.idg"
    shutil.copyfile(FIXTURES / "schema6-demo.idg", path)
    with sqlite3.connect(path) as db:
        old_terms = json.loads(
            db.execute("SELECT terms_of_reference FROM assessment").fetchone()[0]
        )
    assert old_terms["date"] and old_terms["location"]
    with AssessmentDocument.open(path) as document:
        assert document.upgraded_from == 6
        scope = assessment.assessment_of(document)
        assert (scope.start_date, scope.end_date) == ("2026-03-09", "2026-03-13")
        assert scope.location == "Customs Training Centre, Veltra, Republic of Lorvania"
        stored = json.loads(scope.terms_of_reference)
        assert "date" not in stored and "location" not in stored
        assert old_terms["date"] in stored["notes"] and old_terms["location"] in stored["notes"]
        # nothing else of the terms changed
        assert {k: v for k, v in stored.items() if k != "notes"} == {
            k: v for k, v in old_terms.items() if k not in ("date", "location")
        }
        # no step is dated by when records were typed: none is set
        assert all(s.start == s.end == "" for s in steps.list_steps(document))
    shown = json.loads(_ok(idg("tor", "show", path, "--json")))
    assert shown["date"] == "2026-03-09 to 2026-03-13"
    assert shown["location"] == "Customs Training Centre, Veltra, Republic of Lorvania"


def test_the_upgrade_takes_annex5_date_and_location_when_the_scope_has_none(tmp_path: Path):
    path = tmp_path / "schema6-demo.idg"
    shutil.copyfile(FIXTURES / "schema6-demo.idg", path)
    with sqlite3.connect(path) as db:
        terms = json.loads(db.execute("SELECT terms_of_reference FROM assessment").fetchone()[0])
        terms["date"] = "2026-03-09 to 2026-03-13"
        db.execute(
            "UPDATE assessment SET start_date = '', end_date = '', location = '', "
            "terms_of_reference = ?",
            (json.dumps(terms),),
        )
    with AssessmentDocument.open(path) as document:
        scope = assessment.assessment_of(document)
        assert (scope.start_date, scope.end_date) == ("2026-03-09", "2026-03-13")
        assert scope.location == terms["location"]
        stored = json.loads(scope.terms_of_reference)
        assert "notes" not in stored and "date" not in stored and "location" not in stored


# -- Annex 5's Date and Location are the scope's ----------------------------------


def test_tor_date_and_location_write_the_scope(idg, new_file: Path):
    _ok(idg("tor", "set", new_file, "date=2027-03-08 to 2027-03-12", "location=Veltra"))
    with AssessmentDocument.open(new_file, read_only=True) as document:
        scope = assessment.assessment_of(document)
        assert (scope.start_date, scope.end_date, scope.location) == (
            "2027-03-08",
            "2027-03-12",
            "Veltra",
        )
        assert json.loads(scope.terms_of_reference) == {}  # no second copy
    with AssessmentDocument.open(new_file) as document:
        assessment.update_scope(document, location="Kelmor Pass", end_date="2027-03-13")
    shown = json.loads(_ok(idg("tor", "show", new_file, "--json")))
    assert (shown["date"], shown["location"]) == ("2027-03-08 to 2027-03-13", "Kelmor Pass")
    assert "Date (date): 2027-03-08 to 2027-03-13" in _ok(idg("tor", "show", new_file))
    _refused(idg, new_file, "tor", "set", new_file, "date=8 March", needle="YYYY-MM-DD")
    _ok(idg("tor", "set", new_file, "date="))
    with AssessmentDocument.open(new_file, read_only=True) as document:
        scope = assessment.assessment_of(document)
        assert (scope.start_date, scope.end_date) == ("", "")


# -- the steps' dates ----------------------------------------------------------------


def test_step_set_and_list(idg, new_file: Path):
    assert set(_steps_json(idg, new_file).values()) == {("", "")}
    assert "1  Establishing the scope of assessment: not set" in _ok(idg("steps", new_file))
    _ok(idg("step", "set", new_file, "2", "start=2027-01-11", "end=2027-01-22"))
    _ok(idg("step", "set", new_file, "6", "start=2027-03-15"))
    assert _steps_json(idg, new_file)[2] == ("2027-01-11", "2027-01-22")
    assert _steps_json(idg, new_file)[6] == ("2027-03-15", "")
    assert "6  Reporting: from 2027-03-15" in _ok(idg("steps", new_file))
    _ok(idg("step", "set", new_file, "2", "end="))
    assert _steps_json(idg, new_file)[2] == ("2027-01-11", "")
    exported = json.loads(_ok(idg("export", "json", new_file)))["steps"]
    assert [(s["number"], s["start"], s["end"]) for s in exported] == [
        (2, "2027-01-11", ""),
        (6, "2027-03-15", ""),
    ]
    assert {"id", "created_at", "updated_at", "origin", "revision"} <= set(exported[0])
    assert exported[0]["revision"] == 2


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("7", "start=2027-01-01"), "numbered 1 to 6"),
        (("2", "start=11 January"), "YYYY-MM-DD"),
        (("2", "start=2027-02-01", "end=2027-01-01"), "before it starts"),
        (("2", "when=2027-02-01"), "no field 'when'"),
        (("2", "start"), "field=value"),
    ],
)
def test_step_set_refusals(idg, new_file: Path, args, needle):
    _refused(idg, new_file, "step", "set", new_file, *args, needle=needle)


def test_propose_from_the_scope_and_agenda_never_overwrites_a_set_date(idg, new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        assessment.update_scope(document, start_date="2027-03-08", end_date="2027-03-12")
        agenda.add_session(document, day="2027-02-15", topic="Remote briefing")
        agenda.add_session(document, day="2027-02-22", topic="Second briefing")
        agenda.add_session(document, day="2027-03-08", topic="Opening")
    _ok(idg("step", "set", new_file, "5", "start=2027-03-09", "end=2027-03-12"))
    out = _ok(idg("step", "propose", new_file))
    assert "Planning the integrity assessment: 2027-02-15 to 2027-02-22" in out
    assert _steps_json(idg, new_file) == {
        1: ("", ""),
        2: ("", ""),
        3: ("", ""),
        4: ("2027-02-15", "2027-02-22"),
        5: ("2027-03-09", "2027-03-12"),  # the facilitator's, kept
        6: ("2027-03-13", ""),
    }
    assert "No step to propose" in _ok(idg("step", "propose", new_file))


# -- the report ------------------------------------------------------------------------


def test_the_report_shows_the_steps_dates_never_the_date_of_typing(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        report = read_report(document)
        assert [when for _n, _t, when, _d in report.steps] == ["not set"] * 6
        steps.set_step(document, 5, start="2027-03-08", end="2027-03-12")
        steps.set_step(document, 1, start="2026-11-02", end="2026-11-02")
        whens = {n: when for n, _t, when, _d in read_report(document).steps}
    assert whens[5] == "2027-03-08 to 2027-03-12"
    assert whens[1] == "2026-11-02"
    assert whens[6] == "not set"


def test_the_pdf_report_carries_the_demo_step_dates(idg, demo_file: Path, tmp_path: Path):
    def text(report: str) -> str:
        out = tmp_path / f"{report}.pdf"
        _ok(idg("export", "pdf", demo_file, "--report", report, "-o", out))
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)

    report = text("assessment")
    assert "2026-03-16 to 2026-04-10" in report  # step 6, reporting
    assert "2026-01-12 to 2026-01-16" in report  # step 1, the scope
    terms = text("tor")  # Annex 5's Date and Location: the scope's
    assert "2026-03-09 to 2026-03-13" in terms
    assert "Customs Training Centre, Veltra, Republic of Lorvania" in terms


def test_the_demo_has_realistic_step_dates(idg, demo_file: Path):
    dates = _steps_json(idg, demo_file)
    assert all(start and end and start <= end for start, end in dates.values())
    assert dates[5] == ("2026-03-09", "2026-03-13")  # the workshop, the scope's period
    assert all(dates[n][0] <= dates[n + 1][0] for n in range(1, 6))
    assert dates[6][0] > dates[5][1]


# -- workbooks -------------------------------------------------------------------------


def test_an_old_workbook_keeps_annex5_texts_in_the_notes(idg, tmp_path: Path):
    """workbook-v1-demo.xlsx has Annex 5 Date and Location rows saying more than
    the scope: the new file has the scope's facts and the texts in the notes."""
    target = tmp_path / "from-v1.idg"
    _ok(idg("import", "workbook", FIXTURES / "workbook-v1-demo.xlsx", target))
    data = json.loads(_ok(idg("export", "json", target)))
    scope = data["assessment"]
    assert (scope["start_date"], scope["end_date"]) == ("2026-03-09", "2026-03-13")
    terms = scope["terms_of_reference"]
    assert "date" not in terms and "location" not in terms
    assert "remote preparatory briefings" in terms["notes"]
    assert "Kelmor Pass" in terms["notes"]
    assert data["steps"] == []


def test_a_bad_step_row_is_refused(idg, demo_file: Path, tmp_path: Path):
    import openpyxl

    workbook = tmp_path / "demo.xlsx"
    _ok(idg("export", "xlsx", demo_file, "-o", workbook))
    book = openpyxl.load_workbook(workbook)
    sheet = book["Steps"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("Step") + 1, 9)
    sheet.cell(3, headers.index("End (YYYY-MM-DD)") + 1, "2020-01-01")
    book.save(workbook)
    target = tmp_path / "bad.idg"
    result = idg("import", "workbook", workbook, target)
    assert result.code == 2 and not target.exists()
    assert "no step 9" in result.err and "ends before it starts" in result.err
