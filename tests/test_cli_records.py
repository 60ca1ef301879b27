"""What the window records, from the command line: Figure 5's three answers,
background documents, workshop sessions, terms of reference, custom questions
and the plenary's decisions on findings. Every refusal: one line, exit 2, the
file byte for byte as it was. Files are reopened to check what was written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from idg_desktop.services import answers
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook.fill_in import COLUMNS

GROUP_A = "Group A – Leadership, rules and transparency"  # LC, RF, TR, MS in the demo


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(idg, path: Path, *args: object, needles: tuple[str, ...] = ()) -> str:
    """Run ``idg`` expecting a refusal; the file must not change by one byte."""
    before = _digest(path)
    result = idg(*args)
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert _digest(path) == before
    return lines[0]


def _ok(result) -> str:
    assert result.code == 0, (result.code, result.out, result.err)
    return result.out.strip()


def _ladder(path: Path, qid: str) -> tuple[str, tuple]:
    with AssessmentDocument.open(path, read_only=True) as document:
        answer = answers.answer_for(document, qid)
        assert answer is not None
        return answer.rating, (
            answer.measure_exists,
            answer.measure_applied,
            answer.measure_effective,
        )


def _export(idg, path: Path) -> dict:
    return json.loads(_ok(idg("export", "json", path)))


# -- Figure 5 on the command line -------------------------------------------------


def test_each_ladder_flag_updates_its_own_answer_and_keeps_the_others(idg, new_file: Path):
    assert _ok(idg("answer", new_file, "TR-20", "--exists", "yes")) == "TR-20: not-assessed"
    assert _ladder(new_file, "TR-20") == ("not-assessed", (True, None, None))
    assert _ok(idg("answer", new_file, "TR-20", "--applied", "yes")) == "TR-20: not-assessed"
    assert _ok(idg("answer", new_file, "TR-20", "--effective", "partly")).endswith(
        "partially-effective"
    )
    assert _ladder(new_file, "TR-20") == ("partially-effective", (True, True, "partly"))
    idg("answer", new_file, "TR-20", "--effective", "yes")
    assert _ladder(new_file, "TR-20") == ("effective", (True, True, "yes"))
    # "no" to applied: effective is no longer asked, as in the window
    assert _ok(idg("answer", new_file, "TR-20", "--applied", "no")) == "TR-20: not-applied"
    assert _ladder(new_file, "TR-20") == ("not-applied", (True, False, None))
    # the export shows the same
    exported = {a["question"]: a for a in _export(idg, new_file)["answers"]}["TR-20"]
    assert exported["evaluation"] == {"measure_exists": True, "applied": False, "effective": None}


def test_rating_alone_works_as_before_and_leaves_the_ladder_empty(idg, new_file: Path):
    idg("answer", new_file, "LC-1", "--exists", "yes", "--applied", "yes", "--effective", "no")
    assert _ladder(new_file, "LC-1") == ("not-effective", (True, True, "no"))
    assert _ok(idg("answer", new_file, "LC-1", "--rating", "not-applicable")).endswith(
        "not-applicable"
    )
    assert _ladder(new_file, "LC-1") == ("not-applicable", (None, None, None))
    idg("answer", new_file, "LC-1", "--rating", "effective")
    assert _ladder(new_file, "LC-1") == ("effective", (None, None, None))


def test_a_flag_after_a_rating_given_directly_starts_from_its_implied_answers(idg, new_file: Path):
    """The window shows "effective" as yes/yes/yes; changing the third keeps the two others."""
    idg("answer", new_file, "RF-2", "--rating", "effective")
    assert _ok(idg("answer", new_file, "RF-2", "--effective", "partly")).endswith(
        "partially-effective"
    )
    assert _ladder(new_file, "RF-2") == ("partially-effective", (True, True, "partly"))


def test_a_rating_agreeing_with_the_answers_is_accepted(idg, new_file: Path):
    result = idg(
        "answer", new_file, "TR-3", "--rating", "not-effective",
        "--exists", "yes", "--applied", "yes", "--effective", "no",
    )  # fmt: skip
    assert _ok(result) == "TR-3: not-effective"
    assert _ladder(new_file, "TR-3") == ("not-effective", (True, True, "no"))
    assert _ok(idg("answer", new_file, "TR-4", "--rating", "absent", "--exists", "no"))
    assert _ladder(new_file, "TR-4") == ("absent", (False, None, None))


def test_a_contradicting_rating_is_refused_saying_why(idg, new_file: Path):
    idg("answer", new_file, "TR-20", "--exists", "yes", "--applied", "yes", "--effective", "yes")
    line = _refused(
        idg, new_file, "answer", new_file, "TR-20", "--rating", "effective", "--applied", "no",
        needles=("TR-20", "effective", "contradicts", "applied no", "not-applied"),
    )  # fmt: skip
    assert str(new_file) in line
    _refused(
        idg, new_file, "answer", new_file, "TR-21", "--rating", "not-applicable",
        "--exists", "no", needles=("not-applicable", "absent"),
    )  # fmt: skip
    assert _ladder(new_file, "TR-20") == ("effective", (True, True, "yes"))


def test_a_question_not_asked_cannot_be_answered(idg, new_file: Path):
    _refused(
        idg, new_file, "answer", new_file, "TR-20", "--exists", "no", "--applied", "yes",
        needles=("applied", "exists"),
    )  # fmt: skip
    idg("answer", new_file, "TR-20", "--exists", "yes")
    _refused(
        idg, new_file, "answer", new_file, "TR-20", "--effective", "yes",
        needles=("effective", "applied"),
    )  # fmt: skip
    _refused(
        idg, new_file, "answer", new_file, "TR-20", "--effective", "maybe",
        needles=("--effective",),
    )  # fmt: skip


def _row_of(sheet, qid: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == qid:
            return row
    raise AssertionError(qid)


def test_the_fill_in_workbook_keeps_the_ladder(idg, demo_file: Path, tmp_path: Path):
    """A rating typed in the workbook sets Figure 5's answers as the window shows them."""
    with AssessmentDocument.open(demo_file) as document:  # as the window's editor saves them
        for qid, effective in (("TR-20", "yes"), ("TR-21", "no")):
            answers.save_answer(document, qid, evaluation=answers.Evaluation(True, True, effective))
    workbook = tmp_path / "a.xlsx"
    _ok(idg("template", "export", demo_file, "--group", GROUP_A, "-o", workbook))
    book = openpyxl.load_workbook(workbook)
    sheet = book["TR"]
    rating = COLUMNS.index("Rating") + 1
    sheet.cell(row=_row_of(sheet, "TR-20"), column=rating).value = "partially-effective"
    sheet.cell(row=_row_of(sheet, "TR-21"), column=COLUMNS.index("Answer") + 1).value = "More."
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        fresh = next(
            sheet.cell(row=r, column=1).value
            for r in range(2, sheet.max_row + 1)
            if answers.answer_for(document, sheet.cell(row=r, column=1).value) is None
        )
    sheet.cell(row=_row_of(sheet, fresh), column=rating).value = "absent"
    book.save(workbook)
    result = idg("template", "import", demo_file, workbook)
    assert result.code == 0, result.err
    assert _ladder(demo_file, "TR-20") == ("partially-effective", (True, True, "partly"))
    assert _ladder(demo_file, "TR-21") == ("not-effective", (True, True, "no"))  # untouched
    assert _ladder(demo_file, fresh) == ("absent", (False, None, None))  # first rated there


# -- background documents -----------------------------------------------------------


def test_document_add_stores_the_attachment_and_documents_lists_it(
    idg, new_file: Path, tmp_path: Path
):
    attachment = tmp_path / "code of conduct.pdf"
    attachment.write_bytes(b"%PDF-1.4 the code\x00\xff")
    short = _ok(
        idg(
            "document", "add", new_file, "--title", "Code of Conduct 2024",
            "--kind", "anti-corruption-legislation-and-codes-of-conduct", "--attach", attachment,
        )
    )  # fmt: skip
    assert len(short) == 8
    _ok(idg("document", "add", new_file, "--title", "Annual report 2025", "--kind", "other"))
    with AssessmentDocument.open(new_file, read_only=True) as document:
        record = next(
            d for d in document.session.query(models.BackgroundDocument) if d.id[:8] == short
        )
        assert record.content == attachment.read_bytes()
        assert record.file_name == "code of conduct.pdf"
        assert record.sha256 == _digest(attachment)
        assert record.origin and record.created_at is not None
    listed = json.loads(_ok(idg("documents", new_file, "--json")))
    assert [d["title"] for d in listed] == ["Code of Conduct 2024", "Annual report 2025"]
    exported = _export(idg, new_file)["documents"]
    assert listed == [{k: v for k, v in d.items() if k != "content_base64"} for d in exported]
    assert listed[0]["size"] == len(attachment.read_bytes())
    text = _ok(idg("documents", new_file))
    assert short in text and "Code of Conduct 2024" in text


def test_document_add_refusals(idg, new_file: Path, tmp_path: Path):
    _refused(idg, new_file, "document", "add", new_file, "--title", " ", "--kind", "other",
             needles=("title",))  # fmt: skip
    _refused(idg, new_file, "document", "add", new_file, "--title", "T", "--kind", "Bad Kind!",
             needles=("kind",))  # fmt: skip
    _refused(idg, new_file, "document", "add", new_file, "--title", "T", "--kind", "made-up-kind",
             needles=("made-up-kind", "performance-reports", "other"))  # fmt: skip
    _refused(idg, new_file, "document", "add", new_file, "--title", "T", "--kind", "other",
             "--attach", tmp_path / "nowhere.pdf", needles=("nowhere.pdf",))  # fmt: skip
    _refused(idg, new_file, "document", "add", new_file, "--kind", "other",
             needles=("--title",))  # fmt: skip


# -- workshop sessions ----------------------------------------------------------------


@pytest.fixture
def people(idg, new_file: Path) -> dict[str, str]:
    ids = {}
    for name in ("Ana Silva", "Bo Chen", "Chidi Obi"):
        ids[name] = _ok(idg("participant", "add", new_file, "--name", name))
    return ids


def _sessions(idg, path: Path) -> list[dict]:
    return json.loads(_ok(idg("sessions", path, "--json")))


def _full_id(path: Path, model, short: str) -> str:
    with AssessmentDocument.open(path, read_only=True) as document:
        return next(r.id for r in document.session.query(model) if r.id.startswith(short))


def test_session_add_set_delete_and_list(idg, new_file: Path, people: dict[str, str]):
    short = _ok(
        idg(
            "session", "add", new_file, "--date", "2026-03-09", "--start", "09:00",
            "--minutes", "90", "--title", "Opening", "--participants", "Ana Silva;Bo Chen",
        )
    )  # fmt: skip
    [listed] = _sessions(idg, new_file)
    assert listed["id"].startswith(short)
    assert (listed["date"], listed["start"], listed["duration_minutes"], listed["topic"]) == (
        "2026-03-09", "09:00", 90, "Opening",
    )  # fmt: skip
    full = _full_id(new_file, models.Participant, people["Ana Silva"])
    assert full in listed["participants"] and len(listed["participants"]) == 2
    assert listed == _export(idg, new_file)["sessions"][0]  # one shape for scripts
    assert short in _ok(idg("sessions", new_file))

    # the FIELD names of `session set` are the keys of `sessions --json`
    out = idg(
        "session", "set", new_file, short, "date=2026-03-10", "start=14:30",
        "duration_minutes=120", "topic=Opening, moved", "participants=Chidi Obi",
    )  # fmt: skip
    assert _ok(out).startswith(short)
    [changed] = _sessions(idg, new_file)
    assert (changed["date"], changed["start"], changed["duration_minutes"]) == (
        "2026-03-10", "14:30", 120,
    )  # fmt: skip
    assert changed["topic"] == "Opening, moved"
    assert changed["participants"] == [_full_id(new_file, models.Participant, people["Chidi Obi"])]
    assert changed["revision"] == listed["revision"] + 1
    assert changed["created_at"] == listed["created_at"]

    assert "Deleted" in _ok(idg("session", "delete", new_file, short))
    assert _sessions(idg, new_file) == []


def test_session_refusals(idg, new_file: Path, people: dict[str, str]):
    base = ("session", "add", new_file, "--start", "09:00", "--minutes", "60", "--title", "T")
    _refused(idg, new_file, *base, "--date", "9 March", needles=("9 March", "YYYY-MM-DD"))
    _refused(idg, new_file, "session", "add", new_file, "--date", "2026-03-09", "--start",
             "25:00", "--minutes", "60", "--title", "T", needles=("25:00",))  # fmt: skip
    _refused(idg, new_file, *base, "--date", "2026-03-09", "--participants", "Nobody Known",
             needles=("Nobody Known",))  # fmt: skip
    _refused(idg, new_file, "session", "add", new_file, "--date", "2026-03-09", "--start",
             "09:00", "--minutes", "-5", "--title", "T", needles=("negative",))  # fmt: skip
    short = _ok(idg(*base, "--date", "2026-03-09"))
    for field, needle in (
        ("id=x", "no field 'id'"),
        ("colour=red", "no field 'colour'"),
        ("date=tomorrow", "tomorrow"),
        ("duration_minutes=ninety", "ninety"),
        ("topic= ", "topic"),
        ("participants=Nobody Known", "Nobody Known"),
        ("start=9h", "9h"),
    ):
        _refused(idg, new_file, "session", "set", new_file, short, field, needles=(needle,))
    # all or nothing: one bad field among good ones changes nothing
    _refused(idg, new_file, "session", "set", new_file, short, "topic=New", "date=never")
    _refused(idg, new_file, "session", "set", new_file, short, "topic", needles=("field=value",))
    _refused(idg, new_file, "session", "set", new_file, "ffffffff", "topic=x",
             needles=("ffffffff",))  # fmt: skip
    _refused(idg, new_file, "session", "delete", new_file, "ffffffff", needles=("ffffffff",))
    assert [s["topic"] for s in _sessions(idg, new_file)] == ["T"]


# -- terms of reference ------------------------------------------------------------


def test_tor_show_and_set(idg, new_file: Path):
    shown = json.loads(_ok(idg("tor", "show", new_file, "--json")))
    assert "programme_name" in shown and "wco_member_contacts" in shown
    assert set(shown.values()) == {""}
    _ok(idg("tor", "set", new_file, "programme_name=Integrity Programme 2026",
            "location=Veltra", "mission_objective=Assess; plan = act"))  # fmt: skip
    shown = json.loads(_ok(idg("tor", "show", new_file, "--json")))
    assert shown["programme_name"] == "Integrity Programme 2026"
    assert shown["mission_objective"] == "Assess; plan = act"
    scope = _export(idg, new_file)["assessment"]
    # Annex 5's Location is the scope's location: one fact, stored once
    assert scope["location"] == "Veltra" and "location" not in scope["terms_of_reference"]
    assert scope["terms_of_reference"] == {k: v for k, v in shown.items() if v and k != "location"}
    assert "Programme/Project name (programme_name): Integrity Programme 2026" in _ok(
        idg("tor", "show", new_file)
    )
    _ok(idg("tor", "set", new_file, "location="))
    assert json.loads(_ok(idg("tor", "show", new_file, "--json")))["location"] == ""


def test_tor_set_refusals(idg, new_file: Path):
    _refused(
        idg, new_file, "tor", "set", new_file, "budget=5", needles=("budget", "programme_name")
    )
    _refused(idg, new_file, "tor", "set", new_file, "location=X", "budget=5", needles=("budget",))
    _refused(idg, new_file, "tor", "set", new_file, "location", needles=("field=value",))
    assert json.loads(_ok(idg("tor", "show", new_file, "--json")))["location"] == ""


# -- custom questions ---------------------------------------------------------------


def test_question_add_prints_the_new_id_and_the_question_is_answerable(idg, new_file: Path):
    assert _ok(idg("question", "add", new_file, "--section", "TR", "--text", "Online tariff?")) == (
        "TR-C1"
    )
    assert _ok(idg("question", "add", new_file, "--section", "tr", "--text", "Second?")) == "TR-C2"
    custom = _export(idg, new_file)["custom_questions"]
    assert [(q["id"], q["text"]) for q in custom] == [
        ("TR-C1", "Online tariff?"),
        ("TR-C2", "Second?"),
    ]
    assert _ok(idg("answer", new_file, "TR-C1", "--exists", "no")) == "TR-C1: absent"


def test_question_add_refusals(idg, new_file: Path):
    _refused(idg, new_file, "question", "add", new_file, "--section", "XX", "--text", "Q?",
             needles=("XX",))  # fmt: skip
    _refused(idg, new_file, "question", "add", new_file, "--section", "TR", "--text", "  ",
             needles=("text",))  # fmt: skip


# -- the plenary's decisions on findings --------------------------------------------


def _finding(idg, path: Path, section: str, text: str) -> str:
    return _ok(idg("finding", "add", path, "--section", section, "--kind", "weakness",
                   "--text", text))  # fmt: skip


def _findings(idg, path: Path) -> dict[str, dict]:
    return {f["id"][:8]: f for f in json.loads(_ok(idg("findings", path, "--json")))}


def test_finding_set_records_the_plenary_decision(idg, new_file: Path):
    first = _finding(idg, new_file, "LC", "No integrity target for managers.")
    second = _finding(idg, new_file, "LC", "Gifts are not registered.")
    third = _finding(idg, new_file, "LC", "Too vague.")
    assert _ok(idg("finding", "set", new_file, first, "--status", "agreed")) == f"{first}: agreed"
    assert _ok(idg("finding", "set", new_file, second, "--status", "amended",
                   "--text", "Gifts above 50 EUR are not registered."))  # fmt: skip
    _ok(idg("finding", "set", new_file, third, "--status", "rejected"))
    found = _findings(idg, new_file)
    assert found[first]["status"] == "agreed"
    assert found[second]["status"] == "amended"
    assert found[second]["text"] == "Gifts above 50 EUR are not registered."
    assert found[third]["status"] == "rejected"
    history = {f["id"][:8]: f for f in _export(idg, new_file)["findings"]}[second]["history"]
    assert [e["action"] for e in history] == ["created", "amended"]


def test_finding_set_refusals(idg, new_file: Path):
    first = _finding(idg, new_file, "LC", "Text as proposed.")
    _refused(idg, new_file, "finding", "set", new_file, first, "--status", "amended",
             needles=("amended text",))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, first, "--status", "amended",
             "--text", "Text as proposed.", needles=("amended text",))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, first, "--status", "agreed",
             "--text", "Other words.", needles=("amendment",))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, first, "--status", "merged",
             needles=("--status",))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, "abcdef99", "--status", "agreed",
             needles=("abcdef99",))  # fmt: skip
    assert _findings(idg, new_file)[first]["status"] == "proposed"


def test_finding_merge_marks_the_duplicate(idg, new_file: Path):
    kept = _finding(idg, new_file, "LC", "Managers have no integrity target.")
    duplicate = _finding(idg, new_file, "LC", "No integrity objectives for senior managers.")
    other = _finding(idg, new_file, "RF", "Penalties vary by office.")
    _refused(idg, new_file, "finding", "merge", new_file, duplicate, "--into", other,
             needles=("RF", "LC"))  # fmt: skip
    _refused(idg, new_file, "finding", "merge", new_file, duplicate, "--into", duplicate,
             needles=("itself",))  # fmt: skip
    out = _ok(idg("finding", "merge", new_file, duplicate, "--into", kept))
    assert out == f"{duplicate}: merged into {kept}"
    found = _findings(idg, new_file)
    assert found[duplicate]["status"] == "merged" and found[kept]["status"] == "proposed"
    with AssessmentDocument.open(new_file, read_only=True) as document:
        record = next(f for f in document.session.query(models.Finding) if f.id[:8] == duplicate)
        assert record.merged_into_id.startswith(kept)
    _refused(idg, new_file, "finding", "merge", new_file, duplicate, "--into", kept,
             needles=("already merged",))  # fmt: skip
    _refused(idg, new_file, "finding", "set", new_file, duplicate, "--status", "agreed",
             needles=("merged",))  # fmt: skip


def test_a_question_of_ones_own_goes_under_a_sub_area(idg, demo_file):
    from idg_desktop.services.answers import find_question
    from idg_desktop.storage.document import AssessmentDocument

    made = idg(
        "question", "add", demo_file, "--section", "TR", "--text", "Fees online?", "--subarea", "II"
    )
    assert made.code == 0, made.err
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert find_question(document, made.out.strip()).subarea_label == "II"
    before = demo_file.read_bytes()
    refused = idg("question", "add", demo_file, "--section", "TR", "--text", "X?", "--subarea", "Z")
    assert refused.code == 2 and refused.err.count("\n") == 1
    assert "no sub-area 'Z'" in refused.err and "II" in refused.err
    assert demo_file.read_bytes() == before
