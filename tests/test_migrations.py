"""Schema versions: newer files refused, older ones upgraded after a backup.

The schema is still at its first version, so no real older file exists yet:
these tests drive the upgrade mechanism with a step of their own (the way a
real step will be added) and check its guarantees — backup first, all steps
in one transaction, nothing changed when a step fails. When the schema first
changes, a real file made at schema 1 goes under tests/fixtures/ and
test_committed_fixtures_open_upgraded opens each one.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from idg_desktop.errors import NewerSchema
from idg_desktop.services import answers
from idg_desktop.storage import migrations
from idg_desktop.storage.document import AssessmentDocument, current_schema, probe

FIXTURES = Path(__file__).parent / "fixtures"


def _user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def test_upgrade_keeps_the_data_and_leaves_a_backup(tmp_path: Path, monkeypatch):
    from idg_desktop.services.assessment import Scope, create_assessment

    path = tmp_path / "old.idg"
    document = create_assessment(path, Scope(title="Old", administration="A"))
    answers.save_answer(document, "TR-1", text="Kept across the upgrade.", rating="effective")
    document.close()
    original = path.read_bytes()

    def add_pronouns(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE participant ADD COLUMN pronouns TEXT DEFAULT ''")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.STEPS, 2, add_pronouns)
    assert probe(path).schema_version == 1 and not probe(path).current

    with AssessmentDocument.open(path) as upgraded:
        assert upgraded.upgraded_from == 1
        backup = upgraded.backup_path
        assert answers.answer_for(upgraded, "TR-1").text == "Kept across the upgrade."
    assert _user_version(path) == 2
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(participant)")]
    meta = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    connection.close()
    assert "pronouns" in columns and meta == ("2",)
    assert backup is not None and backup.parent == path.parent
    assert backup.name.startswith("old.schema1-backup-") and backup.suffix == ".idg"
    assert _user_version(backup) == 1
    assert probe(backup).intact
    # The backup holds the same content as the file before the upgrade.
    with sqlite3.connect(backup) as before:
        assert before.execute("SELECT text FROM answer").fetchone() == ("Kept across the upgrade.",)
    assert len(original) > 0


def test_a_failing_step_changes_nothing(tmp_path: Path, monkeypatch):
    from idg_desktop.services.assessment import Scope, create_assessment

    path = tmp_path / "old.idg"
    create_assessment(path, Scope(title="Old", administration="A")).close()
    before = path.read_bytes()

    def half_done(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE participant ADD COLUMN pronouns TEXT")
        connection.execute("UPDATE no_such_table SET x = 1")  # fails midway

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.STEPS, 2, half_done)
    with pytest.raises(sqlite3.OperationalError):
        AssessmentDocument.open(path)
    assert path.read_bytes() == before
    assert _user_version(path) == 1
    # and the lock was released: the file opens again once the step is fixed
    monkeypatch.setitem(migrations.STEPS, 2, lambda c: None)
    AssessmentDocument.open(path).close()
    assert _user_version(path) == 2


def test_a_newer_file_is_refused(new_file: Path):
    connection = sqlite3.connect(new_file)
    connection.execute(f"PRAGMA user_version = {current_schema() + 1}")
    connection.close()
    before = new_file.read_bytes()
    with pytest.raises(NewerSchema):
        AssessmentDocument.open(new_file)
    with pytest.raises(NewerSchema):
        AssessmentDocument.open(new_file, read_only=True)
    assert new_file.read_bytes() == before


def test_every_schema_has_its_step():
    assert sorted(migrations.STEPS) == list(range(2, current_schema() + 1))


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema*.idg")), ids=lambda p: p.name)
def test_committed_fixtures_open_upgraded(fixture: Path, tmp_path: Path):
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    with AssessmentDocument.open(path) as document:
        assert document.schema_version() == current_schema()
        assert document.backup_path is not None and document.backup_path.exists()


def test_check_says_an_older_file_will_be_upgraded(idg, new_file: Path, monkeypatch):
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.STEPS, 2, lambda connection: None)
    before = new_file.read_bytes()
    result = idg("check", new_file)
    assert result.code == 1, result.err
    assert "schema 1, older than 2" in result.out
    assert new_file.read_bytes() == before
