"""The imports a master has taken in (packages and workbooks), as the window
lists them: frozen snapshots, newest first. The exchange layer writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


@dataclass(frozen=True)
class MergeLogEntry:
    created_at: datetime | None
    source: str  # "package" or "workbook"
    package_id: str
    group_name: str
    outcome: str  # merged / conflicts / already-imported
    summary: str  # counts and ids, as JSON


def merge_log_entries(document: AssessmentDocument) -> list[MergeLogEntry]:
    """The imports, newest first (read-only)."""
    log = models.MergeLog
    query = select(log).order_by(log.created_at.desc(), log.id)
    return [
        MergeLogEntry(
            row.created_at,
            row.source,
            row.package_id,
            row.group_name,
            row.outcome,
            row.summary,
        )
        for row in document.session.scalars(query)
    ]
