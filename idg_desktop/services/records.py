"""Helpers every service uses: stamping records and finding them by short id.

Ids are UUIDs (records are made on different laptops offline). People see
the first 8 characters and may type any unique prefix of 6 or more, as git
allows for commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from idg_desktop.errors import Ambiguous, InvalidInput, NotFound
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.models import Tracked, new_id

T = TypeVar("T", bound=Tracked)

SHORT_ID_LENGTH = 8
MIN_PREFIX = 6


class Visit:
    """The user staying on one record in the window while saving it many times
    (as they type, pause, tab between its fields). Services that keep history
    take one and write a single history entry for the whole visit, noting in
    :attr:`notes` what they wrote; the window's workspace decides when a visit
    starts and ends. Without a visit (the command line), every call is its own."""

    def __init__(self, key: object) -> None:
        self.key = key
        self.notes: dict[str, object] = {}

    def __repr__(self) -> str:
        return f"Visit({self.key!r})"


def short_id(record_id: str) -> str:
    return record_id[:SHORT_ID_LENGTH]


def copied(source: Any, *names: str) -> dict[str, Any]:
    """``source``'s values of ``names``, for a new row with columns named alike
    (a history entry keeping its record's text, a row of the framework's question)."""
    return {name: getattr(source, name) for name in names}


def stamp_new(document: AssessmentDocument, record: T, *, record_id: str | None = None) -> T:
    """Give a new record its id, timestamps, origin and first revision."""
    now = document.now()
    record.id = record_id or record.id or new_id()
    record.created_at = now
    record.updated_at = now
    record.origin = document.origin
    record.revision = 1
    return record


def add_new(document: AssessmentDocument, record: T, *, record_id: str | None = None) -> T:
    """Create a tracked record in the open edit: stamp it new (:func:`stamp_new`)
    and add it to the file's session."""
    document.session.add(stamp_new(document, record, record_id=record_id))
    return record


def touch(document: AssessmentDocument, record: Tracked) -> None:
    """Mark a record changed: new revision, timestamp and origin."""
    record.updated_at = document.now()
    record.origin = document.origin
    record.revision = (record.revision or 0) + 1


def keep_tracked(record: Tracked, data: dict[str, Any]) -> None:
    """Keep a record's id, timestamps, origin and revision as another laptop
    wrote them (``data``: the record as a package carries it, times in ISO)."""
    record.id = data["id"]
    record.created_at = datetime.fromisoformat(data["created_at"])
    record.updated_at = datetime.fromisoformat(data["updated_at"])
    record.origin = data["origin"]
    record.revision = data["revision"]


def by_prefix(session: Session, model: type[T], prefix: str, what: str) -> T:
    """The record whose id starts with ``prefix`` (6+ characters, unique)."""
    text = prefix.strip().lower()
    if len(text) < MIN_PREFIX:
        raise InvalidInput(
            f"The {what} id '{prefix}' is too short: give at least {MIN_PREFIX} characters."
        )
    matches = session.scalars(
        select(model).where(func.lower(model.id).startswith(text, autoescape=True)).limit(2)
    ).all()
    if not matches:
        raise NotFound(f"No {what} has an id starting with '{prefix}'.")
    if len(matches) > 1:
        raise Ambiguous(f"The {what} id prefix '{prefix}' is ambiguous: give more characters.")
    return matches[0]


def looks_like_id(text: str) -> bool:
    stripped = text.strip().lower()
    return len(stripped) >= MIN_PREFIX and all(c in "0123456789abcdef-" for c in stripped)
