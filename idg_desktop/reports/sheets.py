"""The terms of reference (Annex 5) and the group worksheets for paper use."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Table, TableStyle

from idg_desktop.domain.vocabulary import Rating
from idg_desktop.reports import words
from idg_desktop.reports.charts import canvas_for
from idg_desktop.reports.content import Report
from idg_desktop.reports.layout import RULE_COLOUR, fractions, gap, heading, para, table

#: The worksheet's tick boxes: every rating but "not assessed" (left blank).
TICKS = tuple(rating.value for rating in Rating if rating is not Rating.NOT_ASSESSED)


def tor_story(report: Report, width: float) -> list:
    story = [
        para("Annex 5 · Terms of reference", "muted"),
        heading(report.scope.title, 1, toc=False),
    ]
    story.append(para(report.scope.administration, "subtitle"))
    rows = [[para("Item", "head"), para("Terms", "head")]]
    extra = []
    current = ""
    for label, value, group in report.terms_of_reference:
        if group and group != current:
            rows.append([para(group, "cellbold"), ""])
            n = len(rows) - 1
            extra += [("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), "#f1f4f7")]
        current = group
        rows.append([para(label, "cellbold"), para(value or "—", "cell")])
    story.append(table(rows, fractions(width, 28, 72), extra=extra))
    story.append(gap())
    story.append(
        para(
            f"Mode: {report.mode}. Scope: "
            + ", ".join(f"{s.code} {s.title}" for s in report.in_scope())
            + ".",
            "small",
        )
    )
    return story


def _box(size: float = 9) -> Drawing:
    box = canvas_for(size, size)
    box.add(
        Rect(
            0,
            0,
            size,
            size,
            fillColor=colors.white,
            strokeColor=colors.HexColor(words.INK),
            strokeWidth=0.8,
        )
    )
    return box


def _ladder(width: float) -> Table:
    cells = []
    for rating in TICKS:
        cells += [_box(), para(words.RATINGS[rating], "small")]
    weights = [len(words.RATINGS[rating]) + 4 for rating in TICKS]
    room = width - 12 * len(TICKS)
    widths = []
    for weight in weights:
        widths += [12, room * weight / sum(weights)]
    ladder = Table([cells], colWidths=widths, hAlign="LEFT")
    ladder.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return ladder


def _writing_room(width: float, lines: int, label: str = "") -> Table:
    rows = [[para(label, "small") if label else ""]] + [[""] for _ in range(lines)]
    room = Table(rows, colWidths=[width], rowHeights=[12] + [16] * lines, hAlign="LEFT")
    room.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return room


def worksheet_story(report: Report, group, width: float) -> list:
    """One group's checklist: each question with room to write and the ladder to tick."""
    story = [para("Working group worksheet", "muted"), heading(group.name, 1, toc=False)]
    story.append(para(report.scope.title, "subtitle"))
    facts = [
        ("Sections", ", ".join(group.sections)),
        ("Members", ", ".join(group.members)),
        ("Rapporteur", group.rapporteur),
    ]
    story.append(
        table(
            [[para(k, "cellbold"), para(v, "cell")] for k, v in facts if v],
            fractions(width, 22, 78),
            header=False,
        )
    )
    story.append(gap())
    story.append(heading("How to rate an existing measure (IDG Figure 5)", 2, toc=False))
    for question, answer in words.LADDER_QUESTIONS:
        story.append(para(f"{question}  {answer}", "small"))
    story.append(
        para(
            "Tick Not applicable when the question does not apply to your administration. "
            "Write the evidence (document, reference, interview) for every rating.",
            "small",
        )
    )
    sections = {s.code: s for s in report.sections}
    first = True
    for code in group.sections:
        section = sections.get(code)
        if section is None:
            continue
        # the first section follows the guidance on page 1 (paper is counted);
        # each further one starts a page, so a section can be handed out alone
        story += [gap(8)] if first else [PageBreak()]
        story.append(heading(f"{section.code} {section.title}", 1, toc=False))
        first = False
        last_sub = None
        for q in section.questions:
            block = []
            if q.subarea != last_sub and q.subarea:
                block.append(
                    heading(f"{q.subarea}. {section.subareas.get(q.subarea, '')}", 3, toc=False)
                )
            last_sub = q.subarea
            block.append(para(f"{q.id}  {q.text}", "body", bold=False))
            block.append(
                _writing_room(width, 4, "Answer: what exists, how it is applied, how well it works")
            )
            block.append(_writing_room(width, 1, "Evidence"))
            block.append(gap(1.5))
            block.append(_ladder(width))
            block.append(gap(5))
            story.append(KeepTogether(block))
    return story


def page_margin() -> float:
    return 18 * mm
