"""The exports carry every record: conflicts and the merge log in `idg export
json` and the workbook, and an audit of every table of a real file.

The file is the demo after Group A's package came back with conflicts
(``merged_demo.py``): two open conflicts, one resolved, two merge-log entries.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from merged_demo import (
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
