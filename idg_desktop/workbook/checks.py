"""The full workbook's rows checked as records: versions, closed lists,
duplicates and the references between records (``reader.py`` has read the
cells; ``rebuild.py`` builds the file from rows that pass). Every problem is
a sentence naming the sheet and row, for the refusal to list them all.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from idg_desktop.domain.dates import iso_date
from idg_desktop.domain.framework import Framework
from idg_desktop.domain.plan import PARENT_LEVEL, OutcomeLevel, parse_when
from idg_desktop.errors import IdgError
from idg_desktop.workbook.layout import FORMAT, SHEET, TECHNICAL_SHEET

Rows = dict[str, list[dict[str, Any]]]


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
    # A newer format or schema was refused before the sheets were read (reader.py).
    if tech.get("format") not in (None, FORMAT):
        c.problems.append(f"{TECHNICAL_SHEET}: the workbook's format is not one this version reads")
    named = (tech.get("framework_id"), tech.get("framework_version"))
    if None not in named and named != (framework.id, framework.version):
        c.problems.append(
            f"{TECHNICAL_SHEET}: the workbook uses the framework {tech.get('framework_id')} "
            f"version {tech.get('framework_version')}, not {framework.id} version "
            f"{framework.version} bundled with this version"
        )
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
