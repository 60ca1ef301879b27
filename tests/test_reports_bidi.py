"""Arabic paragraphs longer than a line: wrapped first, each line then reordered.

A right-to-left paragraph read in order has its first words on the top line
(at the right) and its last words on the bottom line. The sentences carry
distinct ordinals (first ... sixth) so the order of the lines can be checked
on the text pdftotext extracts (presentation forms folded back with NFKC).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from idg_desktop.cli import main
from idg_desktop.storage.document import AssessmentDocument

ORDINALS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس"]
SENTENCE = " ".join(
    f"الجمارك تعمل بنزاهة {word} وشفافية في جميع المنافذ الحدودية" for word in ORDINALS
)


def layout_lines(pdf: Path, *args: str) -> list[str]:
    """pdftotext's lines, Arabic presentation forms folded, direction marks gone."""
    text = subprocess.run(
        ["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    folded = unicodedata.normalize("NFKC", text)
    return [
        " ".join(line.translate({0x202A: None, 0x202B: None, 0x202C: None}).split())
        for line in folded.splitlines()
    ]


def line_of(lines: list[str], word: str) -> int:
    """The index of the one line holding ``word`` (in either character order)."""
    found = [n for n, line in enumerate(lines) if word in line or word[::-1] in line]
    assert len(found) == 1, (word, found)
    return found[0]


def assert_words_in_order(lines: list[str], words: list[str]) -> None:
    """``words`` read in this order: lines top to bottom, each line in reading order."""
    found = []
    for line in lines:
        found += sorted((line.index(w), w) for w in set(words) if w in line)
    assert [w for _, w in found] == words, found


def assert_read_in_order(lines: list[str]) -> None:
    rows = [line_of(lines, word) for word in ORDINALS]
    assert rows == sorted(rows), rows
    assert rows[0] < rows[-1], "the sentence fits one line: make it longer"


def test_a_long_arabic_paragraph_is_wrapped_then_reordered_per_line(tmp_path):
    """In-process: every printed line is the bidi display of one logical line,
    and a paragraph cut across two pages keeps the order of its lines."""
    from bidi.algorithm import get_display
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from idg_desktop.reports.fonts import shape
    from idg_desktop.reports.layout import para, rich
    from idg_desktop.reports.rtl import BidiParagraph

    item = para(SENTENCE)
    assert isinstance(item, BidiParagraph)
    assert type(para("Plain Latin text, no Arabic")).__name__ == "Paragraph"
    item.wrap(200, 1000)
    assert item.style.alignment == 2  # TA_RIGHT: a mostly Arabic paragraph
    logical = ["".join(t for _, t in pieces) for pieces, _ in item._lines]
    assert len(logical) > 2 and " ".join(logical).split() == SENTENCE.split()
    assert ORDINALS[0] in logical[0] and ORDINALS[-1] in logical[-1]
    shown = ["".join(f.text for f in line.words) for line in item.blPara.lines]
    assert len(shown) == len(logical)
    for text, line in zip(shown, logical, strict=True):
        assert text == get_display(_reshaped(line), base_dir="R")
    assert shape("الجمارك") in shown[0]
    # A mostly Latin paragraph quoting some Arabic stays left to right.
    mixed = rich(
        "The motto "
        + para("الجمارك تعمل بنزاهة وشفافية").text
        + " is printed on every poster at every border post of the service."
    )
    mixed.wrap(200, 1000)
    assert mixed.style.alignment == 0
    # Latin inside an Arabic paragraph: each line as the bidi algorithm shows it.
    inside = para(f"{SENTENCE} (see Annex 3, ISO 37001) {SENTENCE}")
    inside.wrap(200, 1000)
    assert inside.style.alignment == 2
    for (pieces, _), line in zip(inside._lines, inside.blPara.lines, strict=True):
        logical_line = "".join(t for _, t in pieces)
        expected = get_display(_reshaped(logical_line), base_dir="R")
        assert "".join(f.text for f in line.words) == expected
    assert any("37001" in "".join(f.text for f in line.words) for line in inside.blPara.lines)

    out = tmp_path / "split.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A6, topMargin=10 * mm, bottomMargin=10 * mm)
    doc.build([para("\n".join([SENTENCE] * 3))])
    assert len(PdfReader(str(out)).pages) >= 2, "the paragraph should span pages"
    assert_words_in_order(layout_lines(out), ORDINALS * 3)


def _reshaped(text: str) -> str:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper().reshape(text)


@pytest.fixture
def arabic_demo(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.idg"
    shutil.copyfile(demo_template, target)
    from idg_desktop.services.assessment import assessment_of, update_scope

    with AssessmentDocument.open(target) as document:
        terms = json.loads(assessment_of(document).terms_of_reference or "{}")
        terms["programme_name"] = SENTENCE
        update_scope(document, terms_of_reference=terms)
    return target


def test_terms_of_reference_print_a_long_arabic_field_line_by_line(arabic_demo, tmp_path):
    out = tmp_path / "tor.pdf"
    assert main(["export", "pdf", str(arabic_demo), "-o", str(out), "--report", "tor"]) == 0
    lines = layout_lines(out, "-f", "1", "-l", "1")
    assert_read_in_order(lines)
    assert_words_in_order(lines, ORDINALS)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "NotoNaskhArabic-Regular" in fonts


def test_assessment_prints_a_long_arabic_answer_line_by_line(demo_file, tmp_path):
    from idg_desktop.services.answers import save_answer

    with AssessmentDocument.open(demo_file) as document:
        text = f"{SENTENCE} {SENTENCE}"
        save_answer(document, "LC-2", text=text, rating="effective")
    out = tmp_path / "report.pdf"
    assert main(["export", "pdf", str(demo_file), "-o", str(out), "--report", "assessment"]) == 0
    lines = layout_lines(out)
    start = next(n for n, line in enumerate(lines) if line.startswith("LC-2 "))
    answer = lines[start : start + 20]
    assert_words_in_order(answer, ORDINALS * 2)
    # (A line mixing Latin into the Arabic is checked in process above:
    # pdftotext's own reordering of such a line is not reliable.)
