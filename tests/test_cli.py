"""Every verb of the ``idg`` command, through its real argument parsing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from idg_desktop.domain.framework import bundled_framework
from idg_desktop.storage.document import SCHEMA_VERSION, AssessmentDocument
from idg_desktop.storage.models import Answer, AnswerVersion, Finding


def test_framework_json_has_the_contracted_shape(idg):
    result = idg("framework", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    codes = [s["code"] for s in data["sections"]]
    assert codes == [
        "LC",
        "RF",
        "TR",
        "AU",
        "RM",
        "AI",
        "CC",
        "HR",
        "MO",
        "PS",
        "SA",
        "CT",
        "MS",
        "GE",
    ]
    transparency = data["sections"][2]
    first = transparency["subareas"][0]["questions"][0]
    assert set(first) == {"number", "text"}
    assert first["number"] == 1 and isinstance(first["number"], int)
    assert first["text"].startswith("Does the administration have a communication unit")
    code_of_conduct = next(s for s in data["sections"] if s["code"] == "CC")
    parts = {q.get("part") for sub in code_of_conduct["subareas"] for q in sub["questions"]}
    assert parts == {None, "a", "b", "c"}
    for section in data["sections"][11:]:
        if section["code"] in {"CT", "MS", "GE"}:
            assert [sub["label"] for sub in section["subareas"]] == [""]


def test_framework_text_lists_every_section(idg):
    result = idg("framework")
    assert result.code == 0
    assert "TR  Transparency" in result.out
    assert f"14 sections, {len(bundled_framework().questions())} questions." in result.out


def test_new_then_info(idg, tmp_path: Path):
    path = tmp_path / "norland.idg"
    result = idg(
        "new",
        path,
        "--title",
        "Integrity assessment 2026",
        "--administration",
        "Norland Customs",
        "--mode",
        "self",
        "--sections",
        "LC,tr,HR",
    )
    assert result.code == 0, result.err
    info = json.loads(idg("info", path, "--json").out)
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["mode"] == "self"
    assert info["sections_in_scope"] == 3
    for key in ("participants", "groups", "answers", "findings", "activities"):
        assert info[key] == 0 and isinstance(info[key], int)
    text = idg("info", path)
    assert "Integrity assessment 2026" in text.out and "Norland Customs" in text.out


def test_new_refuses_to_overwrite(idg, new_file: Path):
    before = new_file.read_bytes()
    result = idg("new", new_file, "--title", "T", "--administration", "A")
    assert result.code == 2
    assert "already exists" in result.err and str(new_file) in result.err
    assert new_file.read_bytes() == before


def test_new_refuses_unknown_mode_and_section(idg, tmp_path: Path):
    bad_mode = idg(
        "new", tmp_path / "a.idg", "--title", "T", "--administration", "A", "--mode", "hybrid"
    )
    assert bad_mode.code == 2 and "Unknown mode 'hybrid'" in bad_mode.err
    bad_section = idg(
        "new", tmp_path / "b.idg", "--title", "T", "--administration", "A", "--sections", "LC,XX"
    )
    assert bad_section.code == 2 and "Unknown section 'XX'" in bad_section.err
    assert not (tmp_path / "a.idg").exists() and not (tmp_path / "b.idg").exists()


def test_check_reports_a_good_file(idg, new_file: Path):
    result = idg("check", new_file)
    assert result.code == 0, result.err
    assert "intact" in result.out and f"schema {SCHEMA_VERSION}, current" in result.out


def test_participants_groups_answers_findings_round_trip(idg, new_file: Path):
    people = [
        ("Amina Diallo", "female", "rapporteur", "customs", []),
        ("Jonas Berg", "male", "contributor", "customs", []),
        ("Sara Lind", "female", "contributor", "private-sector", ["--external"]),
        ("Tomas Ruiz", "male", "national-contact-point", "customs", []),
    ]
    ids = {}
    for name, gender, role, stakeholder, extra in people:
        result = idg(
            "participant",
            "add",
            new_file,
            "--name",
            name,
            "--gender",
            gender,
            "--role",
            role,
            "--stakeholder",
            stakeholder,
            "--unit",
            "Risk",
            *extra,
        )
        assert result.code == 0, result.err
        ids[name] = result.out.strip()
        assert len(ids[name]) == 8
    result = idg(
        "group",
        "add",
        new_file,
        "Transparency group",
        "--sections",
        "TR,AU",
        "--members",
        "Amina Diallo;jonas berg;" + ids["Sara Lind"],
    )
    assert result.code == 0, result.err
    groups = json.loads(idg("groups", new_file, "--json").out)
    assert groups[0]["name"] == "Transparency group"
    assert groups[0]["sections"] == ["TR", "AU"]
    assert {m["name"] for m in groups[0]["members"]} == {"Amina Diallo", "Jonas Berg", "Sara Lind"}
    assert groups[0]["rapporteur"]["name"] == "Amina Diallo"

    first = idg(
        "answer", new_file, "TR-20", "--text", "Draft from the group.", "--rating", "not-applied"
    )
    assert first.code == 0, first.err
    second = idg(
        "answer",
        new_file,
        "tr-20",
        "--text",
        "Agreed in plenary.",
        "--rating",
        "partially-effective",
        "--evidence",
        "Circular 12/2025",
        "--review",
        "--group",
        "Transparency group",
    )
    assert second.code == 0, second.err
    assert second.out.strip() == "TR-20: partially-effective"

    finding = idg(
        "finding",
        "add",
        new_file,
        "--section",
        "TR",
        "--kind",
        "weakness",
        "--text",
        "No published service charter.",
        "--questions",
        "TR-20,TR-1",
        "--action",
        "Publish a service charter.",
    )
    assert finding.code == 0, finding.err

    info = json.loads(idg("info", new_file, "--json").out)
    assert (info["participants"], info["groups"], info["answers"], info["findings"]) == (4, 1, 1, 1)

    # Reopen the file itself and check what the command wrote.
    with AssessmentDocument.open(new_file, read_only=True) as document:
        answer = document.session.query(Answer).one()
        assert (answer.question_id, answer.text, answer.rating, answer.evidence) == (
            "TR-20",
            "Agreed in plenary.",
            "partially-effective",
            "Circular 12/2025",
        )
        assert answer.marked_for_review and answer.revision == 2
        history = document.session.query(AnswerVersion).one()
        assert (history.text, history.rating) == ("Draft from the group.", "not-applied")
        stored = document.session.query(Finding).one()
        assert stored.id.startswith(finding.out.strip())
        assert [q.question_id for q in stored.questions] == ["TR-20", "TR-1"]
        assert stored.proposed_action == "Publish a service charter."


def test_groups_auto_gives_every_section_a_group(idg, demo_file: Path):
    # Start from the demo's people but no groups, then allocate.
    connection = sqlite3.connect(demo_file)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("DELETE FROM working_group")
    connection.commit()
    connection.close()
    result = idg("groups", "auto", demo_file, "--count", "3", "--json")
    assert result.code == 0, result.err
    groups = json.loads(result.out)
    assert len(groups) == 3
    sections = [code for g in groups for code in g["sections"]]
    assert sorted(sections) == sorted(bundled_framework().codes)
    sizes = [len(g["members"]) for g in groups]
    assert max(sizes) - min(sizes) <= 1
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        from idg_desktop.services.participants import list_participants

        people = {p.id: p for p in list_participants(document)}
    for group in groups:
        genders = {people[m["id"]].gender for m in group["members"]}
        assert {"female", "male"} <= genders, group
        assert group["rapporteur"] is not None
    listed = idg("groups", demo_file)
    assert listed.code == 0 and "warning" not in listed.out


def test_export_json_to_file_and_stdout(idg, demo_file: Path, tmp_path: Path):
    out = tmp_path / "export.json"
    result = idg("export", "json", demo_file, "-o", out)
    assert result.code == 0, result.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "idg-assessment"
    assert len(data["answers"]) >= 50
    stdout = idg("export", "json", demo_file)
    assert json.loads(stdout.out) == data


def test_demo_without_a_file_writes_a_fresh_copy_each_time(idg, tmp_path: Path):
    first = idg("demo")
    second = idg("demo")
    assert first.code == 0 and second.code == 0, first.err + second.err
    path1 = first.out.splitlines()[0].split(" to ", 1)[1]
    path2 = second.out.splitlines()[0].split(" to ", 1)[1]
    assert path1 != path2
    assert Path(path1).exists() and Path(path2).exists()


def test_the_console_script_runs_as_a_separate_process(idg_process, tmp_path: Path):
    path = tmp_path / "demo.idg"
    built = idg_process("demo", path)
    assert built.code == 0, built.err
    info = json.loads(idg_process("info", path, "--json").out)
    assert info["participants"] >= 12 and info["groups"] >= 3
    assert info["answers"] >= 50 and info["findings"] >= 10
