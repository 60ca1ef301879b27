"""The whole assessment as JSON (format in ``docs/json-export.md``).

Records are listed in a stable order (by position or creation, then id) so
two exports of the same content are byte-identical.
"""

from __future__ import annotations

import json
from typing import Any

from idg_desktop.exports.wire import LISTING, to_json, write_all
from idg_desktop.services import reading
from idg_desktop.services.activities import band_of, list_activities
from idg_desktop.services.agenda import list_sessions
from idg_desktop.services.assessment import assessment_of
from idg_desktop.services.background import list_documents
from idg_desktop.services.by_section import answers_by_question, every_question, every_section
from idg_desktop.services.findings import list_findings
from idg_desktop.services.groups import list_groups
from idg_desktop.services.participants import list_participants
from idg_desktop.services.plan import (
    PLAN_FIELDS,
    ActivityNode,
    OutcomeNode,
    OutputNode,
    Plan,
    action_plan,
    list_adoptions,
    list_kpis,
)
from idg_desktop.services.profile import integrity_profile
from idg_desktop.storage.document import AssessmentDocument

EXPORT_FORMAT = "idg-assessment"
EXPORT_VERSION = 1


def counts(document: AssessmentDocument) -> dict[str, int]:
    """The figures ``idg info`` prints: the assessment's one summary's."""
    return reading.summary(document).counts()


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
    sections = every_section(document)
    questions = every_question(document)
    subareas = reading.subareas(document)
    answers = answers_by_question(document)
    framework = reading.framework_copy(document)
    versions = reading.answer_versions(document)
    events = reading.finding_events(document)
    position = {s.code: s.position for s in sections}
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_VERSION,
        "schema_version": document.schema_version(),
        "framework": to_json(framework) if framework else None,
        "assessment": to_json(
            assessment_of(document),
            sections=[s.code for s in sections if s.in_scope],
        ),
        "sections": [
            to_json(s, subareas=[to_json(sub) for sub in subareas if sub.section_code == s.code])
            for s in sections
        ],
        "custom_questions": [to_json(q) for q in questions if q.custom],
        "participants": [to_json(p) for p in list_participants(document)],
        "groups": [
            to_json(g, sections=sorted(g.section_codes, key=position.__getitem__))
            for g in list_groups(document)
        ],
        "answers": [
            to_json(a, history=[to_json(v) for v in versions[a.id]])
            for a in (answers[q.id] for q in questions if q.id in answers)
        ],
        "findings": [
            to_json(f, history=[to_json(e) for e in events[f.id]]) for f in list_findings(document)
        ],
        "documents": [to_json(d) for d in list_documents(document)],
        "sessions": [to_json(s) for s in list_sessions(document)],
        "steps": _steps(document),
        "activities": [to_json(a) for a in list_activities(document)],
        "plan": _plan_records(document),
        "integrity_profile": [cell.as_dict() for cell in integrity_profile(document)],
        "conflicts": [to_json(c) for c in reading.conflicts(document)],
        "merge_log": [to_json(entry) for entry in reading.merge_log(document)],
    }


def _steps(document: AssessmentDocument) -> list[dict[str, Any]]:
    """The dates set for IDG Part II's steps (schema 7), a record per step set."""
    from idg_desktop.services.steps import step_records, step_titles

    titles = step_titles(document)
    return [
        to_json(record, title=titles.get(number, ""))
        for number, record in sorted(step_records(document).items())
    ]


def _plan_records(document: AssessmentDocument) -> dict[str, Any]:
    """The results chain, KPIs, SMART confirmations and endorsements, flat."""
    return {
        "outcomes": [to_json(o) for o in reading.outcomes(document)],
        "outputs": [to_json(o) for o in reading.outputs(document)],
        "kpis": [to_json(k) for k in list_kpis(document)],
        "smart_confirmations": [to_json(t) for t in reading.smart_confirmations(document)],
        "adoptions": [to_json(a) for a in list_adoptions(document)],
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
        return write_all(LISTING["plan_kpi"], node.kpis)

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
        "adoptions": write_all(LISTING["plan_adoption"], plan.adoptions),
    }


def plan_tree_of(document: AssessmentDocument) -> dict[str, Any]:
    return plan_tree(action_plan(document))


def export_json_text(document: AssessmentDocument) -> str:
    return json.dumps(export_assessment(document), ensure_ascii=False, indent=1) + "\n"
