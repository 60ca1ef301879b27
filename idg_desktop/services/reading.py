"""The read model for the formats: every record of a kind, as frozen snapshots,
in the order the formats write them (by position or creation, then id, so two
exports of the same content are byte-identical). ``exports/json_export.py``
reads the whole assessment through these; they hold the queries a format
would otherwise write itself.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.services.snapshots import snapshot, snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.overview import Overview, summarize


def _all(document: AssessmentDocument, model: type, *order: Any) -> list[Any]:
    return snapshots(document.session.scalars(select(model).order_by(*order)))


def framework_copy(document: AssessmentDocument) -> records.FrameworkCopy | None:
    row = document.session.scalars(select(models.FrameworkCopy)).first()
    return snapshot(row) if row is not None else None


def subareas(document: AssessmentDocument) -> list[records.SubArea]:
    """By section code, then in the guide's order."""
    return _all(document, models.SubArea, models.SubArea.section_code, models.SubArea.position)


def answer_versions(document: AssessmentDocument) -> dict[str, list[records.AnswerVersion]]:
    """Every answer's earlier versions, oldest first, by answer id."""
    found: dict[str, list[records.AnswerVersion]] = defaultdict(list)
    for version in _all(document, models.AnswerVersion, models.AnswerVersion.revision):
        found[version.answer_id].append(version)
    return found


def finding_events(document: AssessmentDocument) -> dict[str, list[records.FindingEvent]]:
    """Every finding's history, oldest first, by finding id."""
    found: dict[str, list[records.FindingEvent]] = defaultdict(list)
    event = models.FindingEvent
    for item in _all(document, event, event.revision, event.at):
        found[item.finding_id].append(item)
    return found


def conflicts(document: AssessmentDocument, *, open_only: bool = False) -> list[records.Conflict]:
    """Conflicts, oldest first, each with every competing version."""
    query = select(models.Conflict).order_by(models.Conflict.created_at, models.Conflict.id)
    if open_only:
        query = query.where(models.Conflict.status == "open")
    return snapshots(document.session.scalars(query))


def merge_log(document: AssessmentDocument) -> list[records.MergeLog]:
    """The imports, oldest first."""
    return _all(document, models.MergeLog, models.MergeLog.created_at, models.MergeLog.id)


def outcomes(document: AssessmentDocument) -> list[records.Outcome]:
    return _all(document, models.Outcome, models.Outcome.position, models.Outcome.id)


def outputs(document: AssessmentDocument) -> list[records.Output]:
    return _all(document, models.Output, models.Output.position, models.Output.id)


def smart_confirmations(document: AssessmentDocument) -> list[records.SmartConfirmation]:
    tick = models.SmartConfirmation
    return _all(document, tick, tick.node_id, tick.criterion)


# -- the one summary: the Overview page and ``idg info`` ------------------------------


def summary(document: AssessmentDocument) -> Overview:
    """The assessment's summary (``storage/overview.py``), read on the document's
    own connection: the figures the Overview paints and ``idg info`` prints."""
    return summarize(document.session.connection().connection.driver_connection)
