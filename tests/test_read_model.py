"""The read model: every table of the file has one frozen snapshot kind
(``domain/records.py``), or is named as part of one; a snapshot carries every
column of its row; and every row of a real file (the demo after a package came
back with conflicts) becomes a snapshot that cannot be changed.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from merged_demo import build_merged_demo
from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.services.snapshots import snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


@pytest.fixture(scope="module")
def merged(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_merged_demo(demo_template, tmp_path_factory.mktemp("merged"))


def _tables(path: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(path)) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'"
            )
        ]
        return {name: [c[1] for c in db.execute(f"PRAGMA table_info({name})")] for name in names}


def test_every_table_has_a_snapshot_or_is_part_of_one(merged: Path):
    by_table = {cls.TABLE: cls for cls in records.SNAPSHOTS}
    for table, columns in _tables(merged).items():
        if table in records.PART_OF:
            owner, field = records.PART_OF[table]
            if owner is not None:
                assert field in {f.name for f in dataclasses.fields(owner)}, table
            continue
        assert table in by_table, f"table {table!r} has no snapshot in domain/records.py"
        names = {f.name for f in dataclasses.fields(by_table[table])}
        missing = set(columns) - names
        assert not missing, f"{table}: the snapshot lacks {sorted(missing)}"
        assert records.KIND_OF_TABLE[table] == by_table[table].KIND


def test_every_row_of_a_real_file_becomes_a_frozen_snapshot(merged: Path):
    document = AssessmentDocument.open(merged, read_only=True)
    try:
        session = document.session
        seen = set()
        for mapper in models.Base.registry.mappers:
            cls = mapper.class_
            if cls.__tablename__ in records.PART_OF:
                continue
            for row in session.scalars(select(cls)):
                snap = snapshot(row)
                seen.add(type(snap))
                assert cls.__tablename__ == type(snap).TABLE
                field = dataclasses.fields(snap)[0].name
                with pytest.raises(dataclasses.FrozenInstanceError):
                    setattr(snap, field, None)
                for f in dataclasses.fields(snap):
                    value = getattr(snap, f.name)
                    assert not isinstance(value, (models.Base, list)), (cls, f.name)
        conflict = next(snapshot(c) for c in session.scalars(select(models.Conflict)))
        assert conflict.versions and all(
            isinstance(v, records.ConflictVersion) for v in conflict.versions
        )
        group = snapshot(session.scalars(select(models.WorkingGroup)).first())
        assert group.section_codes and group.member_ids
    finally:
        document.close()
    # the demo with conflicts holds a row of nearly every kind
    assert len(seen) >= len(records.SNAPSHOTS) - 3, sorted(c.__name__ for c in seen)


def test_pages_subscribe_to_kinds_a_table_change_maps_to():
    assert records.kinds_of({"finding_question", "answer_version"}) == {"finding", "answer"}
    assert records.kinds_of({"unknown_table"}) == {records.Kind.ANY}
