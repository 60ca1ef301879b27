"""The register of background documents reviewed in step 3 (IDG Part II),
handed out as frozen snapshots (``domain/records.BackgroundDocument``)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from idg_desktop.atomic import write_atomically
from idg_desktop.domain import records
from idg_desktop.errors import InvalidInput
from idg_desktop.services.records import add_new, by_prefix, touch
from idg_desktop.services.snapshots import fetch, snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

_KIND = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def add_document(
    document: AssessmentDocument,
    *,
    title: str,
    kind: str = "other",
    reference: str = "",
    notes: str = "",
    attachment: Path | None = None,
    record_id: str | None = None,
) -> records.BackgroundDocument:
    """Register a document; ``attachment`` copies a file's bytes into the assessment."""
    if not title.strip():
        raise InvalidInput("The background document needs a title.")
    kind = kind.strip().lower() or "other"
    if not _KIND.match(kind):
        raise InvalidInput(f"'{kind}' is not a document kind: use words joined by hyphens.")
    content = None
    file_name = ""
    if attachment is not None:
        try:
            content = Path(attachment).read_bytes()
        except OSError as error:
            raise InvalidInput(f"Cannot read {attachment} ({error.strerror}).") from None
        file_name = Path(attachment).name
    with document.edit():
        record = models.BackgroundDocument(
            kind=kind,
            title=title.strip(),
            reference=reference.strip(),
            notes=notes.strip(),
            file_name=file_name,
            content=content,
            sha256=hashlib.sha256(content).hexdigest() if content is not None else "",
        )
        add_new(document, record, record_id=record_id)
    return snapshot(record)


def update_document(document: AssessmentDocument, record_id: str, **changes: str) -> None:
    with document.edit() as session:
        record = session.get(models.BackgroundDocument, record_id)
        if record is None:
            raise InvalidInput(f"No background document has the id {record_id}.")
        for name, value in changes.items():
            if name not in {"title", "kind", "reference", "notes"}:
                raise InvalidInput(f"A background document has no field '{name}'.")
            setattr(record, name, value.strip())
        touch(document, record)


def list_documents(document: AssessmentDocument) -> list[records.BackgroundDocument]:
    kept = models.BackgroundDocument
    return fetch(document, kept, order_by=(kept.created_at, kept.id))


def _row(document: AssessmentDocument, reference: str) -> models.BackgroundDocument:
    return by_prefix(document.session, models.BackgroundDocument, reference, "background document")


def find_document(document: AssessmentDocument, reference: str) -> records.BackgroundDocument:
    return snapshot(_row(document, reference))


def remove_document(document: AssessmentDocument, reference: str) -> None:
    """Take a document off the register, with its attached file (the window's
    Remove; undo brings it back whole)."""
    record = _row(document, reference)
    with document.edit() as session:
        session.delete(record)


def save_attachment(document: AssessmentDocument, reference: str, target: Path | str) -> Path:
    """Write the file attached to a document to ``target`` (atomically, checked
    against the fingerprint kept when it was attached)."""
    record = _row(document, reference)
    if record.content is None:
        raise InvalidInput(f"The background document '{record.title}' has no attached file.")
    content = bytes(record.content)
    if record.sha256 and hashlib.sha256(content).hexdigest() != record.sha256:
        raise InvalidInput(
            f"The file attached to '{record.title}' is damaged: it no longer matches its "
            "fingerprint."
        )
    return write_atomically(target, content)
