"""What the slides show, read once through the services into plain frozen data.

Nothing is left out here: confidential findings, answers and plan parts are
read with their marks, and :mod:`compose` leaves them out (or shows them, one
by one) — so the window can reveal an item without reading the file again.
Names are pseudonymised here when asked (``reports/privacy.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from idg_desktop.domain.plurals import gettext
from idg_desktop.domain.vocabulary import FINDING_KIND_LABELS, label_of
from idg_desktop.reports.privacy import Person, Pseudonyms
from idg_desktop.reports.words import ROLES
from idg_desktop.services.activities import list_activities, priority_matrix
from idg_desktop.services.assessment import assessment_of
from idg_desktop.services.by_section import (
    answers_by_question,
    every_question,
    every_section,
    every_subarea,
)
from idg_desktop.services.findings import list_findings
from idg_desktop.services.groups import group_sections, list_groups
from idg_desktop.services.participants import list_participants
from idg_desktop.services.plan import action_plan, hidden_ids
from idg_desktop.storage.document import AssessmentDocument


@dataclass(frozen=True)
class QuestionData:
    id: str
    subarea: str
    rating: str
    confidential: bool


@dataclass(frozen=True)
class SectionData:
    code: str
    title: str
    group: str  # "" when no working group holds it
    rapporteur: str
    subareas: tuple[tuple[str, str], ...]  # label, title
    questions: tuple[QuestionData, ...]


@dataclass(frozen=True)
class FindingData:
    id: str
    section: str
    kind: str  # the words ("Weakness / risk")
    text: str
    action: str
    status: str
    questions: tuple[str, ...]  # the questions' references (LC-1)
    confidential: bool
    merged_into: str = ""  # a merged finding: the opening words of the one it went into


@dataclass(frozen=True)
class PlanLine:
    id: str
    depth: int
    text: str  # "1.1 Intermediate outcome: …", "A3 …"
    hidden_by: str = ""  # the Hidden id ("plan:<id>") of the confidential part it sits in


@dataclass(frozen=True)
class MatrixData:
    cells: tuple  # services.activities.MatrixCell, rows from high to low impact
    names: tuple[tuple[str, str], ...]  # activity id, its code (or short title)
    hidden_by: tuple[tuple[str, str], ...]  # activity id, Hidden id
    titles: tuple[tuple[str, str], ...] = ()  # activity id, its title: the legend, by code


@dataclass(frozen=True)
class SlideSource:
    title: str
    administration: str
    period: str
    sections: tuple[SectionData, ...]  # in scope: the working groups' order, then the framework's
    findings: tuple[FindingData, ...]
    plan: tuple[PlanLine, ...]
    matrix: MatrixData
    pseudonymised: bool


def read_slides(document: AssessmentDocument, *, pseudonymise: bool = False) -> SlideSource:
    people = list_participants(document)
    names = Pseudonyms([Person(p.id, p.name, p.role) for p in people], enabled=pseudonymise)
    clean = names.clean
    scope = assessment_of(document)
    return SlideSource(
        title=clean(scope.title),
        administration=clean(scope.administration),
        period=period(scope.start_date, scope.end_date),
        sections=_sections(document, names),
        findings=_findings(document, clean),
        plan=_plan(document, clean),
        matrix=_matrix(document, clean),
        pseudonymised=pseudonymise,
    )


def _sections(document: AssessmentDocument, names: Pseudonyms) -> tuple[SectionData, ...]:
    sections = {s.code: s for s in every_section(document) if s.in_scope}
    held: dict[str, tuple[str, str]] = {}
    order: list[str] = []
    for group in list_groups(document):
        for code in group_sections(document, group):
            if code in sections and code not in held:
                rapporteur = role_once(names.name(group.rapporteur_id), names.enabled)
                held[code] = (names.clean(group.name), rapporteur)
                order.append(code)
    order += [code for code in sections if code not in held]
    subareas: dict[str, list[tuple[str, str]]] = {}
    for sub in every_subarea(document):
        subareas.setdefault(sub.section_code, []).append((sub.label, names.clean(sub.title)))
    answers = answers_by_question(document)
    questions: dict[str, list[QuestionData]] = {}
    for q in every_question(document):
        answer = answers.get(q.id)
        questions.setdefault(q.section_code, []).append(
            QuestionData(
                q.id,
                q.subarea_label,
                answer.rating if answer else "not-assessed",
                bool(answer and answer.confidential),
            )
        )
    return tuple(
        SectionData(
            code,
            sections[code].title,
            *held.get(code, ("", "")),
            tuple(subareas.get(code, [])),
            tuple(questions.get(code, [])),
        )
        for code in order
    )


def _findings(document: AssessmentDocument, clean) -> tuple[FindingData, ...]:
    from idg_desktop.services.by_section import questions_of_findings

    linked = questions_of_findings(document)
    every = list_findings(document)
    by_id = {f.id: f for f in every}

    def kept(f) -> str:
        target = by_id.get(f.merged_into_id or "") if f.status == "merged" else None
        if target is None:
            return ""
        if target.confidential:  # its words are not for the room
            return gettext("a confidential finding")
        words = clean(target.text)
        return words if len(words) <= 90 else words[:89].rstrip() + "…"

    return tuple(
        FindingData(
            f.id,
            f.section_code,
            label_of(f.kind, FINDING_KIND_LABELS),
            clean(f.text),
            clean(f.proposed_action),
            f.status,
            tuple(linked.get(f.id, [])),
            f.confidential,
            kept(f),
        )
        for f in every
    )


def _plan(document: AssessmentDocument, clean) -> tuple[PlanLine, ...]:
    plan = action_plan(document)
    hidden = hidden_ids(document)
    lines: list[PlanLine] = []

    def add(record_id: str, depth: int, text: str, within: str) -> str:
        if not within and record_id in hidden:
            within = f"plan:{record_id}"
        lines.append(PlanLine(record_id, depth, text, within))
        return within

    def outcome(node, depth: int, within: str) -> None:
        level = label_of(node.outcome.level)
        inner = add(
            node.outcome.id,
            depth,
            gettext(
                "{code} {level} outcome: {title}",
                code=node.code,
                level=gettext(level),
                title=clean(node.outcome.title),
            ),
            within,
        )
        for child in node.outcomes:
            outcome(child, depth + 1, inner)
        for out in node.outputs:
            below = add(out.output.id, depth + 1, f"{out.code} {clean(out.output.title)}", inner)
            for a in out.activities:
                add(a.activity.id, depth + 2, f"{a.code} {clean(a.activity.title)}", below)

    for top in plan.outcomes:
        outcome(top, 0, "")
    labels = _labels(plan)
    for a in plan.unplaced:
        title = clean(a.activity.title)
        text = gettext(
            "{code} (not in the plan yet): {title}", code=labels[a.activity.id], title=title
        )
        add(a.activity.id, 0, text, "")
    return tuple(lines)


def _labels(plan) -> dict[str, str]:
    """Each activity's code in the plan; "New 1", "New 2"... for those not in it yet."""
    found = {}
    new = 0
    for node in plan.nodes():
        if hasattr(node, "activity"):
            if not node.code:
                new += 1
            found[node.activity.id] = node.code or gettext("New {n}", n=new)
    return found


def _matrix(document: AssessmentDocument, clean) -> MatrixData:
    cells, _ = priority_matrix(document)
    labels = _labels(action_plan(document))
    activities = list_activities(document)
    names = [(a.id, labels.get(a.id, "?")) for a in activities]
    within = {line.id: line.hidden_by for line in _plan(document, clean) if line.hidden_by}
    titles = [(a.id, clean(a.title)) for a in activities if a.id in labels]
    order = list(labels)  # the plan's order: A1, A2... then those not in it yet
    titles.sort(key=lambda pair: order.index(pair[0]))
    return MatrixData(tuple(cells), tuple(names), tuple(within.items()), tuple(titles))


def role_once(label: str, pseudonymised: bool) -> str:
    """A rapporteur's pseudonym without the role said twice: "Rapporteur: I. K."
    where the reports' rule gives "Rapporteur (I. K.)" (another role is kept:
    "Rapporteur: Facilitator (A. B.)")."""
    role = ROLES["rapporteur"]
    prefix = f"{role} ("
    if pseudonymised and label.startswith(prefix) and ")" in label:
        inner, _, rest = label[len(prefix) :].partition(")")
        return f"{inner}{rest}"
    return label


def _month(number: int) -> str:
    """The month's name (1 is January), from the catalogue."""
    return (
        gettext("January"),
        gettext("February"),
        gettext("March"),
        gettext("April"),
        gettext("May"),
        gettext("June"),
        gettext("July"),
        gettext("August"),
        gettext("September"),
        gettext("October"),
        gettext("November"),
        gettext("December"),
    )[number - 1]


def period(start: str | None, end: str | None) -> str:
    """``"9–13 March 2026"`` from ISO dates; what is given when only one is."""

    def parts(value: str) -> tuple[int, str, str] | None:
        try:
            y, m, d = (int(p) for p in value.split("-"))
            if not 1 <= m <= 12:
                return None
            return d, _month(m), str(y)
        except (ValueError, IndexError):
            return None

    first, last = parts(start or ""), parts(end or "")
    if first and last:
        if first[1:] == last[1:]:
            return f"{first[0]}–{last[0]} {last[1]} {last[2]}"
        if first[2] == last[2]:
            return f"{first[0]} {first[1]} – {last[0]} {last[1]} {last[2]}"
        return f"{' '.join(map(str, first))} – {' '.join(map(str, last))}"
    one = first or last
    return " ".join(map(str, one)) if one else (start or end or "")
