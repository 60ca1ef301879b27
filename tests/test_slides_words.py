"""The slides' own words are translatable (issue 13): every sentence or word
the room reads that the slide model writes itself goes through the
catalogue (``domain/plurals.py``: ``gettext``, ``ngettext``), as the window's
strings go through Qt's ``tr``. Data (titles, texts), keys, theme roles and
alignment names are not words to translate."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import idg_desktop.reports.slides as slides_package

FOLDER = Path(slides_package.__file__).parent
WRAPPERS = {"gettext", "ngettext", "N_"}
#: Not words: theme roles, keys (a letter: "A"), alignments, patterns ("status.", "finding:",
#: "on-rating."), Roman numerals, format pieces.
NOT_WORDS = re.compile(r"^(?:[a-z0-9_.:#{}\-]*|[IVXL]+|[A-Z]|[\W\d_]*)$")
#: The drawing back ends (fonts, reportlab's names) write no words of their own.
SKIP = {"pdf.py", "theme.py"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _wrapped(tree: ast.AST) -> set[int]:
    """The literals handed to the catalogue (and the arguments of a format call
    on its result are data, checked where they are written)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in WRAPPERS:
                for arg in node.args:
                    found |= {id(n) for n in ast.walk(arg) if isinstance(n, ast.Constant)}
    return found


def _raised(tree: ast.AST) -> set[int]:
    """A programmer's error message (``raise ValueError("...")``) is no slide's word."""
    return {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        for n in ast.walk(node)
        if isinstance(n, ast.Constant)
    }


def bare_words(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _wrapped(tree) | _raised(tree)
    # Keys of a subscript or a comparison, and keyword values such as
    # colour="muted", are no words either; keys match NOT_WORDS anyway.
    bare = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and not NOT_WORDS.match(node.value)
        ):
            bare.append((node.lineno, node.value))
    return bare


def test_the_scan_finds_a_bare_word(tmp_path):
    """The check can fail: a sentence written bare is caught, a wrapped one not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'def f():\n    """Doc."""\n    x = gettext("Shown")\n'
        '    return Text(0, 0, 1, "Time is up", 1)\n',
        encoding="utf-8",
    )
    assert bare_words(sample) == [(4, "Time is up")]


def test_every_word_on_the_slides_goes_through_the_catalogue():
    found = {
        f"{path.name}:{line}: {text!r}"
        for path in sorted(FOLDER.glob("*.py"))
        if path.name not in SKIP
        for line, text in bare_words(path)
    }
    assert not found, "\n".join(sorted(found))
