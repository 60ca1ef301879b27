"""Building a new assessment file from checked workbook rows (``reader.py``).

The scope goes through ``create_assessment`` (the framework copy, the file's
marks and metadata), with every other record added in the same transaction,
before the file takes its name: a failure leaves nothing behind.

The records are written as rows rather than through the services one by one,
on purpose: the services stamp each record with the clock and this laptop's
origin and log every change into the answer and finding histories, whereas
an import must keep the workbook's ids, timestamps, origins, revisions and
histories exactly (as ``services/demo.py`` keeps fixed ids). Everything the
services would check has been checked by ``full_workbook.check_rows``.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from idg_desktop.domain.framework import Framework
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.services.custom_questions import keep_custom_question
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook.cells import parse_time
from idg_desktop.workbook.layout import KPI_HEADERS, PLAN_HEADERS

Rows = dict[str, list[dict[str, Any]]]
IMPORT_ORIGIN = "workbook"
#: A KPI sheet's text fields (its list of typologies is stored as JSON).
_KPI_FIELDS = tuple(key for key in KPI_HEADERS if key != "typologies")
#: The criteria of an activity's priority, as named on the sheet and in the file.
_CRITERIA = ("importance", "urgency", "consequence", "commitment", "impact")
_CRITERIA += ("obligations", "ease", "cost")


def _tracked(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "created_at": parse_time(row["created_at"]),
        "updated_at": parse_time(row["updated_at"]),
        "origin": row["origin"],
        "revision": row["revision"],
    }


def _record(
    model: type,
    row: dict[str, Any],
    same: tuple[str, ...] = (),
    renamed: dict[str, str] | None = None,
    *,
    tracked: bool = True,
    **values: Any,
) -> Any:
    """A new ``model`` row from a sheet row: its id and bookkeeping (``tracked``),
    the fields named alike on the sheet and in the file (``same``), those named
    otherwise (``renamed``: the file's column -> the sheet's key), and ``values``."""
    fields = _tracked(row) if tracked else {}
    fields |= {name: row[name] for name in same}
    fields |= {column: row[key] for column, key in (renamed or {}).items()}
    return model(**fields, **values)


def _history_id(kind: str, owner: str, index: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"idg-workbook/{kind}/{owner}/{index}"))


def build_document(rows: Rows, target: Path, framework: Framework) -> AssessmentDocument:
    scope_row = rows["scope"][0]
    in_scope = [r["code"] for r in rows["sections"] if r["in_scope"]]
    scope = Scope(
        title=scope_row["title"],
        administration=scope_row["administration"],
        mode=scope_row["mode"],
        sections=in_scope or None,
        # the scope's dates and location go in with the terms: an older
        # workbook's Annex 5 Date/Location are folded into them (schema 7)
        start_date=scope_row["start_date"],
        end_date=scope_row["end_date"],
        location=scope_row["location"],
        terms_of_reference={t["key"]: t["text"] for t in rows["terms"]},
    )
    return create_assessment(
        target,
        scope,
        framework=framework,
        assessment_id=scope_row["id"],
        origin=IMPORT_ORIGIN,
        fill=lambda document: _fill(document, rows, set(in_scope)),
    )


def _fill(document: AssessmentDocument, rows: Rows, in_scope: set[str]) -> None:
    session = document.session
    scope = rows["scope"][0]
    assessment = session.query(models.Assessment).one()  # the row it fills
    for key in (
        "title",
        "administration",
        "mode",
        "comprehensive",
        "continuous",
        "responsible_unit",
        "responsible_persons",
    ):
        setattr(assessment, key, scope[key])
    for key, value in _tracked(scope).items():
        setattr(assessment, key, value)
    for section in session.query(models.Section):
        section.in_scope = section.code in in_scope
    for q in rows["custom_questions"]:
        created = parse_time(q["created_at"])
        keep_custom_question(
            document, q, position=q["position"], created_at=created, origin=q["origin"]
        )
    person = ("name", "unit", "expertise", "external", "stakeholder", "gender", "role", "email")
    session.add_all(
        _record(models.Participant, p, (*person, "notes")) for p in rows["participants"]
    )
    session.flush()
    for g in rows["groups"]:
        session.add(
            _record(
                models.WorkingGroup,
                g,
                ("name", "position"),
                {"rapporteur_id": "rapporteur"},
                sections=[models.GroupSection(section_code=c) for c in g["sections"]],
                members=[models.GroupMember(participant_id=m) for m in g["members"]],
            )
        )
    session.flush()
    _answers(session, rows)
    _findings(session, rows)
    document_fields = ("kind", "title", "reference", "notes", "file_name", "sha256")
    session.add_all(
        _record(models.BackgroundDocument, d, document_fields) for d in rows["documents"]
    )
    for s in rows["sessions"]:
        session.add(
            _record(
                models.WorkshopSession,
                s,
                ("date", "start", "duration_minutes", "topic"),
                participants=[
                    models.SessionParticipant(participant_id=p) for p in s["participants"]
                ],
            )
        )
    session.flush()
    _plan(session, rows)
    _merging(session, rows)


#: The answers' columns named otherwise on the sheet (the file's name -> the sheet's).
_ANSWER_RENAMED = {
    "question_id": "question",
    "measure_applied": "applied",
    "measure_effective": "effective",
    "group_id": "group",
    "author_id": "author",
}
_ANSWER_SAME = ("text", "rating", "measure_exists", "evidence")
_ANSWER_SAME += ("marked_for_review", "reviewed", "confidential")


def _answers(session: Any, rows: Rows) -> None:
    session.add_all(
        _record(models.Answer, a, _ANSWER_SAME, _ANSWER_RENAMED) for a in rows["answers"]
    )
    session.flush()
    for index, v in enumerate(rows["answer_history"]):
        session.add(
            _record(
                models.AnswerVersion,
                v,
                ("revision", "text", "rating", "evidence", "origin"),
                {"answer_id": "answer", "author_id": "author", "group_id": "group"},
                tracked=False,
                id=_history_id("answer", v["answer"], index),
                written_at=parse_time(v["written_at"]),
            )
        )


def _findings(session: Any, rows: Rows) -> None:
    for f in rows["findings"]:
        session.add(
            _record(
                models.Finding,
                f,
                ("kind", "text", "proposed_action", "status", "confidential"),
                {
                    "section_code": "section",
                    "group_id": "group",
                    "author_id": "author",
                    "merged_into_id": "merged_into",
                },
                questions=[
                    models.FindingQuestion(question_id=q, position=i)
                    for i, q in enumerate(dict.fromkeys(f["questions"]))
                ],
            )
        )
    session.flush()
    for index, e in enumerate(rows["finding_history"]):
        session.add(
            _record(
                models.FindingEvent,
                e,
                ("revision", "action", "status", "text", "proposed_action", "note", "origin"),
                {"finding_id": "finding"},
                tracked=False,
                id=_history_id("finding", e["finding"], index),
                at=parse_time(e["at"]),
            )
        )


def _plan(session: Any, rows: Rows) -> None:
    """Outcomes (parents first), outputs, activities with their plan line, KPIs,
    SMART confirmations and endorsements."""
    node = ("title", "description", "position", "confidential")
    pending = list(rows["outcomes"])
    placed: set[str | None] = {None}
    while pending:
        ready = [o for o in pending if o["parent"] in placed]
        if not ready:  # check_rows refuses cycles and missing parents
            raise AssertionError("outcomes without a placeable parent")
        for o in ready:
            session.add(_record(models.Outcome, o, ("level", *node), {"parent_id": "parent"}))
            placed.add(o["id"])
        session.flush()
        pending = [o for o in pending if o["id"] not in placed]
    session.add_all(
        _record(models.Output, o, node, {"outcome_id": "outcome"}) for o in rows["outputs"]
    )
    session.flush()
    lines = {p["activity"]: p for p in rows["plan"]}
    for a in rows["activities"]:
        line = lines.get(a["id"], {})
        session.add(
            _record(
                models.Activity,
                a,
                ("title", "description", *_CRITERIA, "override_reason", "position", "confidential"),
                {"section_code": "section", "priority_override": "override"},
                output_id=line.get("output"),
                **{k: line[k] for k in PLAN_HEADERS if k in line},
                findings=[
                    models.ActivityFinding(finding_id=f) for f in dict.fromkeys(a["findings"])
                ],
            )
        )
    session.flush()
    owners = {"activity_id": "activity", "outcome_id": "outcome", "output_id": "output"}
    for k in rows["kpis"]:
        session.add(
            _record(
                models.Kpi,
                k,
                ("position", "complete", "confidential", *_KPI_FIELDS),
                owners,
                typologies=json.dumps(k["typologies"], ensure_ascii=False),
            )
        )
    ticks = {"node_id": "node", "confirmed_by": "by"}
    session.add_all(
        _record(models.SmartConfirmation, t, ("criterion",), ticks) for t in rows["smart"]
    )
    adoption = ("endorsed_by", "endorsed_on", "strategy_link", "note")
    session.add_all(_record(models.Adoption, a, adoption) for a in rows["adoptions"])
    steps = {"number": "number", "start_date": "start", "end_date": "end"}
    session.add_all(_record(models.AssessmentStep, s, (), steps) for s in rows.get("steps", []))


def _merging(session: Any, rows: Rows) -> None:
    """Conflicts (open and resolved) with their versions, and the merge log."""
    for c in rows["conflicts"]:
        session.add(
            _record(
                models.Conflict,
                c,
                ("record_type", "status", "resolution"),
                {"record_key": "record", "section_code": "section"},
                resolved_at=parse_time(c["resolved_at"]) if c["resolved_at"] else None,
                draft=c.get("draft", ""),
            )
        )
    session.flush()
    for v in rows["conflict_versions"]:
        session.add(
            _record(
                models.ConflictVersion,
                v,
                ("position",),
                {"conflict_id": "conflict", "origin": "version_origin"},
                tracked=False,
                id=_history_id("conflict", v["conflict"], v["position"]),
                package_id=v["package_id"] or "",
                content=_json_text(v["content"]),
            )
        )
    log = ("package_id", "source", "group_name", "imported_by", "outcome")
    session.add_all(
        _record(models.MergeLog, e, log, summary=_json_text(e["summary"]))
        for e in rows["merge_log"]
    )


def _json_text(text: str) -> str:
    """The JSON of a cell (checked to be an object), written as the app writes it."""
    return json.dumps(json.loads(text), ensure_ascii=False)
