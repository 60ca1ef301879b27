"""Undo and redo at the file's level: any service's change reverses exactly."""

from __future__ import annotations

import json
from pathlib import Path

from idg_desktop.exports.json_export import export_json_text
from idg_desktop.services import answers, findings, groups, participants
from idg_desktop.storage.document import AssessmentDocument


def _state(document: AssessmentDocument) -> dict:
    document.session.expire_all()
    return json.loads(export_json_text(document))


def _undoable(document: AssessmentDocument, change) -> tuple[dict, dict, object]:
    before_state = _state(document)
    mark = document.undo_mark()
    change()
    step = document.undo_step_since(mark)
    assert step is not None
    return before_state, _state(document), step


def test_each_kind_of_change_undoes_and_redoes_exactly(demo_file: Path):
    with AssessmentDocument.open(demo_file) as document:
        document.enable_undo()
        person = participants.list_participants(document)[0]
        group = groups.list_groups(document)[0]
        finding = findings.list_findings(document)[0]
        changes = [
            lambda: answers.save_answer(document, "TR-2", text="New text", rating="absent"),
            lambda: answers.save_answer(document, "LC-1", text="Changed", rating="effective"),
            lambda: participants.add_participant(
                document, participants.ParticipantData(name="Zed", gender="male")
            ),
            lambda: participants.remove_participant(document, person.id),
            lambda: groups.remove_group(document, group.id),
            lambda: groups.auto_allocate(document, 4),
            lambda: findings.update_finding(document, finding.id, status="rejected"),
        ]
        for change in changes:
            before, after, step = _undoable(document, change)
            assert before != after
            redo = document.replay(step)
            assert _state(document) == before
            undo_again = document.replay(redo)
            assert _state(document) == after
            document.replay(undo_again)
            assert _state(document) == before
    # Undo is committed like any edit: the reopened file is the original.
    with AssessmentDocument.open(demo_file, read_only=True) as reopened:
        assert answers.answer_for(reopened, "TR-2") is None or (
            answers.answer_for(reopened, "TR-2").text != "New text"
        )


def test_the_undo_log_never_reaches_the_file(demo_file: Path):
    import sqlite3

    with AssessmentDocument.open(demo_file) as document:
        document.enable_undo()
        answers.save_answer(document, "TR-2", text="Logged in memory only.")
    connection = sqlite3.connect(demo_file)
    names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
    connection.close()
    assert "undolog" not in names
    assert not any(name.startswith("undo_") for name in names)
