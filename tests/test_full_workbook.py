"""``idg export xlsx`` and ``idg import workbook``: the whole assessment through Excel.

The round trip is checked through ``idg export json``: the two files must
export the same JSON, except the bytes of attached documents (the workbook
lists a document's file name, SHA-256 and size but does not carry the file,
so the rebuilt file has no content: ``content_base64`` and the ``size`` that
is computed from it differ). Conflicts (open and resolved, with every
version) and the merge log are carried like every other record.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merged_demo import GROUP_A, GROUP_TEXT, build_merged_demo
from openpyxl.utils import get_column_letter

from idg_desktop.domain.colours import RATING_COLOURS
from idg_desktop.errors import CannotWrite
from idg_desktop.workbook.layout import SHEETS, TECHNICAL_SHEET

MAIN_SHEETS = [
    "Scope",
    "Participants",
    "Working groups",
    "Answers",
    "Findings",
    "Activities and priorities",
    "Action plan",
    "KPIs",
]


def _json(idg, path: Path) -> dict:
    result = idg("export", "json", path)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _comparable(data: dict) -> dict:
    """The JSON export without what the workbook does not carry: attached file bytes."""
    data = copy.deepcopy(data)
    for doc in data["documents"]:
        doc.pop("content_base64")
        doc.pop("size")
    return data


def _export(idg, source: Path, out: Path) -> None:
    result = idg("export", "xlsx", source, "-o", out)
    assert result.code == 0, result.err
    assert out.exists()


def _column(ws, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column {header}")


@pytest.fixture(scope="module")
def demo_workbook(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    """The demo exported once (with one attached file) for the read-only checks."""
    from idg_desktop.services.background import add_document
    from idg_desktop.storage.document import AssessmentDocument
    from idg_desktop.workbook.writer import export_xlsx

    folder = tmp_path_factory.mktemp("demo-xlsx")
    source = folder / "demo.idg"
    shutil.copyfile(demo_template, source)
    attachment = folder / "report.txt"
    attachment.write_bytes(b"The 2019 self-assessment report.\n")
    with AssessmentDocument.open(source) as document:
        add_document(document, title="=Report with a file", attachment=attachment)
        export_xlsx(document, folder / "demo.xlsx")
    return folder / "demo.xlsx"


def test_demo_round_trip_exports_the_same_json(idg, demo_workbook: Path, tmp_path: Path):
    source = demo_workbook.with_name("demo.idg")
    rebuilt = tmp_path / "rebuilt.idg"
    result = idg("import", "workbook", demo_workbook, rebuilt)
    assert result.code == 0, result.err
    assert "Created" in result.out
    before, after = _json(idg, source), _json(idg, rebuilt)
    assert _comparable(after) == _comparable(before)
    # The only difference is the attached file's bytes (listed, not carried).
    attached = [d for d in before["documents"] if d["content_base64"]]
    assert len(attached) == 1 and attached[0]["sha256"]
    again = {d["id"]: d for d in after["documents"]}[attached[0]["id"]]
    assert again["sha256"] == attached[0]["sha256"] and again["content_base64"] is None
    # Exporting the rebuilt file again gives the same workbook rows.
    second = tmp_path / "second.xlsx"
    _export(idg, rebuilt, second)
    first, other = openpyxl.load_workbook(demo_workbook), openpyxl.load_workbook(second)
    for sheet in SHEETS:
        if sheet.key != "documents":
            rows = [[c.value for c in row] for row in first[sheet.name].iter_rows()]
            assert rows == [[c.value for c in row] for row in other[sheet.name].iter_rows()]


@pytest.fixture(scope="module")
def merged_workbook(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    """The demo after a package import: two open conflicts, one resolved, two
    merge-log entries (``merged_demo.py``), exported once."""
    from idg_desktop.storage.document import AssessmentDocument
    from idg_desktop.workbook.writer import export_xlsx

    folder = tmp_path_factory.mktemp("merged-xlsx")
    source = build_merged_demo(demo_template, folder)
    with AssessmentDocument.open(source, read_only=True) as document:
        export_xlsx(document, folder / "merged.xlsx")
    return folder / "merged.xlsx"


def test_conflicts_and_merge_log_round_trip(idg, merged_workbook: Path, tmp_path: Path):
    source = merged_workbook.with_name("merged.idg")
    rebuilt = tmp_path / "rebuilt.idg"
    result = idg("import", "workbook", merged_workbook, rebuilt)
    assert result.code == 0, result.err
    before, after = _json(idg, source), _json(idg, rebuilt)
    statuses = sorted(c["status"] for c in before["conflicts"])
    assert statuses == ["open", "open", "resolved"] and len(before["merge_log"]) == 2
    assert after["conflicts"] == before["conflicts"]
    assert after["merge_log"] == before["merge_log"]
    assert _comparable(after) == _comparable(before)
    # The rebuilt file still has the open conflicts to resolve, with the group's text.
    listed = json.loads(idg("conflicts", rebuilt, "--json").out)
    assert {c["record"] for c in listed} == {
        c["record"] for c in before["conflicts"] if c["status"] == "open"
    }
    lc2 = next(c for c in listed if c["record"] == "LC-2")
    assert {v["origin"]: v["content"]["text"] for v in lc2["versions"]}[GROUP_A] == GROUP_TEXT[
        "LC-2"
    ]
    # Exporting the rebuilt file again gives the same workbook rows.
    second = tmp_path / "second.xlsx"
    _export(idg, rebuilt, second)
    first, other = openpyxl.load_workbook(merged_workbook), openpyxl.load_workbook(second)
    for name in ("Conflicts", "Conflict versions", "Merge log"):
        rows = [[c.value for c in row] for row in first[name].iter_rows()]
        assert len(rows) > 2
        assert rows == [[c.value for c in row] for row in other[name].iter_rows()]
    resolved = idg("conflict", "resolve", rebuilt, lc2["id"][:8], "--take", GROUP_A)
    assert resolved.code == 0, resolved.err
    answers = {a["question"]: a["text"] for a in _json(idg, rebuilt)["answers"]}
    assert answers["LC-2"] == GROUP_TEXT["LC-2"]


def test_conflict_sheets_are_readable(merged_workbook: Path):
    book = openpyxl.load_workbook(merged_workbook)
    ws = book["Conflict versions"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Record", "Version from", "Text"]
    lines = [dict(zip(headers, [c.value for c in row], strict=True)) for row in ws.iter_rows(2)]
    lc2 = [(r["Version from"], r["Text"]) for r in lines if r["Record"] == "LC-2"]
    assert lc2 == [("master", "Master: the code was revised."), (GROUP_A, GROUP_TEXT["LC-2"])]
    group = next(r for r in lines if r["Record"] == "LC-2" and r["Version from"] == GROUP_A)
    assert json.loads(group["Version (JSON)"])["rating"] == "not-effective"
    conflicts = book["Conflicts"]
    headers = [c.value for c in conflicts[1]]
    assert headers[:2] == ["Record", "Section"]
    assert headers[-5:] == ["Id", "Created (UTC)", "Updated (UTC)", "Origin", "Revision"]
    log = book["Merge log"]
    headers = [c.value for c in log[1]]
    first = dict(zip(headers, [c.value for c in log[2]], strict=True))
    assert first["Outcome"] == "Conflicts" and first["Records"] == "1 taken, 0 added, 3 in conflict"


RATING_VALUES = {
    "Absent": "absent",
    "Not applied": "not-applied",
    "Not effective": "not-effective",
    "Partially effective": "partially-effective",
    "Effective": "effective",
    "Not applicable": "not-applicable",
    "Not assessed": "not-assessed",
}


def test_workbook_structure(demo_workbook: Path):
    book = openpyxl.load_workbook(demo_workbook)
    assert book.sheetnames[: len(MAIN_SHEETS)] == MAIN_SHEETS
    assert book.sheetnames == [s.name for s in SHEETS]
    assert book[TECHNICAL_SHEET].sheet_state == "hidden"
    assert all(book[s.name].sheet_state == "visible" for s in SHEETS if not s.hidden)
    for sheet in SHEETS:
        ws = book[sheet.name]
        assert ws.freeze_panes == "A2", sheet.name
        if not sheet.vertical:  # what people read first; ids and bookkeeping at the end
            headers = [c.value for c in ws[1]]
            assert headers[0] not in {"Id", "Created (UTC)", "Updated (UTC)", "Origin", "Revision"}
            if "Id" in headers:
                assert headers[-4:] == ["Created (UTC)", "Updated (UTC)", "Origin", "Revision"]
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), sheet.name
        assert all(cell.font.bold for cell in ws[1] if cell.value), sheet.name
        assert ws.column_dimensions["A"].width > 5
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    answers = book["Answers"]
    rating = _column(answers, "Rating (Figure 5)")
    seen = set()
    for row in range(2, answers.max_row + 1):
        cell = answers.cell(row=row, column=rating)
        assert cell.fill.fill_type == "solid"
        value = RATING_VALUES[cell.value]  # the cell shows the rating's label
        assert cell.fill.fgColor.rgb[-6:].lower() == RATING_COLOURS[value].lstrip("#")
        seen.add(cell.value)
    assert len(seen) >= 4
    tech = {r[0].value: r[1].value for r in book[TECHNICAL_SHEET].iter_rows(min_row=2)}
    assert tech["Framework"] == "wco-idg-2021"
    # Text that looks like a formula stayed text.
    documents = book["Documents"]
    letter = get_column_letter(_column(documents, "Title"))
    titles = [c.value for c in documents[letter]]
    assert "=Report with a file" in titles
    cell = next(c for c in documents[letter] if c.value == "=Report with a file")
    assert cell.data_type == "s"


ODD = [
    "=1+1",
    "+33 1 23 45 67 89",
    "-",
    "@SUM(A1)",
    '=HYPERLINK("http://example.invalid","click")',
    "line one\nline two\n\n  indented",
    "تقييم النزاهة في الجمارك",
    "Оценка добросовестности",
    "  spaces around  ",
    "0042",
    "2026-03-09",
    "TRUE",
    "1e5",
]
text = st.one_of(
    st.sampled_from(ODD),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
        min_size=1,
        max_size=40,
    ),
    st.builds(lambda s, n: (s * n)[:32_000], st.sampled_from(ODD), st.integers(100, 5000)),
).filter(lambda s: s.strip())


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from idg_desktop.services.assessment import Scope, create_assessment

    path = tmp_path_factory.mktemp("empty") / "empty.idg"
    create_assessment(path, Scope(title="Odd text", administration="Customs")).close()
    return path


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=text, answer=text, finding=text)
def test_odd_text_round_trips_and_stays_text(
    empty_template: Path, tmp_path: Path, name: str, answer: str, finding: str
):
    from idg_desktop.exports.json_export import export_assessment
    from idg_desktop.services import answers, findings, participants
    from idg_desktop.storage.document import AssessmentDocument
    from idg_desktop.workbook.reader import import_workbook
    from idg_desktop.workbook.writer import export_xlsx

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = folder / "odd.idg"
    shutil.copyfile(empty_template, source)
    with AssessmentDocument.open(source) as document:
        person = participants.add_participant(document, participants.ParticipantData(name=name))
        answers.save_answer(document, "TR-1", text=answer, evidence=answer, rating="absent")
        findings.add_finding(
            document, section="TR", kind="weakness", text=finding, proposed_action=answer
        )
        stored = {
            "name": person.name,
            "answer": answers.answer_for(document, "TR-1").text,
            "finding": findings.list_findings(document)[0].text,
        }
        export_xlsx(document, folder / "odd.xlsx")
        before = export_assessment(document)
    book = openpyxl.load_workbook(folder / "odd.xlsx")
    for sheet, header, value in (
        ("Participants", "Name", stored["name"]),
        ("Answers", "Answer", stored["answer"]),
        ("Answers", "Evidence", stored["answer"]),
        ("Findings", "Finding", stored["finding"]),
    ):
        cell = book[sheet].cell(row=2, column=_column(book[sheet], header))
        assert cell.data_type == "s"
        assert cell.value == value
    with import_workbook(folder / "odd.xlsx", folder / "back.idg") as rebuilt:
        after = export_assessment(rebuilt)
    assert after == before


# -- refusals ------------------------------------------------------------------------


def _edited(source: Path, target: Path, change) -> Path:
    book = openpyxl.load_workbook(source)
    change(book)
    book.save(target)
    return target


def _set(sheet: str, header: str, row: int, value):
    def change(book):
        ws = book[sheet]
        ws.cell(row=row, column=_column(ws, header)).value = value

    return change


def _set_field(sheet: str, field: str, value):
    """Change a vertical sheet's value by its field's name."""

    def change(book):
        ws = book[sheet]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == field)
        ws.cell(row=row, column=2).value = value

    return change


def _duplicate_id(book):
    ws = book["Participants"]
    column = _column(ws, "Id")
    ws.cell(row=5, column=column).value = ws.cell(row=3, column=column).value


def _drop_column(book):
    ws = book["Answers"]
    ws.delete_cols(_column(ws, "Rating (Figure 5)"))


def _formula(book):
    ws = book["Findings"]
    ws.cell(row=4, column=_column(ws, "Finding")).value = "=1+1"  # openpyxl: a formula


def _other_framework(book):
    ws = book[TECHNICAL_SHEET]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Framework version":
            row[1].value = 99


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set("Answers", "Rating (Figure 5)", 3, "excellent"), "Answers, row 3"),
        (_drop_column, "Answers, row 1: the column 'Rating (Figure 5)' is missing"),
        (_duplicate_id, "Participants, row 5"),
        (_formula, "Findings, row 4, Finding: the cell holds a formula"),
        (_set("Findings", "Section", 2, "XX"), "Findings, row 2: there is no section XX"),
        (_set("Working groups", "Members (ids)", 2, "nobody-123"), "Working groups, row 2"),
        (_set_field("Scope", "Created (UTC)", "9 March 2026"), "Created (UTC): '9 March"),
        (_other_framework, "framework wco-idg-2021 version 99"),
    ],
    ids=["rating", "column", "duplicate", "formula", "section", "member", "time", "framework"],
)
def test_a_bad_workbook_is_refused_in_one_line(
    idg, demo_workbook: Path, tmp_path: Path, change, expected: str
):
    bad = _edited(demo_workbook, tmp_path / "bad.xlsx", change)
    target = tmp_path / "new.idg"
    result = idg("import", "workbook", bad, target)
    assert result.code == 2
    assert result.err.count("\n") == 1 and expected in result.err, result.err
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.xlsx"]


def _unknown_conflict(book):
    _set("Conflict versions", "Conflict (id)", 3, "nobody-123")(book)


def _same_order(book):
    ws = book["Conflict versions"]
    column = _column(ws, "Order")
    ws.cell(row=3, column=column).value = ws.cell(row=2, column=column).value


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set("Conflicts", "Status", 2, "maybe"), "Conflicts, row 2, Status: 'maybe' is not one"),
        (_set("Conflicts", "Section", 3, "XX"), "Conflicts, row 3: there is no section XX"),
        (_set("Conflicts", "Resolved (UTC)", 2, "yesterday"), "Conflicts, row 2, Resolved (UTC)"),
        (_unknown_conflict, "Conflict versions, row 3: conflict nobody-123 is not in the workbook"),
        (_same_order, "Conflict versions, row 3: order 0 appears twice"),
        (
            _set("Conflict versions", "Version (JSON)", 4, "{text: no quotes}"),
            "Conflict versions, row 4: Version (JSON) is not a JSON object",
        ),
        (_set("Conflict versions", "Version from", 2, " "), "Version from is empty"),
        (_set("Merge log", "Outcome", 2, "lost"), "Merge log, row 2, Outcome: 'lost' is not one"),
        (
            _set("Merge log", "Summary (JSON)", 3, "[1, 2]"),
            "Merge log, row 3: Summary (JSON) is not a JSON object",
        ),
    ],
    ids=["status", "section", "resolved", "conflict", "order", "json", "from", "outcome", "log"],
)
def test_a_bad_conflict_or_merge_log_row_is_refused(
    idg, merged_workbook: Path, tmp_path: Path, change, expected: str
):
    bad = _edited(merged_workbook, tmp_path / "bad.xlsx", change)
    target = tmp_path / "new.idg"
    result = idg("import", "workbook", bad, target)
    assert result.code == 2
    assert result.err.count("\n") == 1 and expected in result.err, result.err
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.xlsx"]


def _as_version_1(book):
    """A workbook as the version before conflicts were exported wrote it."""
    for name in ("Conflicts", "Conflict versions", "Merge log"):
        del book[name]
    ws = book[TECHNICAL_SHEET]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Format version":
            row[1].value = 1


def test_a_version_1_workbook_without_the_conflict_sheets_still_imports(
    idg, merged_workbook: Path, tmp_path: Path
):
    old = _edited(merged_workbook, tmp_path / "old.xlsx", _as_version_1)
    result = idg("import", "workbook", old, tmp_path / "old.idg")
    assert result.code == 0, result.err
    data = _json(idg, tmp_path / "old.idg")
    assert data["conflicts"] == [] and data["merge_log"] == [] and data["answers"]
    # A version 2 workbook must have them: a deleted sheet is refused, not skipped.
    cut = _edited(
        merged_workbook, tmp_path / "cut.xlsx", lambda book: book.remove(book["Merge log"])
    )
    result = idg("import", "workbook", cut, tmp_path / "cut.idg")
    assert result.code == 2 and "the sheet Merge log is missing" in result.err, result.err
    assert not (tmp_path / "cut.idg").exists()


def test_every_problem_is_listed(idg, demo_workbook: Path, tmp_path: Path):
    def two(book):
        _set("Answers", "Rating (Figure 5)", 3, "excellent")(book)
        _duplicate_id(book)

    bad = _edited(demo_workbook, tmp_path / "bad.xlsx", two)
    result = idg("import", "workbook", bad, tmp_path / "new.idg")
    assert result.code == 2
    assert "Answers, row 3" in result.err and "Participants, row 5" in result.err


@pytest.mark.parametrize("kind", ["damaged", "text", "other-xlsx"])
def test_not_a_readable_workbook_is_refused(idg, demo_workbook: Path, tmp_path: Path, kind):
    bad = tmp_path / "bad.xlsx"
    if kind == "damaged":
        data = demo_workbook.read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif kind == "text":
        bad.write_text("not a workbook\n")
    else:
        openpyxl.Workbook().save(bad)
    target = tmp_path / "new.idg"
    result = idg("import", "workbook", bad, target)
    assert result.code == 2 and result.err.count("\n") == 1
    assert str(bad) in result.err
    assert not target.exists()


def test_an_existing_newfile_is_refused_and_untouched(idg, demo_workbook: Path, new_file: Path):
    before = new_file.read_bytes()
    result = idg("import", "workbook", demo_workbook, new_file)
    assert result.code == 2 and "already exists" in result.err
    assert new_file.read_bytes() == before


def test_a_failed_read_back_leaves_no_output(idg, demo_file: Path, tmp_path: Path, monkeypatch):
    from idg_desktop.workbook import writer

    def fail(path, rows):
        raise CannotWrite(f"{path} did not read back: simulated.")

    monkeypatch.setattr(writer, "check_read_back", fail)
    out = tmp_path / "out" / "demo.xlsx"
    out.parent.mkdir()
    result = idg("export", "xlsx", demo_file, "-o", out)
    assert result.code == 2 and "did not read back" in result.err
    assert list(out.parent.iterdir()) == []


def test_text_excel_cannot_hold_is_refused_before_writing(idg, new_file: Path, tmp_path: Path):
    from idg_desktop.services import answers
    from idg_desktop.storage.document import AssessmentDocument

    with AssessmentDocument.open(new_file) as document:
        answers.save_answer(document, "TR-1", text="carriage\r\nreturn")
        answers.save_answer(document, "TR-2", text="x" * 40_000)
    out = tmp_path / "out.xlsx"
    result = idg("export", "xlsx", new_file, "-o", out)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "Answers, row 2 (Answer)" in result.err and "Answers, row 3 (Answer)" in result.err
    assert not out.exists()
