"""Activities, their ratings and the priority matrix through the command line."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

from idg_desktop.domain.priorities import CRITERIA
from idg_desktop.services.activities import find_activity, override_priority
from idg_desktop.services.findings import list_findings
from idg_desktop.storage.document import AssessmentDocument


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
        assert [link.finding_id for link in stored.findings] == [agreed]
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
