"""Passphrase slips: one slip per group package, three to an A4 page, to be
cut apart and handed to each group's rapporteur in person.

Each slip names the group, the package's file name and the passphrase in
large type, and says never to send it with the package. The slips are the
only place the passphrases are written down (the command line never prints
them), so the facilitator saves them outside the packages' folder.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from idg_desktop.reports.fonts import SANS, SANS_BOLD, register_fonts, visual
from idg_desktop.reports.words import INK, MUTED
from idg_desktop.services.assessment import assessment_of

if TYPE_CHECKING:
    from idg_desktop.exchange.package_files import WrittenPackage
    from idg_desktop.storage.document import AssessmentDocument

PER_PAGE = 3
MARGIN = 15 * mm
HAND_OVER = (
    "Hand this slip to the group in person. Never send it with the package: "
    "not in the same e-mail, not on the same USB stick, not in the same folder."
)
TYPE_IT = "Type it exactly as printed, hyphens included, when opening the package."


def slips_pdf(document: AssessmentDocument, packages: Sequence[WrittenPackage]) -> bytes:
    """The slips of ``packages`` (those with a passphrase), as PDF bytes."""
    register_fonts()
    title = assessment_of(document).title
    buffer = io.BytesIO()
    page_width, page_height = A4
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Passphrases for the group packages")
    canvas.setAuthor("IDG Workshop")
    slip_height = (page_height - 2 * MARGIN) / PER_PAGE
    width = page_width - 2 * MARGIN
    protected = [p for p in packages if p.passphrase]
    for index, package in enumerate(protected):
        slot = index % PER_PAGE
        if index and slot == 0:
            canvas.showPage()
        top = page_height - MARGIN - slot * slip_height
        _slip(canvas, package, title, MARGIN, top, width, slip_height)
        if slot < PER_PAGE - 1 and index < len(protected) - 1:
            canvas.setDash(4, 4)
            canvas.setStrokeColor(colors.HexColor(MUTED))
            canvas.line(MARGIN, top - slip_height, MARGIN + width, top - slip_height)
            canvas.setDash()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _lines(canvas: Canvas, text: str, font: str, size: float, x, y, width, colour) -> float:
    canvas.setFont(font, size)
    canvas.setFillColor(colors.HexColor(colour))
    for line in simpleSplit(text, font, size, width):
        canvas.drawString(x, y, visual(line))
        y -= size * 1.3
    return y


def _slip(canvas: Canvas, package, title: str, x, top, width, height) -> None:
    pad = 6 * mm
    inner = width - 2 * pad
    y = top - pad - 9
    y = _lines(
        canvas, "IDG Workshop · passphrase of a group package", SANS, 9, x + pad, y, inner, MUTED
    )
    y = _lines(canvas, title, SANS, 9, x + pad, y, inner, MUTED) - 4
    y = _lines(canvas, package.group, SANS_BOLD, 15, x + pad, y, inner, INK)
    y = _lines(canvas, f"Package: {package.path.name}", SANS, 10, x + pad, y, inner, INK) - 6
    # The passphrase, as large as the slip's width allows (one line, never cut).
    size = min(24.0, inner / max(stringWidth(package.passphrase, SANS_BOLD, 1), 1) - 0.5)
    box = size * 1.9
    box_top = y + 4
    canvas.setStrokeColor(colors.HexColor(INK))
    canvas.setFillColor(colors.HexColor("#f4f6f8"))
    canvas.rect(x + pad - 3 * mm, box_top - box, inner + 6 * mm, box, stroke=1, fill=1)
    canvas.setFillColor(colors.HexColor(INK))
    canvas.setFont(SANS_BOLD, size)
    canvas.drawString(x + pad, box_top - box / 2 - size * 0.35, package.passphrase)
    y = box_top - box - 18
    y = _lines(canvas, TYPE_IT, SANS, 9, x + pad, y, inner, MUTED)
    _lines(canvas, HAND_OVER, SANS_BOLD, 9.5, x + pad, y - 2, inner, INK)
