"""Everything a report prints, read once through the services into plain data.

:func:`read_report` applies the two choices that change *what* is printed:
``pseudonymise`` (participants' names → role and initials, in every text) and
``public`` (confidential answers, findings and parts of the action plan left
out: an outcome, output, activity or KPI marked confidential with everything
under it, from the plan, the KPI sheets, the matrix and the key messages). The report modules
only lay this data out (declared in ``reports/report_data.py``, re-exported
here); none of them reads the document.
"""

from __future__ import annotations

from dataclasses import replace

from idg_desktop.domain.plurals import ngettext
from idg_desktop.exchange.merge import open_conflict_count
from idg_desktop.reports.privacy import Person, Pseudonyms
from idg_desktop.reports.report_data import (
    Activity,
    Finding,
    Group,
    KpiSheet,
    Outcome,
    Output,
    Participant,
    Question,
    Report,
    Section,
    Session,
)
from idg_desktop.reports.words import MODES, ROLES, STAKEHOLDERS
from idg_desktop.services.activities import band_of, list_activities, priority_matrix
from idg_desktop.services.agenda import list_sessions
from idg_desktop.services.assessment import assessment_of, framework_of, terms_of_reference
from idg_desktop.services.background import list_documents
from idg_desktop.services.by_section import (
    answers_by_question,
    every_question,
    every_section,
    every_subarea,
    questions_of_findings,
)
from idg_desktop.services.findings import list_findings
from idg_desktop.services.groups import group_sections, list_groups
from idg_desktop.services.participants import list_participants
from idg_desktop.services.plan import (
    PLAN_FIELDS,
    action_plan,
    hidden_ids,
    kpi_fields,
    kpi_owner_id,
    kpi_sheet,
    kpi_typologies,
    list_kpis,
)
from idg_desktop.services.profile import integrity_profile
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

__all__ = [
    "SHOWN_STATUSES",
    "Activity",
    "Finding",
    "Group",
    "KpiSheet",
    "Outcome",
    "Output",
    "Participant",
    "Question",
    "Report",
    "Section",
    "Session",
    "kpi_line",
    "read_report",
]

#: Findings the report prints: the plenary's (and those still proposed, marked so).
SHOWN_STATUSES = ("agreed", "amended", "proposed")


#: The scope's free text, pseudonymised with the rest of the report when asked.
_FREE_TEXT = (
    "title",
    "administration",
    "location",
    "responsible_unit",
    "responsible_persons",
    "terms_of_reference",
)


def read_report(
    document: AssessmentDocument, *, pseudonymise: bool = False, public: bool = False
) -> Report:
    people = list_participants(document)
    names = Pseudonyms([Person(p.id, p.name, p.role) for p in people], enabled=pseudonymise)
    clean = names.clean
    assessment = assessment_of(document)
    framework = framework_of(document)
    # Annex 5's Date and Location are the scope's period and location
    tor_values = terms_of_reference(document)
    tor = [
        (f["label"], clean(str(tor_values.get(f["key"], "") or "")), f.get("group", ""))
        for f in framework.terms_of_reference_fields
    ]
    sections = _sections(document, clean, public)
    linked = questions_of_findings(document)
    findings = [
        Finding(
            f.section_code,
            f.kind,
            clean(f.text),
            clean(f.proposed_action),
            f.status,
            linked.get(f.id, []),
            f.confidential,
        )
        for f in list_findings(document)
        if f.status in SHOWN_STATUSES and not (public and f.confidential)
    ]
    plan = action_plan(document)
    hidden = hidden_ids(document) if public else set()
    codes = {node.activity.id: node.code for node in plan.nodes() if hasattr(node, "activity")}
    kpis = [k for k in list_kpis(document) if k.id not in hidden]
    kpi_names: dict[str, list[str]] = {}
    for kpi in kpis:
        kpi_names.setdefault(kpi_owner_id(kpi), []).append(kpi_line(kpi, clean))
    activities = {
        a.id: _activity(a, codes.get(a.id, ""), kpi_names.get(a.id, []), clean)
        for a in list_activities(document)
        if a.id not in hidden
    }
    matrix, unplaced = priority_matrix(document)
    if public:
        matrix = [
            replace(c, activities=tuple(i for i in c.activities if i not in hidden)) for c in matrix
        ]
        unplaced = [i for i in unplaced if i not in hidden]
    owners: dict[str, str] = {}

    def outcome(node) -> Outcome:
        level = node.outcome.level.capitalize()
        owners[node.outcome.id] = f"{level} outcome {node.code} {clean(node.outcome.title)}"
        for o in node.outputs:
            owners[o.output.id] = f"Output {o.code} {clean(o.output.title)}"
        return Outcome(
            node.code,
            node.outcome.level,
            clean(node.outcome.title),
            clean(node.outcome.description),
            [outcome(child) for child in node.outcomes if child.outcome.id not in hidden],
            [
                Output(
                    o.code,
                    clean(o.output.title),
                    [
                        activities[a.activity.id]
                        for a in o.activities
                        if a.activity.id in activities
                    ],
                    kpi_names.get(o.output.id, []),
                )
                for o in node.outputs
                if o.output.id not in hidden
            ],
            kpi_names.get(node.outcome.id, []),
        )

    outcomes = [outcome(node) for node in plan.outcomes if node.outcome.id not in hidden]

    labels = {
        f["key"]: (f.get("letter", ""), f["label"], bool(f.get("mandatory")))
        for f in kpi_fields(document)
    }
    typology_names = {
        t["key"]: t.get("label") or t.get("name") or t["key"] for t in kpi_typologies(document)
    }
    sheets = []
    for kpi in kpis:
        sheet = kpi_sheet(kpi)
        if kpi.activity_id:
            owner = activities.get(kpi.activity_id)
            measures = f"Activity {owner.code} {owner.title}".replace("  ", " ") if owner else ""
        else:
            measures = owners.get(kpi_owner_id(kpi), "")
        rows = []
        for key, value in sheet.items():
            letter, label, mandatory = labels.get(
                key, ("", key.replace("_", " ").capitalize(), False)
            )
            if key == "typologies":  # Annex 10's names, not the keys
                value = [typology_names.get(k, k) for k in value]
            text = ", ".join(value) if isinstance(value, list) else str(value or "")
            rows.append((letter, label, clean(text), mandatory))
        sheets.append(
            KpiSheet(
                measures.strip(),
                clean(kpi.name),
                kpi.complete,
                rows,
            )
        )
    groups = list_groups(document)
    sessions = list_sessions(document)
    documents = list_documents(document)
    report = Report(
        scope=replace(
            assessment,
            **{name: clean(getattr(assessment, name)) for name in _FREE_TEXT},
        ),
        mode=MODES.get(assessment.mode, assessment.mode),
        terms_of_reference=tor,
        sections=sections,
        participants=[
            Participant(
                names.name(p.id),
                ROLES.get(p.role, p.role),
                clean(p.unit),
                STAKEHOLDERS.get(p.stakeholder, p.stakeholder),
                p.external,
            )
            for p in people
        ],
        groups=[
            Group(
                g.id,
                clean(g.name),
                group_sections(document, g),
                [names.name(m) for m in g.member_ids],
                names.name(g.rapporteur_id),
            )
            for g in groups
        ],
        sessions=[
            Session(
                s.date,
                s.start,
                s.duration_minutes,
                clean(s.topic),
                sorted(names.name(pid) for pid in s.participant_ids),
            )
            for s in sessions
        ],
        findings=findings,
        profile=integrity_profile(document),
        activities=list(activities.values()),
        matrix=matrix,
        unplaced=unplaced,
        outcomes=outcomes,
        not_in_plan=[
            activities[n.activity.id] for n in plan.unplaced if n.activity.id in activities
        ],
        kpis=sheets,
        adoptions=[
            (clean(a.endorsed_by), a.endorsed_on, clean(a.strategy_link), clean(a.note))
            for a in plan.adoptions
        ],
        steps=[],
        documents=len(documents),
        pseudonymised=pseudonymise,
        public=public,
        open_conflicts=open_conflict_count(document),
    )
    report.steps = _steps(document, assessment, groups, documents, sessions, report)
    return report


def kpi_line(kpi: models.Kpi, clean) -> str:
    """A KPI as the action plan names it: its name, target value and baseline
    ("Offices using the register: target 14 of 14; baseline 0 of 14 (2026-03-01)")."""
    target = clean(kpi.target_value or "").strip()
    baseline = clean(kpi.baseline_value or "").strip()
    parts = [f"target {target}" if target else "target not set yet"]
    if baseline:
        when = (kpi.baseline_date or "").strip()
        parts.append(f"baseline {baseline}" + (f" ({when})" if when else ""))
    return f"{clean(kpi.name)}: {'; '.join(parts)}"


def _sections(document: AssessmentDocument, clean, public: bool) -> list[Section]:
    subareas: dict[str, dict[str, str]] = {}
    for sub in every_subarea(document):
        subareas.setdefault(sub.section_code, {})[sub.label] = sub.title
    answers = answers_by_question(document)
    result = {
        s.code: Section(s.code, s.title, s.category, s.in_scope, subareas.get(s.code, {}))
        for s in every_section(document)
    }
    for q in every_question(document):
        item = Question(q.id, q.section_code, q.subarea_label, q.text)
        answer = answers.get(q.id)
        if answer is not None:
            if public and answer.confidential:
                item.withheld = True
            else:
                item.answer = clean(answer.text)
                item.rating = answer.rating
                item.evidence = clean(answer.evidence)
        result[q.section_code].questions.append(item)
    return list(result.values())


def _activity(activity: models.Activity, code: str, kpis: list[str], clean) -> Activity:
    plan = {}
    for name in PLAN_FIELDS:
        value = getattr(activity, name)
        plan[name] = "" if value is None else clean(str(value))
    return Activity(
        activity.id,
        code,
        clean(activity.title),
        activity.section_code,
        band_of(activity),
        clean(activity.description),
        {c: getattr(activity, c) for c in ("impact", "ease", "cost", "urgency", "importance")},
        plan,
        kpis,
    )


def _steps(document, assessment, groups, documents, sessions, report: Report) -> list:
    """IDG Part II's six steps with the dates the facilitator set for each
    (schema 7): "not set" when none was, never the date records were typed."""
    from idg_desktop.services.steps import list_steps

    scope = "comprehensive" if assessment.comprehensive else "selected sections"
    endorsed = "; ".join(f"endorsed by {by} on {on}" for by, on, _, _ in report.adoptions)
    people = ngettext("{n} participant", "{n} participants", len(report.participants))
    teams = ngettext("{n} working group", "{n} working groups", len(groups))
    found = len(report.findings)
    rated = any(q.rating != "not-assessed" for s in report.sections for q in s.questions)
    done = {
        1: f"{report.mode}; {scope}",
        2: f"{teams}, {people}" if groups else people if report.participants else "",
        3: ngettext(
            "{n} background document reviewed",
            "{n} background documents reviewed",
            len(documents),
        )
        if documents
        else "",
        4: ngettext("{n} workshop session planned", "{n} workshop sessions planned", len(sessions))
        if sessions
        else "",
        5: "; ".join(
            ["checklist answered and rated"] * rated
            + [ngettext("{n} finding", "{n} findings", found)] * bool(found)
        ),
        6: f"this report; {endorsed}" if endorsed else "this report",
    }
    return [
        (step.number, step.title, step.when or "not set", done.get(step.number, ""))
        for step in list_steps(document)
    ]
