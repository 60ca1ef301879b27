"""A quick summary of an assessment file, read with plain ``sqlite3``.

The window's first page (Overview) shows it while the rest of the application
(SQLAlchemy and the services) loads, so opening a file paints at once; it is
also cheap enough to re-read after every change. Read-only: it never writes.

It is the assessment's one summary: ``idg info`` prints the same figures
(:meth:`Overview.counts`), read by :func:`summarize` on the open document's
own connection (``services/reading.py`` ``summary``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from idg_desktop.domain.priorities import CRITERIA, priority
from idg_desktop.storage.fileformat import _readonly_connect


@dataclass(frozen=True)
class SectionProgress:
    code: str
    title: str
    questions: int
    answered: int
    rated: int
    findings: int


@dataclass(frozen=True)
class Overview:
    title: str
    administration: str
    mode: str
    start_date: str
    end_date: str
    location: str
    participants: int
    external: int
    groups: int
    documents: int
    sessions: int
    findings: int
    findings_agreed: int
    sections: list[SectionProgress] = field(default_factory=list)
    #: The action plan (0 and "" in a file from before it had one).
    activities: int = 0
    activities_high: int = 0
    kpis: int = 0
    kpis_complete: int = 0
    endorsed_by: str = ""
    endorsed_on: str = ""
    outcomes: int = 0
    outputs: int = 0
    endorsements: int = 0
    #: The sections out of scope (their questions are in the file all the same).
    out_of_scope: list[SectionProgress] = field(default_factory=list)

    @property
    def questions(self) -> int:
        return sum(s.questions for s in self.sections)

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)

    def counts(self) -> dict[str, int]:
        """The figures ``idg info`` prints (questions, answers and ratings of the
        whole file, in scope or not)."""
        every = [*self.sections, *self.out_of_scope]
        return {
            "participants": self.participants,
            "groups": self.groups,
            "answers": sum(s.answered for s in every),
            "findings": self.findings,
            "activities": self.activities,
            "outcomes": self.outcomes,
            "outputs": self.outputs,
            "kpis": self.kpis,
            "kpis_complete": self.kpis_complete,
            "endorsements": self.endorsements,
            "questions": sum(s.questions for s in every),
            "sections_in_scope": len(self.sections),
            "rated": sum(s.rated for s in every),
            "documents": self.documents,
            "sessions": self.sessions,
        }


def read_overview(path: Path | str) -> Overview:
    """Summarise the file at ``path``; raises ``sqlite3.Error`` if unreadable."""
    connection = _readonly_connect(Path(path))
    try:
        return summarize(connection)
    finally:
        connection.close()


def summarize(connection: sqlite3.Connection) -> Overview:
    """The summary, read on ``connection`` (a read-only one, or a document's own)."""

    def one(sql: str) -> int:
        return int(connection.execute(sql).fetchone()[0] or 0)

    row = connection.execute(
        "SELECT title, administration, mode, start_date, end_date, location FROM assessment"
    ).fetchone()
    sections: list[SectionProgress] = []
    out_of_scope: list[SectionProgress] = []
    for in_scope, *values in connection.execute(
        """
            SELECT s.in_scope, s.code, s.title,
                   (SELECT count(*) FROM question q WHERE q.section_code = s.code),
                   (SELECT count(*) FROM answer a JOIN question q ON q.id = a.question_id
                     WHERE q.section_code = s.code AND trim(a.text) != ''),
                   (SELECT count(*) FROM answer a JOIN question q ON q.id = a.question_id
                     WHERE q.section_code = s.code AND a.rating != 'not-assessed'),
                   (SELECT count(*) FROM finding f WHERE f.section_code = s.code)
            FROM section s ORDER BY s.position
            """
    ):
        (sections if in_scope else out_of_scope).append(SectionProgress(*values))
    return Overview(
        *row,
        participants=one("SELECT count(*) FROM participant"),
        external=one("SELECT count(*) FROM participant WHERE external"),
        groups=one("SELECT count(*) FROM working_group"),
        documents=one("SELECT count(*) FROM background_document"),
        sessions=one("SELECT count(*) FROM workshop_session"),
        findings=one("SELECT count(*) FROM finding"),
        findings_agreed=one(
            # agreed as written or amended; a merged finding lives on in the one it went into
            "SELECT count(*) FROM finding WHERE status IN ('agreed', 'amended')"
        ),
        sections=sections,
        out_of_scope=out_of_scope,
        **_plan(connection),
    )


def _plan(connection: sqlite3.Connection) -> dict[str, object]:
    """The plan's figures; a file of an older schema (read before its upgrade)
    may lack the tables, which then count as empty."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    figures: dict[str, object] = {}
    if "activity" in tables:
        rows = connection.execute(
            f"SELECT priority_override, {', '.join(CRITERIA)} FROM activity"
        ).fetchall()
        figures["activities"] = len(rows)
        figures["activities_high"] = sum(
            (row[0] or priority(dict(zip(CRITERIA, row[1:], strict=True))).band.value) == "high"
            for row in rows
        )
    if "kpi" in tables:
        figures["kpis"], figures["kpis_complete"] = connection.execute(
            "SELECT count(*), coalesce(sum(complete), 0) FROM kpi"
        ).fetchone()
    for table in ("outcome", "output"):
        if table in tables:
            figures[f"{table}s"] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if "adoption" in tables:
        figures["endorsements"] = connection.execute("SELECT count(*) FROM adoption").fetchone()[0]
        latest = connection.execute(
            "SELECT endorsed_by, endorsed_on FROM adoption ORDER BY endorsed_on DESC, id LIMIT 1"
        ).fetchone()
        if latest:
            figures["endorsed_by"], figures["endorsed_on"] = latest
    return figures
