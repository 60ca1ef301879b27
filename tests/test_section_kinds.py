"""The guide's words for its sections: ten key factors (of the Revised Arusha
Declaration) and further areas — collective action and the cross-cutting gender
equality and diversity. Nothing calls all fourteen sections "key factors"
("Weakest key factors: Media…" was the reported fault)."""

from __future__ import annotations

import ast
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from idg_desktop.storage.document import AssessmentDocument

PACKAGE = Path(__file__).resolve().parents[1] / "idg_desktop"


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_the_words_follow_the_framework_categories():
    from idg_desktop.domain.framework import bundled_framework
    from idg_desktop.domain.vocabulary import SECTION_KIND_WORDS, SectionKind

    categories = {s.category for s in bundled_framework().sections}
    assert categories == {kind.value for kind in SectionKind} == set(SECTION_KIND_WORDS)


def test_key_messages_name_each_section_by_its_own_kind(demo_file):
    from idg_desktop.domain.vocabulary import SECTION_KIND_WORDS
    from idg_desktop.reports.assessment import key_messages
    from idg_desktop.reports.content import read_report

    with AssessmentDocument.open(demo_file, read_only=True) as document:
        report = read_report(document)
    ranking = next(m for m in key_messages(report) if m.startswith("Weakest"))
    assert not ranking.startswith("Weakest key factors:"), ranking
    named = [s for s in report.sections if s.title in ranking]
    assert any(s.category != "key-factor" for s in named), ranking  # the demo's weakest: MS
    for section in named:
        kind = SECTION_KIND_WORDS[section.category]
        assert f"{section.title} ({kind})" in ranking, ranking


def test_report_says_each_sections_own_kind_where_findings_are_missing(idg, new_file, tmp_path):
    out = tmp_path / "report.pdf"
    done = idg("export", "pdf", new_file, "--report", "assessment", "-o", out)
    assert done.code == 0, done.err
    text = _pdf_text(out)
    assert "Findings per key factor or area" in text
    assert "Findings per key factor " not in text.replace("key factor or area", "")
    assert text.count("No findings recorded for this key factor.") == 10
    assert text.count("No findings recorded for this area of collective action.") == 3
    assert text.count("No findings recorded for this cross-cutting element.") == 1


def test_no_window_report_or_workbook_string_says_key_factor_on_its_own():
    """The words live in domain/vocabulary.py; no literal elsewhere can drift.
    (Docstrings, which no one sees, may explain them.)"""
    found = []
    for folder in ("ui", "reports", "exports", "exchange", "workbook"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {
                id(node.value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            }
            found += [
                f"{path.relative_to(PACKAGE)}:{node.lineno}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and "key factor" in node.value.lower()
            ]
    assert not found, found


def test_workbook_names_each_sections_kind(idg, demo_file, tmp_path):
    out = tmp_path / "book.xlsx"
    done = idg("export", "xlsx", demo_file, "-o", out)
    assert done.code == 0, done.err
    sheet = load_workbook(out)["Sections in scope"]
    header = [c.value for c in sheet[1]]
    assert "Key factor or area" in header and "Kind (IDG)" in header
    code, kind = header.index("Code"), header.index("Kind (IDG)")
    kinds = {row[code]: row[kind] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert kinds["LC"] == "key factor"
    assert kinds["MS"] == "area of collective action"
    assert kinds["GE"] == "cross-cutting element"
    rebuilt = tmp_path / "rebuilt.idg"
    back = idg("import", "workbook", out, rebuilt)
    assert back.code == 0, back.err
