"""The .idg file itself: marks, journal, locking, identity, copies."""

from __future__ import annotations

import os
import socket
import sqlite3
import sys
from pathlib import Path

import pytest

from idg_desktop.config import installation_id
from idg_desktop.domain.framework import bundled_framework
from idg_desktop.errors import CannotWrite, FileLocked, FileReplaced, NewerSchema
from idg_desktop.services import answers, participants
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.storage.document import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    AssessmentDocument,
    probe,
)
from idg_desktop.storage.models import Answer, Participant


def _pragma(path: Path, name: str):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


def test_a_new_file_marks_itself_and_carries_the_framework(new_file: Path):
    assert _pragma(new_file, "application_id") == APPLICATION_ID
    assert _pragma(new_file, "user_version") == SCHEMA_VERSION
    assert _pragma(new_file, "journal_mode") == "delete"
    connection = sqlite3.connect(new_file)
    try:
        questions = connection.execute("SELECT count(*) FROM question").fetchone()[0]
        framework = connection.execute("SELECT content FROM framework").fetchone()[0]
        version = connection.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone()[0]
    finally:
        connection.close()
    assert questions == len(bundled_framework().questions()) > 250
    assert '"TR"' in framework
    assert int(version) == SCHEMA_VERSION


def test_create_refuses_to_overwrite(new_file: Path):
    before = new_file.read_bytes()
    with pytest.raises(CannotWrite, match="already exists"):
        create_assessment(new_file, Scope(title="Other", administration="Other"))
    assert new_file.read_bytes() == before


def test_create_leaves_nothing_behind_when_it_cannot_write():
    target = Path("/proc/idg-cannot-write.idg")
    with pytest.raises(CannotWrite) as raised:
        create_assessment(target, Scope(title="T", administration="A"))
    assert str(target) in str(raised.value)


def test_every_edit_is_committed_at_once_with_origin_and_timestamps(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        person = participants.add_participant(
            document, participants.ParticipantData(name="Ana Perez", role="rapporteur")
        )
        answers.save_answer(document, "TR-1", text="A unit of three officers.", rating="effective")
        # Read with a separate connection while the document is still open:
        # the edits are already in the file, and no WAL files exist.
        connection = sqlite3.connect(new_file)
        try:
            row = connection.execute(
                "SELECT name, origin, created_at, updated_at, revision FROM participant"
            ).fetchone()
            rating = connection.execute("SELECT rating FROM answer").fetchone()[0]
        finally:
            connection.close()
        assert not Path(str(new_file) + "-wal").exists()
    assert row[0] == "Ana Perez"
    assert row[1] == installation_id()
    assert row[2] and row[3] and row[4] == 1
    assert rating == "effective"
    assert len(person.id) == 36


def test_the_installation_id_is_kept_in_the_configuration_folder(tmp_path: Path):
    first = installation_id()
    assert installation_id() == first
    assert (Path(os.environ["IDG_CONFIG_DIR"]) / "installation-id").read_text().strip() == first


def test_a_second_opening_is_refused_with_where_it_is_open(new_file: Path):
    with AssessmentDocument.open(new_file):
        with pytest.raises(FileLocked) as raised:
            AssessmentDocument.open(new_file)
        message = str(raised.value)
        assert str(new_file) in message
        assert socket.gethostname() in message
        assert str(os.getpid()) in message
    # released on close: opens again
    AssessmentDocument.open(new_file).close()


def test_read_only_opening_does_not_need_the_lock(new_file: Path):
    with (
        AssessmentDocument.open(new_file),
        AssessmentDocument.open(new_file, read_only=True) as reader,
    ):
        assert reader.session.query(Participant).count() == 0


@pytest.mark.skipif(sys.platform == "win32", reason="unlinking an open file is POSIX behaviour")
@pytest.mark.parametrize("how", ["unlink", "rename", "replace"])
def test_a_file_removed_or_replaced_while_open_is_not_written_silently(
    new_file: Path, tmp_path: Path, how: str
):
    document = AssessmentDocument.open(new_file)
    try:
        answers.save_answer(document, "LC-1", text="Committed before the file went away.")
        if how == "unlink":
            new_file.unlink()
        elif how == "rename":
            new_file.rename(tmp_path / "moved.idg")
        else:
            other = tmp_path / "other.idg"
            create_assessment(other, Scope(title="Other", administration="X")).close()
            os.replace(other, new_file)
        with pytest.raises(FileReplaced, match="moved, deleted or replaced"):
            answers.save_answer(document, "LC-2", text="Never lands in a ghost file.")
        # What was committed can still be saved elsewhere.
        rescue = document.save_copy(tmp_path / "rescued.idg")
    finally:
        document.close()
    with AssessmentDocument.open(rescue, read_only=True) as copy:
        texts = {a.question_id: a.text for a in copy.session.query(Answer)}
    assert texts == {"LC-1": "Committed before the file went away."}


def test_save_a_copy_is_a_complete_assessment(new_file: Path, tmp_path: Path):
    with AssessmentDocument.open(new_file) as document:
        answers.save_answer(document, "RF-3", text="Ratified in 2019.", rating="effective")
        copy = document.save_copy(tmp_path / "copy.idg")
    facts = probe(copy, full_check=True)
    assert facts.intact and facts.current
    with AssessmentDocument.open(copy) as reopened:
        assert answers.answer_for(reopened, "RF-3").text == "Ratified in 2019."


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(new_file: Path):
    connection = sqlite3.connect(new_file)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = new_file.read_bytes()
    with pytest.raises(NewerSchema, match="newer version"):
        AssessmentDocument.open(new_file)
    assert new_file.read_bytes() == before
    assert list(new_file.parent.glob("*backup*")) == []
