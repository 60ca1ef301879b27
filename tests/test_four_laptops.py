"""Four working groups' work comes back into one master, nothing lost or overwritten.

The demo's four groups cover all 14 sections. Group A works protected, B and C
on plain packages, D on paper through a fill-in workbook; the facilitator
edits the master meanwhile, so one answer conflicts. Everything is imported
through the command line, the conflict resolved, and the result checked
answer by answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from idg_desktop.exchange import container
from idg_desktop.services import answers
from idg_desktop.storage.document import AssessmentDocument

GROUPS = {
    "A": "Group A – Leadership, rules and transparency",
    "B": "Group B – Systems, reform and partners",
    "C": "Group C – Control and conduct",
    "D": "Group D – People and culture",
}


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch):
    monkeypatch.setattr(container, "SCRYPT_N", 2**12)


def _laptop(idg, master, tmp_path, key, edits, protected=False) -> Path:
    extra = ["--passphrase-env", "IDG_GROUP_PASS"] if protected else []
    package, work = tmp_path / f"{key}.idgpkg", tmp_path / f"{key}.idg"
    back = tmp_path / f"{key}-back.idgpkg"
    assert idg("package", "export", master, "--group", GROUPS[key], "-o", package, *extra).code == 0
    assert idg("package", "open", package, work, *extra).code == 0
    for qid, text, rating in edits:
        result = idg("answer", work, qid, "--text", text, "--rating", rating)
        assert result.code == 0, result.err
    assert idg("package", "return", work, "-o", back, *extra).code == 0
    return back


def test_four_groups_come_back_into_one_master(idg, demo_file, tmp_path, monkeypatch):
    monkeypatch.setenv("IDG_GROUP_PASS", "Marenhaven-plenary")
    master = demo_file
    before = {
        a["question"]: (a["text"], a["rating"])
        for a in json.loads(idg("export", "json", master).out)["answers"]
    }
    expected: dict[str, tuple[str, str]] = {}
    work = {
        "A": [
            ("TR-2", "Rulings published weekly on the website.", "effective"),
            ("LC-2", "Monthly briefing of the Minister by the DG.", "partially-effective"),
        ],
        "B": [("AU-1", "LORCUS covers all customs offices since 2023.", "effective")],
        "C": [
            ("CC-1", "Code adopted by DG Order 17/2021.", "effective"),
            ("AI-1", "Internal audit plan approved yearly.", "partially-effective"),
        ],
    }
    packages = {
        key: _laptop(idg, master, tmp_path, key, edits, protected=(key == "A"))
        for key, edits in work.items()
    }
    for edits in work.values():
        for qid, text, rating in edits:
            expected[qid] = (text, rating)

    # Group D works on paper: a fill-in workbook, filled and brought back.
    workbook = tmp_path / "D.xlsx"
    assert idg("template", "export", master, "--group", GROUPS["D"], "-o", workbook).code == 0
    book = load_workbook(workbook)
    sheet = book["HR"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "HR-2":
            row[2].value = "Posts rotate every four years, except at Kelmor Pass."
            row[3].value = "not-applied"
    book.save(workbook)
    expected["HR-2"] = ("Posts rotate every four years, except at Kelmor Pass.", "not-applied")

    # Meanwhile the facilitator rewrites LC-2 in the master: a conflict with group A.
    assert (
        idg(
            "answer",
            master,
            "LC-2",
            "--text",
            "Quarterly briefing (master's notes).",
            "--rating",
            "not-effective",
        ).code
        == 0
    )

    results = []
    for key in ("A", "B", "C"):
        extra = ["--passphrase-env", "IDG_GROUP_PASS"] if key == "A" else []
        results.append(idg("package", "import", master, packages[key], *extra).code)
    results.append(idg("template", "import", master, workbook).code)
    assert results[0] == 3  # A's LC-2 conflicts with the master's edit
    assert results[-1] == 3  # still open after the others

    conflicts = json.loads(idg("conflicts", master, "--json").out)
    assert [c["record"] for c in conflicts] == ["LC-2"]
    resolved = idg(
        "conflict",
        "resolve",
        master,
        conflicts[0]["id"],
        "--text",
        "Monthly briefing of the Minister; notes kept by the DG's office.",
        "--field",
        "rating=master",  # the ratings differ too: nothing is kept by default
    )
    assert resolved.code == 0, resolved.err
    expected["LC-2"] = (
        "Monthly briefing of the Minister; notes kept by the DG's office.",
        "not-effective",
    )

    with AssessmentDocument.open(master, read_only=True) as document:
        for qid, (text, rating) in expected.items():
            answer = answers.answer_for(document, qid)
            assert (answer.text, answer.rating) == (text, rating), qid
        history = [
            v.text for v in answers.answer_history(document, answers.answer_for(document, "LC-2"))
        ]
        assert "Quarterly briefing (master's notes)." in history
    # Answer by answer: every edit arrived, every other answer is as it was.
    after = {
        a["question"]: (a["text"], a["rating"])
        for a in json.loads(idg("export", "json", master).out)["answers"]
    }
    assert set(after) == set(before) | set(expected)
    for qid, value in after.items():
        assert value == expected.get(qid, before.get(qid)), qid
    assert json.loads(idg("conflicts", master, "--json").out) == []
