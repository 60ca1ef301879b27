"""A section's slide (its group, rapporteur and ratings at a glance) and its
findings' slides (kind, text, proposed action, linked questions and the
plenary status as a large word), a long finding continued on the next slide."""

from __future__ import annotations

from collections import Counter

from idg_desktop.domain.plurals import ngettext
from idg_desktop.domain.vocabulary import label_of
from idg_desktop.reports.slides import cells
from idg_desktop.reports.slides.fitting import Frame, Line, paginate, paragraph, place
from idg_desktop.reports.slides.model import Box, Hidden, Slide, SlideKind, Text
from idg_desktop.reports.slides.reading import FindingData, SectionData

CONTINUED = "continued on the next slide"
#: A finding's type, largest first, tried before the body size (the floor's side).
FINDING_SIZES = (0.05, 0.044, 0.039)


def not_shown(hidden) -> str:
    kinds = Counter(h.kind for h in hidden)
    parts = []
    if kinds["finding"]:
        parts.append(
            ngettext("{n} confidential finding", "{n} confidential findings", kinds["finding"])
        )
    if kinds["answer"]:
        parts.append(
            ngettext("{n} confidential answer", "{n} confidential answers", kinds["answer"])
        )
    if kinds["plan"]:
        parts.append(
            ngettext(
                "{n} confidential part of the plan",
                "{n} confidential parts of the plan",
                kinds["plan"],
            )
        )
    if not parts:
        return ""
    return " and ".join(parts) + " not shown"


def section_slide(
    frame: Frame, section: SectionData, findings: list[FindingData], hidden: list[Hidden]
) -> Slide:
    body, lead, m = frame.body, frame.leading, frame.m
    who = section.group or "No working group"
    if section.rapporteur:
        who += f" · Rapporteur: {section.rapporteur}"
    items, top = frame.head(who, f"{section.code} {section.title}")
    shown = [q for q in section.questions if not any(h.id == f"answer:{q.id}" for h in hidden)]
    totals = Counter(q.rating for q in shown)
    items.append(Text(m, top + body, frame.inner, "Ratings of the questions", body, True, "muted"))
    row, top = cells.rating_row(
        frame, top + body * lead * 1.3, cells.counts(totals), m, frame.inner
    )
    items += row
    heat = []
    for label, _title in _subareas(section):
        found = Counter(q.rating for q in shown if q.subarea == label)
        heat.append(
            (
                cells.cell_rating(found),
                [(label, True), (cells.word(cells.cell_rating(found)), False)],
            )
        )
    if heat:
        top += 0.045
        items.append(Text(m, top + body, frame.inner, "By sub-area", body, True, "muted"))
        row, top = cells.rating_row(frame, top + body * lead * 1.3, heat, m, frame.inner)
        items += row
    decided = Counter(
        f.status for f in findings if not any(h.id == f"finding:{f.id}" for h in hidden)
    )
    if decided:
        total = sum(decided.values())
        summary = (
            ngettext("{n} finding", "{n} findings", total)
            + ": "
            + ", ".join(f"{n} {status}" for status, n in decided.items())
        )
    else:
        summary = "No findings yet"
    items += _legend(frame, section, top + 0.035)
    items += frame.footer(not_shown(hidden), summary)
    return Slide(
        SlideKind.SECTION,
        f"section:{section.code}",
        f"{section.code} {section.title}",
        tuple(items),
        record_id=section.code,
        hidden=tuple(hidden),
    )


def finding_slides(
    frame: Frame, section: SectionData, finding: FindingData, number: int, count: int
) -> list[Slide]:
    s, body, lead, m = frame.options.sizes, frame.body, frame.leading, frame.m
    status = label_of(finding.status)
    chip_w = frame.measure(status, True, s.status) + 0.06
    kicker = f"{section.code} {section.title} · finding {number} of {count}"
    title_w = frame.inner - chip_w - 0.03
    _, top = frame.head(kicker, finding.kind, title_width=title_w)
    room = frame.footer_top() - top - 0.02
    # The largest type that holds the finding on one slide; at the floor, it continues.
    for size in (*(z for z in FINDING_SIZES if z > body), body):
        lines = _finding_lines(frame, finding, size)
        pages = paginate(lines, room, lead)
        if len(pages) == 1:
            break
    slides = []
    for part, page in enumerate(pages, 1):
        title = finding.kind + (" (continued)" if part > 1 else "")
        items, top = frame.head(kicker, title, title_width=title_w)
        chip_h = s.status * 1.35
        chip_x = m + frame.inner - chip_w
        items += [
            Box(chip_x, m, chip_w, chip_h, outline=f"status.{finding.status}", thick=True),
            Text(
                chip_x,
                m + chip_h / 2 + s.status * 0.36,
                chip_w,
                status,
                s.status,
                True,
                f"status.{finding.status}",
                align="center",
            ),
        ]
        items += place(page, m, top, frame.inner, lead)
        items += frame.footer("", CONTINUED if part < len(pages) else "")
        slides.append(
            Slide(
                SlideKind.FINDING,
                f"finding:{finding.id}#{part}",
                title,
                tuple(items),
                part,
                len(pages),
                finding.id,
                finding.status,
            )
        )
    return slides


def _finding_lines(frame: Frame, finding: FindingData, size: float) -> list[Line]:
    width, measure = frame.inner, frame.measure
    lines: list[Line] = paragraph(finding.text, measure, width, size)
    if finding.action.strip():
        lines += paragraph(
            "Proposed action", measure, width, size, bold=True, colour="muted", gap=size
        )
        lines += paragraph(finding.action, measure, width, size)
    if finding.questions:
        label = "Linked questions: " + ", ".join(finding.questions)
        lines += paragraph(label, measure, width, size, colour="muted", gap=size)
    return lines


def _legend(frame: Frame, section: SectionData, top: float) -> list:
    """The sub-areas' names under the heat map (whose cells carry their numbers),
    in two or three columns: only where they fit at the body size."""
    body, lead, gap = frame.body, frame.leading, 0.04
    for count in (2, 3):
        width = (frame.inner - gap * (count - 1)) / count
        subareas = _subareas(section)
        per = -(-len(subareas) // count)
        placed = []
        for n in range(count):
            lines = []
            for label, title in subareas[n * per : (n + 1) * per]:
                text = f"{label}  {title}"
                lines += paragraph(text, frame.measure, width, body, colour="muted", gap=0.006)
            placed.append(lines)
        height = max(sum(line.gap + line.height(lead) for line in lines) for lines in placed)
        if subareas and top + height <= frame.footer_top() - 0.015:
            items = []
            for n, lines in enumerate(placed):
                items += place(lines, frame.m + n * (width + gap), top, width, lead)
            return items
    return []


def _subareas(section: SectionData) -> list[tuple[str, str]]:
    """The section's named sub-areas (a section without any has one unnamed)."""
    return [(label, title) for label, title in section.subareas if label or title]
