"""The read model on the wire: for each outbound format and record kind, ONE
declared mapping from a snapshot (``domain/records.py``) to the names the
format writes.

A mapping is a table ``wire name -> where the value comes from``:

- a string: the snapshot's field of that name, as it is;
- a function: the value computed from the snapshot (a time written in the
  format's way, a link list sorted, a JSON text parsed);
- :data:`GIVEN`: a value the record does not hold itself (an answer's history,
  a group's sections in the assessment's order, a step's title), passed to
  :func:`write` by the caller, in the place the table declares.

Three formats, three families of tables:

- ``JSON``: ``idg export json`` (docs/json-export.md); the CLI's ``--json``
  listings use the same tables, or a declared ``LISTING`` where a listing
  shows fewer keys;
- ``PACKAGE``: what a package carries and a merge compares (``exchange/``);
  an answer's fields there keep their column names (``measure_applied``) where
  the JSON export nests them (``evaluation.applied``) — both stay, because
  packages already on sticks and scripts reading the JSON must go on working;
- ``LISTING``: the ``--json`` listings that show a record with other keys
  than the export.

``tests/test_wire.py`` checks every exported kind has its table here and that
no other module of the formats or the command line builds a record's dict.

Declarations: this module is long because it lists every field of every kind,
for each format.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from idg_desktop.domain import records as r
from idg_desktop.services.activities import band_of, priority_of, ratings_of
from idg_desktop.services.plan import PLAN_FIELDS, kpi_sheet

#: The value is passed to :func:`write` by the caller (not held by the record).
GIVEN = object()

Source = str | Callable[[Any], Any] | object
Mapping = dict[str, Source]


def write(mapping: Mapping, record: Any, **given: Any) -> dict[str, Any]:
    """``record`` in the names of ``mapping``; ``given`` fills its GIVEN entries."""
    result: dict[str, Any] = {}
    for name, source in mapping.items():
        if source is GIVEN:
            result[name] = given[name]
        elif isinstance(source, str):
            result[name] = getattr(record, source)
        else:
            result[name] = source(record)  # type: ignore[operator]
    return result


def write_all(mapping: Mapping, items: Any) -> list[dict[str, Any]]:
    return [write(mapping, record) for record in items]


# -- conversions -------------------------------------------------------------------


def json_time(value: datetime | None) -> str | None:
    """A time in the JSON export: microseconds, UTC marked ``Z``."""
    return value.isoformat(timespec="microseconds") + "Z" if value else None


def package_time(value: datetime | None) -> str | None:
    """A time in a package: as Python writes it (read back by ``fromisoformat``)."""
    return value.isoformat() if value else None


def _at(name: str, convert: Callable[[datetime | None], str | None]) -> Callable[[Any], Any]:
    return lambda record: convert(getattr(record, name))


def _tracked(convert: Callable[[datetime | None], str | None]) -> Mapping:
    return {
        "id": "id",
        "created_at": _at("created_at", convert),
        "updated_at": _at("updated_at", convert),
        "origin": "origin",
        "revision": "revision",
    }


def _same(names: tuple[str, ...]) -> Mapping:
    """Fields written under their own names."""
    return {name: name for name in names}


#: A person's fields that every format writes under their own names (a package
#: carries them all, a merge compares them; ``idg participants`` leaves out the email).
PARTICIPANT_FIELDS = (
    "name",
    "unit",
    "expertise",
    "external",
    "stakeholder",
    "gender",
    "role",
    "email",
)

#: A checklist question of the document's own, as the JSON export and a package name it.
QUESTION: Mapping = {
    "id": "id",
    "section": "section_code",
    "subarea": "subarea_label",
    "number": "number",
    "text": "text",
}


def _parsed(name: str, empty: str | None = None) -> Callable[[Any], Any]:
    return lambda record: json.loads(getattr(record, name) or empty)


def _sorted(name: str) -> Callable[[Any], Any]:
    return lambda record: sorted(getattr(record, name))


def _size(document: r.BackgroundDocument) -> int | None:
    return len(document.content) if document.content is not None else None


def _base64(document: r.BackgroundDocument) -> str | None:
    if document.content is None:
        return None
    return base64.b64encode(document.content).decode("ascii")


def _priority(activity: r.Activity) -> dict[str, Any]:
    computed = priority_of(activity)
    return {
        "computed": computed.band.value,
        "score": computed.score,
        "reasons": list(computed.reasons),
        "override": activity.priority_override or None,
        "override_reason": activity.override_reason or None,
        "band": band_of(activity),
    }


def _plan_fields(activity: r.Activity) -> dict[str, Any]:
    return {"output": activity.output_id, **{f: getattr(activity, f) for f in PLAN_FIELDS}}


# -- the JSON export (``idg export json``) --------------------------------------------

JSON_TRACKED = _tracked(json_time)

JSON: dict[type, Mapping] = {
    r.Assessment: {
        **JSON_TRACKED,
        "title": "title",
        "administration": "administration",
        "mode": "mode",
        "comprehensive": "comprehensive",
        "continuous": "continuous",
        "sections": GIVEN,  # the codes of the sections in scope
        "start_date": "start_date",
        "end_date": "end_date",
        "location": "location",
        "responsible_unit": "responsible_unit",
        "responsible_persons": "responsible_persons",
        "terms_of_reference": _parsed("terms_of_reference", "{}"),
    },
    r.FrameworkCopy: {"id": "id", "version": "version"},
    r.Section: {
        "code": "code",
        "title": "title",
        "category": "category",
        "in_scope": "in_scope",
        "subareas": GIVEN,
    },
    r.SubArea: {"label": "label", "title": "title"},
    r.Question: {  # the document's own questions ("custom_questions")
        **QUESTION,
        "created_at": _at("created_at", json_time),
        "origin": "origin",
    },
    r.Participant: {**JSON_TRACKED, **_same(PARTICIPANT_FIELDS), "notes": "notes"},
    r.WorkingGroup: {
        **JSON_TRACKED,
        "name": "name",
        "sections": GIVEN,  # in the assessment's order of sections
        "members": _sorted("member_ids"),
        "rapporteur": "rapporteur_id",
    },
    r.Answer: {
        **JSON_TRACKED,
        "question": "question_id",
        "text": "text",
        "rating": "rating",
        "evaluation": lambda a: {
            "measure_exists": a.measure_exists,
            "applied": a.measure_applied,
            "effective": a.measure_effective,
        },
        "evidence": "evidence",
        "marked_for_review": "marked_for_review",
        "reviewed": "reviewed",
        "confidential": "confidential",
        "group": "group_id",
        "author": "author_id",
        "history": GIVEN,  # its AnswerVersions, oldest first
    },
    r.AnswerVersion: {
        "revision": "revision",
        "text": "text",
        "rating": "rating",
        "evidence": "evidence",
        "author": "author_id",
        "group": "group_id",
        "written_at": _at("written_at", json_time),
        "origin": "origin",
    },
    r.Finding: {
        **JSON_TRACKED,
        "section": "section_code",
        "questions": lambda f: list(f.question_ids),
        "kind": "kind",
        "text": "text",
        "proposed_action": "proposed_action",
        "status": "status",
        "confidential": "confidential",
        "group": "group_id",
        "author": "author_id",
        "merged_into": "merged_into_id",
        "history": GIVEN,  # its FindingEvents, oldest first
    },
    r.FindingEvent: {
        "revision": "revision",
        "action": "action",
        "status": "status",
        "text": "text",
        "proposed_action": "proposed_action",
        "note": "note",
        "at": _at("at", json_time),
        "origin": "origin",
    },
    r.BackgroundDocument: {
        **JSON_TRACKED,
        "kind": "kind",
        "title": "title",
        "reference": "reference",
        "notes": "notes",
        "file_name": "file_name",
        "sha256": "sha256",
        "size": _size,
        "content_base64": _base64,
    },
    r.WorkshopSession: {
        **JSON_TRACKED,
        "date": "date",
        "start": "start",
        "duration_minutes": "duration_minutes",
        "topic": "topic",
        "participants": _sorted("participant_ids"),
    },
    r.AssessmentStep: {
        **JSON_TRACKED,
        "number": "number",
        "title": GIVEN,  # the framework's name of the step
        "start": "start_date",
        "end": "end_date",
    },
    r.Activity: {
        **JSON_TRACKED,
        "title": "title",
        "section": "section_code",
        "description": "description",
        "findings": _sorted("finding_ids"),
        "ratings": ratings_of,
        "priority": _priority,
        "plan": _plan_fields,
        "confidential": "confidential",
    },
    r.Outcome: {
        **JSON_TRACKED,
        "level": "level",
        "parent": "parent_id",
        "title": "title",
        "description": "description",
        "position": "position",
        "confidential": "confidential",
    },
    r.Output: {
        **JSON_TRACKED,
        "outcome": "outcome_id",
        "title": "title",
        "description": "description",
        "position": "position",
        "confidential": "confidential",
    },
    r.Kpi: {
        **JSON_TRACKED,
        "activity": "activity_id",
        "position": "position",
        "complete": "complete",
        "sheet": kpi_sheet,
        "outcome": "outcome_id",
        "output": "output_id",
        "confidential": "confidential",
    },
    r.SmartConfirmation: {
        **JSON_TRACKED,
        "node": "node_id",
        "criterion": "criterion",
        "by": "confirmed_by",
    },
    r.Adoption: {
        **JSON_TRACKED,
        "endorsed_by": "endorsed_by",
        "endorsed_on": "endorsed_on",
        "strategy_link": "strategy_link",
        "note": "note",
    },
    r.ConflictVersion: {
        "position": "position",
        "origin": "origin",
        "package_id": "package_id",
        "content": _parsed("content"),
    },
    r.Conflict: {
        **JSON_TRACKED,
        "record_type": "record_type",
        "record": "record_key",
        "section": "section_code",
        "status": "status",
        "resolution": "resolution",
        "resolved_at": _at("resolved_at", json_time),
        "draft": "draft",
        "versions": lambda c: write_all(JSON[r.ConflictVersion], c.versions),
    },
    r.MergeLog: {
        **JSON_TRACKED,
        "package_id": "package_id",
        "source": "source",
        "group_name": "group_name",
        "imported_by": "imported_by",
        "outcome": "outcome",
        "summary": _parsed("summary", "{}"),
    },
}


def to_json(record: Any, **given: Any) -> dict[str, Any]:
    """``record`` as ``idg export json`` writes it."""
    return write(JSON[type(record)], record, **given)


# -- the command line's --json listings that differ from the export -----------------


def _but(mapping: Mapping, *left_out: str) -> Mapping:
    return {name: source for name, source in mapping.items() if name not in left_out}


#: ``idg participants --json``, ``idg findings --json``, ``idg documents --json``,
#: ``idg conflicts --json`` (open ones), ``idg groups --json`` and a person it
#: names, and an endorsement and a KPI in ``idg plan --json``.
LISTING: dict[str, Mapping] = {
    "participants": {"id": "id", **_same(PARTICIPANT_FIELDS[:-1])},  # without the email
    "findings": {
        "id": "id",
        "section": "section_code",
        "kind": "kind",
        "status": "status",
        "text": "text",
        "proposed_action": "proposed_action",
        "questions": lambda f: list(f.question_ids),
        "confidential": "confidential",
    },
    "documents": _but(JSON[r.BackgroundDocument], "content_base64"),  # without the bytes
    "conflicts": {
        "id": "id",
        "record_type": "record_type",
        "record": "record_key",
        "section": "section_code",
        "status": "status",
        "resolution": "resolution",
        "draft": "draft",
        "versions": lambda c: write_all(LISTING["conflict_versions"], c.versions),
    },
    "conflict_versions": {
        "origin": "origin",
        "package_id": "package_id",
        "content": _parsed("content"),
    },
    "person": {"id": "id", "name": "name"},
    "groups": {
        "id": "id",
        "name": "name",
        "sections": GIVEN,  # in the assessment's order of sections
        "members": GIVEN,  # each a "person"
        "rapporteur": GIVEN,  # a "person", or None
    },
    "plan_adoption": _but(JSON[r.Adoption], *JSON_TRACKED),  # in ``idg plan --json``
    "plan_kpi": {  # a KPI under what it measures in ``idg plan --json``
        "id": "id",
        "name": "name",
        "target": "target_value",
        "complete": "complete",
        "confidential": "confidential",
    },
}


# -- packages (``exchange/``): what a package carries and a merge compares -------------

#: The fields whose difference makes two versions of an answer differ.
ANSWER_FIELDS = (
    "text",
    "rating",
    "measure_exists",
    "measure_applied",
    "measure_effective",
    "evidence",
    "marked_for_review",
    "reviewed",
    "confidential",
)
#: The fields whose difference makes two versions of a finding differ.
FINDING_FIELDS = ("section_code", "kind", "text", "proposed_action", "status", "confidential")

PACKAGE_TRACKED = _tracked(package_time)

PACKAGE: dict[type, Mapping] = {
    r.Answer: {
        **PACKAGE_TRACKED,
        "question": "question_id",
        **_same(ANSWER_FIELDS),
        "group_id": "group_id",
        "author_id": "author_id",
    },
    r.Finding: {
        **PACKAGE_TRACKED,
        **_same(FINDING_FIELDS),
        "questions": lambda f: list(f.question_ids),
        "group_id": "group_id",
        "author_id": "author_id",
        "merged_into_id": "merged_into_id",
    },
    r.Assessment: {
        "id": "id",
        "title": "title",
        "administration": "administration",
        "mode": "mode",
        "start_date": "start_date",
        "end_date": "end_date",
        "location": "location",
    },
    r.WorkingGroup: {
        "id": "id",
        "name": "name",
        "sections": GIVEN,  # the group's sections, in the assessment's order
        "rapporteur": "rapporteur_id",
    },
    r.Question: QUESTION,  # the document's own questions of the group's sections
    r.Participant: {**PACKAGE_TRACKED, **_same(PARTICIPANT_FIELDS)},
}


def to_package(record: Any, **given: Any) -> dict[str, Any]:
    """``record`` as a package carries it."""
    return write(PACKAGE[type(record)], record, **given)
