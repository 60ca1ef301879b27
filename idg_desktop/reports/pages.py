"""The page around every report: paper, header, footer and page numbers.

Every page carries the assessment's title (header), "Page x of y" and a
confidentiality line (footer). "of y" needs the total, known only at the end:
:class:`_NumberedCanvas` keeps each page's drawing state and writes the
numbers when the document is saved (the two-pass canvasmaker recipe), which
also works with ``multiBuild``'s extra passes for the table of contents.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from idg_desktop.reports.fonts import SANS, register_fonts
from idg_desktop.reports.layout import MUTED_COLOUR, RULE_COLOUR, Contents, PageInfo, fit

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm


def confidentiality_line(administration: str, public: bool, pseudonymised: bool) -> str:
    if public:
        named = "participants pseudonymised; " if pseudonymised else ""
        return (
            f"Public version: confidential answers, findings and plan parts left out; "
            f"{named}may be circulated."
        )
    return f"Confidential: integrity assessment of {administration}; do not circulate."


class _NumberedCanvas(Canvas):
    info: PageInfo

    def __init__(self, *args, **kwargs) -> None:
        # Start in the embedded font: the default Helvetica would be listed, not embedded.
        kwargs["initialFontName"] = SANS
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        self.info.pages = total
        for state in self._pages:
            self.__dict__.update(state)
            width, _ = self._pagesize
            self.setFont(SANS, 8)
            self.setFillColor(MUTED_COLOUR)
            self.drawRightString(width - MARGIN, 10 * mm, f"Page {self._pageNumber} of {total}")
            super().showPage()
        for chunk in self.info.notes.get("toc", []):
            chunk.define_form(self, self.info.notes.get("toc_pages", {}))
        super().save()


def _header_footer(info: PageInfo):
    from idg_desktop.reports.fonts import font_for, visual

    def draw(canvas: Canvas, doc) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - 12 * mm, width - MARGIN, height - 12 * mm)
        canvas.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
        canvas.setFillColor(MUTED_COLOUR)
        title = visual(info.title)
        canvas.setFont(font_for(title), 8)
        canvas.drawString(
            MARGIN, height - 10.5 * mm, fit(title, font_for(title), 8, width - 2 * MARGIN)
        )
        line = visual(info.confidentiality)
        canvas.setFont(font_for(line), 7.5)
        canvas.drawString(
            MARGIN, 10 * mm, fit(line, font_for(line), 7.5, width - 2 * MARGIN - 30 * mm)
        )
        canvas.restoreState()

    return draw


class ReportDocument(BaseDocTemplate):
    """Portrait pages ("portrait") and landscape ones ("landscape"), a TOC if asked."""

    def __init__(
        self, stream, info: PageInfo, paper: str, *, start_landscape: bool = False
    ) -> None:
        register_fonts()
        size = PAPERS[paper]
        self.info = info
        super().__init__(
            stream,
            pagesize=landscape(size) if start_landscape else size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=18 * mm,
            bottomMargin=20 * mm,
            title=info.title,
            author="IDG Workshop",
            subject=info.confidentiality,
            creator="IDG Workshop",
        )
        on_page = _header_footer(info)
        templates = []
        for name, page in (("portrait", size), ("landscape", landscape(size))):
            frame = Frame(
                MARGIN,
                20 * mm,
                page[0] - 2 * MARGIN,
                page[1] - 38 * mm,
                id=name,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            templates.append(PageTemplate(id=name, frames=[frame], onPage=on_page, pagesize=page))
        if start_landscape:
            templates.reverse()
        self.addPageTemplates(templates)

    def afterFlowable(self, flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        key = flowable.toc_key
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=True)
        self.info.notes.setdefault("toc_pages", {})[key] = self.page

    def canvasmaker(self):
        info = self.info

        class Maker(_NumberedCanvas):
            pass

        Maker.info = info
        return Maker

    def render(self, story: list) -> None:
        """One layout pass, table of contents included (see :class:`Contents`)."""
        entries = [
            (f.toc_level, f.toc_text, f.toc_key)
            for f in story
            if getattr(f, "toc_level", None) is not None
        ]
        self.info.notes["toc"] = []
        for flowable in story:
            if isinstance(flowable, Contents):
                flowable.entries = entries
                flowable.info = self.info
        self.build(story, canvasmaker=self.canvasmaker())
