"""The exports carry every record: conflicts and the merge log in `idg export
json` and the workbook, and an audit of every table of a real file.

The file is the demo after Group A's package came back with conflicts
(``merged_demo.py``): two open conflicts, one resolved, two merge-log entries.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from merged_demo import (
    DRAFT,
    GROUP_A,
    GROUP_FINDING,
    GROUP_TEXT,
    MASTER_FINDING,
    MASTER_TEXT,
    build_merged_demo,
)


@pytest.fixture(scope="module")
def merged(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_merged_demo(demo_template, tmp_path_factory.mktemp("merged"))


def _json(idg, path: Path) -> dict:
    result = idg("export", "json", path)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_json_export_carries_every_conflict_and_the_merge_log(idg, merged: Path):
    data = _json(idg, merged)
    conflicts = {c["record"]: c for c in data["conflicts"]}
    finding = next(c for c in data["conflicts"] if c["record_type"] == "finding")
    assert set(conflicts) == {"LC-1", "LC-2", finding["record"]}
    assert [c["status"] for c in data["conflicts"]].count("open") == 2
    # The open answer conflict: both versions, in order, with their origins.
    lc2 = conflicts["LC-2"]
    assert (lc2["record_type"], lc2["section"], lc2["status"]) == ("answer", "LC", "open")
    assert (lc2["resolution"], lc2["resolved_at"]) == ("", None)
    assert lc2["draft"] == DRAFT  # the consolidated text being written is exported too
    assert [(v["position"], v["origin"], v["content"]["text"]) for v in lc2["versions"]] == [
        (0, "master", MASTER_TEXT["LC-2"]),
        (1, GROUP_A, GROUP_TEXT["LC-2"]),
    ]
    package = data["merge_log"][0]["package_id"]
    assert lc2["versions"][0]["package_id"] == "" and lc2["versions"][1]["package_id"] == package
    assert lc2["versions"][1]["content"]["rating"] == "not-effective"
    # The group's text of an open conflict is in no answer: only here.
    answers = {a["question"]: a["text"] for a in data["answers"]}
    assert answers["LC-2"] == MASTER_TEXT["LC-2"]
    # The open finding conflict keeps both texts and the linked questions.
    texts = [v["content"]["text"] for v in finding["versions"]]
    assert texts == [MASTER_FINDING, GROUP_FINDING]
    assert finding["versions"][1]["content"]["questions"]
    # The resolved one: its resolution, when, and still every version.
    lc1 = conflicts["LC-1"]
    assert (lc1["status"], lc1["resolution"]) == ("resolved", GROUP_A)
    assert lc1["resolved_at"].endswith("Z") and lc1["revision"] == 2
    assert [v["content"]["text"] for v in lc1["versions"]] == [
        MASTER_TEXT["LC-1"],
        GROUP_TEXT["LC-1"],
    ]
    for c in data["conflicts"]:
        assert c["id"] and c["created_at"].endswith("Z") and c["updated_at"] and c["origin"]
    # The merge log: the import with conflicts, then the repeated import.
    log = data["merge_log"]
    assert [e["outcome"] for e in log] == ["conflicts", "already-imported"]
    first = log[0]
    assert (first["source"], first["group_name"]) == ("package", GROUP_A)
    assert first["imported_by"] and first["id"] and first["created_at"].endswith("Z")
    assert first["summary"]["taken"] == ["TR-2"]
    assert sorted(first["summary"]["conflicts"]) == sorted(conflicts)
    assert log[1]["package_id"] == package


def test_json_export_of_a_file_without_imports_has_empty_lists(idg, demo_file: Path):
    data = _json(idg, demo_file)
    assert data["conflicts"] == [] and data["merge_log"] == []


# -- the audit: every table of the file is exported, or left out with a reason ------

#: Tables whose rows are in neither export, each with the reason.
LEFT_OUT = {
    "meta": (
        "the file's own facts (when and by which version it was created, the demo's "
        "fingerprint, the package a working copy came from); what an assessment needs "
        "from it is exported elsewhere: schema_version, assessment.id and framework"
    ),
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _named(framework_id: str, version: int):
    """The framework an export names by id and version: the bundled one, which
    the importer requires, so its rows are what a rebuilt file gets."""
    from idg_desktop.domain.framework import bundled_framework

    bundled = bundled_framework()
    assert (framework_id, version) == (bundled.id, bundled.version)
    return bundled


def _framework_rows(framework) -> dict[str, set]:
    """The rows the framework gives a file: its copy, sub-areas and questions."""
    return {
        "framework": {(framework.id, framework.version, _sha(framework.to_json()))},
        "subarea": {(s.code, sub.label) for s in framework.sections for sub in s.subareas},
        "question": {(q.id,) for q in framework.questions()},
    }


def _in_json(data: dict) -> dict[str, set]:
    """Every record of ``idg export json`` by its id or key, per table."""
    plan = data["plan"]
    named = _framework_rows(_named(data["framework"]["id"], data["framework"]["version"]))

    def ids(items) -> set:
        return {(item["id"],) for item in items}

    return {
        "framework": named["framework"],
        "section": {(s["code"],) for s in data["sections"]},
        "subarea": {(s["code"], sub["label"]) for s in data["sections"] for sub in s["subareas"]},
        "question": named["question"] | ids(data["custom_questions"]),
        "assessment": {(data["assessment"]["id"],)},
        "participant": ids(data["participants"]),
        "working_group": ids(data["groups"]),
        "group_section": {(g["id"], code) for g in data["groups"] for code in g["sections"]},
        "group_member": {(g["id"], p) for g in data["groups"] for p in g["members"]},
        "answer": ids(data["answers"]),
        "answer_version": {
            (a["id"], v["revision"], v["text"]) for a in data["answers"] for v in a["history"]
        },
        "finding": ids(data["findings"]),
        "finding_question": {(f["id"], q) for f in data["findings"] for q in f["questions"]},
        "finding_event": {
            (f["id"], e["revision"], e["action"]) for f in data["findings"] for e in f["history"]
        },
        "background_document": ids(data["documents"]),
        "workshop_session": ids(data["sessions"]),
        "session_participant": {(s["id"], p) for s in data["sessions"] for p in s["participants"]},
        "activity": ids(data["activities"]),
        "activity_finding": {(a["id"], f) for a in data["activities"] for f in a["findings"]},
        "outcome": ids(plan["outcomes"]),
        "output": ids(plan["outputs"]),
        "kpi": ids(plan["kpis"]),
        "smart_confirmation": ids(plan["smart_confirmations"]),
        "adoption": ids(plan["adoptions"]),
        "conflict": ids(data.get("conflicts", [])),
        "conflict_version": {
            (c["id"], v["position"], v["origin"])
            for c in data.get("conflicts", [])
            for v in c["versions"]
        },
        "merge_log": ids(data.get("merge_log", [])),
        "assessment_step": ids(data["steps"]),
    }


def _in_workbook(rows: dict[str, list[dict]]) -> dict[str, set]:
    """Every record of the workbook, as the importer reads it, per table."""
    tech = rows["technical"][0]
    named = _framework_rows(_named(tech["framework_id"], tech["framework_version"]))

    def ids(sheet: str) -> set:
        return {(row["id"],) for row in rows.get(sheet, [])}

    def pairs(sheet: str, owner: str, field: str) -> set:
        return {(row[owner], item) for row in rows[sheet] for item in row[field]}

    return {
        "framework": named["framework"],
        "section": {(row["code"],) for row in rows["sections"]},
        "subarea": named["subarea"],
        "question": named["question"] | ids("custom_questions"),
        "assessment": ids("scope"),
        "participant": ids("participants"),
        "working_group": ids("groups"),
        "group_section": pairs("groups", "id", "sections"),
        "group_member": pairs("groups", "id", "members"),
        "answer": ids("answers"),
        "answer_version": {(r["answer"], r["revision"], r["text"]) for r in rows["answer_history"]},
        "finding": ids("findings"),
        "finding_question": pairs("findings", "id", "questions"),
        "finding_event": {
            (r["finding"], r["revision"], r["action"]) for r in rows["finding_history"]
        },
        "background_document": ids("documents"),
        "workshop_session": ids("sessions"),
        "session_participant": pairs("sessions", "id", "participants"),
        "activity": ids("activities"),
        "activity_finding": pairs("activities", "id", "findings"),
        "outcome": ids("outcomes"),
        "output": ids("outputs"),
        "kpi": ids("kpis"),
        "smart_confirmation": ids("smart"),
        "adoption": ids("adoptions"),
        "conflict": ids("conflicts"),
        "conflict_version": {
            (r["conflict"], r["position"], r["version_origin"])
            for r in rows.get("conflict_versions", [])
        },
        "merge_log": ids("merge_log"),
        "assessment_step": ids("steps"),
    }


#: Each exported table's rows in the file, by the same id or key.
IN_FILE = {
    "framework": "SELECT id, version, content FROM framework",
    "section": "SELECT code FROM section",
    "subarea": "SELECT section_code, label FROM subarea",
    "question": "SELECT id FROM question",
    "assessment": "SELECT id FROM assessment",
    "participant": "SELECT id FROM participant",
    "working_group": "SELECT id FROM working_group",
    "group_section": "SELECT group_id, section_code FROM group_section",
    "group_member": "SELECT group_id, participant_id FROM group_member",
    "answer": "SELECT id FROM answer",
    "answer_version": "SELECT answer_id, revision, text FROM answer_version",
    "finding": "SELECT id FROM finding",
    "finding_question": "SELECT finding_id, question_id FROM finding_question",
    "finding_event": "SELECT finding_id, revision, action FROM finding_event",
    "background_document": "SELECT id FROM background_document",
    "workshop_session": "SELECT id FROM workshop_session",
    "session_participant": "SELECT session_id, participant_id FROM session_participant",
    "activity": "SELECT id FROM activity",
    "activity_finding": "SELECT activity_id, finding_id FROM activity_finding",
    "outcome": "SELECT id FROM outcome",
    "output": "SELECT id FROM output",
    "kpi": "SELECT id FROM kpi",
    "smart_confirmation": "SELECT id FROM smart_confirmation",
    "adoption": "SELECT id FROM adoption",
    "conflict": "SELECT id FROM conflict",
    "conflict_version": "SELECT conflict_id, position, origin FROM conflict_version",
    "merge_log": "SELECT id FROM merge_log",
    "assessment_step": "SELECT id FROM assessment_step",
}


def _file_rows(path: Path) -> dict[str, set]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        tables = {
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        missing = sorted(tables - set(IN_FILE) - set(LEFT_OUT))
        assert not missing, f"tables neither exported nor left out with a reason: {missing}"
        assert not (set(IN_FILE) | set(LEFT_OUT)) - tables, "the lists name a table not in the file"
        found = {table: set(db.execute(sql)) for table, sql in IN_FILE.items()}
    # The framework copy is findable by its id, version and exact content.
    found["framework"] = {(i, v, _sha(content)) for i, v, content in found["framework"]}
    return found


def test_every_table_is_exported_or_left_out_with_a_reason(idg, merged: Path, tmp_path: Path):
    from idg_desktop.workbook.reader import read_workbook

    assert all(reason.strip() for reason in LEFT_OUT.values())
    in_file = _file_rows(merged)
    empty = sorted(table for table, rows in in_file.items() if not rows)
    assert not empty, f"the populated file has no rows in {empty}: the check would be empty"
    in_json = _in_json(_json(idg, merged))
    book = tmp_path / "merged.xlsx"
    result = idg("export", "xlsx", merged, "-o", book)
    assert result.code == 0, result.err
    rows, problems = read_workbook(book)
    assert not problems
    in_book = _in_workbook(rows)
    for table, keys in sorted(in_file.items()):
        lost = keys - in_json[table]
        assert not lost, f"{len(lost)} rows of {table} are not in export json, e.g. {min(lost)}"
        lost = keys - in_book[table]
        assert not lost, f"{len(lost)} rows of {table} are not in the workbook, e.g. {min(lost)}"


def test_a_public_workbook_leaves_out_the_conflicts_of_confidential_records(
    idg, demo_template: Path, tmp_path: Path
):
    """A conflict carries every side's text: a public version must not carry a
    confidential answer's text through its conflict's versions."""
    import openpyxl
    from merged_demo import GROUP_TEXT, build_merged_demo

    merged = build_merged_demo(demo_template, tmp_path)
    assert idg("answer", merged, "LC-2", "--confidential").code == 0
    shared = tmp_path / "public.xlsx"
    assert idg("export", "xlsx", merged, "-o", shared, "--public").code == 0
    full = tmp_path / "full.xlsx"
    assert idg("export", "xlsx", merged, "-o", full).code == 0

    def cells(path: Path) -> str:
        book = openpyxl.load_workbook(path)
        return " ".join(
            str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
        )

    assert GROUP_TEXT["LC-2"] in cells(full)  # so the check below can fail
    assert GROUP_TEXT["LC-2"] not in cells(shared)
    assert GROUP_TEXT["LC-1"] in cells(shared)  # a resolved conflict of an open answer stays
