"""A filled fill-in workbook read back, as a returned package for the merge.

The workbook comes back from elsewhere, so it is read as untrusted input
(``untrusted.py``): formulas are never evaluated, every value is checked
again, and one bad cell refuses the whole workbook with every problem listed.
Its answers become a returned package's records and go through the same
merge as a package (``exchange/merge.py``). The layout is ``fill_in.py``'s.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from idg_desktop.domain import versions
from idg_desktop.domain.figure5 import (
    EMPTY,
    Ladder,
    contradiction,
    derive,
    ladder_for_rating,
    update_ladder,
)
from idg_desktop.domain.vocabulary import Rating
from idg_desktop.errors import InvalidInput
from idg_desktop.exchange import container
from idg_desktop.exchange.merge import MergeResult, merge_payload
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.workbook.fill_in import (
    COLUMNS,
    DATA_SHEET,
    EDITABLE,
    LADDER_CHOICES,
    LADDER_COLUMNS,
    LADDER_KEYS,
    LEGACY_COLUMNS,
    MAGIC,
    RATINGS,
    VERSION,
    cell_of,
    checksum,
    questions_by_section,
    shown_ladder_of,
)
from idg_desktop.workbook.untrusted import open_book, read_untrusted

MAX_BYTES = 50 * 1024 * 1024  # far above any real workbook; refuses zip bombs early
MAX_ROWS = 5_000


def _text(value: Any) -> str:
    """What a cell holds as text: ``=``, ``+``, ``-``, ``@`` stay plain characters."""
    return "" if value is None else str(value).strip()


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat()


def _load(source: Path) -> tuple[Any, Any]:
    """The workbook twice: with formulas (to find them) and with cached values."""
    data = read_untrusted(source, MAX_BYTES, "a fill-in workbook")
    return open_book(data, source), open_book(data, source, data_only=True)


def _base_of(book: Any, where: str) -> dict[str, Any]:
    """The exported payload the workbook carries, if intact. The checksum catches
    edits by hand or by a tool, not a forger (anyone can recompute it)."""
    refused = InvalidInput(f"{where} is not a fill-in workbook of this assessment.")
    if DATA_SHEET not in book.sheetnames:
        raise refused
    sheet = book[DATA_SHEET]
    head = [_text(sheet.cell(row=r, column=1).value) for r in range(1, 5)]
    needs = sheet.cell(row=2, column=2).value
    if head[0] == MAGIC and head[1].isdigit() and int(head[1]) > VERSION:
        what = f"fill-in workbook format {head[1]}, this version reads up to {VERSION}"
        raise InvalidInput(versions.too_new(where, needs, what))
    if head[0] != MAGIC or head[1] != str(VERSION) or not head[3].isdigit():
        raise refused
    count = int(head[3])
    if not 0 < count <= 10_000:
        raise refused
    text = "".join(str(sheet.cell(row=r, column=1).value or "") for r in range(5, 5 + count))
    if checksum(text) != head[2]:
        raise refused
    try:
        payload = json.loads(text)
    except ValueError:
        raise refused from None
    if not isinstance(payload, dict) or payload.get("kind") != "export":
        raise refused
    carried = payload.get("version", 1)
    if not isinstance(carried, int) or carried > container.PAYLOAD_VERSION:
        what = f"package format {carried}, this version reads up to {container.PAYLOAD_VERSION}"
        raise InvalidInput(versions.too_new(where, needs, what))
    return payload


def import_template(document: AssessmentDocument, source: Path | str) -> MergeResult:
    """Merge a filled workbook like a returned package: all of it, or nothing."""
    source = Path(source)
    formulas, values = _load(source)
    exported = _base_of(values, str(source))
    if exported["assessment"]["id"] != document.meta("assessment_id"):
        raise InvalidInput(
            f"{source} belongs to another assessment ('{exported['assessment']['title']}')."
        )
    sections = exported["group"]["sections"]
    rows, problems, places = _read_rows(document, sections, formulas, values)
    if not problems:
        records, problems = _answers(rows, exported, places)
    if problems:
        raise InvalidInput(f"{source} cannot be imported: " + "; ".join(problems) + ".")
    digest = checksum(json.dumps(rows, ensure_ascii=False))
    payload = {
        "format": "idg-package",
        "version": container.PAYLOAD_VERSION,
        "kind": "return",
        "package_id": str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"idg-workbook:{exported['package_id']}:{digest}")
        ),
        "exported_package_id": exported["package_id"],
        "created_at": _now(),
        "origin": "workbook",
        "assessment": exported["assessment"],
        "group": exported["group"],
        "base": exported["base"],
        "records": {
            "answers": records,
            "findings": list(exported["base"]["findings"]),
        },
    }
    return merge_payload(document, payload, str(source), source_kind="workbook")


def _read_rows(
    document: AssessmentDocument, sections: list[str], formulas: Any, values: Any
) -> tuple[list[list[str]], list[str], dict[str, str]]:
    """Every row as ``[question, answer, rating, evidence]`` (then ``exists, applied,
    effective`` from a workbook with Figure 5's columns), every problem found, and
    where each question's row is."""
    home = {q.id: code for code, qs in questions_by_section(document, sections).items() for q in qs}
    rows: list[list[str]] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    places: dict[str, str] = {}
    for code in sections:
        if code not in values.sheetnames:
            problems.append(f"{code}: the sheet is missing")
            continue
        sheet, raw = values[code], formulas[code]
        header = [_text(sheet.cell(row=1, column=c).value) for c in range(1, len(COLUMNS) + 1)]
        columns = COLUMNS if tuple(header) == COLUMNS else LEGACY_COLUMNS
        if tuple(header[: len(columns)]) != columns or any(header[len(columns) :]):
            problems.append(f"{code}, row 1: the columns must be {', '.join(COLUMNS)}")
            continue
        if sheet.max_row > MAX_ROWS:
            problems.append(f"{code}: more than {MAX_ROWS} rows")
            continue
        for r in range(2, sheet.max_row + 1):
            where = f"{code}, row {r}"
            cells: dict[str, str] = {}
            for c, name in enumerate(columns, start=1):
                if raw.cell(row=r, column=c).data_type == "f" and (
                    sheet.cell(row=r, column=c).value is None
                ):
                    problems.append(f"{where}: {name} holds a formula; type its value instead")
                cells[name] = _text(sheet.cell(row=r, column=c).value)
            qid = cells["Question"].upper()
            filled = any(cells.get(name) for name in EDITABLE)
            if not qid:
                if filled:
                    problems.append(f"{where}: there is no question id")
                continue
            if qid not in home:
                problems.append(f"{where}: unknown question '{cells['Question']}'")
                continue
            if home[qid] != code:
                problems.append(f"{where}: question {qid} belongs on sheet {home[qid]}")
                continue
            if qid in seen:
                problems.append(f"{where}: question {qid} appears twice")
                continue
            seen[qid] = where
            rating = cells["Rating"].lower()
            if rating and rating not in RATINGS:
                problems.append(
                    f"{where}: rating '{cells['Rating']}' is not one of {', '.join(RATINGS)}"
                )
                continue
            row = [qid, cells["Answer"], rating, cells["Evidence"]]
            if columns == COLUMNS:  # Figure 5's answers, checked against the base later
                bad = [
                    f"{where}: {name} '{cells[name]}' is not one of "
                    + ", ".join(LADDER_CHOICES[name])
                    for name in LADDER_COLUMNS
                    if cells[name] and cells[name].lower() not in LADDER_CHOICES[name]
                ]
                if bad:
                    problems.extend(bad)
                    continue
                row += [cells[name].lower() for name in LADDER_COLUMNS]
                places[qid] = where
            rows.append(row)
    return rows, problems, places


def _answers(
    rows: list[list[str]], exported: dict[str, Any], places: dict[str, str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The group's answers: the base's, with what the workbook says in place of its cells;
    and every problem with Figure 5's answers.

    A row of a question with a base answer always counts (emptying a cell is a
    change); a row without one counts only when something was written. Figure 5
    goes as in the window: changed answers give the rating (a rating changed too
    must be the one they give); a rating changed on its own keeps the answers that
    give it, or takes those it implies.
    """
    base = {a["question"]: a for a in exported["base"]["answers"]}
    now = _now()
    answers = []
    problems: list[str] = []
    for qid, text, typed, evidence, *cells in rows:
        old = base.get(qid)
        new = dict(old) if old else _new_answer(qid, exported["group"]["id"], now)
        rating = typed or Rating.NOT_ASSESSED.value
        stored: Ladder = tuple(new[k] for k in LADDER_KEYS)  # type: ignore[assignment]
        ladder = ladder_for_rating(rating, stored) if rating != new["rating"] else stored
        if cells and tuple(cells) != tuple(map(cell_of, shown_ladder_of(new))):
            # all three are in view at once: those after a "no" are not asked and are
            # dropped, as the window drops them (a prefilled "yes" left under a new "no")
            exists, applied, effective = cells
            given = {"exists": _yes_no(exists)}
            given["applied"] = _yes_no(applied) if given["exists"] else None
            given["effective"] = (effective or None) if given["applied"] else None
            try:
                ladder = update_ladder("", EMPTY, **given)
            except ValueError as error:
                problems.append(f"{places[qid]}: {error}")
                continue
            # a rating typed over the exported one must be the one the answers give
            why = contradiction(rating, ladder) if typed and rating != new["rating"] else None
            if why:
                problems.append(f"{places[qid]}: {why}")
                continue
            rating = derive(ladder).value
        if old is None and not (text or typed or evidence or ladder != EMPTY):
            continue
        after = (text, rating, evidence, *ladder)
        if (new["text"] or "", new["rating"], new["evidence"] or "", *stored) == after:
            answers.append(new)
            continue
        new.update(zip(LADDER_KEYS, ladder, strict=True))
        new.update(text=text, rating=rating, evidence=evidence, origin="workbook")
        if old is not None:
            new.update(updated_at=now, revision=int(old["revision"]) + 1)
        answers.append(new)
    return answers, problems


def _yes_no(cell: str) -> bool | None:
    return {"yes": True, "no": False}.get(cell)


def _new_answer(qid: str, group_id: str, now: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "created_at": now,
        "updated_at": now,
        "origin": "workbook",
        "revision": 1,
        "question": qid,
        "text": "",
        "rating": Rating.NOT_ASSESSED.value,
        "measure_exists": None,
        "measure_applied": None,
        "measure_effective": None,
        "evidence": "",
        "marked_for_review": False,
        "reviewed": False,
        "confidential": False,
        "group_id": group_id,
        "author_id": None,
    }
