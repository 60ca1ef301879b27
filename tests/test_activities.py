"""Activities, their ratings and the priority matrix through the command line."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

from sqlalchemy import select

from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.services.activities import find_activity, override_priority
from idg_desktop.services.findings import list_findings
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.models import Activity, Finding


def _finding(demo_file: Path, status: str, section: str | None = None) -> str:
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        return next(f.id for f in list_findings(document, section) if f.status == status)


def test_activities_from_agreed_findings_rated_and_placed(idg, demo_file):
    agreed = _finding(demo_file, "agreed")
    demo_activities = json.loads(idg("info", demo_file, "--json").out)["activities"]
    assert demo_activities == 10  # the demo's own plan
    added = idg(
        "activity",
        "add",
        demo_file,
        "--title",
        "Rotate examining officers at Kelmor Pass every three years",
        "--section",
        "HR",
        "--finding",
        agreed[:8],
    )
    assert added.code == 0, added.err
    activity = added.out.strip()
    rated = idg(
        "activity",
        "rate",
        demo_file,
        activity,
        "importance=high",
        "urgency=high",
        "impact=high",
        "ease=high",
        "cost=low",
    )
    assert rated.code == 0, rated.err
    assert rated.out.strip().endswith("priority high")
    info = json.loads(idg("info", demo_file, "--json").out)
    assert info["activities"] == demo_activities + 1
    matrix = json.loads(idg("matrix", demo_file, "--json").out)
    assert len(matrix["cells"]) == 9
    cell = next(c for c in matrix["cells"] if c["impact"] == "high" and c["ease"] == "high")
    assert cell["quick_results"] and activity in [i[:8] for i in cell["activities"]]
    assert sum(c["quick_results"] for c in matrix["cells"]) == 1
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        stored = find_activity(document, activity)
        assert list(stored.finding_ids) == [agreed]
        assert stored.cost == "low" and stored.consequence is None


def test_every_axis_pair_gives_nine_cells_and_places_every_rated_activity(idg, demo_file):
    activity = idg(
        "activity", "add", demo_file, "--title", "Publish the service charter", "--section", "TR"
    ).out.strip()
    idg(
        "activity",
        "rate",
        demo_file,
        activity,
        *[
            f"{c}={level}"
            for c, level in zip(CRITERIA, itertools.cycle(["low", "medium", "high"]), strict=False)
        ],
    )
    for x, y in itertools.permutations(CRITERIA, 2):
        matrix = json.loads(idg("matrix", demo_file, "--x", x, "--y", y, "--json").out)
        assert len(matrix["cells"]) == 9
        assert {(c[x], c[y]) for c in matrix["cells"]} == {
            (a, b) for a in ("low", "medium", "high") for b in ("low", "medium", "high")
        }
        placed = [i[:8] for c in matrix["cells"] for i in c["activities"]]
        assert placed.count(activity) == 1
        assert activity not in [i[:8] for i in matrix["unplaced"]]


def test_an_override_keeps_the_computed_band_and_the_reason(idg, demo_file):
    activity = idg(
        "activity", "add", demo_file, "--title", "E-payment at all border posts", "--section", "AU"
    ).out.strip()
    idg(
        "activity",
        "rate",
        demo_file,
        activity,
        "impact=low",
        "importance=low",
        "urgency=low",
        "ease=low",
        "cost=high",
    )
    with AssessmentDocument.open(demo_file) as document:
        override_priority(document, activity, "high", "Required by the national strategy.")
    data = json.loads(idg("activities", demo_file, "--json").out)
    priority = next(a for a in data if a["id"].startswith(activity))["priority"]
    assert (priority["computed"], priority["override"], priority["band"]) == ("low", "high", "high")
    assert priority["override_reason"] == "Required by the national strategy."


def test_bad_activity_input_is_refused_and_the_file_untouched(idg, demo_file):
    proposed = _finding(demo_file, "proposed")
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    cases = [
        (("activity", "add", demo_file, "--title", "X", "--section", "ZZ"), "Unknown section"),
        (
            (
                "activity",
                "add",
                demo_file,
                "--title",
                "X",
                "--section",
                "TR",
                "--finding",
                proposed,
            ),
            "is proposed",
        ),
        (("activity", "rate", demo_file, "abcdef12", "impact=high"), "No activity"),
        (("matrix", demo_file, "--x", "beauty"), "Unknown criterion 'beauty'"),
        (("matrix", demo_file, "--x", "impact", "--y", "impact"), "two different"),
    ]
    for args, needle in cases:
        result = idg(*args)
        assert result.code == 2 and needle in result.err, (args, result.err)
    activity = idg("activity", "add", demo_file, "--title", "Y", "--section", "TR").out.strip()
    after_add = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    assert after_add != before
    for pairs, needle in (
        (["impact=huge"], "Unknown level for impact 'huge'"),
        (["beauty=high"], "is not a rating"),
        (["impact"], "is not a rating"),
    ):
        result = idg("activity", "rate", demo_file, activity, *pairs)
        assert result.code == 2 and needle in result.err, (pairs, result.err)
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == after_add


def _agreed_without_activity(demo_file: Path) -> dict[str, tuple[str, str, str, bool]]:
    """Agreed or amended findings no activity answers: id → (section, proposed action,
    text, confidential), read straight from the file."""
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        linked = {
            link.finding_id
            for a in document.session.scalars(select(Activity))
            for link in a.findings
        }
        return {
            f.id: (f.section_code, f.proposed_action, f.text, f.confidential)
            for f in list_findings(document)
            if f.status in ("agreed", "amended")
            and f.id not in linked
            and (f.kind != "strength" or f.proposed_action.strip())
        }


def test_from_agreed_findings_adds_one_linked_activity_each_and_is_idempotent(idg, demo_file):
    waiting = _agreed_without_activity(demo_file)
    assert len(waiting) >= 3  # the demo leaves several agreed findings without an activity
    before = json.loads(idg("info", demo_file, "--json").out)["activities"]
    first = idg("activity", "add", demo_file, "--from-agreed-findings")
    assert first.code == 0, first.err
    new_ids = first.out.split()
    assert len(new_ids) == len(waiting)
    assert json.loads(idg("info", demo_file, "--json").out)["activities"] == before + len(waiting)
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        for short in new_ids:
            activity = find_activity(document, short)
            [finding_id] = activity.finding_ids
            section, action, text, _secret = waiting[finding_id]
            assert activity.section_code == section
            assert activity.title == (action.strip() or text.strip())
            assert activity.created_at and activity.origin  # tracked like any record
        linked = {f for s in new_ids for f in find_activity(document, s).finding_ids}
    assert linked == set(waiting)
    assert _agreed_without_activity(demo_file) == {}
    bytes_after = demo_file.read_bytes()
    again = idg("activity", "add", demo_file, "--from-agreed-findings")
    assert (again.code, again.out, again.err) == (0, "", "")
    assert json.loads(idg("info", demo_file, "--json").out)["activities"] == before + len(waiting)
    assert demo_file.read_bytes() == bytes_after


def test_from_agreed_findings_by_section_and_confidential_findings_stay_confidential(
    idg, demo_file
):
    waiting = _agreed_without_activity(demo_file)
    section = next(iter(waiting.values()))[0]
    finding = next(f for f, v in waiting.items() if v[0] == section)
    with AssessmentDocument.open(demo_file) as document, document.edit():
        document.session.get(Finding, finding).confidential = True
    only = idg("activity", "add", demo_file, "--from-agreed-findings", "--section", section)
    assert only.code == 0, only.err
    expected = [f for f, v in waiting.items() if v[0] == section]
    assert len(only.out.split()) == len(expected)
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        made = {
            find_activity(document, s).finding_ids[0]: find_activity(document, s)
            for s in only.out.split()
        }
    assert set(made) == set(expected)
    assert made[finding].confidential
    # the other sections' findings are still waiting
    assert set(_agreed_without_activity(demo_file)) == set(waiting) - set(expected)


def test_from_agreed_findings_refuses_a_title_or_finding_and_leaves_the_file(idg, demo_file):
    agreed = _finding(demo_file, "agreed")
    before = demo_file.read_bytes()
    for extra, flag in (
        (("--title", "Rotate officers"), "--title"),
        (("--finding", agreed[:8]), "--finding"),
    ):
        result = idg("activity", "add", demo_file, "--from-agreed-findings", *extra)
        assert result.code == 2, result.err
        assert len(result.err.strip().splitlines()) == 1 and flag in result.err
    missing = idg("activity", "add", demo_file, "--section", "HR")
    assert missing.code == 2 and "--title" in missing.err
    assert len(missing.err.strip().splitlines()) == 1
    assert demo_file.read_bytes() == before


def test_from_agreed_findings_leaves_a_strength_without_an_action_alone(idg, demo_file):
    """A strength calls for an activity only when the plenary proposed one."""
    kept = idg(
        "finding",
        "add",
        demo_file,
        "--section",
        "TR",
        "--kind",
        "strength",
        "--text",
        "Rulings are published within a week.",
        "--status",
        "agreed",
    )
    built_on = idg(
        "finding",
        "add",
        demo_file,
        "--section",
        "TR",
        "--kind",
        "strength",
        "--text",
        "Tariff rulings online.",
        "--status",
        "agreed",
        "--action",
        "Extend the online rulings to origin decisions.",
    )
    assert kept.code == built_on.code == 0
    made = idg("activity", "add", demo_file, "--from-agreed-findings", "--section", "TR")
    assert made.code == 0, made.err
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        titles = [find_activity(document, short).title for short in made.out.split()]
    assert "Extend the online rulings to origin decisions." in titles
    assert "Rulings are published within a week." not in titles
