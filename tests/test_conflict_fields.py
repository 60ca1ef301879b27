"""Resolving a conflict field by field from the command line: every field that
differs must be chosen (nothing is kept by default), the Figure 5 answers and
the rating stay consistent, and every refusal leaves the master untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conflict_cases import (
    FINDING,
    GROUP_A,
    GROUP_ACTION,
    GROUP_EVIDENCE,
    MASTER_FINDING_TEXT,
    MASTER_TEXT,
    conflicting_package,
)

from idg_desktop.services import answers, findings
from idg_desktop.storage.document import AssessmentDocument

DEMO_EVIDENCE_START = "National Anti-Corruption Strategy 2024–2028, §4.3"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def conflicts(idg, demo_file, tmp_path):
    back = conflicting_package(demo_file, tmp_path)
    assert idg("package", "import", demo_file, back).code == 3
    found = json.loads(idg("conflicts", demo_file, "--json").out)
    return {c["record_type"]: c["id"][:8] for c in found}


def test_the_merge_keeps_every_field_of_every_version(idg, demo_file, conflicts):
    found = json.loads(idg("conflicts", demo_file, "--json").out)
    answer = next(c for c in found if c["record_type"] == "answer")
    group = next(v["content"] for v in answer["versions"] if v["origin"] == GROUP_A)
    assert (group["measure_exists"], group["measure_applied"], group["measure_effective"]) == (
        True,
        True,
        "yes",
    )
    assert group["rating"] == "effective" and group["evidence"] == GROUP_EVIDENCE


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "choose the text (--text T or --field text=ORIGIN); it differs between master and "),
        (["--text", "Agreed."], "choose the rating (--field rating=ORIGIN)"),
        (
            ["--text", "Agreed.", "--field", "rating=master"],
            "choose the measure_exists (--field measure_exists=ORIGIN)",
        ),
        (["--field", "colour=master"], "has no field 'colour'"),
        (["--field", "rating=Group Z"], "has no version from 'Group Z'"),
        (["--field", "rating"], "--field takes NAME=ORIGIN"),
        (["--take", "master", "--field", "rating=master"], "not both"),
        (["--text", "Agreed.", "--field", "text=master"], "not both"),
        (
            # The master's direct rating with the group's Figure 5 answers: contradictory.
            [
                "--text",
                "Agreed.",
                "--field",
                "rating=master",
                "--field",
                f"measure_exists={GROUP_A}",
                "--field",
                f"measure_applied={GROUP_A}",
                "--field",
                f"measure_effective={GROUP_A}",
                "--field",
                "evidence=master",
            ],
            "the rating 'not-applied' contradicts the Figure 5 answers chosen, which give "
            "'effective'",
        ),
    ],
)
def test_a_field_left_unchosen_or_a_bad_choice_is_refused(
    idg, demo_file, conflicts, args, expected
):
    before = _digest(demo_file)
    result = idg("conflict", "resolve", demo_file, conflicts["answer"], *args)
    assert result.code == 2, result.out
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert expected in result.err
    assert _digest(demo_file) == before


def test_an_answer_resolved_field_by_field(idg, demo_file, conflicts):
    result = idg(
        "conflict",
        "resolve",
        demo_file,
        conflicts["answer"],
        "--text",
        "Agreed in plenary: applied, and it works.",
        "--field",
        f"rating={GROUP_A}",
        "--field",
        f"measure_exists={GROUP_A}",
        "--field",
        f"measure-applied={GROUP_A.upper()}",  # hyphen and case do not matter
        "--field",
        f"measure_effective={GROUP_A}",
        "--field",
        "evidence=master",
    )
    assert result.code == 0, result.err
    assert "by field (text: consolidated; rating: Group A" in result.out
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        answer = answers.answer_for(document, "LC-1")
        assert answer.text == "Agreed in plenary: applied, and it works."
        assert answer.rating == "effective"
        assert (answer.measure_exists, answer.measure_applied, answer.measure_effective) == (
            True,
            True,
            "yes",
        )
        assert answer.evidence.startswith(DEMO_EVIDENCE_START)
        history = [v.text for v in answers.answer_history(document, answer)]
        assert MASTER_TEXT in history  # the version not taken is kept
    remaining = json.loads(idg("conflicts", demo_file, "--json").out)
    assert [c["record_type"] for c in remaining] == ["finding"]


def test_a_finding_resolved_field_by_field(idg, demo_file, conflicts):
    before = _digest(demo_file)
    refused = idg(
        "conflict",
        "resolve",
        demo_file,
        conflicts["finding"],
        "--field",
        f"kind={GROUP_A}",
        "--field",
        "text=master",
        "--field",
        f"proposed_action={GROUP_A}",
    )
    assert refused.code == 2 and "choose the status" in refused.err
    assert _digest(demo_file) == before
    result = idg(
        "conflict",
        "resolve",
        demo_file,
        conflicts["finding"],
        "--field",
        f"kind={GROUP_A}",
        "--field",
        "text=master",
        "--field",
        f"proposed_action={GROUP_A}",
        "--field",
        "status=master",
    )
    assert result.code == 0, result.err
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        finding = findings.find_finding(document, FINDING)
        assert (finding.kind, finding.text, finding.proposed_action, finding.status) == (
            "weakness",
            MASTER_FINDING_TEXT,
            GROUP_ACTION,
            "rejected",
        )


def test_take_still_keeps_one_version_whole(idg, demo_file, conflicts):
    result = idg("conflict", "resolve", demo_file, conflicts["answer"], "--take", "master")
    assert result.code == 0, result.err
    assert "(master)" in result.out
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        answer = answers.answer_for(document, "LC-1")
        assert (answer.text, answer.rating, answer.measure_exists) == (
            MASTER_TEXT,
            "not-applied",
            None,
        )


def test_the_conflicts_listing_names_the_fields_to_choose(idg, demo_file, conflicts):
    listing = idg("conflicts", demo_file).out
    assert (
        "differs in: text, rating, measure_exists, measure_applied, measure_effective, evidence"
        in listing
    )
    assert "differs in: kind, text, proposed_action, status" in listing


def test_text_alone_still_resolves_a_conflict_on_the_text_only(idg, demo_file, tmp_path):
    """Where only the texts differ, --text T resolves as before (the rest agrees)."""
    from idg_desktop.exchange.packages import export_package, open_package, return_package

    package, work, back = (tmp_path / n for n in ("t.idgpkg", "t.idg", "t-back.idgpkg"))
    with AssessmentDocument.open(demo_file) as document:
        export_package(document, GROUP_A, package)
    copy = open_package(package, work)
    try:
        answers.save_answer(copy, "TR-2", text="The group's wording.")
        return_package(copy, back)
    finally:
        copy.close()
    assert idg("answer", demo_file, "TR-2", "--text", "The master's wording.").code == 0
    assert idg("package", "import", demo_file, back).code == 3
    (conflict,) = json.loads(idg("conflicts", demo_file, "--json").out)
    result = idg("conflict", "resolve", demo_file, conflict["id"], "--text", "Agreed wording.")
    assert result.code == 0, result.err
    assert "(consolidated)" in result.out
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert answers.answer_for(document, "TR-2").text == "Agreed wording."
