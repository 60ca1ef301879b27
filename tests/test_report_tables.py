"""No table of a report leaves one row alone at the bottom or top of a page.

The participants table of the assessment report left its last row alone on
a page (issue 11). Tables (``reports/layout.table``) keep their header with
the first two rows and the last two rows together.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from reportlab.platypus import Spacer

from idg_desktop.cli import main
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.services.participants import ParticipantData, add_participant
from idg_desktop.storage.document import AssessmentDocument

ROW = re.compile(r"Person\d{3}")


def _report(folder: Path, count: int) -> list[int]:
    """The assessment report of ``count`` participants: participant rows per page
    (pages without any left out)."""
    path = folder / f"people-{count}.idg"
    create_assessment(path, Scope(title="Rows", administration="Customs")).close()
    with AssessmentDocument.open(path) as document:
        for number in range(count):
            add_participant(document, ParticipantData(name=f"Person{number:03d} Tester"))
    pdf = folder / f"people-{count}.pdf"
    assert main(["export", "pdf", str(path), "--report", "assessment", "-o", str(pdf)]) == 0
    found = [len(ROW.findall(page.extract_text())) for page in pypdf.PdfReader(pdf).pages]
    return [n for n in found if n]


def test_the_participants_table_leaves_no_row_alone(tmp_path: Path):
    # Where the pages break for this report: rows on the first page and on a full one...
    first, full, *_ = _report(tmp_path, 90)
    # ...so one more participant than fits would be alone at the top of the next page.
    for count in (first + 1, first + full + 1):
        pages = _report(tmp_path, count)
        assert sum(pages) == count
        assert 1 not in pages, (count, pages)
        assert len(pages) >= 2, (count, pages)  # the table still spans pages


def test_a_table_starting_at_a_pages_foot_starts_on_the_next_page():
    """Room for the header and one row only: the table moves to the next page."""
    from idg_desktop.reports.layout import PageInfo, para, table
    from idg_desktop.reports.pages import ReportDocument

    rows = [[para("Name", "head"), para("Unit", "head")]]
    rows += [[para(f"Person{n:03d}", "cell"), para("Unit", "cell")] for n in range(12)]
    probe = table(rows, [200, 200])
    width = 400
    probe.wrap(width, 10_000)
    one_row = probe._rowHeights[0] + probe._rowHeights[1]
    buffer = io.BytesIO()
    document = ReportDocument(buffer, PageInfo("Rows", "Test"), "a4")
    frame = document.pageTemplates[0].frames[0]
    filler = Spacer(1, frame._aH - one_row - 2)
    document.render([filler, table(rows, [200, 200])])
    found = [len(ROW.findall(p.extract_text())) for p in pypdf.PdfReader(buffer).pages]
    assert found == [0, 12]


@pytest.mark.parametrize("count", [2, 3])
def test_short_tables_stay_whole(count: int):
    from idg_desktop.reports.layout import PageInfo, para, table
    from idg_desktop.reports.pages import ReportDocument

    rows = [[para("Name", "head")]] + [[para(f"Person{n:03d}", "cell")] for n in range(count)]
    buffer = io.BytesIO()
    document = ReportDocument(buffer, PageInfo("Rows", "Test"), "a4")
    frame = document.pageTemplates[0].frames[0]
    probe = table(rows, [200])
    probe.wrap(400, 10_000)
    filler = Spacer(1, frame._aH - sum(probe._rowHeights[:count]) - 2)
    document.render([filler, table(rows, [200])])
    found = [len(ROW.findall(p.extract_text())) for p in pypdf.PdfReader(buffer).pages]
    assert found == [0, count]
