"""Dates that are facts: a period (from, to) written once and shown everywhere.

Annex 5's Date and Location are the scope's period and location (IDG Part II
step 1.2 sets the timing and period): one fact, stored once in the scope.
Files and workbooks made before schema 7 kept a second, typed copy in the
terms of reference; :func:`fold_terms_into_scope` turns such a copy into the
fact when the scope has none, and keeps any differing text in the terms'
notes, so nothing written is lost.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

#: Annex 5 fields that are the scope's facts, not texts of their own.
SCOPE_TERMS = ("date", "location")
#: The terms-of-reference key that keeps what no Annex 5 field holds.
NOTES_KEY = "notes"

_PERIOD = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})?\s*(?:(to|until|–|—|-|\.\.)\s*(\d{4}-\d{2}-\d{2})?)?\s*$"
)


def iso_date(text: str) -> str:
    """``text`` as ``YYYY-MM-DD`` ("" stays ""); ``ValueError`` if it is no date."""
    text = text.strip()
    return date.fromisoformat(text).isoformat() if text else ""


def parse_period(text: str) -> tuple[str, str]:
    """``"2027-03-08 to 2027-03-12"`` (or ``–``, ``..``; one date: one day) →
    ``("2027-03-08", "2027-03-12")``; "" → ``("", "")``. ``ValueError`` for
    anything else, or a period that ends before it starts."""
    match = _PERIOD.match(text)
    if not match:
        raise ValueError(text)
    first, separator, second = match.groups()
    start, end = iso_date(first or ""), iso_date(second or "")
    if start and not separator:
        end = start  # a single date: a one-day period
    if start and end and end < start:
        raise ValueError(text)
    return start, end


def period_text(start: str, end: str) -> str:
    """How a period reads: ``2027-03-08 to 2027-03-12``, one day, or open."""
    if start and end:
        return start if start == end else f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return ""


def fold_terms_into_scope(
    scope: dict[str, str], terms: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Annex 5's own ``date``/``location`` texts (before schema 7) folded into
    the scope: ``(changes to the scope, the terms without them)``.

    A text becomes the fact when the scope has none (a date only if it reads
    as a period); a text that says something else than the scope's fact goes
    into the terms' notes, labelled, so nothing written is lost."""
    terms = dict(terms)
    changes: dict[str, str] = {}
    kept: list[str] = []
    location = str(terms.pop("location", "") or "").strip()
    if location:
        if not scope.get("location", "").strip():
            changes["location"] = location
        elif location != scope["location"].strip():
            kept.append(f"Location (Annex 5): {location}")
    when = str(terms.pop("date", "") or "").strip()
    if when:
        try:
            start, end = parse_period(when)
        except ValueError:
            start = end = None
        if start is not None and not scope.get("start_date") and not scope.get("end_date"):
            changes["start_date"], changes["end_date"] = start, end or ""
        elif (start, end) != (scope.get("start_date", ""), scope.get("end_date", "")):
            kept.append(f"Date (Annex 5): {when}")
    if kept:
        notes = str(terms.get(NOTES_KEY, "") or "").strip()
        terms[NOTES_KEY] = "\n".join([notes, *kept] if notes else kept)
    return changes, terms


#: The working day a workshop session is proposed within (the agenda's defaults).
DAY_STARTS, DAY_ENDS = "09:00", "17:00"


def next_session_slot(
    sessions: list[tuple[str, str, int]], first_day: str, today: str
) -> tuple[str, str]:
    """The date and start a new workshop session is proposed at: right after the
    last session (``(date, start, minutes)``), or the next morning when that one
    ends the working day; with no session yet, the morning of the workshop's
    first day (``first_day``, "" when not set), else of ``today``.
    ``[("2026-03-09", "14:00", 90)]`` → ``("2026-03-09", "15:30")``."""
    held = [(d, s or DAY_STARTS, m) for d, s, m in sessions if d]
    if not held:
        return (first_day or today), DAY_STARTS
    day, start, minutes = max(held)
    end = _minutes_of(start) + max(minutes, 0)
    if end >= _minutes_of(DAY_ENDS):
        following = date.fromisoformat(day) + timedelta(days=1)
        return following.isoformat(), DAY_STARTS
    return day, f"{end // 60:02d}:{end % 60:02d}"


def _minutes_of(clock: str) -> int:
    hours, mins = (int(x) for x in clock.split(":"))
    return hours * 60 + mins
