"""The imports a master has taken in (packages and workbooks), as the window
lists them: frozen snapshots (``domain/records.MergeLog``), newest first. The
exchange layer writes them."""

from __future__ import annotations

from sqlalchemy import select

from idg_desktop.domain import records
from idg_desktop.services.snapshots import snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def merge_log_entries(document: AssessmentDocument) -> list[records.MergeLog]:
    """The imports, newest first (read-only)."""
    log = models.MergeLog
    return snapshots(document.session.scalars(select(log).order_by(log.created_at.desc(), log.id)))
