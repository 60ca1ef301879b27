"""A section's slide (its group, rapporteur and ratings at a glance) and its
findings' slides (kind, text, proposed action, linked questions and the
plenary status as a large word), a long finding continued on the next slide."""

from __future__ import annotations

from collections import Counter

from idg_desktop.domain.plurals import gettext, ngettext
from idg_desktop.domain.vocabulary import label_of
from idg_desktop.reports.slides import cells
from idg_desktop.reports.slides.fitting import Frame, Line, paginate, paragraph, place
from idg_desktop.reports.slides.model import Box, Hidden, Slide, SlideKind, Text
from idg_desktop.reports.slides.reading import FindingData, SectionData


def continued() -> str:
    """The foot of a slide that continues on the next one."""
    return gettext("continued on the next slide")


def continued_title(title: str, part: int) -> str:
    """``title`` on the second and later parts: "… (continued)"."""
    return title if part <= 1 else gettext("{title} (continued)", title=title)


#: A finding's status chip sits this far below the top margin, clear of the
#: group-work countdown drawn in the top right corner (compose.with_timer).
CHIP_DROP = 0.012
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
    if len(parts) == 1:
        return gettext("{what} not shown", what=parts[0])
    return gettext("{what} and {last} not shown", what=", ".join(parts[:-1]), last=parts[-1])


def section_slides(
    frame: Frame, section: SectionData, findings: list[FindingData], hidden: list[Hidden]
) -> list[Slide]:
    """The section's slide, and where the sub-areas' names do not fit under its
    heat map, a slide after it with them (never smaller type, never left out)."""
    body, lead, m = frame.body, frame.leading, frame.m
    who = section.group or gettext("No working group")
    if section.rapporteur:
        who = gettext("{group} · Rapporteur: {name}", group=who, name=section.rapporteur)
    title = gettext("{code} {title}", code=section.code, title=section.title)
    items, top = frame.head(who, title)
    shown = [q for q in section.questions if not any(h.id == f"answer:{q.id}" for h in hidden)]
    totals = Counter(q.rating for q in shown)
    heading = gettext("Ratings of the questions")
    items.append(Text(m, top + body, frame.inner, heading, body, True, "muted"))
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
    legend: list = []
    if heat:
        top += 0.045
        heading_y = top + body
        row, top = cells.rating_row(frame, top + body * lead * 1.3, heat, m, frame.inner)
        legend = _legend(frame, section, top + 0.035)
        heading = gettext("By sub-area")
        if not legend:
            heading = gettext("By sub-area (named on the next slide)")
        items.append(Text(m, heading_y, frame.inner, heading, body, True, "muted"))
        items += row
    decided = Counter(
        f.status for f in findings if not any(h.id == f"finding:{f.id}" for h in hidden)
    )
    if decided:
        total = sum(decided.values())
        counted = ", ".join(
            gettext("{n} {status}", n=n, status=gettext(status)) for status, n in decided.items()
        )
        summary = gettext(
            "{findings}: {counted}",
            findings=ngettext("{n} finding", "{n} findings", total),
            counted=counted,
        )
    else:
        summary = gettext("No findings yet")
    items += legend
    items += frame.footer(not_shown(hidden), summary)
    first = Slide(
        SlideKind.SECTION,
        f"section:{section.code}",
        title,
        tuple(items),
        record_id=section.code,
        hidden=tuple(hidden),
    )
    if legend or not heat:
        return [first]
    return [first, *_legend_slides(frame, section, who, title, hidden)]


def _legend_slides(
    frame: Frame, section: SectionData, who: str, title: str, hidden: list[Hidden]
) -> list[Slide]:
    """The sub-areas' names, one a line, continued where they are many."""
    named = gettext("{title}: sub-areas", title=title)
    lines: list[Line] = []
    for label, name in _subareas(section):
        text = gettext("{label}  {name}", label=label, name=name)
        lines += paragraph(text, frame.measure, frame.inner, frame.body, gap=0.01)
    _, top = frame.head(who, named)
    pages = paginate(lines, frame.footer_top() - top - 0.02, frame.leading)
    slides = []
    for part, page in enumerate(pages, 2):
        items, top = frame.head(who, continued_title(named, part - 1))
        items += place(page, frame.m, top, frame.inner, frame.leading)
        items += frame.footer("", continued() if part <= len(pages) else "")
        slides.append(
            Slide(
                SlideKind.SECTION,
                f"section:{section.code}#{part}",
                continued_title(named, part - 1),
                tuple(items),
                part,
                len(pages) + 1,
                record_id=section.code,
                hidden=tuple(hidden),
            )
        )
    return slides


def finding_slides(
    frame: Frame, section: SectionData, finding: FindingData, number: int, count: int
) -> list[Slide]:
    s, body, lead, m = frame.options.sizes, frame.body, frame.leading, frame.m
    status = gettext(label_of(finding.status))
    chip_w = frame.measure(status, True, s.status) + 0.06
    kicker = gettext(
        "{code} {title} · finding {number} of {count}",
        code=section.code,
        title=section.title,
        number=number,
        count=count,
    )
    marked = ""
    if finding.confidential:  # shown: revealed by the facilitator, or every one (--reveal)
        marked = (
            gettext("Confidential — shown on request")
            if frame.options.reveal_all
            else gettext("Confidential — shown by the facilitator")
        )
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
        title = continued_title(finding.kind, part)
        items, top = frame.head(kicker, title, title_width=title_w)
        chip_h = s.status * 1.25
        chip_x = m + frame.inner - chip_w
        chip_y = m + CHIP_DROP
        items += [
            Box(chip_x, chip_y, chip_w, chip_h, outline=f"status.{finding.status}", thick=True),
            Text(
                chip_x,
                chip_y + chip_h / 2 + s.status * 0.36,
                chip_w,
                status,
                s.status,
                True,
                f"status.{finding.status}",
                align="center",
            ),
        ]
        items += place(page, m, top, frame.inner, lead)
        more = continued() if part < len(pages) else ""
        items += frame.footer("", more)
        if marked:  # in words, bold, at the foot of every part
            room = frame.inner - (frame.measure(more, False, body) + 0.04 if more else 0.0)
            # above the decision buttons' band when the slide keeps one
            items.append(Text(m, 1 - m - frame.band, room, marked, body, True))
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
    lines: list[Line] = []
    if finding.merged_into:
        said = gettext("Merged into: {words}", words=finding.merged_into)
        lines += paragraph(said, measure, width, size, colour="muted")
    lines += paragraph(finding.text, measure, width, size, gap=size if lines else 0)
    if finding.action.strip():
        lines += paragraph(
            gettext("Proposed action"), measure, width, size, bold=True, colour="muted", gap=size
        )
        lines += paragraph(finding.action, measure, width, size)
    if finding.questions:
        label = gettext("Linked questions: {refs}", refs=", ".join(finding.questions))
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
                text = gettext("{label}  {name}", label=label, name=title)
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
