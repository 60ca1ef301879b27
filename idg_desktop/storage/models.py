"""The tables of an assessment file (schema documented in ``docs/file-format.md``).

Every record that people create carries a stable UUID (records are made on
different laptops offline), its ``created_at``/``updated_at`` timestamps (UTC),
its ``origin`` (the installation id of the laptop that last wrote it) and a
``revision`` that grows by one at each change: merges compare revisions against
a base, never the laptops' clocks. Framework rows (sections, questions) are
keyed by the guide's own ids (``TR``, ``TR-20``), which are stable by nature.

Why one long module: it is a declaration, one class per table of one schema
(``SCHEMA_VERSION`` in ``migrations.py``); the tables refer to one another and
are read together, and splitting them would only scatter the schema.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class Tracked:
    """Columns every user-made record has: id, timestamps, origin, revision."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(64), default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)


def _link_key(table: str) -> Mapped[str]:
    """Half of a link table's key: a row of ``table``; the link goes with it."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), primary_key=True)


def _kpis() -> Mapped[list[Kpi]]:
    """The KPIs that measure an activity, output or outcome, in their order."""
    return relationship(cascade="all, delete-orphan", order_by="Kpi.position", passive_deletes=True)


class Meta(Base):
    """Key/value facts about the file itself (schema version, creator...)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class FrameworkCopy(Base):
    """The whole framework JSON the assessment was created with."""

    __tablename__ = "framework"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)


class Section(Base):
    __tablename__ = "section"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    in_scope: Mapped[bool] = mapped_column(Boolean, default=True)


class SubArea(Base):
    __tablename__ = "subarea"
    __table_args__ = (UniqueConstraint("section_code", "label"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    section_code: Mapped[str] = mapped_column(ForeignKey("section.code"))
    label: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class Question(Base):
    """A checklist question: the guide's (``TR-20``) or the document's own (``TR-C1``)."""

    __tablename__ = "question"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    section_code: Mapped[str] = mapped_column(ForeignKey("section.code"), index=True)
    subarea_label: Mapped[str] = mapped_column(String(8), default="")
    part: Mapped[str] = mapped_column(String(4), default="")
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    custom: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(64), default="")


class Assessment(Tracked, Base):
    """The one assessment this file holds: its scope (IDG Part II step 1)."""

    __tablename__ = "assessment"
    title: Mapped[str] = mapped_column(Text)
    administration: Mapped[str] = mapped_column(Text)
    mode: Mapped[str] = mapped_column(String(16))
    comprehensive: Mapped[bool] = mapped_column(Boolean, default=True)
    continuous: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[str] = mapped_column(String(10), default="")
    end_date: Mapped[str] = mapped_column(String(10), default="")
    location: Mapped[str] = mapped_column(Text, default="")
    responsible_unit: Mapped[str] = mapped_column(Text, default="")
    responsible_persons: Mapped[str] = mapped_column(Text, default="")
    #: Annex 5 terms-of-reference fields, as a JSON object keyed by field key.
    terms_of_reference: Mapped[str] = mapped_column(Text, default="{}")


class Participant(Tracked, Base):
    __tablename__ = "participant"
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text, default="")
    expertise: Mapped[str] = mapped_column(Text, default="")
    external: Mapped[bool] = mapped_column(Boolean, default=False)
    stakeholder: Mapped[str] = mapped_column(String(32), default="customs")
    gender: Mapped[str] = mapped_column(String(16), default="undisclosed")
    role: Mapped[str] = mapped_column(String(32), default="contributor")
    email: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class WorkingGroup(Tracked, Base):
    __tablename__ = "working_group"
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    rapporteur_id: Mapped[str | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True
    )
    sections: Mapped[list[GroupSection]] = relationship(
        cascade="all, delete-orphan", order_by="GroupSection.section_code"
    )
    members: Mapped[list[GroupMember]] = relationship(cascade="all, delete-orphan")


class GroupSection(Base):
    """A section given to a group; a section is in at most one group."""

    __tablename__ = "group_section"
    section_code: Mapped[str] = mapped_column(ForeignKey("section.code"), primary_key=True)
    group_id: Mapped[str] = mapped_column(
        ForeignKey("working_group.id", ondelete="CASCADE"), index=True
    )


class GroupMember(Base):
    """A participant in a group; a participant is in at most one group."""

    __tablename__ = "group_member"
    participant_id: Mapped[str] = _link_key("participant")
    group_id: Mapped[str] = mapped_column(
        ForeignKey("working_group.id", ondelete="CASCADE"), index=True
    )


class Answer(Tracked, Base):
    """The one consolidated answer to a question (earlier versions in history)."""

    __tablename__ = "answer"
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[str] = mapped_column(String(24), default="not-assessed")
    #: Figure 5's three questions; NULL while unanswered.
    measure_exists: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    measure_applied: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    measure_effective: Mapped[str | None] = mapped_column(String(8), nullable=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    marked_for_review: Mapped[bool] = mapped_column(Boolean, default=False)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    group_id: Mapped[str | None] = mapped_column(
        ForeignKey("working_group.id", ondelete="SET NULL"), nullable=True
    )
    author_id: Mapped[str | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True
    )


class AnswerVersion(Base):
    """An earlier version of an answer, kept when the answer changes."""

    __tablename__ = "answer_version"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[str] = mapped_column(String(24))
    evidence: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    group_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    written_at: Mapped[datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(64), default="")


class Finding(Tracked, Base):
    __tablename__ = "finding"
    section_code: Mapped[str] = mapped_column(ForeignKey("section.code"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    proposed_action: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    group_id: Mapped[str | None] = mapped_column(
        ForeignKey("working_group.id", ondelete="SET NULL"), nullable=True
    )
    author_id: Mapped[str | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), nullable=True
    )
    merged_into_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    questions: Mapped[list[FindingQuestion]] = relationship(
        cascade="all, delete-orphan", order_by="FindingQuestion.position"
    )


class FindingQuestion(Base):
    __tablename__ = "finding_question"
    finding_id: Mapped[str] = _link_key("finding")
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class FindingEvent(Base):
    """The history of a finding: created, edited, agreed, merged, rejected..."""

    __tablename__ = "finding_event"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    finding_id: Mapped[str] = mapped_column(
        ForeignKey("finding.id", ondelete="CASCADE"), index=True
    )
    revision: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    proposed_action: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(64), default="")


class BackgroundDocument(Tracked, Base):
    """A document reviewed in Step 3, optionally with the file attached."""

    __tablename__ = "background_document"
    kind: Mapped[str] = mapped_column(String(64), default="other")
    title: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sha256: Mapped[str] = mapped_column(String(64), default="")


class WorkshopSession(Tracked, Base):
    """A session of the workshop's agenda (Step 4) — the report's "activities held"."""

    __tablename__ = "workshop_session"
    date: Mapped[str] = mapped_column(String(10))
    start: Mapped[str] = mapped_column(String(5), default="")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    topic: Mapped[str] = mapped_column(Text)
    participants: Mapped[list[SessionParticipant]] = relationship(cascade="all, delete-orphan")


class SessionParticipant(Base):
    __tablename__ = "session_participant"
    session_id: Mapped[str] = _link_key("workshop_session")
    participant_id: Mapped[str] = _link_key("participant")


# -- schema 2: merging the working groups' packages -----------------------------


class Conflict(Tracked, Base):
    """A record changed on more than one side since the base a package carries.

    Every competing version is kept (``conflict_version``) with its origin
    until the facilitator keeps one or writes a consolidated text; nothing is
    overwritten silently.
    """

    __tablename__ = "conflict"
    record_type: Mapped[str] = mapped_column(String(16))  # "answer" or "finding"
    record_key: Mapped[str] = mapped_column(String(36), index=True)  # question id or finding id
    section_code: Mapped[str] = mapped_column(String(8), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / resolved
    resolution: Mapped[str] = mapped_column(Text, default="")  # origin kept, or "consolidated"
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: Schema 6: the consolidated text being written in the window, kept until
    #: the conflict is resolved (nothing typed is lost when the window closes).
    draft: Mapped[str] = mapped_column(Text, default="")
    versions: Mapped[list[ConflictVersion]] = relationship(
        cascade="all, delete-orphan", order_by="ConflictVersion.position"
    )


class ConflictVersion(Base):
    """One competing version of a conflicting record, with where it came from."""

    __tablename__ = "conflict_version"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    conflict_id: Mapped[str] = mapped_column(
        ForeignKey("conflict.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(Text)  # "master" or the group's name
    package_id: Mapped[str] = mapped_column(String(36), default="")
    content: Mapped[str] = mapped_column(Text)  # the record's fields, as JSON


class MergeLog(Tracked, Base):
    """One import of a package or workbook: who, when, what came in, what conflicted."""

    __tablename__ = "merge_log"
    package_id: Mapped[str] = mapped_column(String(36), index=True)
    source: Mapped[str] = mapped_column(String(16))  # "package" or "workbook"
    group_name: Mapped[str] = mapped_column(Text, default="")
    imported_by: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(24))  # merged / conflicts / already-imported
    summary: Mapped[str] = mapped_column(Text, default="{}")  # counts and ids, as JSON


# -- schema 3: activities and their priorities (IDG Part III) --------------------


class Activity(Tracked, Base):
    """An activity of the integrity action plan, rated on the eight criteria of
    Part III step 1 (each NULL until rated: never silently medium)."""

    __tablename__ = "activity"
    title: Mapped[str] = mapped_column(Text)
    section_code: Mapped[str] = mapped_column(ForeignKey("section.code"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    importance: Mapped[str | None] = mapped_column(String(8), nullable=True)
    urgency: Mapped[str | None] = mapped_column(String(8), nullable=True)
    consequence: Mapped[str | None] = mapped_column(String(8), nullable=True)
    commitment: Mapped[str | None] = mapped_column(String(8), nullable=True)
    impact: Mapped[str | None] = mapped_column(String(8), nullable=True)
    obligations: Mapped[str | None] = mapped_column(String(8), nullable=True)
    ease: Mapped[str | None] = mapped_column(String(8), nullable=True)
    cost: Mapped[str | None] = mapped_column(String(8), nullable=True)
    #: A band chosen by the working group over the computed one, with why.
    priority_override: Mapped[str] = mapped_column(String(8), default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # -- schema 4: the activity's line of the action plan (Annex 9, Figure 14) --
    output_id: Mapped[str | None] = mapped_column(
        ForeignKey("output.id", ondelete="SET NULL"), nullable=True, index=True
    )
    responsible_division: Mapped[str] = mapped_column(Text, default="")
    responsible_person: Mapped[str] = mapped_column(Text, default="")
    performance_target: Mapped[str] = mapped_column(Text, default="")
    budget: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    #: Timeline: a quarter (``2027-Q1``) or a date (``2027-03-31``), normalised.
    start: Mapped[str] = mapped_column(String(10), default="")
    due: Mapped[str] = mapped_column(String(10), default="")
    strategic_goal: Mapped[str] = mapped_column(Text, default="")
    stakeholders: Mapped[str] = mapped_column(Text, default="")
    task_origin: Mapped[str] = mapped_column(Text, default="")
    planned_result: Mapped[str] = mapped_column(Text, default="")
    staff_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    external_contributor: Mapped[str] = mapped_column(Text, default="")
    cost_source: Mapped[str] = mapped_column(Text, default="")
    #: Figure 14 scales: slightly / moderately / greatly ("" until judged).
    complexity: Mapped[str] = mapped_column(String(12), default="")
    integrity_effect: Mapped[str] = mapped_column(String(12), default="")
    # -- schema 5: left out of public versions (reports, sharing workbook) --
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    findings: Mapped[list[ActivityFinding]] = relationship(cascade="all, delete-orphan")
    kpis: Mapped[list[Kpi]] = _kpis()


class ActivityFinding(Base):
    """The findings an activity answers (one finding can give several activities)."""

    __tablename__ = "activity_finding"
    activity_id: Mapped[str] = _link_key("activity")
    finding_id: Mapped[str] = _link_key("finding")


# -- schema 4: the results chain, KPIs, SMART confirmations, adoption (Part III–IV) --


class _ResultsStep:
    """What an outcome and an output have alike. Named before ``Tracked`` among
    their bases so the columns keep the file's order: their own, these, then
    ``Tracked``'s (a test compares a new file's schema with an upgraded one)."""

    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Schema 5: left out, with everything under it, of public versions.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)


class Outcome(_ResultsStep, Tracked, Base):
    """An outcome of the results chain: ultimate, intermediate or immediate.

    An intermediate outcome sits under an ultimate one, an immediate outcome
    under an intermediate one (or either at the top when the plan is simpler).
    """

    __tablename__ = "outcome"
    level: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("outcome.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kpis: Mapped[list[Kpi]] = _kpis()


class Output(_ResultsStep, Tracked, Base):
    """An output (Annex 9's "1.1"): the short-term product of its activities."""

    __tablename__ = "output"
    outcome_id: Mapped[str] = mapped_column(
        ForeignKey("outcome.id", ondelete="CASCADE"), index=True
    )
    kpis: Mapped[list[Kpi]] = _kpis()


class Kpi(Tracked, Base):
    """A key performance indicator with its Annex 11 metadata sheet.

    It measures one outcome, one output or one activity (Part IV sets
    indicators at every level of the results chain): exactly one of the three
    ids is set (schema 5; before, every KPI belonged to an activity).
    """

    __tablename__ = "kpi"
    __table_args__ = (
        CheckConstraint(
            "(activity_id IS NOT NULL) + (outcome_id IS NOT NULL) + (output_id IS NOT NULL) = 1",
            name="kpi_one_owner",
        ),
    )
    activity_id: Mapped[str | None] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), nullable=True, index=True
    )
    outcome_id: Mapped[str | None] = mapped_column(
        ForeignKey("outcome.id", ondelete="CASCADE"), nullable=True, index=True
    )
    output_id: Mapped[str | None] = mapped_column(
        ForeignKey("output.id", ondelete="CASCADE"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    performance_dimension: Mapped[str] = mapped_column(Text, default="")
    calculation_method: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[str] = mapped_column(Text, default="")
    #: Annex 10 typology keys, as a JSON list.
    typologies: Mapped[str] = mapped_column(Text, default="[]")
    source_of_verification: Mapped[str] = mapped_column(Text, default="")
    references: Mapped[str] = mapped_column(Text, default="")
    periodicity: Mapped[str] = mapped_column(Text, default="")
    disaggregation: Mapped[str] = mapped_column(Text, default="")
    target_value: Mapped[str] = mapped_column(Text, default="")
    country_example: Mapped[str] = mapped_column(Text, default="")
    disclosure_policy: Mapped[str] = mapped_column(Text, default="")
    other_considerations: Mapped[str] = mapped_column(Text, default="")
    baseline_value: Mapped[str] = mapped_column(Text, default="")
    baseline_date: Mapped[str] = mapped_column(String(10), default="")
    #: Marked complete once every mandatory Annex 11 field is filled.
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: Schema 5: left out of public versions.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)


class SmartConfirmation(Tracked, Base):
    """A working group's tick that an objective is specific, achievable or
    relevant, and who ticked it (measurable and time-bound are computed)."""

    __tablename__ = "smart_confirmation"
    __table_args__ = (UniqueConstraint("node_id", "criterion"),)
    node_id: Mapped[str] = mapped_column(String(36), index=True)  # outcome, output or activity
    criterion: Mapped[str] = mapped_column(String(16))  # specific / achievable / relevant
    confirmed_by: Mapped[str] = mapped_column(Text)


class Adoption(Tracked, Base):
    """An endorsement of the action plan (Part III step 6)."""

    __tablename__ = "adoption"
    endorsed_by: Mapped[str] = mapped_column(Text)
    endorsed_on: Mapped[str] = mapped_column(String(10))
    strategy_link: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class AssessmentStep(Tracked, Base):
    """When one of IDG Part II's six steps took place (schema 7): facts the
    facilitator sets (proposed from the scope's period and the agenda), never
    derived from when records were typed. Dates are ``YYYY-MM-DD`` or ""."""

    __tablename__ = "assessment_step"
    number: Mapped[int] = mapped_column(Integer, unique=True)
    start_date: Mapped[str] = mapped_column(String(10), default="")
    end_date: Mapped[str] = mapped_column(String(10), default="")
