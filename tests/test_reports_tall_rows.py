"""A plan row taller than a whole page (a performance target pasted from a long
document) continues on the next page instead of failing the report with an
internal error; every word of it is printed, and rows that fit are not cut."""

from __future__ import annotations

from pypdf import PdfReader

SENTENCE = "Zanthorp audits a sample of declarations every quarter."


def _words(pdf) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)


def test_a_row_taller_than_a_page_continues_on_the_next(idg, demo_file, tmp_path):
    activity = idg("activities", demo_file).out.split()[0]
    long = " ".join([SENTENCE] * 70)
    assert idg("activity", "plan", demo_file, activity, f"performance_target={long}").code == 0
    out = tmp_path / "plan.pdf"
    result = idg("export", "pdf", demo_file, "--report", "action-plan", "-o", out)
    assert result.code == 0, result.err
    assert _words(out).count("Zanthorp") == 70  # one a sentence: none lost at a page break
