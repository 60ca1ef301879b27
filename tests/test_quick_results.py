"""Quick results are marked per activity, not per cell (IDG Part I: "requiring
fewer resources" — the rule ``is_quick_result``: high impact, easy, cost not high).

The demo's high-impact/easy cell holds two quick results; each test adds a third
activity there whose cost is high, which must not be called a quick result by
``idg matrix`` (JSON and text), the wall matrix PDF or the report's key messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from idg_desktop.storage.document import AssessmentDocument

COSTLY = "Build a new examination hall at Kelmor Pass"
RATINGS = ("importance=high", "urgency=high", "commitment=high", "impact=high", "ease=high")


@pytest.fixture
def costly(idg, demo_file: Path) -> str:
    """The id of an activity in the high/high cell whose cost is high."""
    added = idg("activity", "add", demo_file, "--title", COSTLY, "--section", "AI")
    assert added.code == 0, added.err
    activity = added.out.strip()
    rated = idg("activity", "rate", demo_file, activity, *RATINGS, "cost=high")
    assert rated.code == 0, rated.err
    return activity


def _quick_cell(matrix: dict) -> dict:
    return next(c for c in matrix["cells"] if c["impact"] == "high" and c["ease"] == "high")


def test_matrix_json_marks_each_activity(idg, demo_file, costly):
    matrix = json.loads(idg("matrix", demo_file, "--json").out)
    cell = _quick_cell(matrix)
    full = next(i for i in cell["activities"] if i.startswith(costly))
    assert cell["quick_results"] is True  # the cell keeps its own flag
    assert [e["id"] for e in cell["entries"]] == cell["activities"]
    flags = {e["id"]: e["quick_result"] for e in cell["entries"]}
    assert flags[full] is False
    assert sum(flags.values()) == len(cell["activities"]) - 1 >= 2
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        from idg_desktop.domain.priorities import is_quick_result
        from idg_desktop.services.activities import find_activity, ratings_of

        for activity_id, flag in flags.items():
            assert flag is is_quick_result(ratings_of(find_activity(document, activity_id)))
    for other in matrix["cells"]:
        assert [e["id"] for e in other["entries"]] == other["activities"]
        if other is not cell:
            assert not any(e["quick_result"] for e in other["entries"])


def test_matrix_json_entries_on_other_axes(idg, demo_file, costly):
    """The flag is the activity's own: the same whatever the axes shown."""
    default = json.loads(idg("matrix", demo_file, "--json").out)
    own = {e["id"]: e["quick_result"] for c in default["cells"] for e in c["entries"]}
    other = json.loads(idg("matrix", demo_file, "--x", "cost", "--y", "urgency", "--json").out)
    assert not any(c["quick_results"] for c in other["cells"])
    seen = {e["id"]: e["quick_result"] for c in other["cells"] for e in c["entries"]}
    assert seen == {i: own[i] for i in seen}


def test_matrix_text_marks_each_activity(idg, demo_file, costly):
    out = idg("matrix", demo_file).out
    line = next(x for x in out.splitlines() if x.startswith("impact high") and "ease high" in x)
    marked = [part.strip() for part in line.split(":", 1)[1].split(",")]
    assert any(p.startswith(costly[:8]) and "quick result" not in p for p in marked), line
    assert sum(p.endswith("(quick result)") for p in marked) == len(marked) - 1 >= 2, line


def test_key_messages_list_only_quick_results(demo_file, costly):
    from idg_desktop.reports.assessment import key_messages
    from idg_desktop.reports.content import read_report

    with AssessmentDocument.open(demo_file, read_only=True) as document:
        report = read_report(document)
    quick = [m for m in key_messages(report) if m.startswith("Quick results")]
    assert len(quick) == 1
    assert COSTLY not in quick[0]
    assert "Open a 24/7 anonymous reporting channel" in quick[0]


def _placed_text(pdf: Path) -> list[tuple[float, float, str]]:
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((cm[4] + tm[4], cm[5] + tm[5], text.strip()))

    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_wall_matrix_pdf_marks_each_quick_result(idg, demo_file, costly, tmp_path):
    out = tmp_path / "wall.pdf"
    done = idg("export", "pdf", demo_file, "--report", "matrix", "-o", out)
    assert done.code == 0, done.err
    texts = _placed_text(out)
    marks = [(x, y) for x, y, t in texts if t == "Quick result"]
    assert len(marks) == 2, texts  # the demo's two quick results, not the costly one

    def chip_line(title_start: str) -> tuple[float, float]:
        return next((x, y) for x, y, t in texts if t.startswith(title_start))

    def tagged(title_start: str, tag: str) -> bool:
        x, y = chip_line(title_start)  # the tag ends the chip's first line
        return any(t == tag and abs(ty - y) < 2 and 0 < tx - x < 250 for tx, ty, t in texts)

    assert tagged("Open a 24", "Quick result") and tagged("Replace the free", "Quick result")
    assert not tagged("Build a new", "Quick result")
    assert tagged("Build a new", "High cost")
