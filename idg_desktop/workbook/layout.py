"""The sheets and columns of the full assessment workbook, declared once.

``idg export xlsx`` writes them and ``idg import workbook`` reads them back
(openpyxl-templates style: each column says its header, width and how its
value goes to and from a cell). A row is a flat dict keyed by ``Column.key``;
``rows.py`` makes those rows from the export. Columns marked ``info`` are
written for people (a question's text, the computed priority) and ignored on
import: the app recomputes them. How values go to cells and back is in
``cells.py``.

Declarations: this module is long because it lists every sheet and column of
the workbook (its file format), in one place, in the order people read them.
"""

from __future__ import annotations

from typing import Any

from idg_desktop.domain.plan import CONFIRMED, Extent, OutcomeLevel
from idg_desktop.domain.priorities import CRITERIA, Level
from idg_desktop.domain.vocabulary import (
    BAND_LABELS,
    FINDING_KIND_LABELS,
    MODE_LABELS,
    SECTION_WORDS,
    Effectiveness,
    FindingKind,
    FindingStatus,
    Gender,
    Mode,
    Rating,
    Role,
    Stakeholder,
    capitalised,
    labels_of,
)
from idg_desktop.workbook.cells import Column, Sheet

#: Version 2 added the Conflicts, Conflict versions and Merge log sheets; a
#: version 1 workbook, written before them, is read without them. Version 3
#: added the Steps sheet (the dates of IDG Part II's six steps, schema 7).
FORMAT, FORMAT_VERSION = "idg-assessment-workbook", 3
#: The first version of IDG Workshop that reads each workbook format; the
#: technical sheet says which version a workbook needs (with the schema of the
#: file it came from, ``workbook_needs``), so that an older version refusing it
#: names the version to install (``domain/versions.py``).
WORKBOOK_SINCE = {1: "0.1.0", 2: "0.1.0", 3: "0.1.0"}
TECHNICAL_SHEET = "_idg"
#: The first sheet of a version for sharing (``--public``, ``--pseudonymise``).
SHARING_SHEET = "Version for sharing"


def _values(enum: Any) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def text(key: str, header: str, width: int = 30) -> Column:
    return Column(key, header, "text", width)


def choice(key: str, header: str, values: tuple[str, ...], **kw) -> Column:
    """A closed list, written in people's words (``labels=`` for words other than
    the value capitalised); ``empty=`` makes it optional, with that value when empty."""
    optional = "empty" in kw
    labels = tuple(labels_of(values, kw.pop("labels", None)).items())
    return Column(key, header, "choice", kw.pop("width", 16), values, optional, labels=labels, **kw)


def info(key: str, header: str, width: int = 30, labels: dict[str, str] | None = None) -> Column:
    """Written for people, ignored on import (``labels``: the words for coded values)."""
    pairs = tuple(labels.items()) if labels else ()
    return Column(key, header, "text", width, info=True, labels=pairs)


def ref(key: str, header: str, **kw) -> Column:
    """Another record's id (or nothing): "Working group (id)"."""
    return Column(key, header, "ref", 38, **kw)


def id_column(key: str, header: str) -> Column:
    """A record's id, required: "Id", or the record a row belongs to, "Answer (id)"."""
    return Column(key, header, "id", 38)


ID = id_column("id", "Id")
POSITION = Column("position", "Order", "int", 8)  # among its siblings
GROUP = ref("group", "Working group (id)")
AUTHOR = ref("author", "Author (id)")
DESCRIPTION = text("description", "Description", 40)
#: An answer's or finding's confidential mark (in every workbook).
MARKED = Column("confidential", "Confidential", "bool", 13)
#: Schema 5: the plan's confidential marks (absent from older workbooks: no).
CONFIDENTIAL = Column("confidential", "Confidential", "bool", 13, absent=False)
SECTION = Column("section", "Section", "text", 9)  # a section's code
CREATED = Column("created_at", "Created (UTC)", "time", 28)
ORIGIN = text("origin", "Origin", 14)
REVISION = Column("revision", "Revision", "int", 9)
TRACKED = (CREATED, Column("updated_at", "Updated (UTC)", "time", 28), ORIGIN, REVISION)
RATINGS = _values(Rating)
RECORD_TYPES = ("answer", "finding")  # what a conflict is about
CONFLICT_STATUSES = ("open", "resolved")
MERGE_SOURCES = ("package", "workbook")
MERGE_OUTCOMES = ("merged", "conflicts", "already-imported")
LEVELS = _values(Level)
BANDS = (*LEVELS, "unrated")
PLAN_HEADERS = {
    "responsible_division": "Responsible division",
    "responsible_person": "Responsible person",
    "performance_target": "Performance target",
    "budget": "Budget",
    "resources": "Resources",
    "start": "Start (quarter or date)",
    "due": "Due (quarter or date)",
    "strategic_goal": "Strategic goal",
    "stakeholders": "Stakeholders",
    "task_origin": "Origin of the task",
    "planned_result": "Planned result",
    "staff_count": "Number of staff",
    "external_contributor": "External contributor",
    "cost_source": "Source of financing",
    "complexity": "Complexity",
    "integrity_effect": "Expected integrity effect",
}
CRITERIA_HEADERS = {
    "importance": "Importance",
    "urgency": "Urgency",
    "consequence": "Consequence of failure",
    "commitment": "Probability of commitment",
    "impact": "Impact",
    "obligations": "National/international obligations",
    "ease": "Ease of implementation",
    "cost": "Cost",
}
KPI_HEADERS = {
    "name": "Name of the indicator",
    "description": "Description of the indicator",
    "performance_dimension": "Related performance dimension",
    "calculation_method": "Calculation method",
    "rationale": "Rationale (relevance)",
    "links": "Link to other indicators",
    "typologies": "Type of indicator",
    "source_of_verification": "Source of verification (SoV)",
    "references": "References to existing databases and metadata",
    "periodicity": "Periodicity",
    "disaggregation": "Disaggregation",
    "target_value": "Target value",
    "country_example": "Country example",
    "disclosure_policy": "Disclosure policy",
    "other_considerations": "Other considerations (e.g. limitations)",
    "baseline_value": "Baseline value",
    "baseline_date": "Baseline date",
}


def tracked_sheet(key: str, name: str, *columns: Column, since: int = 1) -> Sheet:
    """The sheet of a record kind that travels between laptops: its id, its own
    columns, then what every such record carries (:data:`TRACKED`)."""
    return Sheet(key, name, (ID, *columns, *TRACKED), since=since)


def _plan_column(key: str) -> Column:
    if key == "staff_count":
        return Column(key, PLAN_HEADERS[key], "opt_int", 10)
    if key in {"complexity", "integrity_effect"}:
        return choice(key, PLAN_HEADERS[key], _values(Extent), empty="")
    return text(key, PLAN_HEADERS[key], 14 if key in {"start", "due"} else 24)


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "scope",
        "Scope",
        (
            ID,
            *TRACKED,
            text("title", "Title of the assessment"),
            text("administration", "Customs administration"),
            choice("mode", "Mode of assessment", _values(Mode), labels=MODE_LABELS, width=30),
            Column("comprehensive", "Comprehensive", "bool"),
            Column("continuous", "Continuous", "bool"),
            text("start_date", "Start date"),
            text("end_date", "End date"),
            text("location", "Location"),
            text("responsible_unit", "Responsible unit"),
            text("responsible_persons", "Responsible persons"),
        ),
        vertical=True,
    ),
    tracked_sheet(
        "participants",
        "Participants",
        text("name", "Name"),
        text("unit", "Unit"),
        text("expertise", "Expertise"),
        Column("external", "External", "bool", 13),
        choice("stakeholder", "Stakeholder", _values(Stakeholder), width=22),
        choice("gender", "Gender", _values(Gender)),
        choice("role", "Role", _values(Role), width=22),
        text("email", "Email", 24),
        text("notes", "Notes"),
    ),
    tracked_sheet(
        "groups",
        "Working groups",
        text("name", "Working group"),
        Column("sections", "Sections", "list", 20),
        Column("members", "Members (ids)", "list", 40),
        info("member_names", "Members"),
        ref("rapporteur", "Rapporteur (id)"),
        POSITION,
    ),
    tracked_sheet(
        "answers",
        "Answers",
        Column("question", "Question", "text", 10),
        info("question_text", "Checklist question", 50),
        choice("rating", "Rating (Figure 5)", RATINGS, width=20, rating=True),
        text("text", "Answer", 60),
        text("evidence", "Evidence", 40),
        Column("measure_exists", "Is there a measure?", "opt_bool", 12),
        Column("applied", "Is it applied?", "opt_bool", 12),
        choice("effective", "Is it effective?", _values(Effectiveness), empty=None),
        Column("marked_for_review", "Marked for review", "bool", 13),
        Column("reviewed", "Reviewed", "bool", 13),
        MARKED,
        GROUP,
        AUTHOR,
    ),
    tracked_sheet(
        "findings",
        "Findings",
        SECTION,
        Column("questions", "Questions", "list", 16),
        choice("kind", "Kind", _values(FindingKind), labels=FINDING_KIND_LABELS),
        text("text", "Finding", 60),
        text("proposed_action", "Proposed action", 50),
        choice("status", "Status", _values(FindingStatus)),
        MARKED,
        GROUP,
        AUTHOR,
        ref("merged_into", "Merged into (id)"),
    ),
    tracked_sheet(
        "activities",
        "Activities and priorities",
        text("title", "Activity", 50),
        SECTION,
        DESCRIPTION,
        Column("findings", "Findings (ids)", "list", 40),
        *(choice(c, CRITERIA_HEADERS[c], LEVELS, empty=None, width=12) for c in CRITERIA),
        info("computed", "Computed priority", 12, labels_of(BANDS, BAND_LABELS)),
        info("score", "Score", 8),
        choice("override", "Priority chosen by the group", ("high", "medium", "low"), empty=""),
        text("override_reason", "Reason for the choice"),
        info("band", "Priority", 10, labels_of(BANDS, BAND_LABELS)),
        CONFIDENTIAL,
        POSITION,
    ),
    Sheet(
        "plan",
        "Action plan",
        (
            id_column("activity", "Activity (id)"),
            info("title", "Activity", 40),
            ref("output", "Output (id)"),
            *(_plan_column(key) for key in PLAN_HEADERS),
        ),
    ),
    tracked_sheet(
        "kpis",
        "KPIs",
        # Exactly one of the three (schema 5: KPIs of outcomes and outputs).
        ref("activity", "Activity (id)"),
        ref("outcome", "Outcome (id)", absent=None),
        ref("output", "Output (id)", absent=None),
        POSITION,
        *(
            Column(k, h, "list", 30) if k == "typologies" else text(k, h)
            for k, h in KPI_HEADERS.items()
        ),
        Column("complete", "Sheet complete", "bool", 13),
        CONFIDENTIAL,
    ),
    Sheet(
        "sections",
        "Sections in scope",
        (
            Column("code", "Code", "text", 8),
            info("title", capitalised(SECTION_WORDS), 50),
            info("kind", "Kind (IDG)", 26),  # the guide's word: key factor, area of ...
            Column("in_scope", "In scope", "bool", 13),
        ),
    ),
    Sheet(
        "terms",
        "Terms of reference",
        # The field's name and text first; its key, which import reads, to the right.
        (info("label", "Field", 30), text("text", "Text", 80), Column("key", "Key", "text", 26)),
    ),
    tracked_sheet(
        "outcomes",
        "Outcomes",
        choice("level", "Level", _values(OutcomeLevel)),
        ref("parent", "Parent outcome (id)"),
        text("title", "Outcome", 50),
        DESCRIPTION,
        CONFIDENTIAL,
        POSITION,
    ),
    tracked_sheet(
        "outputs",
        "Outputs",
        id_column("outcome", "Outcome (id)"),
        text("title", "Output", 50),
        DESCRIPTION,
        CONFIDENTIAL,
        POSITION,
    ),
    tracked_sheet(
        "smart",
        "SMART",
        id_column("node", "Objective (id)"),
        choice("criterion", "Criterion", CONFIRMED),
        text("by", "Confirmed by"),
    ),
    tracked_sheet(
        "adoptions",
        "Endorsements",
        text("endorsed_by", "Endorsed by"),
        text("endorsed_on", "Endorsed on", 12),
        text("strategy_link", "Link to the strategy"),
        text("note", "Note"),
    ),
    tracked_sheet(
        "sessions",
        "Sessions",
        text("date", "Date", 12),
        text("start", "Start", 8),
        Column("duration_minutes", "Duration (minutes)", "int", 10),
        text("topic", "Topic", 50),
        Column("participants", "Participants (ids)", "list", 40),
    ),
    tracked_sheet(
        "steps",
        "Steps",
        Column("number", "Step", "int", 6),
        info("title", "Step of the assessment (IDG Part II)", 50),
        text("start", "Start (YYYY-MM-DD)", 14),
        text("end", "End (YYYY-MM-DD)", 14),
        since=3,
    ),
    tracked_sheet(
        "documents",
        "Documents",
        text("kind", "Kind", 24),
        text("title", "Title", 40),
        text("reference", "Reference", 20),
        text("notes", "Notes", 40),
        text("file_name", "File name", 20),
        text("sha256", "SHA-256 of the file", 20),
        info("size", "Size (bytes)", 10),
    ),
    Sheet(
        "answer_history",
        "Answer history",
        (
            id_column("answer", "Answer (id)"),
            info("question", "Question", 10),
            REVISION,
            choice("rating", "Rating (Figure 5)", RATINGS, width=20, rating=True),
            text("text", "Answer", 50),
            text("evidence", "Evidence", 40),
            AUTHOR,
            GROUP,
            Column("written_at", "Written (UTC)", "time", 28),
            ORIGIN,
        ),
    ),
    Sheet(
        "finding_history",
        "Finding history",
        (
            id_column("finding", "Finding (id)"),
            REVISION,
            text("action", "Action", 12),
            choice("status", "Status", _values(FindingStatus)),
            text("text", "Finding", 50),
            text("proposed_action", "Proposed action", 40),
            text("note", "Note"),
            Column("at", "When (UTC)", "time", 28),
            ORIGIN,
        ),
    ),
    tracked_sheet(
        "conflicts",
        "Conflicts",
        Column("record", "Record", "id", 14),
        SECTION,
        choice("record_type", "Kind of record", RECORD_TYPES, width=12),
        choice("status", "Status", CONFLICT_STATUSES, width=12),
        text("resolution", "Resolution (version kept)", 30),
        Column("resolved_at", "Resolved (UTC)", "opt_time", 28),
        Column("draft", "Consolidated text being written", "text", 40, absent=""),
        since=2,
    ),
    Sheet(
        "conflict_versions",
        "Conflict versions",
        (
            id_column("conflict", "Conflict (id)"),
            info("record", "Record", 14),
            text("version_origin", "Version from", 30),
            info("text", "Text", 60),
            Column(
                "rating",
                "Rating (Figure 5)",
                "text",
                20,
                info=True,
                rating=True,
                labels=tuple(labels_of(RATINGS).items()),
            ),
            text("content", "Version (JSON)", 60),
            POSITION,
            ref("package_id", "Package (id)"),
        ),
        since=2,
    ),
    tracked_sheet(
        "merge_log",
        "Merge log",
        id_column("package_id", "Package (id)"),
        choice("source", "Imported from", MERGE_SOURCES, width=12),
        text("group_name", "Working group", 30),
        choice("outcome", "Outcome", MERGE_OUTCOMES, width=18),
        info("counts", "Records", 30),
        text("summary", "Summary (JSON)", 50),
        text("imported_by", "Imported by (installation)", 38),
        since=2,
    ),
    Sheet(
        "custom_questions",
        "Custom questions",
        (
            Column("id", "Question", "text", 10),
            SECTION,
            text("subarea", "Sub-area", 9),
            Column("number", "Number", "int", 8),
            text("text", "Question text", 60),
            POSITION,
            CREATED,
            ORIGIN,
        ),
    ),
    Sheet(
        "technical",
        TECHNICAL_SHEET,
        (
            text("format", "Format"),
            Column("format_version", "Format version", "int"),
            text("framework_id", "Framework"),
            Column("framework_version", "Framework version", "int"),
            Column("schema_version", "Schema version", "int"),
            # The first version of IDG Workshop that reads the workbook (absent
            # from workbooks written before it was recorded).
            Column("needs_version", "Needs IDG Workshop", "text", 30, absent=""),
            # "public", "pseudonymised" or both: a version for sharing, which
            # cannot rebuild the assessment (empty for the full workbook).
            Column("sharing", "Version for sharing", "text", 30, absent=""),
        ),
        vertical=True,
        hidden=True,
    ),
)
SHEET = {sheet.key: sheet for sheet in SHEETS}
