"""The PDF reports (``idg export pdf``): content, privacy, fonts, refusals, self-check.

The assessment report of the demo is built once per module (three variants);
each other report once where it is checked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from merged_demo import build_merged_demo
from pypdf import PdfReader

from idg_desktop.cli import main
from idg_desktop.storage.document import AssessmentDocument

GROUP = "Group A – Leadership, rules and transparency"
SCRIPTS = "Łódź Таможня الجمارك Douane française"


def _flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return _flat(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def export(source: Path, out: Path, *args: str) -> Path:
    code = main(["export", "pdf", str(source), "-o", str(out), *args])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("reports") / "demo.idg"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture(scope="module")
def facts(demo: Path) -> dict:
    """What the demo holds, read through the services (names, findings, answers)."""
    from idg_desktop.services.assessment import sections_in_scope
    from idg_desktop.services.findings import list_findings
    from idg_desktop.services.participants import list_participants
    from idg_desktop.services.plan import kpi_sheet, list_kpis
    from idg_desktop.storage import models

    with AssessmentDocument.open(demo, read_only=True) as document:
        answers = document.session.query(models.Answer).all()
        return {
            "names": [p.name for p in list_participants(document)],
            "sections": [s.title for s in sections_in_scope(document)],
            "findings": [
                (f.text, f.confidential)
                for f in list_findings(document)
                if f.status in ("agreed", "amended", "proposed")
            ],
            "answers": [(a.text, a.confidential) for a in answers if a.text.strip()],
            "kpis": [kpi_sheet(k) for k in list_kpis(document)],
        }


@pytest.fixture(scope="module")
def reports(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {
        "full": export(demo, folder / "full.pdf", "--report", "assessment"),
        "pseudo": export(demo, folder / "pseudo.pdf", "--report", "assessment", "--pseudonymise"),
        "public": export(demo, folder / "public.pdf", "--report", "assessment", "--public"),
    }


def start(text: str, n: int = 60) -> str:
    return _flat(text)[:n]


def test_assessment_report_has_every_section_and_finding(reports, facts):
    text = pdf_text(reports["full"])
    for heading in (
        "Contents",
        "1 Key messages",
        "2 Description and methodology",
        "3 Workshop sessions",
        "4 Participants",
        "5 Findings per key factor or area",
        "6 Integrity profile",
        "7 Priority matrix",
        "8 Integrity action plan",
        "Annex: answers and ratings",
    ):
        assert heading in text
    for title in facts["sections"]:
        assert title in text
    for finding, _ in facts["findings"]:
        assert start(finding) in text
    pages = len(PdfReader(str(reports["full"])).pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "do not circulate" in text


def _page(path: Path, number: int) -> str:
    return _flat(PdfReader(str(path)).pages[number - 1].extract_text() or "")


def test_open_conflicts_are_named_on_the_cover_and_methodology(
    idg, reports, demo_template: Path, tmp_path: Path
):
    from idg_desktop.exchange.merge import list_conflicts

    merged = build_merged_demo(demo_template, tmp_path)  # two open conflicts, one resolved
    two = export(merged, tmp_path / "two.pdf", "--report", "assessment")
    assert "2 conflicts not yet resolved" in _page(two, 1)
    assert "Draft:" in _page(two, 1) and "before printing the final report" in _page(two, 1)
    methodology = next(p for p in range(2, 6) if "The assessment followed" in _page(two, p))
    assert "Status: 2 conflicts not yet resolved" in _page(two, methodology)
    with AssessmentDocument.open(merged, read_only=True) as document:
        finding = next(c for c in list_conflicts(document) if c["record_type"] == "finding")
    assert idg("conflict", "resolve", merged, finding["id"][:8], "--take", "master").code == 0
    one = export(merged, tmp_path / "one.pdf", "--report", "assessment")
    assert "1 conflict not yet resolved" in _page(one, 1)
    assert "conflicts not yet resolved" not in pdf_text(one)
    # None open (the demo): nothing is said.
    assert "not yet resolved" not in pdf_text(reports["full"])
    assert "Draft:" not in _page(reports["full"], 1)


def test_fonts_are_embedded_and_pages_not_blank(reports, tmp_path):
    fonts = subprocess.run(
        ["pdffonts", str(reports["full"])], capture_output=True, text=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), fonts
    assert "NotoSans-Regular" in fonts
    assert "Helvetica" not in fonts
    from PIL import Image

    pages = len(PdfReader(str(reports["full"])).pages)
    for page in (1, 11, pages):  # cover, the profile (around page 11), the annex's end
        prefix = tmp_path / f"p{page}"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "30",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                str(reports["full"]),
                str(prefix),
            ],
            check=True,
        )
        image = Image.open(next(tmp_path.glob(f"p{page}*.png"))).convert("L")
        dark = sum(image.histogram()[:200])
        assert dark > 500, f"page {page} looks blank"


def test_pseudonymised_report_names_nobody(reports, facts):
    text = pdf_text(reports["pseudo"])
    for name in facts["names"]:
        assert _flat(name) not in text, name
    assert "Rapporteur (" in text or "Contributor (" in text
    # ...while the full report does name them.
    assert any(_flat(n) in pdf_text(reports["full"]) for n in facts["names"])


def test_public_report_leaves_confidential_text_out(reports, facts):
    public, full = pdf_text(reports["public"]), pdf_text(reports["full"])
    secret = [t for t, c in facts["findings"] + facts["answers"] if c]
    assert secret, "the demo has confidential answers and findings"
    for text in secret:
        assert start(text) in full
        assert start(text) not in public
    for text, confidential in facts["findings"]:
        if not confidential:
            assert start(text) in public
    assert "Public version" in public and "do not circulate" not in public


def test_kpi_sheets_show_every_field(demo, facts, tmp_path):
    out = export(demo, tmp_path / "kpis.pdf", "--report", "kpis")
    text = pdf_text(out)
    assert len(PdfReader(str(out)).pages) >= len(facts["kpis"])
    with AssessmentDocument.open(demo, read_only=True) as document:
        from idg_desktop.services.plan import kpi_typologies

        names = {t["key"]: t["name"] for t in kpi_typologies(document)}
    for sheet in facts["kpis"]:
        for key, value in sheet.items():
            if key == "typologies":  # printed by their Annex 10 names
                value = [names[k] for k in value]
            if isinstance(value, list):
                value = ", ".join(value)
            if value:
                assert start(str(value), 40) in text, (key, value)
    assert "Calculation method" in text and "Source of verification" in text


def test_worksheets_hold_the_groups_questions(demo, tmp_path):
    from idg_desktop.services.groups import find_group, group_sections
    from idg_desktop.storage import models

    out = export(demo, tmp_path / "w.pdf", "--report", "worksheets", "--group", GROUP)
    text = pdf_text(out)
    with AssessmentDocument.open(demo, read_only=True) as document:
        sections = group_sections(document, find_group(document, GROUP))
        questions = (
            document.session.query(models.Question)
            .filter(models.Question.section_code.in_(sections))
            .all()
        )
        other = (
            document.session.query(models.Question)
            .filter(~models.Question.section_code.in_(sections))
            .first()
        )
    for q in questions:
        assert f"{q.id} {start(q.text, 40)}" in text, q.id
    assert f"{other.id} " not in text
    for label in ("Absent", "Not applied", "Not effective", "Partially effective", "Effective"):
        assert label in text


def test_action_plan_is_landscape_by_outcome_and_matrix_one_page(demo, tmp_path):
    plan = export(demo, tmp_path / "plan.pdf", "--report", "action-plan")
    reader = PdfReader(str(plan))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = pdf_text(plan)
    assert "Outcome 1 (ultimate outcome)" in text and "Output 1.1.1.1" in text
    assert "Endorsed by" in text
    matrix = export(demo, tmp_path / "m.pdf", "--report", "matrix", "--paper", "letter")
    reader = PdfReader(str(matrix))
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.height)) == 612  # Letter, landscape
    assert "Quick results: start here" in pdf_text(matrix)


def test_terms_of_reference(demo, tmp_path):
    out = export(demo, tmp_path / "tor.pdf", "--report", "tor", "--paper", "letter")
    text = pdf_text(out)
    assert "Annex 5" in text and "Mission objective" in text and "Expected outcomes" in text
    assert round(float(PdfReader(str(out)).pages[0].mediabox.width)) == 612


def test_accented_cyrillic_and_arabic_print_with_embedded_fonts(demo_file, tmp_path):
    from idg_desktop.services.answers import save_answer
    from idg_desktop.services.participants import list_participants, update_participant

    with AssessmentDocument.open(demo_file) as document:
        person = list_participants(document)[0]
        update_participant(document, person.id, unit=SCRIPTS)
        save_answer(document, "LC-2", text=f"Answer from {SCRIPTS}.", rating="effective")
    out = export(demo_file, tmp_path / "scripts.pdf", "--report", "assessment")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"NotoNaskhArabic-Regular\s+TrueType.*yes yes", fonts), fonts
    assert re.search(r"NotoSans-Regular\s+TrueType.*yes yes", fonts)
    text = pdf_text(out)
    assert "Łódź" in text and "Таможня" in text and "Douane française" in text


@pytest.mark.parametrize(
    "args, words",
    [
        (["--report", "worksheets"], "--group"),
        (["--report", "worksheets", "--group", "No such group"], "No such group"),
        (["--report", "tor", "--group", GROUP], "worksheets"),
        (["--report", "nonsense"], "invalid choice"),
    ],
)
def test_refusals_are_one_line_and_leave_no_file(idg, demo_file, tmp_path, args, words):
    out = tmp_path / "out.pdf"
    result = idg("export", "pdf", demo_file, *args, "-o", out)
    assert result.code == 2
    assert result.err.count("\n") == 1 and words in result.err
    assert not out.exists()


def test_output_in_a_missing_folder_is_refused(idg, demo_file, tmp_path):
    out = tmp_path / "missing" / "out.pdf"
    result = idg("export", "pdf", demo_file, "--report", "tor", "-o", out)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "does not exist" in result.err
    assert not out.exists()


def test_a_failed_self_check_leaves_nothing(idg, demo_file, tmp_path, monkeypatch):
    from idg_desktop.errors import CannotWrite
    from idg_desktop.reports import export as exporter

    def refuse(path, pages):
        raise CannotWrite("The PDF written did not read back; nothing was saved.")

    monkeypatch.setattr(exporter, "check_pdf", refuse)
    out = tmp_path / "out.pdf"
    out.write_bytes(b"the user's older file")
    result = idg("export", "pdf", demo_file, "--report", "tor", "-o", out)
    assert result.code == 2 and "did not read back" in result.err
    assert out.read_bytes() == b"the user's older file"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    out.unlink()
    assert idg("export", "pdf", demo_file, "--report", "tor", "-o", out).code == 2
    assert not out.exists()


def test_the_check_rejects_a_wrong_page_count(demo_file, tmp_path):
    from idg_desktop.errors import CannotWrite
    from idg_desktop.reports.export import check_pdf

    out = export(demo_file, tmp_path / "tor.pdf", "--report", "tor")
    pages = len(PdfReader(str(out)).pages)
    check_pdf(out, pages)
    with pytest.raises(CannotWrite):
        check_pdf(out, pages + 1)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(out.read_bytes()[:2000])
    with pytest.raises(CannotWrite):
        check_pdf(broken, pages)


def test_pseudonyms_and_markup():
    from idg_desktop.reports.fonts import markup
    from idg_desktop.reports.privacy import Person, Pseudonyms, initials

    assert initials("Leila Haddad-Saleh") == "L. H.-S."
    names = Pseudonyms(
        [
            Person("1", "Leila Haddad-Saleh", "rapporteur"),
            Person("2", "Mateo Rinaldi", "contributor"),
        ],
        enabled=True,
    )
    assert names.name("1") == "Rapporteur (L. H.-S.)"
    cleaned = names.clean("Asked by LEILA  HADDAD-SALEH and Mr Rinaldi.")
    assert cleaned == "Asked by Rapporteur (L. H.-S.) and Mr Contributor (M. R.)."
    assert "Leila" not in cleaned
    text = markup("R&D <Таможня> الجمارك")
    assert text.startswith('R&amp;D &lt;Таможня&gt; <font name="IdgArabic">')
