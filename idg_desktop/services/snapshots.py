"""ORM rows into the read model's frozen snapshots (``domain/records.py``).

The one place a row becomes a snapshot: a snapshot's fields are its row's
columns by name, and the few links (a group's sections, a finding's
questions…) are declared in :data:`_LINKS`. Services hand snapshots out; the
window, the command line and the formats never hold an ORM row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

S = TypeVar("S")

#: The snapshot class of each ORM class, by table.
_CLASS_OF_TABLE = {cls.TABLE: cls for cls in records.SNAPSHOTS}

_LINKS: dict[str, Callable[[Any], Any]] = {
    "section_codes": lambda group: tuple(s.section_code for s in group.sections),
    "member_ids": lambda group: tuple(m.participant_id for m in group.members),
    "participant_ids": lambda session: tuple(p.participant_id for p in session.participants),
    "question_ids": lambda finding: tuple(q.question_id for q in finding.questions),
    "finding_ids": lambda activity: tuple(f.finding_id for f in activity.findings),
    "versions": lambda conflict: tuple(snapshot(v) for v in conflict.versions),
}


@cache
def _plan(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    return tuple((f.name, _LINKS.get(f.name)) for f in fields(cls))


def snapshot_class(row: models.Base) -> type:
    return _CLASS_OF_TABLE[row.__tablename__]


def snapshot(row: models.Base) -> Any:
    """The frozen snapshot of ``row`` (its class's counterpart in ``domain/records``)."""
    cls = _CLASS_OF_TABLE[row.__tablename__]
    return cls(**{name: link(row) if link else getattr(row, name) for name, link in _plan(cls)})


def snapshots(rows: Iterable[models.Base]) -> list[Any]:
    return [snapshot(row) for row in rows]


def fetch(
    document: AssessmentDocument,
    model: type[models.Base],
    *where: Any,
    order_by: tuple = (),
    join: tuple = (),
) -> list[Any]:
    """The snapshots of ``model``'s rows that meet every condition in ``where``,
    in ``order_by``'s order (``join``: a model and its ON clause, to filter or
    sort by another table's columns)."""
    query = select(model)
    if join:
        query = query.join(*join)
    return snapshots(document.session.scalars(query.where(*where).order_by(*order_by)))
