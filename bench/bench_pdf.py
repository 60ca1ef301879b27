"""Benchmark: the PDF assessment report of a large assessment.

Run: ``.venv/bin/python bench/bench_pdf.py [--repeat 3] [--keep DIR]``

It builds the large assessment of ``bench_file.py`` (60 participants, 8
groups, all 282 questions answered with a 1.5 KB narrative, 300 findings)
and adds 30 rated activities placed in a small action plan, then times,
inside this process after imports:

* reading the report's content through the services (``read_report``);
* the whole ``assessment`` export (content, two layout passes for the table
  of contents, the read-back check with pypdf, the rename);

beside a baseline measured in the same run on the same text: reportlab
setting every answer and finding as plain Paragraphs in one pass with its
built-in Helvetica (no tables, charts, TOC, TTF fonts or check). The ratio
says what the report's structure costs on this machine whatever its speed.
The whole command's wall time (``idg export pdf``, imports included) is
printed beside. Target: the assessment report under 5 s. No figure is
asserted: the machines are noisy. Copy the table into README.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_file import build

from idg_desktop.reports.content import read_report
from idg_desktop.reports.export import export_pdf
from idg_desktop.services import activities, plan
from idg_desktop.storage.document import AssessmentDocument

LEVELS = ("low", "medium", "high")


def add_plan(path: Path) -> None:
    with AssessmentDocument.open(path) as document:
        top = plan.add_outcome(
            document, title="Integrity of the service improved", level="ultimate"
        )
        outputs = []
        for n in range(3):
            middle = plan.add_outcome(
                document, title=f"Intermediate outcome {n + 1}", level="intermediate", parent=top.id
            )
            outputs.append(plan.add_output(document, title=f"Output {n + 1}", outcome=middle.id))
        codes = ["LC", "RF", "TR", "AU", "HR", "CC"]
        for n in range(30):
            activity = activities.add_activity(
                document,
                title=f"Activity {n + 1}: review and publish the procedure",
                section=codes[n % 6],
            )
            ratings = {
                c: LEVELS[(n + i) % 3]
                for i, c in enumerate(
                    ("impact", "ease", "cost", "urgency", "importance", "consequence")
                )
            }
            activities.rate_activity(document, activity.id, ratings)
            if n % 3:
                plan.place_activity(document, activity.id, outputs[n % 3].id)
                plan.update_plan_fields(
                    document,
                    activity.id,
                    responsible_division="Integrity Office",
                    performance_target="Procedure published",
                    budget="EUR 10,000",
                    start="Q1 2027",
                    due="Q4 2027",
                )


def baseline(path: Path, out: Path) -> None:
    """The same text, as plain Paragraphs, one pass, Helvetica."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    with AssessmentDocument.open(path, read_only=True) as document:
        report = read_report(document)
    style = getSampleStyleSheet()["BodyText"]
    story = []
    for section in report.sections:
        for q in section.questions:
            story.append(Paragraph(escape(f"{q.id} {q.text}"), style))
            story.append(Paragraph(escape(q.answer), style))
    for f in report.findings:
        story.append(Paragraph(escape(f.text), style))
        story.append(Paragraph(escape(f.proposed_action), style))
    SimpleDocTemplate(str(out)).build(story)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="idg-bench-pdf-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "large.idg"
    path.unlink(missing_ok=True)
    start = time.perf_counter()
    build(path)
    add_plan(path)
    print(f"built the large assessment in {time.perf_counter() - start:.1f} s: {path}")

    def content() -> None:
        with AssessmentDocument.open(path, read_only=True) as document:
            read_report(document)

    pages = 0

    def report() -> None:
        nonlocal pages
        with AssessmentDocument.open(path, read_only=True) as document:
            pages = export_pdf(document, "assessment", folder / "report.pdf").pages

    rows = []
    for name, function in (
        ("content (read_report)", content),
        ("assessment report", report),
        ("baseline: plain Paragraphs", lambda: baseline(path, folder / "baseline.pdf")),
    ):
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            function()
            times.append(time.perf_counter() - began)
        rows.append((name, statistics.median(times)))
    began = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("idg")),
            "export",
            "pdf",
            str(path),
            "--report",
            "assessment",
            "-o",
            str(folder / "cli.pdf"),
        ],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - began
    from pypdf import PdfReader

    base_pages = len(PdfReader(str(folder / "baseline.pdf")).pages)
    print(f"{'step':32} {'median s':>9}")
    for name, value in rows:
        print(f"{name:32} {value:9.2f}")
    report_s, base_s = rows[1][1], rows[2][1]
    print(f"assessment report: {pages} pages; baseline {base_pages} pages")
    print(
        f"ratio report / baseline: {report_s / base_s:.1f}x; per page: "
        f"{1000 * report_s / pages:.0f} ms vs {1000 * base_s / base_pages:.0f} ms"
    )
    print(
        f"idg export pdf --report assessment (wall, imports included): {wall:.2f} s "
        f"(target < 5 s: {'met' if wall < 5 else 'NOT met'})"
    )
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
