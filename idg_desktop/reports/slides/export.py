"""``idg export pdf --report slides``: read, compose (reportlab's metrics), draw."""

from __future__ import annotations

from pathlib import Path

from idg_desktop.reports.slides.compose import build_deck
from idg_desktop.reports.slides.model import Options
from idg_desktop.reports.slides.pdf import measure, write_slides
from idg_desktop.reports.slides.reading import read_slides
from idg_desktop.reports.slides.theme import DARK, LIGHT
from idg_desktop.storage.document import AssessmentDocument


def build_slides(
    document: AssessmentDocument,
    path: Path,
    *,
    pseudonymise: bool = False,
    reveal: bool = False,
    dark: bool = False,
) -> int:
    """Write the deck (timer excluded) to ``path``; the number of pages."""
    source = read_slides(document, pseudonymise=pseudonymise)
    deck = build_deck(source, Options(pseudonymise=pseudonymise, reveal_all=reveal), measure)
    return write_slides(path, deck, DARK if dark else LIGHT, title=source.title)
