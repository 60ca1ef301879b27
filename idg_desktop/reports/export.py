"""``export_pdf``: build a report, check the file, then put it where asked.

The PDF is built into a temporary file beside the target, read back with
pypdf (it must parse and have the page count the build produced), synced
and only then renamed over the target, so a failed export never leaves a
half-written file at the output path (the same rule as ``atomic.py``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import landscape

from idg_desktop.atomic import follow_umask
from idg_desktop.errors import CannotWrite, InvalidInput
from idg_desktop.reports.content import Report, read_report
from idg_desktop.reports.kinds import NAMES, REPORTS
from idg_desktop.reports.layout import PageInfo
from idg_desktop.reports.pages import MARGIN, PAPERS, ReportDocument, confidentiality_line
from idg_desktop.storage.document import AssessmentDocument

_LANDSCAPE = {"action-plan", "matrix"}


@dataclass(frozen=True)
class Exported:
    path: Path
    report: str
    pages: int


def export_pdf(
    document: AssessmentDocument,
    kind: str,
    output: Path | str,
    *,
    paper: str = "a4",
    group: str | None = None,
    pseudonymise: bool = False,
    public: bool = False,
    reveal_confidential: bool = False,
    dark: bool = False,
) -> Exported:
    if kind not in REPORTS:
        raise InvalidInput(f"Unknown report '{kind}': use one of {', '.join(REPORTS)}.")
    if paper not in PAPERS:
        raise InvalidInput(f"Unknown paper '{paper}': use a4 or letter.")
    if kind == "worksheets" and not (group or "").strip():
        raise InvalidInput("The worksheets report is for one group: give --group NAME.")
    if kind != "worksheets" and group:
        raise InvalidInput("--group goes with the worksheets report only.")
    if kind != "slides" and (reveal_confidential or dark):
        flag = "--reveal-confidential" if reveal_confidential else "--dark"
        raise InvalidInput(f"{flag} goes with the slides report only.")
    if public and reveal_confidential:
        raise InvalidInput(
            "--public leaves confidential items out and --reveal-confidential shows them: "
            "choose one."
        )
    target = _check_target(Path(output))
    if kind == "slides":
        from idg_desktop.reports.slides.export import build_slides

        pages = _write_checked(
            target,
            lambda path: build_slides(
                document, path, pseudonymise=pseudonymise, reveal=reveal_confidential, dark=dark
            ),
        )
        return Exported(target, NAMES[kind], pages)
    chosen = None
    if kind == "worksheets":
        from idg_desktop.services.groups import find_group

        chosen = find_group(document, group or "").id
    report = read_report(document, pseudonymise=pseudonymise, public=public)
    info = PageInfo(
        report.scope.title, confidentiality_line(report.scope.administration, public, pseudonymise)
    )

    def build(path: Path) -> int:
        _build(path, kind, report, info, paper, chosen)
        return info.pages

    return Exported(target, NAMES[kind], _write_checked(target, build))


def _write_checked(target: Path, build: Callable[[Path], int]) -> int:
    """``build(path)`` writes the PDF into a temporary file beside ``target`` and
    says how many pages it made; the file is read back, synced, then renamed."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        follow_umask(temp)
        pages = build(Path(temp))
        check_pdf(Path(temp), pages)
        with open(temp, "rb") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except OSError as error:
        raise CannotWrite(f"Cannot write {target} ({error.strerror or error}).") from None
    finally:
        with suppress(OSError):
            os.unlink(temp)
    return pages


def _check_target(target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise CannotWrite(f"Cannot write {target}: it is a folder.")
    if not folder.is_dir():
        raise CannotWrite(f"Cannot write {target}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise CannotWrite(f"Cannot write {target}: the folder {folder} is not writable.")
    return folder / target.name


def check_pdf(path: Path, pages: int) -> None:
    """The file parses as a PDF and has ``pages`` pages (the build's own count)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        found = len(reader.pages)
        first = reader.pages[0].extract_text() if found else ""
    except (PyPdfError, ValueError, KeyError) as error:
        raise CannotWrite(
            f"The PDF written did not read back ({error}); nothing was saved."
        ) from None
    if found != pages or not first.strip():
        raise CannotWrite(
            f"The PDF written read back with {found} pages instead of {pages}; nothing was saved."
        )


def _build(
    path: Path, kind: str, report: Report, info: PageInfo, paper: str, group: str | None
) -> None:
    from idg_desktop.reports import assessment, plan_report, sheets

    doc = ReportDocument(str(path), info, paper, start_landscape=kind in _LANDSCAPE)
    width = doc.width
    size = PAPERS[paper]
    wide = landscape(size)[0] - 2 * MARGIN
    if kind == "assessment":
        story = assessment.assessment_story(report, width, doc.height, wide)
    elif kind == "tor":
        story = sheets.tor_story(report, width)
    elif kind == "worksheets":
        found = next(g for g in report.groups if g.id == group)
        story = sheets.worksheet_story(report, found, width)
    elif kind == "action-plan":
        story = plan_report.plan_story(report, width)
    elif kind == "kpis":
        story = plan_report.kpi_story(report, width)
    else:
        story = plan_report.matrix_page(report, width, doc.height)
    doc.render(story)
