"""The quick summary the Overview paints before the application has loaded."""

from __future__ import annotations

from pathlib import Path

from idg_desktop.services import activities, plan
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.overview import read_overview

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_plan_figures_match_the_services(demo_file: Path):
    summary = read_overview(demo_file)
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        bands = [activities.band_of(a) for a in activities.list_activities(document)]
        kpis = plan.list_kpis(document)
        latest = max(plan.list_adoptions(document), key=lambda a: a.endorsed_on)
    assert summary.activities == len(bands) == 10
    assert summary.activities_high == bands.count("high")  # the band in force, overrides too
    assert (summary.kpis, summary.kpis_complete) == (len(kpis), sum(k.complete for k in kpis))
    assert (summary.endorsed_by, summary.endorsed_on) == (latest.endorsed_by, latest.endorsed_on)


def test_it_follows_an_edit(demo_file: Path):
    with AssessmentDocument.open(demo_file) as document:
        unrated = next(
            a for a in activities.list_activities(document) if activities.band_of(a) == "unrated"
        )
        before = read_overview(demo_file).activities_high
        activities.override_priority(document, unrated.id, "high", "Ministerial priority")
        plan.add_adoption(document, endorsed_by="Prime Minister's Office", endorsed_on="2026-12-01")
    summary = read_overview(demo_file)
    assert summary.activities_high == before + 1
    assert (summary.endorsed_by, summary.endorsed_on) == ("Prime Minister's Office", "2026-12-01")


def test_files_from_before_the_plan_read_as_empty():
    """The Overview is painted before an older file is upgraded."""
    older = read_overview(FIXTURES / "schema2-demo.idg")
    assert (older.activities, older.kpis, older.endorsed_on) == (0, 0, "")
    assert older.participants == 23
    schema3 = read_overview(FIXTURES / "schema3-demo.idg")
    assert schema3.activities == 10 and schema3.kpis == 0


def test_agreed_findings_are_those_agreed_or_amended_not_merged(demo_file: Path):
    """The demo: 15 agreed, 1 amended, 1 merged into another, 6 proposed, 1
    rejected: the Overview says 16 agreed (a merged one lives on in the other)."""
    overview = read_overview(demo_file)
    assert (overview.findings, overview.findings_agreed) == (24, 16)
