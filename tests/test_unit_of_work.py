"""One unit of work: services called inside an enclosing ``document.edit()``
join its transaction instead of committing on their own (issue 12)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from idg_desktop.errors import InvalidInput
from idg_desktop.services import answers, findings
from idg_desktop.storage.document import AssessmentDocument


def stored_answer(path: Path, question: str) -> tuple[str, str] | None:
    """The answer as the file holds it, read by another connection."""
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT text, rating FROM answer WHERE question_id = ?", (question,)
        ).fetchone()


def test_services_inside_an_edit_commit_with_it_or_not_at_all(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        with pytest.raises(RuntimeError), document.edit():
            answers.save_answer(document, "TR-1", text="Rotation every three years")
            finding = findings.add_finding(
                document, section="TR", text="A rotation gap", kind="weakness"
            )
            # Nothing is in the file before the enclosing edit ends.
            assert stored_answer(new_file, "TR-1") is None
            assert finding.id
            raise RuntimeError("interrupted")
        assert answers.answer_for(document, "TR-1") is None
        assert findings.list_findings(document) == []
    assert stored_answer(new_file, "TR-1") is None

    with AssessmentDocument.open(new_file) as document:
        with document.edit():
            answers.save_answer(document, "TR-1", text="Rotation every three years")
            answers.save_answer(document, "TR-2", text="A code of conduct", rating="effective")
        assert stored_answer(new_file, "TR-2") == ("A code of conduct", "effective")
    with AssessmentDocument.open(new_file) as reopened:
        assert answers.answer_for(reopened, "TR-1").text == "Rotation every three years"


def test_a_refused_inner_service_leaves_the_rest_of_the_unit(new_file: Path):
    """An inner edit that fails is undone alone (a savepoint); the enclosing one
    decides what to do and commits the rest."""
    with AssessmentDocument.open(new_file) as document:
        with document.edit():
            answers.save_answer(document, "TR-1", text="Kept")
            with pytest.raises(InvalidInput), document.edit():
                answers.save_answer(document, "TR-2", text="Lost")
                raise InvalidInput("refused after writing")
        assert answers.answer_for(document, "TR-2") is None
    with AssessmentDocument.open(new_file) as reopened:
        assert answers.answer_for(reopened, "TR-1").text == "Kept"
        assert answers.answer_for(reopened, "TR-2") is None
