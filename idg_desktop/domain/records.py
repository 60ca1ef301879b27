"""The read model: one frozen snapshot per record kind.

Everything that leaves the services for the window, the command line or a file
format is one of these, never an ORM row: the services make them
(``services/snapshots.py`` ``snapshot()``), the formats map them to their wire
names (``exports/wire.py``), the Qt models hold them. A snapshot's field names
are the file's column names; a record's links to others (a group's sections, a
finding's questions) are tuples of ids. ``tests/test_read_model.py`` walks the
file's schema and fails when a table has no snapshot here (or is not named in
:data:`PART_OF` as part of one) — so a new record kind cannot be forgotten by
an export.

``KIND`` is the record kind in the domain's words; the window's pages subscribe
to kinds (``Kind.FINDING``), not to table names.

Declarations: this module is long because it lists every field of every kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar


class Kind:
    """The record kinds, as the window's pages subscribe to them."""

    ASSESSMENT = "assessment"
    STEP = "step"
    SECTION = "section"
    QUESTION = "question"
    PARTICIPANT = "participant"
    GROUP = "group"
    SESSION = "session"
    DOCUMENT = "document"
    ANSWER = "answer"
    FINDING = "finding"
    CONFLICT = "conflict"
    MERGE_LOG = "merge_log"
    OUTCOME = "outcome"
    OUTPUT = "output"
    ACTIVITY = "activity"
    KPI = "kpi"
    SMART_CONFIRMATION = "smart_confirmation"
    ADOPTION = "adoption"
    #: Any kind: a change whose extent is not known (undo of an import, a reload).
    ANY = "*"


_frozen = dataclass(frozen=True, slots=True, kw_only=True)


def _snapshot(table: str, kind: str):
    """Declare the frozen snapshot of ``table``'s rows, a record of ``kind``."""

    def declare(cls):
        cls = _frozen(cls)
        cls.TABLE, cls.KIND = table, kind
        return cls

    return declare


class _Record:
    __slots__ = ()
    TABLE: ClassVar[str]
    KIND: ClassVar[str]


@_frozen
class _Tracked(_Record):
    """What every record that travels between laptops carries."""

    id: str
    created_at: datetime
    updated_at: datetime
    origin: str
    revision: int


@_snapshot("assessment", Kind.ASSESSMENT)
class Assessment(_Tracked):
    """The one assessment this file holds: its scope (IDG Part II step 1)."""

    title: str
    administration: str
    mode: str
    comprehensive: bool
    continuous: bool
    start_date: str
    end_date: str
    location: str
    responsible_unit: str
    responsible_persons: str
    terms_of_reference: str


@_snapshot("assessment_step", Kind.STEP)
class AssessmentStep(_Tracked):
    """When one of IDG Part II's six steps took place."""

    number: int
    start_date: str
    end_date: str


@_snapshot("framework", Kind.QUESTION)
class FrameworkCopy(_Record):
    """The whole framework JSON the assessment was created with."""

    id: str
    version: int
    content: str


@_snapshot("section", Kind.SECTION)
class Section(_Record):
    """A section of the checklist (an IDG factor), in scope or not."""

    code: str
    title: str
    category: str
    position: int
    in_scope: bool


@_snapshot("subarea", Kind.QUESTION)
class SubArea(_Record):
    """A sub-area of a section (the guide's lettered headings)."""

    id: int
    section_code: str
    label: str
    title: str
    position: int


@_snapshot("question", Kind.QUESTION)
class Question(_Record):
    """A checklist question: the guide's (``TR-20``) or the document's own (``TR-C1``)."""

    id: str
    section_code: str
    subarea_label: str
    part: str
    number: int
    text: str
    custom: bool
    position: int
    created_at: datetime
    origin: str


@_snapshot("participant", Kind.PARTICIPANT)
class Participant(_Tracked):
    """A person taking part in the assessment."""

    name: str
    unit: str
    expertise: str
    external: bool
    stakeholder: str
    gender: str
    role: str
    email: str
    notes: str


@_snapshot("working_group", Kind.GROUP)
class WorkingGroup(_Tracked):
    """A working group, with the sections it answers and its members."""

    name: str
    position: int
    rapporteur_id: str | None
    section_codes: tuple[str, ...]  # the sections the group answers, in order
    member_ids: tuple[str, ...]  # its members' participant ids


@_snapshot("workshop_session", Kind.SESSION)
class WorkshopSession(_Tracked):
    """A session of the workshop's agenda (Step 4) — the report's "activities held"."""

    date: str
    start: str
    duration_minutes: int
    topic: str
    participant_ids: tuple[str, ...]  # who attended


@_snapshot("background_document", Kind.DOCUMENT)
class BackgroundDocument(_Tracked):
    """A document reviewed in Step 3, optionally with the file attached."""

    kind: str
    title: str
    reference: str
    notes: str
    file_name: str
    content: bytes | None
    sha256: str


@_snapshot("answer", Kind.ANSWER)
class Answer(_Tracked):
    """The one consolidated answer to a question (earlier versions in history)."""

    question_id: str
    text: str
    rating: str
    measure_exists: bool | None
    measure_applied: bool | None
    measure_effective: str | None
    evidence: str
    marked_for_review: bool
    reviewed: bool
    confidential: bool
    group_id: str | None
    author_id: str | None


@_snapshot("answer_version", Kind.ANSWER)
class AnswerVersion(_Record):
    """An earlier version of an answer, kept when the answer changes."""

    id: str
    answer_id: str
    revision: int
    text: str
    rating: str
    evidence: str
    author_id: str | None
    group_id: str | None
    written_at: datetime
    origin: str


@_snapshot("finding", Kind.FINDING)
class Finding(_Tracked):
    """A strength or weakness a working group found, with the questions it rests on."""

    section_code: str
    kind: str
    text: str
    proposed_action: str
    status: str
    confidential: bool
    group_id: str | None
    author_id: str | None
    merged_into_id: str | None
    question_ids: tuple[str, ...]  # the questions it rests on, in order


@_snapshot("finding_event", Kind.FINDING)
class FindingEvent(_Record):
    """The history of a finding: created, edited, agreed, merged, rejected..."""

    id: str
    finding_id: str
    revision: int
    action: str
    status: str
    text: str
    proposed_action: str
    note: str
    at: datetime
    origin: str


@_snapshot("conflict_version", Kind.CONFLICT)
class ConflictVersion(_Record):
    """One competing version of a conflicting record, with where it came from."""

    id: str
    conflict_id: str
    position: int
    origin: str
    package_id: str
    content: str


@_snapshot("conflict", Kind.CONFLICT)
class Conflict(_Tracked):
    """A record changed on more than one side since the base a package carries."""

    record_type: str
    record_key: str
    section_code: str
    status: str
    resolution: str
    resolved_at: datetime | None
    draft: str
    versions: tuple[ConflictVersion, ...]  # every version, in position order


@_snapshot("merge_log", Kind.MERGE_LOG)
class MergeLog(_Tracked):
    """One import of a package or workbook: who, when, what came in, what conflicted."""

    package_id: str
    source: str
    group_name: str
    imported_by: str
    outcome: str
    summary: str


@_snapshot("outcome", Kind.OUTCOME)
class Outcome(_Tracked):
    """An outcome of the results chain: ultimate, intermediate or immediate."""

    level: str
    parent_id: str | None
    title: str
    description: str
    position: int
    confidential: bool


@_snapshot("output", Kind.OUTPUT)
class Output(_Tracked):
    """An output (Annex 9's "1.1"): the short-term product of its activities."""

    outcome_id: str
    title: str
    description: str
    position: int
    confidential: bool


@_snapshot("activity", Kind.ACTIVITY)
class Activity(_Tracked):
    """An activity of the integrity action plan, rated on the eight criteria."""

    title: str
    section_code: str
    description: str
    importance: str | None
    urgency: str | None
    consequence: str | None
    commitment: str | None
    impact: str | None
    obligations: str | None
    ease: str | None
    cost: str | None
    priority_override: str
    override_reason: str
    position: int
    output_id: str | None
    responsible_division: str
    responsible_person: str
    performance_target: str
    budget: str
    resources: str
    start: str
    due: str
    strategic_goal: str
    stakeholders: str
    task_origin: str
    planned_result: str
    staff_count: int | None
    external_contributor: str
    cost_source: str
    complexity: str
    integrity_effect: str
    confidential: bool
    finding_ids: tuple[str, ...]  # the findings it answers


@_snapshot("kpi", Kind.KPI)
class Kpi(_Tracked):
    """A key performance indicator with its Annex 11 metadata sheet."""

    activity_id: str | None
    outcome_id: str | None
    output_id: str | None
    name: str
    description: str
    performance_dimension: str
    calculation_method: str
    rationale: str
    links: str
    typologies: str
    source_of_verification: str
    references: str
    periodicity: str
    disaggregation: str
    target_value: str
    country_example: str
    disclosure_policy: str
    other_considerations: str
    baseline_value: str
    baseline_date: str
    complete: bool
    position: int
    confidential: bool


@_snapshot("smart_confirmation", Kind.SMART_CONFIRMATION)
class SmartConfirmation(_Tracked):
    """A working group's tick that an objective is specific, achievable or relevant."""

    node_id: str
    criterion: str
    confirmed_by: str


@_snapshot("adoption", Kind.ADOPTION)
class Adoption(_Tracked):
    """An endorsement of the action plan (Part III step 6)."""

    endorsed_by: str
    endorsed_on: str
    strategy_link: str
    note: str


#: Every snapshot kind, in the order a reader meets them.
SNAPSHOTS: tuple[type[_Record], ...] = (
    Assessment,
    AssessmentStep,
    FrameworkCopy,
    Section,
    SubArea,
    Question,
    Participant,
    WorkingGroup,
    WorkshopSession,
    BackgroundDocument,
    Answer,
    AnswerVersion,
    Finding,
    FindingEvent,
    ConflictVersion,
    Conflict,
    MergeLog,
    Outcome,
    Output,
    Activity,
    Kpi,
    SmartConfirmation,
    Adoption,
)

#: Tables that are not records of their own but part of one: link rows that
#: appear as a tuple field of their owner's snapshot, and the file's own keys.
PART_OF: dict[str, tuple[type[_Record] | None, str]] = {
    "group_section": (WorkingGroup, "section_codes"),
    "group_member": (WorkingGroup, "member_ids"),
    "session_participant": (WorkshopSession, "participant_ids"),
    "finding_question": (Finding, "question_ids"),
    "activity_finding": (Activity, "finding_ids"),
    # the file's identity and format version: not a record (storage/fileformat.py)
    "meta": (None, ""),
}

#: The record kind a change to a table touches (what pages subscribe to).
KIND_OF_TABLE: dict[str, str] = {
    **{cls.TABLE: cls.KIND for cls in SNAPSHOTS},
    **{table: owner.KIND for table, (owner, _) in PART_OF.items() if owner is not None},
    "meta": Kind.ASSESSMENT,
}


def kinds_of(tables: frozenset[str] | set[str]) -> frozenset[str]:
    """The record kinds a change to ``tables`` touches (``"*"`` stays ``"*"``)."""
    return frozenset(KIND_OF_TABLE.get(table, Kind.ANY) for table in tables)
