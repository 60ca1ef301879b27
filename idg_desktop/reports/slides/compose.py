"""The deck: what goes on each slide, in which order, and where a long finding,
the profile or the plan continues on the next slide (never smaller type).

``build_deck(source, options, measure)`` is pure: the window calls it again
after every change of the file (or a reveal) and draws the slide it shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from idg_desktop.reports.slides import cells, decisions
from idg_desktop.reports.slides.fitting import Frame, Line, paginate, paragraph, place
from idg_desktop.reports.slides.model import (
    Box,
    Deck,
    Hidden,
    Item,
    Measure,
    Options,
    Slide,
    SlideKind,
    Text,
)
from idg_desktop.reports.slides.reading import SlideSource
from idg_desktop.reports.slides.sections import CONTINUED, not_shown, section_slide


def build_deck(source: SlideSource, options: Options, measure: Measure) -> Deck:
    frame = Frame(options, measure)
    slides: list[Slide] = [title_slide(frame, source)]
    hidden: list[Hidden] = []
    for section in source.sections:
        findings = [f for f in source.findings if f.section == section.code]
        left_out = [
            Hidden(f"finding:{f.id}", "finding", section.code)
            for f in findings
            if f.confidential and not options.shows(f"finding:{f.id}")
        ]
        left_out += [
            Hidden(f"answer:{q.id}", "answer", section.code)
            for q in section.questions
            if q.confidential and not options.shows(f"answer:{q.id}")
        ]
        hidden += left_out
        slides.append(section_slide(frame, section, findings, left_out))
        shown = [f for f in findings if not f.confidential or options.shows(f"finding:{f.id}")]
        for number, finding in enumerate(shown, 1):
            slides += decisions.finding_slides(frame, section, finding, number, len(shown))
    answers = [h for h in hidden if h.kind == "answer"]
    slides += profile_slides(frame, source.sections, options, answers)
    plan_hidden = sorted(
        {line.hidden_by for line in source.plan if line.hidden_by} - {h for h in options.revealed}
        if not options.reveal_all
        else set()
    )
    plan_left = tuple(Hidden(h, "plan", "plan") for h in plan_hidden)
    hidden += plan_left
    slides.append(matrix_slide(frame, source, plan_left))
    slides += plan_slides(frame, source, plan_left)
    return Deck(tuple(slides), options.aspect, tuple(hidden))


def title_slide(frame: Frame, source: SlideSource) -> Slide:
    s, lead, m = frame.options.sizes, frame.leading, frame.m
    blocks = [
        *paragraph(source.title, frame.measure, frame.inner, s.hero, bold=True, colour="accent"),
        *paragraph(source.administration, frame.measure, frame.inner, s.title, gap=0.04),
        *paragraph(source.period, frame.measure, frame.inner, s.title, colour="muted", gap=0.02),
        *paragraph(
            "Plenary: findings, integrity profile, priorities and draft action plan",
            frame.measure,
            frame.inner,
            frame.body,
            colour="muted",
            gap=0.05,
        ),
    ]
    height = sum(b.gap + b.height(lead) for b in blocks)
    top = max(m, (1 - height) / 2 - 0.03)
    items: list[Item] = [Box(m, top - 0.04, 0.22, 0.012, fill="rule")]
    items += place(blocks, m, top, frame.inner, lead)
    return Slide(SlideKind.TITLE, "title", source.title, tuple(items))


def profile_slides(frame: Frame, sections, options: Options, hidden: list[Hidden]) -> list[Slide]:
    body, lead, m = frame.body, frame.leading, frame.m
    hidden_ids = {h.id for h in hidden}
    columns = max((len(s.subareas) for s in sections), default=1) or 1
    code_w = max((frame.measure(s.code, True, body) for s in sections), default=0.1) + 0.03
    gap = 0.01
    width = frame.inner - code_w
    w = (width - gap * (columns - 1)) / columns
    rows = []
    for section in sections:
        shown = [q for q in section.questions if f"answer:{q.id}" not in hidden_ids]
        heat = []
        for label, _ in section.subareas:
            rating = cells.cell_rating(Counter(q.rating for q in shown if q.subarea == label))
            heat.append((rating, [(cells.word(rating), False)]))
        if not heat:
            rating = cells.cell_rating(Counter(q.rating for q in shown))
            heat = [(rating, [(cells.word(rating), False)])]
        lines = max(len(cells.cell_lines(frame, parts, w)) for _, parts in heat)
        rows.append((section, heat, cells.cell_height(frame, lines)))
    _, top = frame.head("", "Integrity profile")
    room = frame.footer_top() - top - body * lead - 0.02
    pages: list[list] = [[]]
    used = 0.0
    for row in rows:
        if pages[-1] and used + row[2] + gap > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += row[2] + gap
    slides = []
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
    for part, page in enumerate(pages, 1):
        title = "Integrity profile" + (" (continued)" if part > 1 else "")
        items, y = frame.head("Each sub-area's ratings, by section", title)
        for c in range(columns):
            label = numerals[c] if c < len(numerals) else str(c + 1)
            items.append(
                Text(
                    m + code_w + c * (w + gap),
                    y + body,
                    w,
                    label,
                    body,
                    True,
                    "muted",
                    align="center",
                )
            )
        y += body * lead + 0.01
        for section, heat, h in page:
            items.append(Text(m, y + h / 2 + body / 3, code_w, section.code, body, True))
            row, _ = cells.rating_row(frame, y, heat, m + code_w, len(heat) * (w + gap) - gap, gap)
            items += row
            y += h + gap
        notice = not_shown(hidden)
        if notice:
            notice = notice.replace("not shown", "left out of the counts")
        items += frame.footer(notice, CONTINUED if part < len(pages) else "")
        slides.append(
            Slide(
                SlideKind.PROFILE,
                f"profile#{part}",
                title,
                tuple(items),
                part,
                len(pages),
                hidden=tuple(hidden),
            )
        )
    return slides


def matrix_slide(frame: Frame, source: SlideSource, hidden: tuple[Hidden, ...]) -> Slide:
    within = dict(source.matrix.hidden_by)
    left = {h.id for h in hidden}
    items, top = frame.head("Activities by impact and ease of implementation", "Priority matrix")
    items += cells.matrix(
        frame,
        top,
        source.matrix.cells,
        dict(source.matrix.names),
        lambda i: within.get(i, "") not in left,
    )
    mine = tuple(h for h in hidden if h.id in set(within.values()))
    items += frame.footer(not_shown(mine))
    return Slide(SlideKind.MATRIX, "matrix", "Priority matrix", tuple(items), hidden=mine)


def plan_slides(frame: Frame, source: SlideSource, hidden: tuple[Hidden, ...]) -> list[Slide]:
    left = {h.id for h in hidden}
    lines: list[Line] = []
    for line in source.plan:
        if line.hidden_by in left:
            continue
        lines += paragraph(
            line.text,
            frame.measure,
            frame.inner,
            frame.body,
            bold=line.depth == 0,
            indent=0.045 * line.depth,
            gap=0.012 if line.depth <= 1 else 0.0,
        )
    if not lines:
        lines = paragraph(
            "No action plan yet.", frame.measure, frame.inner, frame.body, colour="muted"
        )
    _, top = frame.head("", "Draft action plan")
    pages = paginate(lines, frame.footer_top() - top - 0.02, frame.leading)
    slides = []
    for part, page in enumerate(pages, 1):
        title = "Draft action plan" + (" (continued)" if part > 1 else "")
        items, top = frame.head("", title)
        items += place(page, frame.m, top, frame.inner, frame.leading)
        items += frame.footer(not_shown(hidden), CONTINUED if part < len(pages) else "")
        slides.append(
            Slide(
                SlideKind.PLAN, f"plan#{part}", title, tuple(items), part, len(pages), hidden=hidden
            )
        )
    return slides


def timer_slide(
    seconds: int, options: Options, measure: Measure, label: str = "Group work"
) -> Slide:
    """The countdown (the window's; never in the PDF): minutes and seconds, large."""
    frame = Frame(options, measure)
    s = options.sizes
    left = max(0, int(seconds))
    digits = f"{left // 60:02d}:{left % 60:02d}"
    items, _ = frame.head("", label)
    items.append(
        Text(
            frame.m,
            0.5 + s.timer * 0.36,
            frame.inner,
            digits,
            s.timer,
            True,
            "text",
            align="center",
        )
    )
    if left == 0:
        items.append(
            Text(frame.m, 0.85, frame.inner, "Time is up", s.title, True, "accent", align="center")
        )
    return Slide(SlideKind.TIMER, "timer", label, tuple(items))


def with_timer(slide: Slide, seconds: int, options: Options, measure: Measure) -> Slide:
    """``slide`` with the running countdown in its top right corner, inside the
    margin where nothing else is drawn (the window's, while the timer runs)."""
    s = options.sizes
    left = max(0, int(seconds))
    digits = f"{left // 60:02d}:{left % 60:02d}"
    pad = 0.012
    width = measure(digits, True, s.body) + 2 * pad
    height = s.body * 1.2
    x = options.aspect - s.margin - width
    y = (s.margin - height) / 2
    corner = (
        Box(x, y, width, height, fill="panel", outline="muted"),
        Text(
            x,
            y + height / 2 + s.body * 0.36,
            width,
            digits,
            s.body,
            True,
            "text",
            "panel",
            align="center",
        ),
    )
    return replace(slide, items=slide.items + corner)
