"""Building a new assessment file from checked workbook rows (``full_workbook.py``).

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
from idg_desktop.exports.xlsx_cells import parse_time
from idg_desktop.exports.xlsx_layout import PLAN_HEADERS
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

Rows = dict[str, list[dict[str, Any]]]
IMPORT_ORIGIN = "workbook"
_KPI_FIELDS = (
    "name",
    "description",
    "performance_dimension",
    "calculation_method",
    "rationale",
    "links",
    "source_of_verification",
    "references",
    "periodicity",
    "disaggregation",
    "target_value",
    "country_example",
    "disclosure_policy",
    "other_considerations",
    "baseline_value",
    "baseline_date",
)


def _tracked(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "created_at": parse_time(row["created_at"]),
        "updated_at": parse_time(row["updated_at"]),
        "origin": row["origin"],
        "revision": row["revision"],
    }


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
        session.add(
            models.Question(
                id=q["id"],
                section_code=q["section"],
                subarea_label=q["subarea"],
                part="",
                number=q["number"],
                text=q["text"],
                custom=True,
                position=q["position"],
                created_at=parse_time(q["created_at"]),
                origin=q["origin"],
            )
        )
    for p in rows["participants"]:
        fields = ("name", "unit", "expertise", "external", "stakeholder", "gender", "role")
        session.add(
            models.Participant(**_tracked(p), **{k: p[k] for k in (*fields, "email", "notes")})
        )
    session.flush()
    for g in rows["groups"]:
        session.add(
            models.WorkingGroup(
                **_tracked(g),
                name=g["name"],
                position=g["position"],
                rapporteur_id=g["rapporteur"],
                sections=[models.GroupSection(section_code=c) for c in g["sections"]],
                members=[models.GroupMember(participant_id=m) for m in g["members"]],
            )
        )
    session.flush()
    _answers(session, rows)
    _findings(session, rows)
    for d in rows["documents"]:
        keep = ("kind", "title", "reference", "notes", "file_name", "sha256")
        session.add(models.BackgroundDocument(**_tracked(d), **{k: d[k] for k in keep}))
    for s in rows["sessions"]:
        session.add(
            models.WorkshopSession(
                **_tracked(s),
                date=s["date"],
                start=s["start"],
                duration_minutes=s["duration_minutes"],
                topic=s["topic"],
                participants=[
                    models.SessionParticipant(participant_id=p) for p in s["participants"]
                ],
            )
        )
    session.flush()
    _plan(session, rows)
    _merging(session, rows)


def _answers(session: Any, rows: Rows) -> None:
    for a in rows["answers"]:
        session.add(
            models.Answer(
                **_tracked(a),
                question_id=a["question"],
                text=a["text"],
                rating=a["rating"],
                measure_exists=a["measure_exists"],
                measure_applied=a["applied"],
                measure_effective=a["effective"],
                evidence=a["evidence"],
                marked_for_review=a["marked_for_review"],
                reviewed=a["reviewed"],
                confidential=a["confidential"],
                group_id=a["group"],
                author_id=a["author"],
            )
        )
    session.flush()
    for index, v in enumerate(rows["answer_history"]):
        session.add(
            models.AnswerVersion(
                id=_history_id("answer", v["answer"], index),
                answer_id=v["answer"],
                revision=v["revision"],
                text=v["text"],
                rating=v["rating"],
                evidence=v["evidence"],
                author_id=v["author"],
                group_id=v["group"],
                written_at=parse_time(v["written_at"]),
                origin=v["origin"],
            )
        )


def _findings(session: Any, rows: Rows) -> None:
    for f in rows["findings"]:
        session.add(
            models.Finding(
                **_tracked(f),
                section_code=f["section"],
                kind=f["kind"],
                text=f["text"],
                proposed_action=f["proposed_action"],
                status=f["status"],
                confidential=f["confidential"],
                group_id=f["group"],
                author_id=f["author"],
                merged_into_id=f["merged_into"],
                questions=[
                    models.FindingQuestion(question_id=q, position=i)
                    for i, q in enumerate(dict.fromkeys(f["questions"]))
                ],
            )
        )
    session.flush()
    for index, e in enumerate(rows["finding_history"]):
        keep = ("revision", "action", "status", "text", "proposed_action", "note", "origin")
        session.add(
            models.FindingEvent(
                id=_history_id("finding", e["finding"], index),
                finding_id=e["finding"],
                at=parse_time(e["at"]),
                **{k: e[k] for k in keep},
            )
        )


def _plan(session: Any, rows: Rows) -> None:
    """Outcomes (parents first), outputs, activities with their plan line, KPIs,
    SMART confirmations and endorsements."""
    pending = list(rows["outcomes"])
    placed: set[str | None] = {None}
    while pending:
        ready = [o for o in pending if o["parent"] in placed]
        if not ready:  # check_rows refuses cycles and missing parents
            raise AssertionError("outcomes without a placeable parent")
        for o in ready:
            session.add(
                models.Outcome(
                    **_tracked(o),
                    **{k: o[k] for k in ("level", "title", "description", "position")},
                    confidential=o["confidential"],
                    parent_id=o["parent"],
                )
            )
            placed.add(o["id"])
        session.flush()
        pending = [o for o in pending if o["id"] not in placed]
    for o in rows["outputs"]:
        keep = ("title", "description", "position", "confidential")
        session.add(
            models.Output(**_tracked(o), outcome_id=o["outcome"], **{k: o[k] for k in keep})
        )
    session.flush()
    lines = {p["activity"]: p for p in rows["plan"]}
    for a in rows["activities"]:
        line = lines.get(a["id"], {})
        criteria = ("importance", "urgency", "consequence", "commitment", "impact")
        session.add(
            models.Activity(
                **_tracked(a),
                title=a["title"],
                section_code=a["section"],
                description=a["description"],
                **{k: a[k] for k in (*criteria, "obligations", "ease", "cost")},
                priority_override=a["override"],
                override_reason=a["override_reason"],
                position=a["position"],
                confidential=a["confidential"],
                output_id=line.get("output"),
                **{k: line[k] for k in PLAN_HEADERS if k in line},
                findings=[
                    models.ActivityFinding(finding_id=f) for f in dict.fromkeys(a["findings"])
                ],
            )
        )
    session.flush()
    for k in rows["kpis"]:
        session.add(
            models.Kpi(
                **_tracked(k),
                activity_id=k["activity"],
                outcome_id=k["outcome"],
                output_id=k["output"],
                position=k["position"],
                complete=k["complete"],
                confidential=k["confidential"],
                typologies=json.dumps(k["typologies"], ensure_ascii=False),
                **{f: k[f] for f in _KPI_FIELDS},
            )
        )
    for t in rows["smart"]:
        session.add(
            models.SmartConfirmation(
                **_tracked(t), node_id=t["node"], criterion=t["criterion"], confirmed_by=t["by"]
            )
        )
    for a in rows["adoptions"]:
        keep = ("endorsed_by", "endorsed_on", "strategy_link", "note")
        session.add(models.Adoption(**_tracked(a), **{k: a[k] for k in keep}))
    for s in rows.get("steps", []):
        session.add(
            models.AssessmentStep(
                **_tracked(s), number=s["number"], start_date=s["start"], end_date=s["end"]
            )
        )


def _merging(session: Any, rows: Rows) -> None:
    """Conflicts (open and resolved) with their versions, and the merge log."""
    for c in rows["conflicts"]:
        session.add(
            models.Conflict(
                **_tracked(c),
                record_type=c["record_type"],
                record_key=c["record"],
                section_code=c["section"],
                status=c["status"],
                resolution=c["resolution"],
                resolved_at=parse_time(c["resolved_at"]) if c["resolved_at"] else None,
                draft=c.get("draft", ""),
            )
        )
    session.flush()
    for v in rows["conflict_versions"]:
        session.add(
            models.ConflictVersion(
                id=_history_id("conflict", v["conflict"], v["position"]),
                conflict_id=v["conflict"],
                position=v["position"],
                origin=v["version_origin"],
                package_id=v["package_id"] or "",
                content=_json_text(v["content"]),
            )
        )
    for e in rows["merge_log"]:
        keep = ("package_id", "source", "group_name", "imported_by", "outcome")
        session.add(
            models.MergeLog(
                **_tracked(e), **{k: e[k] for k in keep}, summary=_json_text(e["summary"])
            )
        )


def _json_text(text: str) -> str:
    """The JSON of a cell (checked to be an object), written as the app writes it."""
    return json.dumps(json.loads(text), ensure_ascii=False)
