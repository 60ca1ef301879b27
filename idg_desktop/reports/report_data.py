"""The plain data a report prints (declarations): what :func:`read_report
<idg_desktop.reports.content.read_report>` reads once from the services, with
names already pseudonymised and confidential parts already left out, and what
the report modules lay out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from idg_desktop.domain import records
from idg_desktop.services.profile import ProfileCell


@dataclass
class Question:
    id: str
    section: str
    subarea: str
    text: str
    answer: str = ""
    rating: str = "not-assessed"
    evidence: str = ""
    withheld: bool = False  # a confidential answer left out of a public report


@dataclass
class Section:
    code: str
    title: str
    category: str
    in_scope: bool
    subareas: dict[str, str]  # label → title
    questions: list[Question] = field(default_factory=list)


@dataclass
class Finding:
    section: str
    kind: str
    text: str
    proposed_action: str
    status: str
    questions: list[str]
    confidential: bool


@dataclass
class Participant:
    name: str
    role: str
    unit: str
    stakeholder: str
    external: bool


@dataclass
class Group:
    id: str
    name: str
    sections: list[str]
    members: list[str]
    rapporteur: str


@dataclass
class Session:
    date: str
    start: str
    minutes: int
    topic: str
    participants: list[str]


@dataclass
class Activity:
    id: str
    code: str  # A1, A2... in the plan; "" when not yet in it
    title: str
    section: str
    band: str
    description: str
    ratings: dict[str, str | None]
    plan: dict[str, str]
    kpis: list[str]  # each KPI's name, target value and baseline (kpi_line)


@dataclass
class Output:
    code: str
    title: str
    activities: list[Activity]
    kpis: list[str] = field(default_factory=list)  # its own KPIs (Part IV)


@dataclass
class Outcome:
    code: str
    level: str
    title: str
    description: str
    outcomes: list[Outcome]
    outputs: list[Output]
    kpis: list[str] = field(default_factory=list)  # its own KPIs (Part IV)


@dataclass
class KpiSheet:
    activity: str  # what it measures: "Activity A1 Title", "Output 1.1.1 Title"...
    name: str
    complete: bool
    fields: list[tuple[str, str, str, bool]]  # letter, label, value, mandatory


@dataclass
class Report:
    #: The assessment's scope, its free text pseudonymised when asked
    #: (``dataclasses.replace`` of the service's snapshot).
    scope: records.Assessment
    mode: str  # the scope's mode in words ("Mode 1: external facilitation, in-country")
    terms_of_reference: list[tuple[str, str, str]]  # label, value, group
    sections: list[Section]
    participants: list[Participant]
    groups: list[Group]
    sessions: list[Session]
    findings: list[Finding]
    profile: list[ProfileCell]
    activities: list[Activity]
    matrix: list  # MatrixCell (x, y, activity ids, quick_results, entries)
    unplaced: list[str]
    outcomes: list[Outcome]
    not_in_plan: list[Activity]
    kpis: list[KpiSheet]
    adoptions: list[tuple[str, str, str, str]]  # by, on, strategy link, note
    steps: list[tuple[int, str, str, str]]  # number, title, when, what was done
    documents: int
    pseudonymised: bool
    public: bool
    today: str = field(default_factory=lambda: date.today().isoformat())
    #: Conflicts of the groups' packages still open: the report is then a draft.
    open_conflicts: int = 0

    def in_scope(self) -> list[Section]:
        return [s for s in self.sections if s.in_scope]

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)
