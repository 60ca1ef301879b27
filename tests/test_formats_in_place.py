"""The outbound formats (exchange/, exports/, reports/, workbook/) import one
another without a cycle: a cycle ties two formats so that neither can change
alone (the passphrase slips once imported the batch of packages that draws
them)."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

FORMATS = (
    "idg_desktop.exchange",
    "idg_desktop.exports",
    "idg_desktop.reports",
    "idg_desktop.workbook",
)


def _cycles(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Strongly connected groups of more than one module among ``modules``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.find_modules_directly_imported_by(module) & modules:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_among_the_formats():
    graph = grimp.build_graph("idg_desktop")
    formats = {m for m in graph.modules if m.startswith(FORMATS) and m.count(".") > 1}
    assert _cycles(graph, formats) == []


def test_the_workbook_and_exchange_modules_are_short_or_say_why():
    """A module over about 400 lines does several jobs, unless it is a
    declaration that says so at its top (the workbook's layout)."""
    package = Path(__file__).resolve().parents[1] / "idg_desktop"
    long = []
    for folder in ("workbook", "exchange"):
        for path in sorted((package / folder).glob("*.py")):
            text = path.read_text(encoding="utf-8")
            docstring = ast.get_docstring(ast.parse(text)) or ""
            if len(text.splitlines()) > 400 and "long because" not in docstring:
                long.append(path.name)
    assert long == []


def test_the_workbook_lives_in_one_package():
    """Layout, cells, rows, writer, reader, checks and rebuild of the full
    workbook, and the fill-in workbook, side by side; nothing of them left in
    exports/ or exchange/."""
    package = Path(__file__).resolve().parents[1] / "idg_desktop"
    found = {path.stem for path in (package / "workbook").glob("*.py")}
    assert {"layout", "cells", "rows", "writer", "reader", "checks", "rebuild"} <= found
    assert {"fill_in", "fill_in_reader"} <= found
    left = [p.name for p in (package / "exports").glob("xlsx_*.py")]
    left += [p.name for p in (package / "exchange").glob("*workbook*.py")]
    assert left == []
