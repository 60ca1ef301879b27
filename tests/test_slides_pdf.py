"""``idg export pdf --report slides``: 16:9 pages, the type sizes read back from
the PDF itself, confidential text absent unless revealed, and the refusals."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from idg_desktop.services.findings import list_findings
from idg_desktop.services.participants import list_participants
from idg_desktop.storage.document import AssessmentDocument


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("slides-pdf") / "demo.idg"
    shutil.copyfile(demo_template, target)
    return target


def flat(text: str) -> str:
    return " ".join(text.split())


def text_of(path: Path) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def sizes_on(page) -> list[tuple[float, str]]:
    """The size each string is drawn at, from the page's own operators: the font
    size times the text matrix's and the current matrix's vertical scale."""
    found: list[tuple[float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            found.append((size * scale, text))

    page.extract_text(visitor_text=visit)
    return found


def secrets(path: Path) -> list[str]:
    with AssessmentDocument.open(path, read_only=True) as document:
        return [flat(f.text)[:50] for f in list_findings(document) if f.confidential]


def test_slides_pdf_pages_are_16_9_with_legible_type(idg, demo, tmp_path):
    out = tmp_path / "slides.pdf"
    done = idg("export", "pdf", demo, "--report", "slides", "-o", out)
    assert done.code == 0, done.err
    reader = PdfReader(str(out))
    assert done.out.strip() == f"Wrote {out}: plenary slides, {len(reader.pages)} pages."
    assert len(reader.pages) > 20
    for number, page in enumerate(reader.pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width / height - 16 / 9) < 0.005, number
        sizes = sizes_on(page)
        assert sizes, f"page {number} has no text"
        small = [(round(s, 2), t) for s, t in sizes if s < height / 34 - 0.01]
        assert not small, (number, small[:3])
        assert max(s for s, _ in sizes) >= height / 20  # every slide has its title
    text = text_of(out)
    assert "Integrity profile" in text and "Priority matrix" in text
    assert "Draft action plan" in text and "Agreed" in text
    assert "1 confidential finding and 1 confidential answer not shown" in text


def test_confidential_text_absent_by_default_and_shown_when_revealed(idg, demo, tmp_path):
    hidden = secrets(demo)
    assert hidden
    plain, public, shown = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    assert idg("export", "pdf", demo, "--report", "slides", "-o", plain).code == 0
    assert idg("export", "pdf", demo, "--report", "slides", "--public", "-o", public).code == 0
    done = idg("export", "pdf", demo, "--report", "slides", "--reveal-confidential", "-o", shown)
    assert done.code == 0, done.err
    for path in (plain, public):
        text = text_of(path)
        assert not [s for s in hidden if s in text]
    text = text_of(shown)
    assert all(s in text for s in hidden)
    assert "not shown" not in text


def test_pseudonymised_slides_name_nobody(idg, demo, tmp_path):
    with AssessmentDocument.open(demo, read_only=True) as document:
        names = [p.name for p in list_participants(document)]
    out = tmp_path / "p.pdf"
    args = ("--report", "slides", "--pseudonymise", "--reveal-confidential", "-o", out)
    assert idg("export", "pdf", demo, *args).code == 0
    text = text_of(out)
    assert "Rapporteur: I. K." in text
    assert not [n for n in names if n in text]


def test_dark_slides(idg, demo, tmp_path):
    out = tmp_path / "dark.pdf"
    assert idg("export", "pdf", demo, "--report", "slides", "--dark", "-o", out).code == 0
    content = PdfReader(str(out)).pages[0].get_contents().get_data()
    assert b".066667 .078431 .094118 rg" in content  # the dark theme's background


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--report", "slides", "--public", "--reveal-confidential"), "--public"),
        (("--report", "assessment", "--reveal-confidential"), "slides report only"),
        (("--report", "matrix", "--dark"), "slides report only"),
    ],
)
def test_refusals_say_one_line_and_write_nothing(idg, demo, tmp_path, args, says):
    before = demo.read_bytes()
    out = tmp_path / "refused.pdf"
    done = idg("export", "pdf", demo, *args, "-o", out)
    assert done.code == 2
    assert len(done.err.strip().splitlines()) == 1 and says in done.err
    assert not out.exists()
    assert not list(tmp_path.iterdir())  # no temporary file either
    assert demo.read_bytes() == before


def test_arabic_and_other_scripts_each_in_their_font(idg, demo_file, tmp_path):
    from idg_desktop.services.findings import update_finding

    with AssessmentDocument.open(demo_file) as document:
        finding = next(f for f in list_findings(document) if not f.confidential)
        update_finding(
            document, finding.id, text="الجمارك تنشر قواعد واضحة. Таможня Douane française"
        )
    out = tmp_path / "scripts.pdf"
    assert idg("export", "pdf", demo_file, "--report", "slides", "-o", out).code == 0
    fonts: dict[str, set[str]] = {}
    for page in PdfReader(str(out)).pages:

        def visit(text, _cm, _tm, font, _size):
            if text.strip() and font:
                fonts.setdefault(text.strip(), set()).add(str(font["/BaseFont"]))

        page.extract_text(visitor_text=visit)
    drawn = {text: names for text, names in fonts.items() if "Таможня" in text}
    assert drawn and all(n.endswith("NotoSans-Regular") for ns in drawn.values() for n in ns)
    assert any("NotoNaskhArabic" in n for ns in fonts.values() for n in ns)  # the Arabic run


def test_a_new_assessment_has_its_slides(idg, tmp_path):
    """Nothing rated, no group, no finding, no plan: the slides still say so."""
    path, out = tmp_path / "new.idg", tmp_path / "new.pdf"
    assert idg("new", path, "--title", "First look", "--administration", "Customs").code == 0
    done = idg("export", "pdf", path, "--report", "slides", "-o", out)
    assert done.code == 0, done.err
    text = text_of(out)
    assert "First look" in text and "No working group" in text
    assert "No findings yet" in text and "No action plan yet." in text
    assert "Quick results: none yet" in text
