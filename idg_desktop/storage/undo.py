"""Undo and redo for any edit, at the level of the file's rows.

This is SQLite's own recipe (sqlite.org/undoredo.html): temporary triggers on
every table write, into a temporary ``undolog`` table, the SQL statement that
reverses each inserted, updated or deleted row. Undoing a step runs its
statements in reverse order inside one transaction; while it runs, the
triggers log the statements that reverse the undo, which become the redo step.

Why at this level rather than one inverse per service: every service (and
every future one — merges, imports) becomes undoable without writing its
inverse by hand, the history rows an edit adds are removed by its undo, and
nothing can be forgotten. The triggers and the log are TEMP objects: they
live in this connection only and never reach the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

_SKIP = {"undolog"}


@dataclass(frozen=True)
class Step:
    """A range of statements in the undo log (inclusive), and the tables they touch."""

    first: int
    last: int
    tables: frozenset[str]


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def install(connection: sqlite3.Connection) -> None:
    """Create the log and the triggers for every table of the main database."""
    connection.execute(
        "CREATE TEMP TABLE IF NOT EXISTS undolog "
        "(seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, sql TEXT NOT NULL)"
    )
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if row[0] not in _SKIP
    ]
    for table in tables:
        columns = _columns(connection, table)
        t = _ident(table)
        names = ", ".join(_ident(c) for c in columns)
        # INSERT -> DELETE by rowid; DELETE -> INSERT of the old values;
        # UPDATE -> UPDATE back to the old values.
        values = " || ',' || ".join(f"quote(old.{_ident(c)})" for c in columns)
        sets = " || ',' || ".join(
            f"{_lit(_ident(c) + '=')} || quote(old.{_ident(c)})" for c in columns
        )
        connection.executescript(
            f"""
            CREATE TEMP TRIGGER IF NOT EXISTS "undo_{table}_insert" AFTER INSERT ON main.{t}
            BEGIN
              INSERT INTO undolog(tbl, sql) VALUES ({_lit(table)},
                'DELETE FROM main.{t.replace("'", "''")} WHERE rowid=' || new.rowid);
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS "undo_{table}_update" AFTER UPDATE ON main.{t}
            BEGIN
              INSERT INTO undolog(tbl, sql) VALUES ({_lit(table)},
                'UPDATE main.{t.replace("'", "''")} SET ' || {sets} ||
                ' WHERE rowid=' || old.rowid);
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS "undo_{table}_delete" BEFORE DELETE ON main.{t}
            BEGIN
              INSERT INTO undolog(tbl, sql) VALUES ({_lit(table)},
                'INSERT INTO main.{t.replace("'", "''")} (rowid, {names.replace("'", "''")}) '
                || 'VALUES (' || old.rowid || ',' || {values} || ')');
            END;
            """
        )


def mark(connection: sqlite3.Connection) -> int:
    """The last sequence number in the log (0 when empty)."""
    return int(connection.execute("SELECT coalesce(max(seq), 0) FROM undolog").fetchone()[0])


def step_since(connection: sqlite3.Connection, before: int) -> Step | None:
    """The statements logged after ``before``, as one step (None if nothing changed)."""
    last = mark(connection)
    if last <= before:
        return None
    tables = frozenset(
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT tbl FROM undolog WHERE seq > ? AND seq <= ?", (before, last)
        )
    )
    return Step(before + 1, last, tables)


def replay(connection: sqlite3.Connection, step: Step) -> Step:
    """Run a step's statements backwards in one transaction; return the reverse step.

    The caller commits (or rolls back) the transaction this opens, so that
    the file's identity check and error handling stay in one place.
    """
    statements = connection.execute(
        "SELECT sql FROM undolog WHERE seq >= ? AND seq <= ? ORDER BY seq DESC",
        (step.first, step.last),
    ).fetchall()
    connection.execute("DELETE FROM undolog WHERE seq >= ? AND seq <= ?", (step.first, step.last))
    before = mark(connection)  # new statements are numbered after whatever remains
    # Parent and child rows come back in whatever order the log holds them.
    connection.execute("PRAGMA defer_foreign_keys = ON")
    for (sql,) in statements:
        connection.execute(sql)
    reverse = step_since(connection, before)
    if reverse is None:  # a step always reverses into a step of the same size
        raise RuntimeError("undo produced no reverse statements")
    return reverse
