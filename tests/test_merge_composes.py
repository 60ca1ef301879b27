"""The merge takes a group's answer through ``answers.save_answer`` inside the
import's one transaction (issue 12): history as with any edit, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from idg_desktop.exchange import merge
from idg_desktop.exchange.merge import import_package
from idg_desktop.exchange.packages import export_package, open_package, return_package
from idg_desktop.services import answers, findings, groups, participants
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.storage.document import AssessmentDocument


@pytest.fixture
def master(tmp_path: Path) -> Path:
    path = tmp_path / "master.idg"
    document = create_assessment(
        path, Scope(title="Merge", administration="Props", sections=["LC"])
    )
    with document:
        participants.add_participant(document, participants.ParticipantData(name="Ana"))
        groups.add_group(document, "G1", ["LC"], ["Ana"])
        answers.save_answer(document, "LC-1", text="Rotation every three years")
    return path


def returned(master: Path, folder: Path, **changes: object) -> Path:
    with AssessmentDocument.open(master, read_only=True) as document:
        export_package(document, "G1", folder / "G1.idgpkg")
    with open_package(folder / "G1.idgpkg", folder / "G1.idg") as work:
        answers.save_answer(work, "LC-1", **changes)
        return_package(work, folder / "G1-back.idgpkg")
    return folder / "G1-back.idgpkg"


def test_a_taken_answer_keeps_history_as_any_edit_does(master: Path, tmp_path: Path):
    package = returned(master, tmp_path, text="Rotation every two years", rating="effective")
    with AssessmentDocument.open(master) as document:
        assert import_package(document, package).taken == ["LC-1"]
    with AssessmentDocument.open(master, read_only=True) as document:
        answer = answers.answer_for(document, "LC-1")
        assert (answer.text, answer.rating) == ("Rotation every two years", "effective")
        assert answer.group_id == groups.find_group(document, "G1").id
        history = answers.answer_history(document, answer)
        assert [v.text for v in history] == ["Rotation every three years"]


def test_a_group_only_marking_for_review_adds_no_copy_of_the_text(master: Path, tmp_path: Path):
    """save_answer keeps an earlier version when what was said changes (text,
    rating, evidence); the merge used to copy the unchanged text into the
    history whenever it took a group's answer."""
    package = returned(master, tmp_path, marked_for_review=True)
    with AssessmentDocument.open(master) as document:
        assert import_package(document, package).taken == ["LC-1"]
    with AssessmentDocument.open(master, read_only=True) as document:
        answer = answers.answer_for(document, "LC-1")
        assert answer.marked_for_review
        assert answers.answer_history(document, answer) == []


def test_the_import_stays_one_transaction(master: Path, tmp_path: Path, monkeypatch):
    """The answers taken through save_answer are undone if the import fails
    before its end (here: writing the merge log)."""
    package = returned(master, tmp_path, text="Rotation every two years")
    before = master.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(merge, "_log", broken)
    with AssessmentDocument.open(master) as document, pytest.raises(RuntimeError):
        import_package(document, package)
    with AssessmentDocument.open(master, read_only=True) as document:
        answer = answers.answer_for(document, "LC-1")
        assert answer.text == "Rotation every three years"
        assert answers.answer_history(document, answer) == []
    assert master.read_bytes() == before


def test_a_taken_finding_goes_through_update_finding(tmp_path: Path):
    """A group's change to a finding is taken as ``update_finding`` makes one:
    one "imported" event keeping the group's origin, and a move between the
    group's sections named in that event as on the master."""
    path = tmp_path / "master.idg"
    document = create_assessment(
        path, Scope(title="Merge", administration="Props", sections=["LC", "RF"])
    )
    with document:
        participants.add_participant(document, participants.ParticipantData(name="Ana"))
        groups.add_group(document, "G1", ["LC", "RF"], ["Ana"])
        finding = findings.add_finding(
            document, section="LC", kind="weakness", text="No rotation", questions=["LC-1"]
        )
        export_package(document, "G1", tmp_path / "G1.idgpkg")
    with open_package(tmp_path / "G1.idgpkg", tmp_path / "G1.idg") as work:
        findings.update_finding(work, finding.id, section="RF", text="No rotation at the border")
        group_origin = work.origin
        return_package(work, tmp_path / "G1-back.idgpkg")
    with AssessmentDocument.open(path) as document:
        assert import_package(document, tmp_path / "G1-back.idgpkg").taken == [finding.id]
    with AssessmentDocument.open(path, read_only=True) as document:
        taken = findings.find_finding(document, finding.id)
        assert (taken.section_code, taken.text) == ("RF", "No rotation at the border")
        assert taken.question_ids == ()
        assert taken.origin == group_origin
        event = findings.finding_history(document, taken)[-1]
        assert (event.action, event.origin, event.text) == (
            "imported",
            group_origin,
            "No rotation at the border",
        )
        assert event.note == "From a group package; Moved from section LC to RF"
