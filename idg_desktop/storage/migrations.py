"""Schema upgrades: numbered steps, all of them in one transaction, after a backup.

Modelled on calibre's ``schema_upgrades.py``: ``STEPS[n]`` turns a file at
schema ``n - 1`` into schema ``n``. An upgrade copies the file beside itself
first (SQLite's backup API, renamed into place once whole), then runs every
missing step and sets the new version inside one transaction, so a failure
leaves the file as it was.

To change the schema: bump ``SCHEMA_VERSION``, change the models, add the
step here, and commit a real file made at the old schema under
``tests/fixtures/`` (``tests/test_migrations.py`` opens each one).

Why one long module: it is frozen history. Each step is the DDL and data
move that once took a real file from one schema to the next; steps are never
edited once shipped (files on users' laptops went through them), only added,
and they read best in order in one place.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from idg_desktop.domain.dates import fold_terms_into_scope
from idg_desktop.domain.versions import APP_VERSION
from idg_desktop.errors import CannotWrite

#: The schema this version of the application writes.
SCHEMA_VERSION = 7
#: The first version of IDG Workshop that reads each schema: a file records
#: the one its schema needs (the ``needs_version`` meta row), so that an older
#: version refusing it can name the version to install (``domain/versions.py``).
#: Add the new schema here with the version that brings it.
SCHEMA_SINCE = {1: "0.1.0", 2: "0.1.0", 3: "0.1.0", 4: "0.1.0", 5: "0.1.0", 6: "0.1.0", 7: "0.1.0"}
#: The meta row naming the first version that reads the file.
NEEDS_META = "needs_version"


def needs_version() -> str:
    """The first version of IDG Workshop that reads the files this one writes
    (this version, for a schema not in the map: tests pretending a newer one)."""
    return SCHEMA_SINCE.get(SCHEMA_VERSION, APP_VERSION)


def _run(connection: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction
    (``executescript`` would commit first)."""
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


# The DDL is what SQLAlchemy's create_all writes for the same models, so an
# upgraded file and a new one have the same schema (a test compares them).
_SCHEMA_2 = """
CREATE TABLE "conflict" (
    record_type VARCHAR(16) NOT NULL,
    record_key VARCHAR(36) NOT NULL,
    section_code VARCHAR(8) NOT NULL,
    status VARCHAR(16) NOT NULL,
    resolution TEXT NOT NULL,
    resolved_at DATETIME,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_conflict_record_key ON "conflict" (record_key);
CREATE TABLE conflict_version (
    id VARCHAR(36) NOT NULL,
    conflict_id VARCHAR(36) NOT NULL,
    position INTEGER NOT NULL,
    origin TEXT NOT NULL,
    package_id VARCHAR(36) NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(conflict_id) REFERENCES "conflict" (id) ON DELETE CASCADE
);
CREATE INDEX ix_conflict_version_conflict_id ON conflict_version (conflict_id);
CREATE TABLE merge_log (
    package_id VARCHAR(36) NOT NULL,
    source VARCHAR(16) NOT NULL,
    group_name TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    outcome VARCHAR(24) NOT NULL,
    summary TEXT NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_merge_log_package_id ON merge_log (package_id)
"""


def _step_2(connection: sqlite3.Connection) -> None:
    """Schema 2: conflicts and the merge log, for the working groups' packages."""
    _run(connection, _SCHEMA_2)


_SCHEMA_3 = """
CREATE TABLE activity (
    title TEXT NOT NULL,
    section_code VARCHAR(8) NOT NULL,
    description TEXT NOT NULL,
    importance VARCHAR(8),
    urgency VARCHAR(8),
    consequence VARCHAR(8),
    commitment VARCHAR(8),
    impact VARCHAR(8),
    obligations VARCHAR(8),
    ease VARCHAR(8),
    cost VARCHAR(8),
    priority_override VARCHAR(8) NOT NULL,
    override_reason TEXT NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(section_code) REFERENCES section (code)
);
CREATE INDEX ix_activity_section_code ON activity (section_code);
CREATE TABLE activity_finding (
    activity_id VARCHAR(36) NOT NULL,
    finding_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (activity_id, finding_id),
    FOREIGN KEY(activity_id) REFERENCES activity (id) ON DELETE CASCADE,
    FOREIGN KEY(finding_id) REFERENCES finding (id) ON DELETE CASCADE
)
"""


def _step_3(connection: sqlite3.Connection) -> None:
    """Schema 3: activities of the action plan and their eight criteria."""
    _run(connection, _SCHEMA_3)


# Schema 4 rebuilds ``activity`` with the plan's columns the way SQLite
# documents (https://sqlite.org/lang_altertable.html#otheralter): new table,
# copy, drop, rename, indexes; ``upgrade`` runs every step with foreign keys
# off and checks them before committing.
_SCHEMA_4 = """
CREATE TABLE outcome (
    level VARCHAR(16) NOT NULL,
    parent_id VARCHAR(36),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(parent_id) REFERENCES outcome (id) ON DELETE CASCADE
);
CREATE INDEX ix_outcome_parent_id ON outcome (parent_id);
CREATE TABLE output (
    outcome_id VARCHAR(36) NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(outcome_id) REFERENCES outcome (id) ON DELETE CASCADE
);
CREATE INDEX ix_output_outcome_id ON output (outcome_id);
CREATE TABLE activity_new (
    title TEXT NOT NULL,
    section_code VARCHAR(8) NOT NULL,
    description TEXT NOT NULL,
    importance VARCHAR(8),
    urgency VARCHAR(8),
    consequence VARCHAR(8),
    commitment VARCHAR(8),
    impact VARCHAR(8),
    obligations VARCHAR(8),
    ease VARCHAR(8),
    cost VARCHAR(8),
    priority_override VARCHAR(8) NOT NULL,
    override_reason TEXT NOT NULL,
    position INTEGER NOT NULL,
    output_id VARCHAR(36),
    responsible_division TEXT NOT NULL,
    responsible_person TEXT NOT NULL,
    performance_target TEXT NOT NULL,
    budget TEXT NOT NULL,
    resources TEXT NOT NULL,
    start VARCHAR(10) NOT NULL,
    due VARCHAR(10) NOT NULL,
    strategic_goal TEXT NOT NULL,
    stakeholders TEXT NOT NULL,
    task_origin TEXT NOT NULL,
    planned_result TEXT NOT NULL,
    staff_count INTEGER,
    external_contributor TEXT NOT NULL,
    cost_source TEXT NOT NULL,
    complexity VARCHAR(12) NOT NULL,
    integrity_effect VARCHAR(12) NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(section_code) REFERENCES section (code),
    FOREIGN KEY(output_id) REFERENCES output (id) ON DELETE SET NULL
);
INSERT INTO activity_new (
    title, section_code, description, importance, urgency, consequence, commitment,
    impact, obligations, ease, cost, priority_override, override_reason, position,
    id, created_at, updated_at, origin, revision,
    output_id, responsible_division, responsible_person, performance_target, budget,
    resources, start, due, strategic_goal, stakeholders, task_origin, planned_result,
    staff_count, external_contributor, cost_source, complexity, integrity_effect
)
SELECT
    title, section_code, description, importance, urgency, consequence, commitment,
    impact, obligations, ease, cost, priority_override, override_reason, position,
    id, created_at, updated_at, origin, revision,
    NULL, '', '', '', '', '', '', '', '', '', '', '', NULL, '', '', '', ''
FROM activity;
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;
CREATE INDEX ix_activity_output_id ON activity (output_id);
CREATE INDEX ix_activity_section_code ON activity (section_code);
CREATE TABLE kpi (
    activity_id VARCHAR(36) NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    performance_dimension TEXT NOT NULL,
    calculation_method TEXT NOT NULL,
    rationale TEXT NOT NULL,
    links TEXT NOT NULL,
    typologies TEXT NOT NULL,
    source_of_verification TEXT NOT NULL,
    "references" TEXT NOT NULL,
    periodicity TEXT NOT NULL,
    disaggregation TEXT NOT NULL,
    target_value TEXT NOT NULL,
    country_example TEXT NOT NULL,
    disclosure_policy TEXT NOT NULL,
    other_considerations TEXT NOT NULL,
    baseline_value TEXT NOT NULL,
    baseline_date VARCHAR(10) NOT NULL,
    complete BOOLEAN NOT NULL,
    position INTEGER NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(activity_id) REFERENCES activity (id) ON DELETE CASCADE
);
CREATE INDEX ix_kpi_activity_id ON kpi (activity_id);
CREATE TABLE smart_confirmation (
    node_id VARCHAR(36) NOT NULL,
    criterion VARCHAR(16) NOT NULL,
    confirmed_by TEXT NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (node_id, criterion)
);
CREATE INDEX ix_smart_confirmation_node_id ON smart_confirmation (node_id);
CREATE TABLE adoption (
    endorsed_by TEXT NOT NULL,
    endorsed_on VARCHAR(10) NOT NULL,
    strategy_link TEXT NOT NULL,
    note TEXT NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id)
)
"""


def _step_4(connection: sqlite3.Connection) -> None:
    """Schema 4: the results chain, the activities' plan fields, KPIs, SMART
    confirmations and adoption records."""
    _run(connection, _SCHEMA_4)


# Schema 5 rebuilds the four tables of the plan (same way as schema 4): a
# ``confidential`` mark on outcomes, outputs, activities and KPIs (public
# versions leave them out, with everything under them), and a KPI that
# belongs to an outcome, an output or an activity (exactly one of the three
# ids set; every KPI of an older file stays on its activity).
_SCHEMA_5 = """
CREATE TABLE outcome_new (
    level VARCHAR(16) NOT NULL,
    parent_id VARCHAR(36),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL,
    confidential BOOLEAN NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(parent_id) REFERENCES outcome (id) ON DELETE CASCADE
);
INSERT INTO outcome_new (level, parent_id, title, description, position, id, created_at,
    updated_at, origin, revision, confidential)
SELECT level, parent_id, title, description, position, id, created_at, updated_at, origin,
    revision, 0 FROM outcome;
DROP TABLE outcome;
ALTER TABLE outcome_new RENAME TO outcome;
CREATE INDEX ix_outcome_parent_id ON outcome (parent_id);
CREATE TABLE output_new (
    outcome_id VARCHAR(36) NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL,
    confidential BOOLEAN NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(outcome_id) REFERENCES outcome (id) ON DELETE CASCADE
);
INSERT INTO output_new (outcome_id, title, description, position, id, created_at,
    updated_at, origin, revision, confidential)
SELECT outcome_id, title, description, position, id, created_at, updated_at, origin,
    revision, 0 FROM output;
DROP TABLE output;
ALTER TABLE output_new RENAME TO output;
CREATE INDEX ix_output_outcome_id ON output (outcome_id);
CREATE TABLE activity_new (
    title TEXT NOT NULL,
    section_code VARCHAR(8) NOT NULL,
    description TEXT NOT NULL,
    importance VARCHAR(8),
    urgency VARCHAR(8),
    consequence VARCHAR(8),
    commitment VARCHAR(8),
    impact VARCHAR(8),
    obligations VARCHAR(8),
    ease VARCHAR(8),
    cost VARCHAR(8),
    priority_override VARCHAR(8) NOT NULL,
    override_reason TEXT NOT NULL,
    position INTEGER NOT NULL,
    output_id VARCHAR(36),
    responsible_division TEXT NOT NULL,
    responsible_person TEXT NOT NULL,
    performance_target TEXT NOT NULL,
    budget TEXT NOT NULL,
    resources TEXT NOT NULL,
    start VARCHAR(10) NOT NULL,
    due VARCHAR(10) NOT NULL,
    strategic_goal TEXT NOT NULL,
    stakeholders TEXT NOT NULL,
    task_origin TEXT NOT NULL,
    planned_result TEXT NOT NULL,
    staff_count INTEGER,
    external_contributor TEXT NOT NULL,
    cost_source TEXT NOT NULL,
    complexity VARCHAR(12) NOT NULL,
    integrity_effect VARCHAR(12) NOT NULL,
    confidential BOOLEAN NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(section_code) REFERENCES section (code),
    FOREIGN KEY(output_id) REFERENCES output (id) ON DELETE SET NULL
);
INSERT INTO activity_new (title, section_code, description, importance, urgency,
    consequence, commitment, impact, obligations, ease, cost, priority_override,
    override_reason, position, output_id, responsible_division, responsible_person,
    performance_target, budget, resources, start, due, strategic_goal, stakeholders,
    task_origin, planned_result, staff_count, external_contributor, cost_source, complexity,
    integrity_effect, id, created_at, updated_at, origin, revision, confidential)
SELECT title, section_code, description, importance, urgency, consequence, commitment,
    impact, obligations, ease, cost, priority_override, override_reason, position,
    output_id, responsible_division, responsible_person, performance_target, budget,
    resources, start, due, strategic_goal, stakeholders, task_origin, planned_result,
    staff_count, external_contributor, cost_source, complexity, integrity_effect, id,
    created_at, updated_at, origin, revision, 0 FROM activity;
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;
CREATE INDEX ix_activity_output_id ON activity (output_id);
CREATE INDEX ix_activity_section_code ON activity (section_code);
CREATE TABLE kpi_new (
    activity_id VARCHAR(36),
    outcome_id VARCHAR(36),
    output_id VARCHAR(36),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    performance_dimension TEXT NOT NULL,
    calculation_method TEXT NOT NULL,
    rationale TEXT NOT NULL,
    links TEXT NOT NULL,
    typologies TEXT NOT NULL,
    source_of_verification TEXT NOT NULL,
    "references" TEXT NOT NULL,
    periodicity TEXT NOT NULL,
    disaggregation TEXT NOT NULL,
    target_value TEXT NOT NULL,
    country_example TEXT NOT NULL,
    disclosure_policy TEXT NOT NULL,
    other_considerations TEXT NOT NULL,
    baseline_value TEXT NOT NULL,
    baseline_date VARCHAR(10) NOT NULL,
    complete BOOLEAN NOT NULL,
    position INTEGER NOT NULL,
    confidential BOOLEAN NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT kpi_one_owner CHECK ((activity_id IS NOT NULL) + (outcome_id IS NOT NULL) +
    (output_id IS NOT NULL) = 1),
    FOREIGN KEY(activity_id) REFERENCES activity (id) ON DELETE CASCADE,
    FOREIGN KEY(outcome_id) REFERENCES outcome (id) ON DELETE CASCADE,
    FOREIGN KEY(output_id) REFERENCES output (id) ON DELETE CASCADE
);
INSERT INTO kpi_new (activity_id, name, description, performance_dimension,
    calculation_method, rationale, links, typologies, source_of_verification, "references",
    periodicity, disaggregation, target_value, country_example, disclosure_policy,
    other_considerations, baseline_value, baseline_date, complete, position, id, created_at,
    updated_at, origin, revision, confidential)
SELECT activity_id, name, description, performance_dimension, calculation_method, rationale,
    links, typologies, source_of_verification, "references", periodicity, disaggregation,
    target_value, country_example, disclosure_policy, other_considerations, baseline_value,
    baseline_date, complete, position, id, created_at, updated_at, origin, revision, 0 FROM
    kpi;
DROP TABLE kpi;
ALTER TABLE kpi_new RENAME TO kpi;
CREATE INDEX ix_kpi_activity_id ON kpi (activity_id);
CREATE INDEX ix_kpi_outcome_id ON kpi (outcome_id);
CREATE INDEX ix_kpi_output_id ON kpi (output_id)
"""


def _step_5(connection: sqlite3.Connection) -> None:
    """Schema 5: KPIs of outcomes and outputs; the plan's confidential marks."""
    _run(connection, _SCHEMA_5)


# Schema 6 rebuilds the conflict table (same way as schemas 4 and 5) with a
# ``draft`` column: the consolidated text being written on the Merge page,
# kept in the file until the conflict is resolved.
_SCHEMA_6 = """
CREATE TABLE conflict_new (
    record_type VARCHAR(16) NOT NULL,
    record_key VARCHAR(36) NOT NULL,
    section_code VARCHAR(8) NOT NULL,
    status VARCHAR(16) NOT NULL,
    resolution TEXT NOT NULL,
    resolved_at DATETIME,
    draft TEXT NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO conflict_new (record_type, record_key, section_code, status, resolution,
    resolved_at, draft, id, created_at, updated_at, origin, revision)
SELECT record_type, record_key, section_code, status, resolution, resolved_at, '', id,
    created_at, updated_at, origin, revision FROM "conflict";
DROP TABLE "conflict";
ALTER TABLE conflict_new RENAME TO "conflict";
CREATE INDEX ix_conflict_record_key ON "conflict" (record_key)
"""


def _step_6(connection: sqlite3.Connection) -> None:
    """Schema 6: a conflict keeps the consolidated text being written."""
    _run(connection, _SCHEMA_6)


# Schema 7: the six steps' dates as facts of their own; Annex 5's Date and
# Location become the scope's period and location (one fact, stored once).
_SCHEMA_7 = """
CREATE TABLE assessment_step (
    number INTEGER NOT NULL,
    start_date VARCHAR(10) NOT NULL,
    end_date VARCHAR(10) NOT NULL,
    id VARCHAR(36) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    origin VARCHAR(64) NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (number)
)
"""


def _step_7(connection: sqlite3.Connection) -> None:
    """Schema 7: step dates; the terms of reference lose their copy of the
    scope's date and location (kept as the fact if the scope had none, in the
    terms' notes if they said something else)."""
    _run(connection, _SCHEMA_7)
    rows = connection.execute(
        "SELECT id, start_date, end_date, location, terms_of_reference FROM assessment"
    ).fetchall()
    for record_id, start, end, location, text in rows:
        try:
            terms = json.loads(text or "{}")
        except ValueError:
            continue  # not ours to rewrite; the application shows it as it is
        if not isinstance(terms, dict) or not {"date", "location"} & terms.keys():
            continue
        scope = {"start_date": start, "end_date": end, "location": location}
        changes, terms = fold_terms_into_scope(scope, terms)
        scope.update(changes)
        connection.execute(
            "UPDATE assessment SET start_date = ?, end_date = ?, location = ?, "
            "terms_of_reference = ? WHERE id = ?",
            (
                scope["start_date"],
                scope["end_date"],
                scope["location"],
                json.dumps(terms, ensure_ascii=False),
                record_id,
            ),
        )


#: ``STEPS[n]`` upgrades a connection's database from schema n - 1 to n.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _step_2,
    3: _step_3,
    4: _step_4,
    5: _step_5,
    6: _step_6,
    7: _step_7,
}


def backup_path_for(path: Path, from_version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.stem}.schema{from_version}-backup-{stamp}{path.suffix}")


def backup_copy(
    source: sqlite3.Connection,
    target: Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """A consistent copy of an open database through SQLite's backup API.

    With ``progress``, the copy goes in steps of 256 pages and reports
    ``(pages done, total)`` between them (the window keeps painting).
    """

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        destination = sqlite3.connect(target)
        try:
            if progress is None:
                source.backup(destination)
            else:
                source.backup(destination, pages=256, progress=report)
        finally:
            destination.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise CannotWrite(f"Cannot write the copy {target}: {error}.") from None


def upgrade(connection: sqlite3.Connection, path: Path, from_version: int) -> Path:
    """Upgrade the open file to ``SCHEMA_VERSION``; returns the backup's path.

    ``connection`` must be in autocommit mode (``isolation_level=None``) so
    that this function controls the one transaction.
    """
    backup = backup_path_for(path, from_version)
    # Copied under a hidden temporary name and renamed once whole, so a crash
    # during the copy never leaves a half file named as the backup.
    partial = backup.with_name(f".{backup.name}.partial")
    backup_copy(connection, partial)
    try:
        with open(partial, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(partial, backup)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CannotWrite(f"Cannot write the copy {backup}: {error.strerror or error}.") from None
    # Foreign keys off while tables are rebuilt (a DROP would otherwise
    # cascade), checked before the commit; the pragma cannot change inside a
    # transaction, so it is set around it.
    enforced = connection.execute("PRAGMA foreign_keys").fetchone()[0]
    connection.execute("PRAGMA foreign_keys = OFF")
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            for version in range(from_version + 1, SCHEMA_VERSION + 1):
                STEPS[version](connection)
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"foreign keys broken in {broken[0][0]}")
            connection.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
            connection.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
            )
            connection.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (NEEDS_META, needs_version()),
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
    return backup
