"""Activities of the action plan, their ratings and the priority matrix (IDG Part III).

Every function hands out frozen snapshots (``records.Activity``), never rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from idg_desktop.domain import records
from idg_desktop.domain.plan import title_and_details
from idg_desktop.domain.priorities import CRITERIA, Band, Level, Priority, is_quick_result, priority
from idg_desktop.domain.vocabulary import parse_choice
from idg_desktop.errors import InvalidInput
from idg_desktop.services.assessment import section_of
from idg_desktop.services.findings import find_finding
from idg_desktop.services.records import by_prefix, stamp_new, touch
from idg_desktop.services.snapshots import snapshot, snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: Findings an activity may come from: those the plenary agreed (as is or amended).
USABLE_FINDINGS = {"agreed", "amended"}


def ratings_of(activity: records.Activity) -> dict[str, str | None]:
    return {criterion: getattr(activity, criterion) for criterion in CRITERIA}


def priority_of(activity: records.Activity) -> Priority:
    return priority(ratings_of(activity))


def quick_result_of(activity: records.Activity) -> bool:
    """A quick result by the rule (high impact, easy, cost not high), whatever the
    priority band or an override says."""
    return is_quick_result(ratings_of(activity))


def band_of(activity: records.Activity) -> str:
    """The band in force: the override if the working group set one."""
    return activity.priority_override or priority_of(activity).band.value


def add_activity(
    document: AssessmentDocument,
    *,
    title: str,
    section: str,
    findings: list[str] | None = None,
    description: str = "",
    confidential: bool = False,
    record_id: str | None = None,
) -> records.Activity:
    if not title.strip():
        raise InvalidInput("The activity needs a title.")
    code = section_of(document, section).code
    sources = []
    for ref in findings or []:
        finding = find_finding(document, ref)
        if finding.status not in USABLE_FINDINGS:
            raise InvalidInput(
                f"Finding {finding.id[:8]} is {finding.status}: activities come from findings "
                "the plenary agreed."
            )
        if finding.id not in {s.id for s in sources}:
            sources.append(finding)
    with document.edit():
        activity = _new_activity(
            document,
            title=title,
            section_code=code,
            findings=sources,
            description=description,
            confidential=confidential,
            record_id=record_id,
        )
    return snapshot(activity)


def _new_activity(
    document: AssessmentDocument,
    *,
    title: str,
    section_code: str,
    findings: list,
    description: str = "",
    confidential: bool = False,
    record_id: str | None = None,
) -> models.Activity:
    """Add one activity inside the caller's ``document.edit()``, last in the list."""
    session = document.session
    position = session.scalar(select(func.max(models.Activity.position))) or 0
    activity = models.Activity(
        title=title.strip(),
        section_code=section_code,
        description=description.strip(),
        position=position + 1,
        confidential=bool(confidential),
    )
    stamp_new(document, activity, record_id=record_id)
    activity.findings = [models.ActivityFinding(finding_id=f.id) for f in findings]
    session.add(activity)
    session.flush()  # the next one's position counts this one
    return activity


def activities_by_finding(document: AssessmentDocument) -> dict[str, list[records.Activity]]:
    """Each finding's activities (finding id → its activities, in the list's order)."""
    found: dict[str, list[records.Activity]] = {}
    for activity in list_activities(document):
        for finding_id in activity.finding_ids:
            found.setdefault(finding_id, []).append(activity)
    return found


def agreed_without_activity(document: AssessmentDocument, section: str | None = None) -> list:
    """The agreed or amended findings no activity answers yet, in the findings' order.

    A strength calls for an activity only when the plenary proposed one (to
    build on it): a strength with no proposed action is a finding to keep, not
    a task for the plan."""
    from idg_desktop.services.findings import list_findings

    answered = activities_by_finding(document)
    return [
        finding
        for finding in list_findings(document, section)
        if finding.status in USABLE_FINDINGS
        and finding.id not in answered
        and (finding.kind != "strength" or (finding.proposed_action or "").strip())
    ]


def finding_title(finding: records.Finding) -> tuple[str, str]:
    """The title and description an activity from this finding gets: the first
    paragraph of its proposed action (else of its text), the rest after it."""
    return title_and_details((finding.proposed_action or "").strip() or finding.text)


def add_activities_from_agreed_findings(
    document: AssessmentDocument, *, section: str | None = None, confidential: bool = False
) -> list[records.Activity]:
    """One activity per agreed or amended finding that has none yet, titled from the
    finding's proposed action (or its text), in the finding's section and linked to
    it; all in one change. Running it again adds nothing. An activity from a
    confidential finding is confidential too, so public versions never show it."""
    sources = agreed_without_activity(document, section)
    if not sources:
        return []
    created = []
    with document.edit():
        for finding in sources:
            title, details = finding_title(finding)
            created.append(
                _new_activity(
                    document,
                    title=title,
                    description=details,
                    section_code=finding.section_code,
                    findings=[finding],
                    confidential=confidential or finding.confidential,
                )
            )
    return snapshots(created)


def activity_row(document: AssessmentDocument, reference: str) -> models.Activity:
    """The activity's row, for the services that change it (the plan's too)."""
    return by_prefix(document.session, models.Activity, reference, "activity")


def find_activity(document: AssessmentDocument, reference: str) -> records.Activity:
    return snapshot(activity_row(document, reference))


def parse_ratings(pairs: list[str]) -> dict[str, str | None]:
    """``["impact=high", "cost=low"]`` → ratings; ``impact=`` clears a rating."""
    ratings: dict[str, str | None] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lower()
        if not sep or key not in CRITERIA:
            raise InvalidInput(
                f"'{pair}' is not a rating: write criterion=level with a criterion among "
                f"{', '.join(CRITERIA)}."
            )
        ratings[key] = (
            parse_choice(Level, value, f"level for {key}").value if value.strip() else None
        )
    if not ratings:
        raise InvalidInput("No ratings given: write e.g. impact=high ease=medium.")
    return ratings


def rate_activity(
    document: AssessmentDocument, reference: str, ratings: dict[str, str | None]
) -> records.Activity:
    activity = activity_row(document, reference)
    for key, value in ratings.items():
        if key not in CRITERIA:
            raise InvalidInput(f"Unknown criterion '{key}': use one of {', '.join(CRITERIA)}.")
        if value is not None:
            parse_choice(Level, value, f"level for {key}")
    with document.edit():
        for key, value in ratings.items():
            setattr(activity, key, value)
        touch(document, activity)
    return snapshot(activity)


def override_priority(
    document: AssessmentDocument, reference: str, band: str | None, reason: str = ""
) -> records.Activity:
    """Set the band by hand, with a written reason; ``band=None`` returns to the rule."""
    activity = activity_row(document, reference)
    if band is not None:
        chosen = parse_choice(Band, band, "priority band")
        if chosen is Band.UNRATED:
            raise InvalidInput("An override chooses high, medium or low.")
        if not reason.strip():
            raise InvalidInput("Give the reason for overriding the computed priority.")
    with document.edit():
        activity.priority_override = "" if band is None else chosen.value
        activity.override_reason = "" if band is None else reason.strip()
        touch(document, activity)
    return snapshot(activity)


def list_activities(document: AssessmentDocument) -> list[records.Activity]:
    return snapshots(
        document.session.scalars(
            select(models.Activity)
            .options(selectinload(models.Activity.findings))
            .order_by(models.Activity.position, models.Activity.created_at)
        )
    )


@dataclass(frozen=True)
class MatrixEntry:
    id: str
    quick_result: bool  # the activity's own: ``is_quick_result`` of its ratings


@dataclass(frozen=True)
class MatrixCell:
    x: str  # the level on the horizontal criterion
    y: str  # the level on the vertical criterion
    activities: tuple[str, ...]  # activity ids
    quick_results: bool  # the cell of the IDG's quick results (high impact, easy)
    #: The same activities, each with its own mark: in the quick-results cell only
    #: those whose cost is not high are quick results.
    entries: tuple[MatrixEntry, ...] = ()

    def quick_result_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entries if e.quick_result)


def priority_matrix(
    document: AssessmentDocument, x: str = "ease", y: str = "impact"
) -> tuple[list[MatrixCell], list[str]]:
    """The 3×3 grid (rows from high to low on ``y``) and the activities not
    placed because one of the two criteria is unrated.

    A cell's ``quick_results`` flags the IDG's quick-results cell (high impact,
    easy: only on the impact × ease grid); each of its ``entries`` says whether
    that activity is a quick result, which also needs a cost that is not high.
    An entry's flag is the activity's own, the same on any pair of axes."""
    for axis in (x, y):
        if axis not in CRITERIA:
            raise InvalidInput(f"Unknown criterion '{axis}': use one of {', '.join(CRITERIA)}.")
    if x == y:
        raise InvalidInput("The matrix needs two different criteria.")
    levels = [Level.HIGH.value, Level.MEDIUM.value, Level.LOW.value]
    placed: dict[tuple[str, str], list[MatrixEntry]] = {
        (lx, ly): [] for ly in levels for lx in levels
    }
    unplaced = []
    for activity in list_activities(document):
        lx, ly = getattr(activity, x), getattr(activity, y)
        if lx and ly:
            placed[(lx, ly)].append(MatrixEntry(activity.id, quick_result_of(activity)))
        else:
            unplaced.append(activity.id)
    cells = [
        MatrixCell(
            lx,
            ly,
            tuple(e.id for e in placed[(lx, ly)]),
            is_quick_result({x: lx, y: ly}) if {x, y} == {"impact", "ease"} else False,
            tuple(placed[(lx, ly)]),
        )
        for ly in levels
        for lx in reversed(levels)
    ]
    return cells, unplaced


def proposed_output(document: AssessmentDocument, reference: str) -> str | None:
    """The output to propose when placing an activity, or None when the choice is
    the user's: where it is already; else the only output of the plan; else the
    one output where the activities of its section already are."""
    activity = find_activity(document, reference)
    if activity.output_id:
        return activity.output_id
    outputs = list(document.session.scalars(select(models.Output.id)))
    if len(outputs) == 1:
        return outputs[0]
    same_section = {
        other.output_id
        for other in list_activities(document)
        if other.output_id and other.section_code == activity.section_code
    }
    return same_section.pop() if len(same_section) == 1 else None
