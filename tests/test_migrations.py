"""Schema versions: newer files refused, older ones upgraded after a backup.

Real files made at earlier schemas live under tests/fixtures/ and are opened
and upgraded here; the mechanism's guarantees (backup first, all steps in one
transaction, nothing changed when a step fails) are also driven with a step
the tests add on top of the current schema.
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

    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(migrations.STEPS, current + 1, add_pronouns)
    assert probe(path).schema_version == current and not probe(path).current

    with AssessmentDocument.open(path) as upgraded:
        assert upgraded.upgraded_from == current
        backup = upgraded.backup_path
        assert answers.answer_for(upgraded, "TR-1").text == "Kept across the upgrade."
    assert _user_version(path) == current + 1
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(participant)")]
    meta = connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    connection.close()
    assert "pronouns" in columns and meta == (str(current + 1),)
    assert backup is not None and backup.parent == path.parent
    assert backup.name.startswith(f"old.schema{current}-backup-") and backup.suffix == ".idg"
    assert _user_version(backup) == current
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

    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(migrations.STEPS, current + 1, half_done)
    with pytest.raises(sqlite3.OperationalError):
        AssessmentDocument.open(path)
    assert path.read_bytes() == before
    assert _user_version(path) == current
    # and the lock was released: the file opens again once the step is fixed
    monkeypatch.setitem(migrations.STEPS, current + 1, lambda c: None)
    AssessmentDocument.open(path).close()
    assert _user_version(path) == current + 1


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


def _schema(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
    finally:
        connection.close()
    return [(name, " ".join(sql.replace('"', "").split())) for name, sql in rows]


def _counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "participant",
                "working_group",
                "answer",
                "answer_version",
                "finding",
                "finding_event",
                "background_document",
                "workshop_session",
            )
        }
    finally:
        connection.close()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema*.idg")), ids=lambda p: p.name)
def test_committed_fixtures_open_upgraded(fixture: Path, tmp_path: Path, new_file: Path):
    """A real file of each earlier schema opens upgraded, content intact, with
    a backup beside it, and ends with the same schema as a new file."""
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    old_version = _user_version(path)
    assert old_version < current_schema()
    before = _counts(path)
    with AssessmentDocument.open(path) as document:
        assert document.upgraded_from == old_version
        assert document.schema_version() == current_schema()
        assert document.backup_path is not None and document.backup_path.exists()
        backup = document.backup_path
    assert _counts(path) == before
    assert _user_version(backup) == old_version and _counts(backup) == before
    assert _schema(path) == _schema(new_file)


def test_check_says_an_older_file_will_be_upgraded(idg, new_file: Path, monkeypatch):
    current = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(migrations.STEPS, current + 1, lambda connection: None)
    before = new_file.read_bytes()
    result = idg("check", new_file)
    assert result.code == 1, result.err
    assert f"schema {current}, older than {current + 1}" in result.out
    assert new_file.read_bytes() == before


def test_activities_keep_their_ratings_and_findings_through_the_rebuild(tmp_path: Path):
    """Schema 4 rebuilds the activity table: every rating, override and link to
    a finding of the schema-3 demo survives, and foreign keys hold."""
    path = tmp_path / "schema3-demo.idg"
    shutil.copyfile(FIXTURES / "schema3-demo.idg", path)
    query = (
        "SELECT id, title, importance, urgency, consequence, commitment, impact, obligations,"
        " ease, cost, priority_override, override_reason, revision FROM activity ORDER BY id"
    )

    def read(p: Path) -> tuple[list, list]:
        connection = sqlite3.connect(p)
        try:
            return (
                connection.execute(query).fetchall(),
                connection.execute("SELECT * FROM activity_finding ORDER BY 1, 2").fetchall(),
            )
        finally:
            connection.close()

    before = read(path)
    assert len(before[0]) == 10 and before[1]
    with AssessmentDocument.open(path) as document:
        assert document.upgraded_from == 3
    assert read(path) == before
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert (
            connection.execute("SELECT count(*) FROM activity WHERE due = ''").fetchone()[0] == 10
        )
    finally:
        connection.close()


def test_schema4_kpis_stay_on_their_activities_through_schema_5(tmp_path: Path, new_file: Path):
    """Schema 5 rebuilds outcome, output, activity and kpi: the schema-4 demo
    opens upgraded (backup beside it), every KPI still on its activity with its
    sheet, nothing confidential, and the same schema as a new file."""
    path = tmp_path / "schema4-demo.idg"
    shutil.copyfile(FIXTURES / "schema4-demo.idg", path)
    kpi_query = (
        "SELECT id, activity_id, name, target_value, typologies, complete, position, revision"
        " FROM kpi ORDER BY id"
    )

    def read(p: Path, query: str) -> list:
        connection = sqlite3.connect(p)
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()

    before = read(path, kpi_query)
    outcomes = read(path, "SELECT id, parent_id, title, revision FROM outcome ORDER BY id")
    outputs = read(path, "SELECT id, outcome_id, title, revision FROM output ORDER BY id")
    placed = read(path, "SELECT id, output_id, due, revision FROM activity ORDER BY id")
    assert before and all(row[1] for row in before)
    with AssessmentDocument.open(path) as document:
        assert document.upgraded_from == 4
        assert document.backup_path is not None and document.backup_path.exists()
        backup = document.backup_path
        from idg_desktop.services.plan import list_kpis

        assert {k.id: k.activity_id for k in list_kpis(document)} == {r[0]: r[1] for r in before}
    assert _user_version(backup) == 4
    assert read(path, kpi_query) == before
    assert read(path, "SELECT id, parent_id, title, revision FROM outcome ORDER BY id") == outcomes
    assert read(path, "SELECT id, outcome_id, title, revision FROM output ORDER BY id") == outputs
    assert read(path, "SELECT id, output_id, due, revision FROM activity ORDER BY id") == placed
    assert read(
        path, "SELECT count(*) FROM kpi WHERE outcome_id IS NOT NULL OR output_id IS NOT NULL"
    ) == [(0,)]
    for table in ("outcome", "output", "activity", "kpi"):
        assert read(path, f"SELECT count(*) FROM {table} WHERE confidential") == [(0,)]
    assert read(path, "PRAGMA foreign_key_check") == []
    assert _schema(path) == _schema(new_file)
    # The database itself refuses a KPI with no owner or two.
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE kpi SET outcome_id = ? ", (outcomes[0][0],))
    finally:
        connection.close()


def test_conflicts_keep_their_versions_through_schema_6(tmp_path: Path):
    """Schema 6 rebuilds the conflict table (a draft column): every conflict and
    each of its versions survive, still linked, with an empty draft."""
    path = tmp_path / "schema5-demo.idg"
    shutil.copyfile(FIXTURES / "schema5-demo.idg", path)
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO conflict (record_type, record_key, section_code, status, resolution, "
            "resolved_at, id, created_at, updated_at, origin, revision) VALUES ('answer', "
            "'LC-1', 'LC', 'open', '', NULL, 'c-1', '2026-03-10 09:00:00.000000', "
            "'2026-03-10 09:00:00.000000', 'laptop', 1)"
        )
        raw.executemany(
            "INSERT INTO conflict_version (id, conflict_id, position, origin, package_id, "
            "content) VALUES (?, 'c-1', ?, ?, '', ?)",
            [("v-0", 0, "master", '{"text": "ours"}'), ("v-1", 1, "Group A", '{"text": "x"}')],
        )
    raw.close()
    with AssessmentDocument.open(path) as document:
        assert document.upgraded_from == 5
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT id, status, draft FROM conflict").fetchall() == [
            ("c-1", "open", "")
        ]
        versions = raw.execute(
            "SELECT origin FROM conflict_version WHERE conflict_id = 'c-1' ORDER BY position"
        ).fetchall()
        assert versions == [("master",), ("Group A",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("DELETE FROM conflict WHERE id = 'c-1'")  # the cascade still holds
        assert raw.execute("SELECT count(*) FROM conflict_version").fetchone()[0] == 0
    finally:
        raw.close()
