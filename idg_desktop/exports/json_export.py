"""The whole assessment as JSON (format in ``docs/json-export.md``).

Records are listed in a stable order (by position or creation, then id) so
two exports of the same content are byte-identical.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from idg_desktop.domain import records
from idg_desktop.services.activities import band_of, list_activities, priority_of, ratings_of
from idg_desktop.services.agenda import list_sessions
from idg_desktop.services.assessment import assessment_of
from idg_desktop.services.background import list_documents
from idg_desktop.services.findings import list_findings
from idg_desktop.services.groups import group_sections, list_groups
from idg_desktop.services.participants import list_participants
from idg_desktop.services.plan import (
    PLAN_FIELDS,
    ActivityNode,
    OutcomeNode,
    OutputNode,
    Plan,
    action_plan,
    kpi_sheet,
    list_adoptions,
    list_kpis,
)
from idg_desktop.services.profile import integrity_profile
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

EXPORT_FORMAT = "idg-assessment"
EXPORT_VERSION = 1


def _time(value: datetime | None) -> str | None:
    return value.isoformat(timespec="microseconds") + "Z" if value else None


def _tracked(record: models.Tracked) -> dict[str, Any]:
    return {
        "id": record.id,
        "created_at": _time(record.created_at),
        "updated_at": _time(record.updated_at),
        "origin": record.origin,
        "revision": record.revision,
    }


def counts(document: AssessmentDocument) -> dict[str, int]:
    """The figures ``idg info`` prints."""
    session = document.session

    def count(model: type, *where: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    return {
        "participants": count(models.Participant),
        "groups": count(models.WorkingGroup),
        "answers": count(models.Answer, func.trim(models.Answer.text) != ""),
        "findings": count(models.Finding),
        "activities": count(models.Activity),
        "outcomes": count(models.Outcome),
        "outputs": count(models.Output),
        "kpis": count(models.Kpi),
        "kpis_complete": count(models.Kpi, models.Kpi.complete),
        "endorsements": count(models.Adoption),
        "questions": count(models.Question),
        "sections_in_scope": count(models.Section, models.Section.in_scope),
        "rated": count(models.Answer, models.Answer.rating != "not-assessed"),
        "documents": count(models.BackgroundDocument),
        "sessions": count(models.WorkshopSession),
    }


def info(document: AssessmentDocument) -> dict[str, Any]:
    assessment = assessment_of(document)
    return {
        "file": str(document.path),
        "id": assessment.id,
        "title": assessment.title,
        "administration": assessment.administration,
        "mode": assessment.mode,
        "schema_version": document.schema_version(),
        **counts(document),
    }


def export_assessment(document: AssessmentDocument) -> dict[str, Any]:
    session = document.session
    assessment = assessment_of(document)
    sections = session.scalars(select(models.Section).order_by(models.Section.position)).all()
    subareas = session.scalars(
        select(models.SubArea).order_by(models.SubArea.section_code, models.SubArea.position)
    ).all()
    questions = session.scalars(select(models.Question).order_by(models.Question.position)).all()
    answers = {a.question_id: a for a in session.scalars(select(models.Answer))}
    framework = session.scalars(select(models.FrameworkCopy)).first()
    # One query per kind of history rather than one per record.
    versions: dict[str, list[models.AnswerVersion]] = defaultdict(list)
    for version in session.scalars(
        select(models.AnswerVersion).order_by(models.AnswerVersion.revision)
    ):
        versions[version.answer_id].append(version)
    events: dict[str, list[models.FindingEvent]] = defaultdict(list)
    for event in session.scalars(
        select(models.FindingEvent).order_by(models.FindingEvent.revision, models.FindingEvent.at)
    ):
        events[event.finding_id].append(event)
    linked: dict[str, list[str]] = defaultdict(list)
    for link in session.scalars(
        select(models.FindingQuestion).order_by(models.FindingQuestion.position)
    ):
        linked[link.finding_id].append(link.question_id)
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "schema_version": document.schema_version(),
        "framework": {"id": framework.id, "version": framework.version} if framework else None,
        "assessment": {
            **_tracked(assessment),
            "title": assessment.title,
            "administration": assessment.administration,
            "mode": assessment.mode,
            "comprehensive": assessment.comprehensive,
            "continuous": assessment.continuous,
            "sections": [s.code for s in sections if s.in_scope],
            "start_date": assessment.start_date,
            "end_date": assessment.end_date,
            "location": assessment.location,
            "responsible_unit": assessment.responsible_unit,
            "responsible_persons": assessment.responsible_persons,
            "terms_of_reference": json.loads(assessment.terms_of_reference or "{}"),
        },
        "sections": [
            {
                "code": s.code,
                "title": s.title,
                "category": s.category,
                "in_scope": s.in_scope,
                "subareas": [
                    {"label": sub.label, "title": sub.title}
                    for sub in subareas
                    if sub.section_code == s.code
                ],
            }
            for s in sections
        ],
        "custom_questions": [
            {
                "id": q.id,
                "section": q.section_code,
                "subarea": q.subarea_label,
                "number": q.number,
                "text": q.text,
                "created_at": _time(q.created_at),
                "origin": q.origin,
            }
            for q in questions
            if q.custom
        ],
        "participants": [
            {
                **_tracked(p),
                "name": p.name,
                "unit": p.unit,
                "expertise": p.expertise,
                "external": p.external,
                "stakeholder": p.stakeholder,
                "gender": p.gender,
                "role": p.role,
                "email": p.email,
                "notes": p.notes,
            }
            for p in list_participants(document)
        ],
        "groups": [
            {
                **_tracked(g),
                "name": g.name,
                "sections": group_sections(document, g),
                "members": sorted(m.participant_id for m in g.members),
                "rapporteur": g.rapporteur_id,
            }
            for g in list_groups(document)
        ],
        "answers": [
            _answer(answers[q.id], versions[answers[q.id].id]) for q in questions if q.id in answers
        ],
        "findings": [_finding(f, events[f.id], linked[f.id]) for f in list_findings(document)],
        "documents": [
            {
                **_tracked(d),
                "kind": d.kind,
                "title": d.title,
                "reference": d.reference,
                "notes": d.notes,
                "file_name": d.file_name,
                "sha256": d.sha256,
                "size": len(d.content) if d.content is not None else None,
                "content_base64": (
                    base64.b64encode(d.content).decode("ascii") if d.content is not None else None
                ),
            }
            for d in list_documents(document)
        ],
        "sessions": [
            {
                **_tracked(s),
                "date": s.date,
                "start": s.start,
                "duration_minutes": s.duration_minutes,
                "topic": s.topic,
                "participants": sorted(p.participant_id for p in s.participants),
            }
            for s in list_sessions(document)
        ],
        "steps": _steps(document),
        "activities": [_activity(a) for a in list_activities(document)],
        "plan": _plan_records(document),
        "integrity_profile": [cell.as_dict() for cell in integrity_profile(document)],
        **_merging(document),
    }


def _steps(document: AssessmentDocument) -> list[dict[str, Any]]:
    """The dates set for IDG Part II's steps (schema 7), a record per step set."""
    from idg_desktop.services.steps import step_records, step_titles

    titles = step_titles(document)
    return [
        {
            **_tracked(record),
            "number": number,
            "title": titles.get(number, ""),
            "start": record.start_date,
            "end": record.end_date,
        }
        for number, record in sorted(step_records(document).items())
    ]


def _merging(document: AssessmentDocument) -> dict[str, Any]:
    """Every conflict (open and resolved) with every competing version, and the
    merge log: the group's version of a record is nowhere else until resolved."""
    session = document.session
    conflicts = session.scalars(
        select(models.Conflict).order_by(models.Conflict.created_at, models.Conflict.id)
    )
    log = session.scalars(
        select(models.MergeLog).order_by(models.MergeLog.created_at, models.MergeLog.id)
    )
    return {
        "conflicts": [
            {
                **_tracked(c),
                "record_type": c.record_type,
                "record": c.record_key,
                "section": c.section_code,
                "status": c.status,
                "resolution": c.resolution,
                "resolved_at": _time(c.resolved_at),
                "draft": c.draft,
                "versions": [
                    {
                        "position": v.position,
                        "origin": v.origin,
                        "package_id": v.package_id,
                        "content": json.loads(v.content),
                    }
                    for v in c.versions
                ],
            }
            for c in conflicts
        ],
        "merge_log": [
            {
                **_tracked(entry),
                "package_id": entry.package_id,
                "source": entry.source,
                "group_name": entry.group_name,
                "imported_by": entry.imported_by,
                "outcome": entry.outcome,
                "summary": json.loads(entry.summary or "{}"),
            }
            for entry in log
        ],
    }


def _answer(answer: models.Answer, history: list[models.AnswerVersion]) -> dict[str, Any]:
    return {
        **_tracked(answer),
        "question": answer.question_id,
        "text": answer.text,
        "rating": answer.rating,
        "evaluation": {
            "measure_exists": answer.measure_exists,
            "applied": answer.measure_applied,
            "effective": answer.measure_effective,
        },
        "evidence": answer.evidence,
        "marked_for_review": answer.marked_for_review,
        "reviewed": answer.reviewed,
        "confidential": answer.confidential,
        "group": answer.group_id,
        "author": answer.author_id,
        "history": [
            {
                "revision": v.revision,
                "text": v.text,
                "rating": v.rating,
                "evidence": v.evidence,
                "author": v.author_id,
                "group": v.group_id,
                "written_at": _time(v.written_at),
                "origin": v.origin,
            }
            for v in history
        ],
    }


def _finding(
    finding: models.Finding, history: list[models.FindingEvent], questions: list[str]
) -> dict[str, Any]:
    return {
        **_tracked(finding),
        "section": finding.section_code,
        "questions": questions,
        "kind": finding.kind,
        "text": finding.text,
        "proposed_action": finding.proposed_action,
        "status": finding.status,
        "confidential": finding.confidential,
        "group": finding.group_id,
        "author": finding.author_id,
        "merged_into": finding.merged_into_id,
        "history": [
            {
                "revision": e.revision,
                "action": e.action,
                "status": e.status,
                "text": e.text,
                "proposed_action": e.proposed_action,
                "note": e.note,
                "at": _time(e.at),
                "origin": e.origin,
            }
            for e in history
        ],
    }


def _activity(activity: records.Activity) -> dict[str, Any]:
    computed = priority_of(activity)
    return {
        **_tracked(activity),
        "title": activity.title,
        "section": activity.section_code,
        "description": activity.description,
        "findings": sorted(activity.finding_ids),
        "ratings": ratings_of(activity),
        "priority": {
            "computed": computed.band.value,
            "score": computed.score,
            "reasons": list(computed.reasons),
            "override": activity.priority_override or None,
            "override_reason": activity.override_reason or None,
            "band": band_of(activity),
        },
        "plan": {"output": activity.output_id, **{f: getattr(activity, f) for f in PLAN_FIELDS}},
        "confidential": activity.confidential,
    }


def _plan_records(document: AssessmentDocument) -> dict[str, Any]:
    """The results chain, KPIs, SMART confirmations and endorsements, flat."""
    session = document.session
    outcomes = session.scalars(
        select(models.Outcome).order_by(models.Outcome.position, models.Outcome.id)
    )
    outputs = session.scalars(
        select(models.Output).order_by(models.Output.position, models.Output.id)
    )
    ticks = session.scalars(
        select(models.SmartConfirmation).order_by(
            models.SmartConfirmation.node_id, models.SmartConfirmation.criterion
        )
    )
    return {
        "outcomes": [
            {
                **_tracked(o),
                "level": o.level,
                "parent": o.parent_id,
                "title": o.title,
                "description": o.description,
                "position": o.position,
                "confidential": o.confidential,
            }
            for o in outcomes
        ],
        "outputs": [
            {
                **_tracked(o),
                "outcome": o.outcome_id,
                "title": o.title,
                "description": o.description,
                "position": o.position,
                "confidential": o.confidential,
            }
            for o in outputs
        ],
        "kpis": [_kpi(k) for k in list_kpis(document)],
        "smart_confirmations": [
            {**_tracked(t), "node": t.node_id, "criterion": t.criterion, "by": t.confirmed_by}
            for t in ticks
        ],
        "adoptions": [
            {
                **_tracked(a),
                "endorsed_by": a.endorsed_by,
                "endorsed_on": a.endorsed_on,
                "strategy_link": a.strategy_link,
                "note": a.note,
            }
            for a in list_adoptions(document)
        ],
    }


def _kpi(kpi: records.Kpi) -> dict[str, Any]:
    return {
        **_tracked(kpi),
        "activity": kpi.activity_id,
        "position": kpi.position,
        "complete": kpi.complete,
        "sheet": kpi_sheet(kpi),
        "outcome": kpi.outcome_id,
        "output": kpi.output_id,
        "confidential": kpi.confidential,
    }


def _smart(check) -> dict[str, Any]:
    return {
        "specific": check.specific or None,
        "measurable": check.measurable,
        "achievable": check.achievable or None,
        "relevant": check.relevant or None,
        "time_bound": check.time_bound,
        "met": check.met,
    }


def plan_tree(plan: Plan) -> dict[str, Any]:
    """The action plan as a nested tree (``idg plan --json``): each KPI under
    the outcome, output or activity it measures."""

    def kpis(node: ActivityNode | OutputNode | OutcomeNode) -> list[dict[str, Any]]:
        return [
            {
                "id": k.id,
                "name": k.name,
                "target": k.target_value,
                "complete": k.complete,
                "confidential": k.confidential,
            }
            for k in node.kpis
        ]

    def activity(node: ActivityNode) -> dict[str, Any]:
        a = node.activity
        return {
            "id": a.id,
            "code": node.code,
            "title": a.title,
            "section": a.section_code,
            "priority": band_of(a),
            **{f: getattr(a, f) for f in PLAN_FIELDS},
            "kpis": kpis(node),
            "smart": _smart(node.smart),
            "confidential": a.confidential,
        }

    def output(node: OutputNode) -> dict[str, Any]:
        return {
            "id": node.output.id,
            "code": node.code,
            "title": node.output.title,
            "smart": _smart(node.smart),
            "activities": [activity(a) for a in node.activities],
            "kpis": kpis(node),
            "confidential": node.output.confidential,
        }

    def outcome(node: OutcomeNode) -> dict[str, Any]:
        return {
            "id": node.outcome.id,
            "code": node.code,
            "level": node.outcome.level,
            "title": node.outcome.title,
            "smart": _smart(node.smart),
            "outcomes": [outcome(o) for o in node.outcomes],
            "outputs": [output(o) for o in node.outputs],
            "kpis": kpis(node),
            "confidential": node.outcome.confidential,
        }

    return {
        "outcomes": [outcome(o) for o in plan.outcomes],
        "not_in_plan": [activity(a) for a in plan.unplaced],
        "adoptions": [
            {
                "endorsed_by": a.endorsed_by,
                "endorsed_on": a.endorsed_on,
                "strategy_link": a.strategy_link,
                "note": a.note,
            }
            for a in plan.adoptions
        ],
    }


def plan_tree_of(document: AssessmentDocument) -> dict[str, Any]:
    return plan_tree(action_plan(document))


def export_json_text(document: AssessmentDocument) -> str:
    return json.dumps(export_assessment(document), ensure_ascii=False, indent=1) + "\n"
