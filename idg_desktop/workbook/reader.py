"""``idg import workbook``: a new assessment file from an ``idg export xlsx`` workbook.

The workbook comes back from elsewhere, maybe edited in Excel, so it is read
as untrusted input, like the fill-in workbooks (``fill_in.py``): openpyxl
parses it through defusedxml, formulas are never evaluated (a cell holding
one is refused: type its value instead), every value is checked again (types,
closed lists, references between records, duplicates), and one problem
refuses the whole workbook with every problem listed by sheet and row. Only
then is the new file built (``rebuild.py``), under a temporary name, and
renamed into place once complete.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import defusedxml  # noqa: F401  # openpyxl parses through it when it is installed
import openpyxl

from idg_desktop.domain.dates import iso_date
from idg_desktop.domain.framework import Framework, bundled_framework
from idg_desktop.domain.plan import PARENT_LEVEL, OutcomeLevel, parse_when
from idg_desktop.errors import CannotWrite, IdgError, InvalidInput
from idg_desktop.storage.document import AssessmentDocument, current_schema
from idg_desktop.workbook.cells import CellError, Sheet, from_cell
from idg_desktop.workbook.layout import FORMAT, FORMAT_VERSION, SHEET, SHEETS, TECHNICAL_SHEET

MAX_BYTES = 100 * 1024 * 1024  # far above any real assessment; refuses zip bombs early
MAX_ROWS = 200_000
MAX_PROBLEMS = 12

Rows = dict[str, list[dict[str, Any]]]


def _load(source: Path) -> Any:
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {source} ({error.strerror or error}).") from None
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{source} is too large to be an assessment workbook.")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # an untrusted file can fail in any of openpyxl's ways
        raise InvalidInput(f"{source} is not an Excel workbook (.xlsx) that can be read.") from None


def read_workbook(source: Path | str) -> tuple[Rows, list[str]]:
    """Every sheet's rows (``_row``: the sheet's row number), and every problem
    of form found (missing sheets or columns, formulas, values of the wrong type)."""
    source = Path(source)
    book = _load(source)
    if TECHNICAL_SHEET not in book.sheetnames:
        raise InvalidInput(
            f"{source} is not an assessment workbook written by 'idg export xlsx' "
            f"(it has no {TECHNICAL_SHEET} sheet)."
        )
    rows: Rows = {}
    problems: list[str] = []
    version = _format_version(book[TECHNICAL_SHEET])
    for sheet in SHEETS:
        if sheet.name not in book.sheetnames:
            if sheet.since > version:  # an older workbook, written before the sheet
                rows[sheet.key] = []
            else:
                problems.append(f"the sheet {sheet.name} is missing")
            continue
        ws = book[sheet.name]
        if ws.max_row > MAX_ROWS:
            problems.append(f"{sheet.name} has more than {MAX_ROWS:,} rows")
            continue
        reader = _read_vertical if sheet.vertical else _read_table
        rows[sheet.key] = reader(ws, sheet, problems)
    return rows, problems


def _format_version(ws: Any) -> int:
    """The format version the technical sheet names (1 when it cannot be read:
    its own check then names the problem)."""
    header = SHEET["technical"].column("format_version").header
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == header:
            value = ws.cell(row=row, column=2).value
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return value if isinstance(value, int) and not isinstance(value, bool) else 1
    return 1


def _value(ws: Any, row: int, column: int, spec: Any, where: str, problems: list[str]) -> Any:
    cell = ws.cell(row=row, column=column)
    if cell.data_type == "f":
        problems.append(f"{where}, {spec.header}: the cell holds a formula; type its value instead")
        return None
    try:
        return from_cell(spec, cell.value)
    except CellError as error:
        problems.append(f"{where}, {spec.header}: {error}")
        return None


def _read_table(ws: Any, sheet: Sheet, problems: list[str]) -> list[dict[str, Any]]:
    headers: dict[str, int] = {}
    for column in range(1, ws.max_column + 1):
        value = ws.cell(row=1, column=column).value
        if isinstance(value, str) and value.strip():
            headers.setdefault(value.strip(), column)
    absent = [c for c in sheet.columns if not c.info and c.header not in headers]
    wanted = [c for c in sheet.columns if not c.info and c.header in headers]
    missing = [c.header for c in absent if c.required]
    if missing:
        problems.append(
            f"{sheet.name}, row 1: the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)} {'are' if len(missing) > 1 else 'is'} missing"
        )
        return []
    found = []
    for row in range(2, ws.max_row + 1):
        if all(ws.cell(row=row, column=headers[c.header]).value in (None, "") for c in wanted):
            continue  # an empty row (Excel keeps formatted ones)
        where = f"{sheet.name}, row {row}"
        record: dict[str, Any] = {"_row": row}
        for spec in wanted:
            record[spec.key] = _value(ws, row, headers[spec.header], spec, where, problems)
        record.update((spec.key, spec.absent) for spec in absent)
        found.append(record)
    return found


def _read_vertical(ws: Any, sheet: Sheet, problems: list[str]) -> list[dict[str, Any]]:
    lines: dict[str, int] = {}
    for row in range(2, ws.max_row + 1):
        label = ws.cell(row=row, column=1).value
        if isinstance(label, str) and label.strip():
            lines.setdefault(label.strip(), row)
    record: dict[str, Any] = {"_row": 1}
    for spec in sheet.columns:
        if spec.header not in lines:
            if spec.required:
                problems.append(f"{sheet.name}: the field {spec.header!r} is missing")
            else:
                record[spec.key] = spec.absent
            continue
        row = lines[spec.header]
        record[spec.key] = _value(ws, row, 2, spec, f"{sheet.name}, row {row}", problems)
    return [record]


# -- the records' rules and references -------------------------------------------


class _Check:
    """Collects problems as "Sheet, row N: what" sentences."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self.problems: list[str] = []

    def at(self, key: str, row: dict[str, Any], text: str) -> None:
        self.problems.append(f"{SHEET[key].name}, row {row['_row']}: {text}")

    def ids(self, key: str, field: str = "id") -> set[str]:
        seen: Counter[str] = Counter()
        for row in self.rows.get(key, []):
            value = row.get(field)
            if value is None:
                continue
            seen[value] += 1
            if seen[value] == 2:
                header = SHEET[key].column(field).header
                self.at(key, row, f"{header.lower()} {value} appears more than once")
        return set(seen)

    def refs(self, key: str, field: str, known: set[str], what: str) -> None:
        for row in self.rows.get(key, []):
            values = row.get(field)
            for value in values if isinstance(values, list) else [values]:
                if value is not None and value not in known:
                    self.at(key, row, f"{what} {value} is not in the workbook")

    def filled(self, key: str, *fields: str) -> None:
        for row in self.rows.get(key, []):
            for field in fields:
                if isinstance(row.get(field), str) and not row[field].strip():
                    self.at(key, row, f"{SHEET[key].column(field).header} is empty")


def check_rows(rows: Rows, framework: Framework) -> list[str]:
    """Every problem of content: versions, closed lists, duplicates, references."""
    c = _Check(rows)
    tech = (rows.get("technical") or [{}])[0]
    if (
        tech.get("format") not in (None, FORMAT)
        or (tech.get("format_version") or 0) > FORMAT_VERSION
    ):
        c.problems.append(f"{TECHNICAL_SHEET}: the workbook's format is not one this version reads")
    named = (tech.get("framework_id"), tech.get("framework_version"))
    if None not in named and named != (framework.id, framework.version):
        c.problems.append(
            f"{TECHNICAL_SHEET}: the workbook uses the framework {tech.get('framework_id')} "
            f"version {tech.get('framework_version')}, not {framework.id} version "
            f"{framework.version} bundled with this version"
        )
    if (tech.get("schema_version") or 0) > current_schema():
        c.problems.append(f"{TECHNICAL_SHEET}: the workbook comes from a newer version of the app")
    c.filled("scope", "title", "administration")
    codes = set(framework.codes)
    seen_codes = c.ids("sections", "code")
    for row in rows.get("sections", []):
        if row.get("code") is not None and row["code"] not in codes:
            c.at("sections", row, f"there is no section {row.get('code')} in the guide")
    if rows.get("sections") is not None and not seen_codes & codes:
        c.problems.append(f"{SHEET['sections'].name}: no section is listed")
    c.ids("terms", "key")
    for key in ("custom_questions", "findings", "activities"):
        for row in rows.get(key, []):
            if row.get("section") is not None and row["section"] not in codes:
                c.at(key, row, f"there is no section {row.get('section')}")
    guide = {q.id for s in framework.sections for q in s.questions}
    custom = c.ids("custom_questions")
    for row in rows.get("custom_questions", []):
        if row.get("id") in guide:
            c.at("custom_questions", row, f"{row['id']} is a question of the guide")
    questions = guide | custom
    people = c.ids("participants")
    groups = c.ids("groups")
    findings = c.ids("findings")
    activities = c.ids("activities")
    outcomes = c.ids("outcomes")
    outputs = c.ids("outputs")
    answers = c.ids("answers")
    for key in ("kpis", "smart", "adoptions", "sessions", "documents"):
        c.ids(key)
    c.filled("participants", "name")
    c.filled("groups", "name")
    _groups(c, codes, people)
    c.ids("answers", "question")
    c.refs("answers", "question", questions, "question")
    c.refs("answers", "group", groups, "working group")
    c.refs("answers", "author", people, "participant")
    c.refs("answer_history", "answer", answers, "answer")
    c.refs("findings", "questions", questions, "question")
    c.refs("findings", "group", groups, "working group")
    c.refs("findings", "author", people, "participant")
    c.refs("findings", "merged_into", findings, "finding")
    c.refs("finding_history", "finding", findings, "finding")
    c.refs("activities", "findings", findings, "finding")
    c.ids("plan", "activity")
    c.refs("plan", "activity", activities, "activity")
    c.refs("plan", "output", outputs, "output")
    for row in rows.get("plan", []):
        for field in ("start", "due"):
            value = row.get(field) or ""
            if not isinstance(value, str):
                continue
            try:
                ok = parse_when(value) == value
            except IdgError:
                ok = False
            if not ok:
                c.at("plan", row, f"'{value}' is not a quarter (2027-Q1) or a date (2027-03-31)")
    _outcomes(c, outcomes)
    c.refs("outputs", "outcome", outcomes, "outcome")
    c.refs("kpis", "activity", activities, "activity")
    c.refs("kpis", "outcome", outcomes, "outcome")
    c.refs("kpis", "output", outputs, "output")
    for row in rows.get("kpis", []):
        owners = [row.get(key) for key in ("activity", "outcome", "output")]
        if sum(owner is not None for owner in owners) != 1:
            c.at("kpis", row, "a KPI measures exactly one activity, outcome or output")
    typologies = {t["key"] for t in framework.raw.get("kpi_typologies", [])}
    c.refs("kpis", "typologies", typologies, "type of indicator")
    c.refs("smart", "node", outcomes | outputs | activities, "objective")
    pairs: Counter[tuple[Any, Any]] = Counter()
    for row in rows.get("smart", []):
        pairs[(row.get("node"), row.get("criterion"))] += 1
        if pairs[(row.get("node"), row.get("criterion"))] == 2:
            c.at("smart", row, f"{row['criterion']} is confirmed twice for {row['node']}")
    c.refs("sessions", "participants", people, "participant")
    _steps(c)
    _merging(c, codes, questions)
    return c.problems


def _steps(c: _Check) -> None:
    """Step dates: one row per step 1 to 6, dates as YYYY-MM-DD, ends after starts."""
    c.ids("steps")
    seen: Counter[Any] = Counter()
    for row in c.rows.get("steps", []):
        number = row.get("number")
        seen[number] += 1
        if number not in range(1, 7):
            c.at("steps", row, f"there is no step {number}: the steps are numbered 1 to 6")
        elif seen[number] == 2:
            c.at("steps", row, f"step {number} is listed twice")
        dates = [row.get("start") or "", row.get("end") or ""]
        for value in dates:
            try:
                ok = isinstance(value, str) and iso_date(value) == value
            except ValueError:
                ok = False
            if not ok:
                c.at("steps", row, f"'{value}' is not a date (YYYY-MM-DD)")
        if all(isinstance(d, str) for d in dates) and dates[0] and dates[1] and dates[1] < dates[0]:
            c.at("steps", row, f"step {number} ends before it starts")


def _merging(c: _Check, codes: set[str], questions: set[str]) -> None:
    """Conflicts, their versions and the merge log."""
    conflicts = c.ids("conflicts")
    c.ids("merge_log")
    for row in c.rows.get("conflicts", []):
        if row.get("section") and row["section"] not in codes:
            c.at("conflicts", row, f"there is no section {row['section']}")
        if row.get("record_type") == "answer" and row.get("record") not in (None, *questions):
            c.at("conflicts", row, f"there is no question {row['record']}")
    c.refs("conflict_versions", "conflict", conflicts, "conflict")
    seen: Counter[tuple[Any, Any]] = Counter()
    for row in c.rows.get("conflict_versions", []):
        seen[(row.get("conflict"), row.get("position"))] += 1
        if seen[(row.get("conflict"), row.get("position"))] == 2:
            c.at(
                "conflict_versions", row, f"order {row['position']} appears twice for its conflict"
            )
    c.filled("conflict_versions", "version_origin")
    _json_objects(c, "conflict_versions", "content")
    _json_objects(c, "merge_log", "summary")


def _json_objects(c: _Check, key: str, field: str) -> None:
    for row in c.rows.get(key, []):
        value = row.get(field)
        if not isinstance(value, str):
            continue
        try:
            ok = isinstance(json.loads(value), dict)
        except ValueError:
            ok = False
        if not ok:
            header = SHEET[key].column(field).header
            c.at(key, row, f'{header} is not a JSON object such as {{"text": "..."}}')


def _groups(c: _Check, codes: set[str], people: set[str]) -> None:
    c.refs("groups", "members", people, "participant")
    c.refs("groups", "rapporteur", people, "participant")
    holder: dict[str, str] = {}
    member_of: dict[str, str] = {}
    for row in c.rows.get("groups", []):
        for code in row.get("sections") or []:
            if code not in codes:
                c.at("groups", row, f"there is no section {code}")
            elif code in holder:
                c.at("groups", row, f"section {code} is already given to {holder[code]}")
            holder.setdefault(code, row.get("name") or "")
        for person in row.get("members") or []:
            if person in member_of:
                c.at("groups", row, f"participant {person} is already in {member_of[person]}")
            member_of.setdefault(person, row.get("name") or "")


def _outcomes(c: _Check, outcomes: set[str]) -> None:
    c.refs("outcomes", "parent", outcomes, "outcome")
    level = {r.get("id"): r.get("level") for r in c.rows.get("outcomes", [])}
    parent = {r.get("id"): r.get("parent") for r in c.rows.get("outcomes", [])}
    for row in c.rows.get("outcomes", []):
        above = row.get("parent")
        if above in level and row.get("level") in {o.value for o in OutcomeLevel}:
            wanted = PARENT_LEVEL[OutcomeLevel(row["level"])]
            if wanted is None or level[above] != wanted.value:
                c.at("outcomes", row, f"a {row['level']} outcome cannot sit under {above}")
        steps, node = 0, row.get("id")
        while node is not None and steps <= len(parent):
            node, steps = parent.get(node), steps + 1
        if node is not None:
            c.at("outcomes", row, "the outcome is its own ancestor")


def import_workbook(source: Path | str, target: Path | str) -> AssessmentDocument:
    """A new assessment at ``target`` (which must not exist) from the workbook,
    or a refusal listing every problem; the caller closes the document."""
    from idg_desktop.workbook.rebuild import build_document

    source, target = Path(source), Path(target)
    if target.exists() or target.is_symlink():
        raise CannotWrite(f"{target} already exists; choose another name.")
    rows, problems = read_workbook(source)
    sharing = (rows.get("technical") or [{}])[0].get("sharing")
    if sharing:
        raise InvalidInput(
            f"{source} is a version for sharing ({sharing}): it cannot rebuild the "
            "assessment; import a workbook exported without --public or --pseudonymise."
        )
    framework = bundled_framework()
    problems += check_rows(rows, framework)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        raise InvalidInput(
            f"{source} cannot be imported: "
            + "; ".join(shown)
            + (f"; and {more} more problem{'s' if more > 1 else ''}" if more else "")
            + "."
        )
    return build_document(rows, target, framework)
