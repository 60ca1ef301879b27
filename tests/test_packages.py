"""Group packages through the command line: export, open, work, return, import."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from idg_desktop.exchange import container
from idg_desktop.services import answers, findings
from idg_desktop.storage.document import AssessmentDocument

GROUP_A = "Group A – Leadership, rules and transparency"  # LC, RF, TR, MS in the demo
GROUP_D = "Group D – People and culture"  # HR, MO, GE


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch):
    monkeypatch.setattr(container, "SCRYPT_N", 2**12)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _work(idg, master: Path, tmp_path: Path, group: str, name: str, edits, env=()) -> Path:
    """Export a group's package, open it as a laptop would, edit, return it."""
    extra = ["--passphrase-env", "IDG_TEST_PASS"] if env else []
    package = tmp_path / f"{name}.idgpkg"
    work = tmp_path / f"{name}-work.idg"
    back = tmp_path / f"{name}-return.idgpkg"
    assert idg("package", "export", master, "--group", group, "-o", package, *extra).code == 0
    opened = idg("package", "open", package, work, *extra)
    assert opened.code == 0, opened.err
    for args in edits:
        result = idg(*[work if a == "{work}" else a for a in args])
        assert result.code == 0, result.err
    returned = idg("package", "return", work, "-o", back, *extra)
    assert returned.code == 0, returned.err
    return back


def test_a_package_carries_only_its_group_and_a_working_copy_shows_only_it(
    idg, demo_file: Path, tmp_path: Path
):
    package = tmp_path / "a.idgpkg"
    assert idg("package", "export", demo_file, "--group", GROUP_A, "-o", package).code == 0
    payload = container.read_package(package)
    assert payload["group"]["sections"] == ["LC", "RF", "TR", "MS"]
    assert {a["question"].split("-")[0] for a in payload["base"]["answers"]} <= {
        "LC",
        "RF",
        "TR",
        "MS",
    }
    assert {f["section_code"] for f in payload["base"]["findings"]} <= {"LC", "RF", "TR", "MS"}
    assert [s["code"] for s in payload["framework"]["sections"]] == ["LC", "RF", "TR", "MS"]
    assert b"Kelmor Pass the examining officer" not in package.read_bytes()  # an AU finding

    work = tmp_path / "a-work.idg"
    assert idg("package", "open", package, work).code == 0
    info = json.loads(idg("info", work, "--json").out)
    assert info["sections_in_scope"] == 4 and info["groups"] == 1
    with (
        AssessmentDocument.open(work, read_only=True) as copy,
        AssessmentDocument.open(demo_file, read_only=True) as master,
    ):
        assert copy.meta("assessment_id") == master.meta("assessment_id")
        assert answers.answer_for(copy, "TR-1").text == answers.answer_for(master, "TR-1").text
        assert answers.find_question(copy, "TR-1")
        with pytest.raises(Exception, match="no question AU-1"):
            answers.find_question(copy, "AU-1")


def test_changes_on_one_side_are_taken_and_both_sides_conflict(idg, demo_file, tmp_path):
    back = _work(
        idg,
        demo_file,
        tmp_path,
        GROUP_A,
        "a",
        [
            (
                "answer",
                "{work}",
                "TR-2",
                "--text",
                "Rulings are published weekly.",
                "--rating",
                "effective",
            ),
            (
                "answer",
                "{work}",
                "LC-1",
                "--text",
                "Group A's view of the strategy.",
                "--rating",
                "not-effective",
            ),
            (
                "finding",
                "add",
                "{work}",
                "--section",
                "TR",
                "--kind",
                "recommendation",
                "--text",
                "Publish all advance rulings online.",
                "--questions",
                "TR-2",
            ),
        ],
    )
    # Meanwhile the facilitator edits LC-1 in the master: both sides changed it.
    assert idg("answer", demo_file, "LC-1", "--text", "Master's plenary wording.").code == 0
    before_conflict = _digest(demo_file)
    result = idg("package", "import", demo_file, back)
    assert result.code == 3, result.err
    assert _digest(demo_file) != before_conflict
    conflicts = json.loads(idg("conflicts", demo_file, "--json").out)
    assert len(conflicts) == 1 and conflicts[0]["record"] == "LC-1"
    origins = {v["origin"]: v["content"]["text"] for v in conflicts[0]["versions"]}
    assert origins == {
        "master": "Master's plenary wording.",
        GROUP_A: "Group A's view of the strategy.",
    }
    with AssessmentDocument.open(demo_file, read_only=True) as master:
        assert answers.answer_for(master, "TR-2").text == "Rulings are published weekly."
        assert answers.answer_for(master, "LC-1").text == "Master's plenary wording."
        new = [
            f
            for f in findings.list_findings(master, "TR")
            if f.text == "Publish all advance rulings online."
        ]
        assert len(new) == 1 and list(new[0].question_ids) == ["TR-2"]

    # Importing the same package again changes no record and adds no conflict.
    again = idg("package", "import", demo_file, back)
    assert again.code == 3 and "already imported" in again.out
    assert len(json.loads(idg("conflicts", demo_file, "--json").out)) == 1

    resolved = idg("conflict", "resolve", demo_file, conflicts[0]["id"][:8], "--take", GROUP_A)
    assert resolved.code == 0, resolved.err
    assert json.loads(idg("conflicts", demo_file, "--json").out) == []
    with AssessmentDocument.open(demo_file, read_only=True) as master:
        answer = answers.answer_for(master, "LC-1")
        assert (answer.text, answer.rating) == ("Group A's view of the strategy.", "not-effective")
        history = [v.text for v in answers.answer_history(master, answer)]
        assert "Master's plenary wording." in history


def test_a_protected_package_round_trips_and_other_groups_merge_in_any_order(
    idg, demo_file, tmp_path, monkeypatch
):
    monkeypatch.setenv("IDG_TEST_PASS", "Veltra-2026")
    back_a = _work(
        idg,
        demo_file,
        tmp_path,
        GROUP_A,
        "a",
        [("answer", "{work}", "RF-1", "--text", "Aligned with the RKC since 2019.")],
        env=True,
    )
    back_d = _work(
        idg,
        demo_file,
        tmp_path,
        GROUP_D,
        "d",
        [("answer", "{work}", "HR-1", "--text", "Recruitment exams are anonymous.")],
    )
    assert b"RKC" not in back_a.read_bytes()
    other = tmp_path / "other-order.idg"
    other.write_bytes(demo_file.read_bytes())
    for master, order in ((demo_file, (back_a, back_d)), (other, (back_d, back_a))):
        for package in order:
            extra = ["--passphrase-env", "IDG_TEST_PASS"] if package == back_a else []
            result = idg("package", "import", master, package, *extra)
            assert result.code == 0, result.err
    exports = []
    for master in (demo_file, other):
        data = json.loads(idg("export", "json", master).out)
        exports.append(sorted((a["question"], a["text"], a["rating"]) for a in data["answers"]))
    assert exports[0] == exports[1]
    texts = {question: text for question, text, _rating in exports[0]}
    assert texts["RF-1"] == "Aligned with the RKC since 2019."
    assert texts["HR-1"] == "Recruitment exams are anonymous."


@pytest.mark.parametrize(
    "case",
    [
        "wrong-pass",
        "no-pass",
        "other-assessment",
        "damaged",
        "truncated",
        "export-not-return",
        "not-a-package",
        "tampered-protected",
    ],
)
def test_bad_packages_are_refused_and_the_master_is_untouched(
    idg, demo_file, tmp_path, monkeypatch, case
):
    monkeypatch.setenv("IDG_TEST_PASS", "right")
    monkeypatch.setenv("IDG_WRONG_PASS", "wrong")
    protected = case in {"wrong-pass", "no-pass", "tampered-protected"}
    back = _work(
        idg,
        demo_file,
        tmp_path,
        GROUP_A,
        "a",
        [("answer", "{work}", "TR-2", "--text", "x")],
        env=protected,
    )
    extra: list[str] = []
    if case == "wrong-pass":
        extra = ["--passphrase-env", "IDG_WRONG_PASS"]
    if case == "tampered-protected":
        extra = ["--passphrase-env", "IDG_TEST_PASS"]
        data = bytearray(back.read_bytes())
        data[len(data) // 2] ^= 0x20
        back.write_bytes(bytes(data))
    elif case == "other-assessment":
        other = tmp_path / "other.idg"
        assert idg("new", other, "--title", "Other", "--administration", "Else").code == 0
        target = other
    if case == "damaged":
        data = bytearray(back.read_bytes())
        data[-10] ^= 0xFF
        back.write_bytes(bytes(data))
    elif case == "truncated":
        back.write_bytes(back.read_bytes()[:100])
    elif case == "export-not-return":
        back = tmp_path / "a.idgpkg"
    elif case == "not-a-package":
        back = tmp_path / "a-work.idg"
    target = tmp_path / "other.idg" if case == "other-assessment" else demo_file
    before = _digest(target)
    result = idg("package", "import", target, back, *extra)
    assert result.code == 2, (result.out, result.err)
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert _digest(target) == before
    expected = {
        "wrong-pass": "passphrase is wrong",
        "no-pass": "is protected",
        "other-assessment": "another assessment",
        "damaged": "damaged",
        "truncated": "damaged",
        "export-not-return": "not one returned by it",
        "not-a-package": "not an IDG group package",
        "tampered-protected": "or the package was altered",
    }[case]
    assert expected in result.err


def test_the_passphrase_comes_only_from_the_environment(idg, demo_file, tmp_path, monkeypatch):
    monkeypatch.delenv("IDG_NOT_SET", raising=False)
    result = idg(
        "package",
        "export",
        demo_file,
        "--group",
        GROUP_A,
        "-o",
        tmp_path / "p",
        "--passphrase-env",
        "IDG_NOT_SET",
    )
    assert result.code == 2 and "IDG_NOT_SET" in result.err
    assert not (tmp_path / "p").exists()


def test_a_package_leaves_the_masters_framework_whole(demo_file: Path):
    """The package carries its group's sections only; the master's framework,
    read once per open document and shared, keeps all fourteen."""
    from idg_desktop.exchange.packages import export_payload
    from idg_desktop.services.assessment import document_framework

    with AssessmentDocument.open(demo_file, read_only=True) as document:
        before = len(document_framework(document)["sections"])
        payload = export_payload(document, "Group A – Leadership, rules and transparency")
        assert len(payload["framework"]["sections"]) == 4
        assert len(document_framework(document)["sections"]) == before == 14
