"""Import participants from a CSV or Excel (.xlsx) list, in two steps.

Workshop organisers receive participant lists as spreadsheets, in English or
French. :func:`read_participants` reads such a file without touching the
assessment, so the window can show every row with its problems first;
:func:`apply_import` then adds the good rows in one transaction, so a failure
half-way leaves the assessment exactly as it was.

Cells are only ever read as text: a cell such as ``=HYPERLINK(...)`` is a
name like any other, and workbooks are opened with ``data_only=True`` (the
values Excel last showed), so nothing in a file is ever evaluated. openpyxl
parses the XML with defusedxml (a dependency), which refuses entity bombs.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from idg_desktop.domain.vocabulary import Gender, Role, Stakeholder
from idg_desktop.errors import InvalidInput
from idg_desktop.services.participants import ParticipantData
from idg_desktop.services.records import add_new
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

MAX_ROWS = 5000
#: Larger files are not participant lists; refusing them early keeps memory bounded.
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


def _key(text: str) -> str:
    """Headers and values compared without case, accents, dashes or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("_", " ").strip(" :*").split())


def _table(groups: dict[str, Iterable[str]]) -> dict[str, str]:
    return {_key(word): value for value, words in groups.items() for word in (value, *words)}


#: Header synonyms (English and French, the WCO's two languages) for each field.
HEADERS = _table(
    {
        "name": ("full name", "participant", "participant name", "nom", "nom complet"),
        "unit": ("department", "division", "service", "unite", "directorate", "direction"),
        "expertise": ("area of expertise", "domaine", "domaine d'expertise", "competence"),
        "gender": ("sex", "genre", "sexe"),
        "role": ("workshop role", "role in the workshop"),
        "stakeholder": ("stakeholder type", "organisation type", "organization type", "type"),
        "external": ("internal/external", "externe", "interne/externe", "internal or external"),
        "email": ("e-mail", "courriel", "email address", "mail", "adresse e-mail"),
        "notes": ("note", "comments", "comment", "remarks", "remarques", "commentaires"),
    }
)
GENDERS = _table(
    {
        "female": ("f", "woman", "w", "femme", "feminin", "femenino", "mujer"),
        "male": ("m", "man", "homme", "h", "masculin", "masculino", "hombre"),
        "other": ("autre", "non binary", "nonbinary"),
        "undisclosed": ("prefer not to say", "not disclosed", "unknown", "non precise", "n/a"),
    }
)
ROLES = _table(
    {
        "external-facilitator": ("facilitateur externe", "wco facilitator"),
        "local-facilitator": ("facilitateur local", "facilitateur national", "local facilitator"),
        "national-contact-point": ("ncp", "contact point", "point de contact national", "pcn"),
        "senior-management": ("senior manager", "management", "haute direction", "direction"),
        "contributor": ("participant", "member", "contributeur", "membre"),
        "rapporteur": ("reporter", "note taker"),
        "observer": ("observateur", "observatrice"),
    }
)
STAKEHOLDERS = _table(
    {
        "customs": ("customs administration", "douane", "douanes", "administration des douanes"),
        "private-sector": ("private", "business", "trade", "secteur prive", "entreprise"),
        "government-agency": ("government", "agence gouvernementale", "ministere", "ministry"),
        "international-organization": ("international organisation", "organisation internationale"),
        "civil-society": ("ngo", "ong", "societe civile", "civil society organisation"),
    }
)
YES = {_key(w) for w in ("yes", "y", "true", "1", "x", "external", "externe", "oui", "vrai")}
NO = {_key(w) for w in ("no", "n", "false", "0", "internal", "interne", "non", "faux")}


@dataclass
class ImportRow:
    """One row of the file: its number as Excel shows it, the participant or the errors."""

    line: int
    data: ParticipantData | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    """What a file holds, before anything is written."""

    path: Path
    rows: list[ImportRow]
    columns: dict[str, str]  # header as written -> field
    unknown_columns: list[str]

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.data is not None and not row.errors]


def _cell_text(value: object) -> str:
    """A cell as the text a person sees (numbers without a spurious ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _decode(raw: bytes, path: Path) -> str:
    """Excel writes UTF-8 with a BOM, UTF-16 ("Unicode text") or, on older
    Windows, cp1252; the first that decodes cleanly wins."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput(f"{path} is damaged: its UTF-16 text is not valid.") from None
    if b"\x00" in raw:
        raise InvalidInput(f"{path} is not a text (CSV) file.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_rows(path: Path) -> Iterator[Sequence[object]]:
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise InvalidInput(f"{path} is too large for a participant list (over 20 MB).")
        text = _decode(path.read_bytes(), path)
    except OSError as error:
        raise InvalidInput(f"{path} cannot be read ({error.strerror or error}).") from None
    header = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=header.count) if header else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise InvalidInput(f"{path} is not a valid CSV file ({error}).") from None


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    from openpyxl import load_workbook  # only needed here; keeps `idg` quick to start

    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise InvalidInput(f"{path} is too large for a participant list.")
        book = load_workbook(path, read_only=True, data_only=True)
    except InvalidInput:
        raise
    except OSError as error:
        raise InvalidInput(f"{path} cannot be read ({error.strerror or error}).") from None
    except Exception:  # damaged zip, XML or workbook parts: the file's fault, not ours
        raise InvalidInput(f"{path} is damaged or is not an Excel (.xlsx) workbook.") from None
    try:
        names = {name.casefold(): name for name in book.sheetnames}
        sheet = book[names.get("participants", book.sheetnames[0])]
        sheet.reset_dimensions()  # some tools write wrong sizes, which would cut columns
        yield from sheet.iter_rows(values_only=True)
    except Exception:
        raise InvalidInput(f"{path} is damaged: its worksheet cannot be read.") from None
    finally:
        book.close()


def _choice(table: dict[str, str], text: str, what: str, choices: type[StrEnum]) -> str:
    value = table.get(_key(text))
    if value is None:
        listed = ", ".join(member.value for member in choices)
        raise ValueError(f"{what} '{text}' is not a {what}; use one of {listed}")
    return value


def _external(text: str) -> bool:
    if _key(text) in YES:
        return True
    if _key(text) in NO:
        return False
    raise ValueError(f"external '{text}' is not yes or no; use yes, no, external or internal")


def _participant(cells: dict[str, str], line: int) -> ImportRow:
    errors: list[str] = []
    values: dict[str, Any] = {
        name: cells.get(name, "") for name in ("name", "unit", "expertise", "email", "notes")
    }
    if not " ".join(str(values["name"]).split()):
        errors.append(f"Row {line}: the name is missing.")
    parsers: dict[str, Callable[[str], object]] = {
        "gender": lambda t: _choice(GENDERS, t, "gender", Gender),
        "role": lambda t: _choice(ROLES, t, "role", Role),
        "stakeholder": lambda t: _choice(STAKEHOLDERS, t, "stakeholder type", Stakeholder),
        "external": _external,
    }
    for name, parse in parsers.items():
        text = cells.get(name, "").strip()
        if text:
            try:
                values[name] = parse(text)
            except ValueError as error:
                errors.append(f"Row {line}: {error}.")
    if errors:
        return ImportRow(line, None, errors)
    return ImportRow(line, ParticipantData(**values).validated())


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def read_participants(
    path: str | Path,
    *,
    document: AssessmentDocument | None = None,
    known_names: set[str] | None = None,
) -> ImportPreview:
    """Every row of ``path`` checked, nothing written; with ``document`` (or the
    ``known_names`` from :func:`existing_names`, so the reading can run in a
    worker thread away from the document), names already in the assessment
    are warned about too. Raises :class:`InvalidInput` (one sentence naming
    the file) when the file as a whole cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist or is not a file.")
    if suffix == ".xls":
        raise InvalidInput(f"{path} is an old Excel 97-2003 file; save it as .xlsx or CSV first.")
    if suffix not in TEXT_SUFFIXES | WORKBOOK_SUFFIXES:
        raise InvalidInput(f"{path} is not a CSV or Excel (.xlsx) file.")
    source = _xlsx_rows(path) if suffix in WORKBOOK_SUFFIXES else _csv_rows(path)
    with closing(source):  # closes the workbook even when a row stops the reading
        preview = _scan(path, source)
    existing = _existing_names(document) if document is not None else set(known_names or ())
    first_seen: dict[str, int] = {}
    for row in preview.rows:
        if row.data is None:
            continue
        key, name = _name_key(row.data.name), row.data.name
        if key in existing:
            row.warnings.append(f"Row {row.line}: '{name}' is already in the assessment.")
        if key in first_seen:
            row.warnings.append(f"Row {row.line}: '{name}' is also on row {first_seen[key]}.")
        first_seen.setdefault(key, row.line)
    return preview


def _scan(path: Path, source: Iterator[Sequence[object]]) -> ImportPreview:
    """The header is the first row with anything in it; blank rows are skipped
    but counted, so row numbers are those Excel shows."""
    header: list[str] | None = None
    columns: dict[str, str] = {}
    unknown: list[str] = []
    positions: dict[int, str] = {}
    rows: list[ImportRow] = []
    for line, raw in enumerate(source, start=1):
        texts = [_cell_text(value).strip() for value in raw]
        if not any(texts):
            continue
        if header is None:
            header = texts
            for index, title in enumerate(texts):
                wanted = HEADERS.get(_key(title))
                if wanted and wanted not in positions.values():
                    positions[index] = wanted
                    columns[title] = wanted
                elif title:
                    unknown.append(title)
            if "name" not in positions.values():
                raise InvalidInput(
                    f"{path} has no name column: its first row should be headers such as "
                    "Name, Unit, Gender, Role (found: " + ", ".join(t for t in texts if t) + ")."
                )
            continue
        if len(rows) >= MAX_ROWS:
            raise InvalidInput(
                f"{path} has more than {MAX_ROWS} participant rows; split it into smaller files."
            )
        cells = {name: texts[index] for index, name in positions.items() if index < len(texts)}
        rows.append(_participant(cells, line))
    if header is None:
        raise InvalidInput(f"{path} is empty: it has no header row and no participants.")
    if not rows:
        raise InvalidInput(f"{path} has headers but no participant rows.")
    return ImportPreview(path, rows, columns, unknown)


def existing_names(document: AssessmentDocument) -> set[str]:
    """The participants' names as the import compares them."""
    return _existing_names(document)


def _existing_names(document: AssessmentDocument) -> set[str]:
    # Compared in Python: SQLite's lower() only folds ASCII (É, Ç... would not match).
    names = document.session.scalars(select(models.Participant.name))
    return {_name_key(name) for name in names}


def apply_import(
    document: AssessmentDocument,
    preview: ImportPreview,
    *,
    skip_existing: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[models.Participant]:
    """Add the preview's valid rows in one transaction: all of them land or none.

    Rows with errors are skipped; with ``skip_existing``, so are names already
    in the assessment (case-insensitive), including a name repeated in the
    file, so importing the same list twice adds nobody twice. ``progress`` is
    called with (rows done, rows in all) for the window's progress bar.
    """
    total = len(preview.rows)
    created: list[models.Participant] = []
    with document.edit():
        existing = _existing_names(document) if skip_existing else set()
        for done, row in enumerate(preview.rows, start=1):
            if row.data is not None and not row.errors:
                clean = row.data.validated()
                key = _name_key(clean.name)
                if key not in existing:
                    participant = models.Participant(**clean.__dict__)
                    add_new(document, participant)
                    created.append(participant)
                    if skip_existing:
                        existing.add(key)
            if progress is not None:
                progress(done, total)
    return created
