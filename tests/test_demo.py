"""The demo workshop: realistic, complete enough to show, and repeatable."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from idg_desktop.domain.framework import bundled_framework
from idg_desktop.exports.json_export import export_json_text
from idg_desktop.services.demo import build_demo
from idg_desktop.storage.document import AssessmentDocument


def _export(path: Path) -> dict:
    with AssessmentDocument.open(path, read_only=True) as document:
        return json.loads(export_json_text(document))


def test_the_demo_is_built_the_same_every_time(demo_template: Path, tmp_path: Path):
    again = tmp_path / "again.idg"
    build_demo(again).close()
    with AssessmentDocument.open(demo_template, read_only=True) as first:
        text1 = export_json_text(first)
    with AssessmentDocument.open(again, read_only=True) as second:
        text2 = export_json_text(second)
    assert text1 == text2


def test_the_demo_has_what_a_workshop_needs(demo_template: Path):
    data = _export(demo_template)
    people = data["participants"]
    assert len(people) >= 12
    assert len({p["role"] for p in people}) >= 5
    assert {"female", "male"} <= {p["gender"] for p in people}
    assert len({p["stakeholder"] for p in people}) >= 3
    assert any(p["external"] for p in people) and not all(p["external"] for p in people)

    groups = data["groups"]
    assert len(groups) >= 3
    covered = Counter(code for g in groups for code in g["sections"])
    assert sorted(covered) == sorted(bundled_framework().codes)
    assert set(covered.values()) == {1}
    for group in groups:
        assert group["rapporteur"] in group["members"]

    answered = [a for a in data["answers"] if a["text"].strip()]
    assert len(answered) >= 50
    assert len({a["text"] for a in answered}) == len(answered)  # no templated text
    assert len({a["question"].split("-")[0] for a in answered}) == 14
    assert len({a["rating"] for a in answered}) >= 5
    assert any(a["history"] for a in answered)

    findings = data["findings"]
    assert len(findings) >= 10
    assert {f["kind"] for f in findings} == {"strength", "weakness", "recommendation"}
    names = [p["name"] for p in people]
    assert any(any(name in f["text"] for name in names) for f in findings)
    assert data["sessions"] and data["documents"]


def test_the_demo_people_are_fictional(need_seed_text):
    """No participant of the demo is named in the source documents."""
    data = json.loads(
        (Path(__file__).resolve().parents[1] / "resources/demo/demo-workshop.json").read_text(
            encoding="utf-8"
        )
    )
    seeds = " ".join(p.read_text(encoding="utf-8") for p in need_seed_text())
    for person in data["participants"]:
        assert person["name"] not in seeds, person["name"]
        surname = person["name"].split()[-1]
        assert surname not in seeds or len(surname) < 4, person["name"]


def test_the_demo_copy_is_reused_until_someone_edits_it(tmp_path: Path):
    """`demo_copy` reopens an untouched copy and never replaces an edited one;
    it tells them apart without loading any output format (services sit below
    the formats: the demo checks itself in the service layer)."""
    script = f"""
import sys
from pathlib import Path
from idg_desktop.services import participants
from idg_desktop.services.demo import demo_copy
from idg_desktop.storage.document import AssessmentDocument
folder = Path({str(tmp_path)!r})
first = demo_copy(folder)
assert demo_copy(folder) == first, "an untouched copy is reused"
with AssessmentDocument.open(first) as document:
    participants.add_participant(document, participants.ParticipantData(name="Zoe"))
second = demo_copy(folder)
assert second != first and second.name == "demo-workshop-2.idg", second
with AssessmentDocument.open(first, read_only=True) as document:
    assert "Zoe" in [p.name for p in participants.list_participants(document)]
formats = sorted(m for m in sys.modules if m.startswith(("idg_desktop.exports",
    "idg_desktop.exchange", "idg_desktop.reports")))
assert not formats, formats
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
