"""The action plan PDF (Annex 9) as people read it (issue 11).

It named each KPI but not its target value, and an output's heading could end
a page with its activities on the next ("page 1 ends on an orphaned 'Output
1.1.2.1' heading").
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

from idg_desktop.cli import main
from idg_desktop.services.plan import action_plan, list_kpis
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: The plan table's rows in the text: a band (outcome or output heading) or an activity.
ROW = re.compile(r"(Output [\d.]+:|Outcome [\d.]+ \(|\nA\d+\n)")


def _plan(source: Path, out: Path, *args: str) -> list[str]:
    assert (
        main(["export", "pdf", str(source), "--report", "action-plan", "-o", str(out), *args]) == 0
    )
    return [page.extract_text() for page in pypdf.PdfReader(out).pages]


def _flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def test_each_kpi_shows_its_target_and_baseline(demo_file: Path, tmp_path: Path):
    text = _flat(_plan(demo_file, tmp_path / "plan.pdf"))
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        kpis = [
            (k.name, k.target_value, k.baseline_value, k.baseline_date) for k in list_kpis(document)
        ]
    assert len(kpis) >= 9
    for name, target, baseline, when in kpis:
        line = f"KPI: {name}: target {target}"
        if baseline:
            line += f"; baseline {baseline} ({when})"
        assert line in text, line
    # The demo's own examples, read as a person would.
    assert "Managers with integrity objectives: target 100%; baseline 0 of 38 (2026-01-31)" in text
    assert "Border posts displaying the revised charter: target 14 of 14" in text


def test_a_kpi_without_a_target_says_so(demo_file: Path, tmp_path: Path):
    with AssessmentDocument.open(demo_file) as document:
        kpi = list_kpis(document)[0]
        name = kpi.name
        with document.edit() as session:
            row = session.get(models.Kpi, kpi.id)
            row.target_value = ""
            row.baseline_value = ""
    text = _flat(_plan(demo_file, tmp_path / "plan.pdf"))
    assert f"KPI: {name}: target not set yet" in text


def _page_ends(pages: list[str]) -> list[str]:
    """The last row of the plan's table on each page that has one."""
    ends = []
    for page in pages:
        rows = ROW.findall(page)
        if rows:
            ends.append(rows[-1].strip())
    return ends


@pytest.mark.parametrize("words", [0, 40, 100, 140])
def test_no_page_ends_on_an_outcome_or_output_heading(
    demo_template: Path, tmp_path: Path, words: int
):
    """A longer description of the first activity moves the page breaks through
    the plan; wherever they fall, a heading goes with the row under it."""
    path = tmp_path / "plan.idg"
    shutil.copyfile(demo_template, path)
    with AssessmentDocument.open(path) as document:
        first = next(n.activity for n in action_plan(document).nodes() if hasattr(n, "activity"))
        with document.edit() as session:
            session.get(models.Activity, first.id).description = " ".join(["word"] * words)
    for variant in ((), ("--public",)):
        pages = _plan(path, tmp_path / "plan.pdf", *variant)
        ends = _page_ends(pages)
        assert len(ends) >= 2, ends  # the table spans pages
        headings = [e for e in ends[:-1] if not re.fullmatch(r"A\d+", e)]
        assert not headings, (variant, ends)
