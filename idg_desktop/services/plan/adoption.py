"""The plan's adoption (Part III step 6): who endorsed it, when, and its link
to the national strategy."""

from __future__ import annotations

from datetime import date

from idg_desktop.domain import records
from idg_desktop.errors import InvalidInput
from idg_desktop.services.plan.chain import create
from idg_desktop.services.records import by_prefix
from idg_desktop.services.snapshots import fetch
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def add_adoption(
    document: AssessmentDocument,
    *,
    endorsed_by: str,
    endorsed_on: str,
    strategy_link: str = "",
    note: str = "",
    record_id: str | None = None,
) -> records.Adoption:
    """Record who endorsed the plan, when, and its link to the national strategy."""
    if not endorsed_by.strip():
        raise InvalidInput("Say who endorsed the action plan.")
    try:
        day = date.fromisoformat(endorsed_on.strip()).isoformat()
    except ValueError:
        raise InvalidInput(
            f"'{endorsed_on}' is not a date: write the endorsement date as 2026-04-15."
        ) from None
    return create(
        document,
        lambda _session: models.Adoption(
            endorsed_by=endorsed_by.strip(),
            endorsed_on=day,
            strategy_link=strategy_link.strip(),
            note=note.strip(),
        ),
        record_id,
    )


def list_adoptions(document: AssessmentDocument) -> list[records.Adoption]:
    adoption = models.Adoption
    return fetch(document, adoption, order_by=(adoption.endorsed_on, adoption.id))


def delete_adoption(document: AssessmentDocument, reference: str) -> None:
    record = by_prefix(document.session, models.Adoption, reference, "endorsement")
    with document.edit() as session:
        session.delete(record)
