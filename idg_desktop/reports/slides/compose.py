"""The deck: what goes on each slide, in which order, and where a long finding,
the profile or the plan continues on the next slide (never smaller type).

``build_deck(source, options, measure)`` is pure: the window calls it again
after every change of the file (or a reveal) and draws the slide it shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from idg_desktop.domain.plurals import gettext, ngettext
from idg_desktop.reports.slides import cells, decisions
from idg_desktop.reports.slides.fitting import Frame, Line, paginate, paragraph, place, wrap
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
from idg_desktop.reports.slides.sections import (
    continued,
    continued_title,
    not_shown,
    section_slides,
)


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
        slides += section_slides(frame, section, findings, left_out)
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
    slides += matrix_slides(frame, source, plan_left)
    slides += plan_slides(frame, source, plan_left)
    return Deck(tuple(slides), options.aspect, tuple(hidden))


def title_slide(frame: Frame, source: SlideSource) -> Slide:
    s, lead, m = frame.options.sizes, frame.leading, frame.m
    blocks = [
        *paragraph(source.title, frame.measure, frame.inner, s.hero, bold=True, colour="accent"),
        *paragraph(source.administration, frame.measure, frame.inner, s.title, gap=0.04),
        *paragraph(source.period, frame.measure, frame.inner, s.title, colour="muted", gap=0.02),
        *paragraph(
            gettext("Plenary: findings, integrity profile, priorities and draft action plan"),
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
    """The heat map, a row per section under its working group's name (the
    sections come in the groups' order), continued where the rows are many."""
    body, lead, m = frame.body, frame.leading, frame.m
    hidden_ids = {h.id for h in hidden}
    columns = max((len(s.subareas) for s in sections), default=1) or 1
    code_w = max((frame.measure(s.code, True, body) for s in sections), default=0.1) + 0.03
    gap = 0.01
    width = frame.inner - code_w
    w = (width - gap * (columns - 1)) / columns
    group_h = body * lead + 0.012  # a group's name above its rows
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
        group = section.group or gettext("No working group")
        rows.append((section, heat, cells.cell_height(frame, lines), group))
    name = gettext("Integrity profile")
    _, top = frame.head("", name)
    room = frame.footer_top() - top - body * lead - 0.02
    pages: list[list] = [[]]
    used = 0.0
    for row in rows:
        page = pages[-1]
        new_group = not page or page[-1][3] != row[3]
        need = row[2] + gap + (group_h if new_group else 0.0)
        if page and used + need > room:
            pages.append([])
            used = 0.0
            need = row[2] + gap + group_h
        pages[-1].append(row)
        used += need
    slides = []
    for part, page in enumerate(pages, 1):
        title = continued_title(name, part)
        items, y = frame.head(
            gettext("Each sub-area's ratings, by working group and section"), title
        )
        for c in range(columns):
            label = NUMERALS[c] if c < len(NUMERALS) else str(c + 1)
            x = m + code_w + c * (w + gap)
            items.append(Text(x, y + body, w, label, body, True, "muted", align="center"))
        y += body * lead + 0.01
        group = None
        for section, heat, h, in_group in page:
            if in_group != group:
                group = in_group
                for line in wrap(group, frame.measure, True, body, frame.inner)[:1]:
                    items.append(Text(m, y + body, frame.inner, line, body, True))
                y += group_h
            items.append(Text(m, y + h / 2 + body / 3, code_w, section.code, body, True))
            row, _ = cells.rating_row(frame, y, heat, m + code_w, len(heat) * (w + gap) - gap, gap)
            items += row
            y += h + gap
        notice = not_counted(hidden)
        items += frame.footer(notice, continued() if part < len(pages) else "")
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


NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def not_counted(hidden) -> str:
    """The confidential answers left out of the heat map's counts."""
    answers = sum(1 for h in hidden if h.kind == "answer")
    return (
        ngettext(
            "{n} confidential answer left out of the counts",
            "{n} confidential answers left out of the counts",
            answers,
        )
        if answers
        else ""
    )


#: The matrix's grid takes this share of the slide's width; the legend (each
#: code's title) the rest, continued on the next slide where it is long.
GRID_SHARE = 0.6


def matrix_slides(frame: Frame, source: SlideSource, hidden: tuple[Hidden, ...]) -> list[Slide]:
    """The priority matrix with the quick results outlined, its activities by
    code, and beside it the legend (code and title), repeated with the grid on
    the next slide where the legend is long (never in smaller type)."""
    within = dict(source.matrix.hidden_by)
    left = {h.id for h in hidden}

    def shown(activity_id: str) -> bool:
        return within.get(activity_id, "") not in left

    names = dict(source.matrix.names)
    name = gettext("Priority matrix")
    kicker = gettext("Activities by impact and ease of implementation")
    gutter = 0.04
    grid_w = frame.inner * GRID_SHARE
    legend_x = frame.m + grid_w + gutter
    legend_w = frame.inner - grid_w - gutter
    in_grid = {e.id for cell in source.matrix.cells for e in cell.entries}
    entries: list[list[Line]] = []
    for activity_id, title in source.matrix.titles:
        if activity_id in in_grid and shown(activity_id) and activity_id in names:
            text = gettext("{code}: {title}", code=names[activity_id], title=title)
            entries.append(paragraph(text, frame.measure, legend_w, frame.body, gap=0.012))
    _, top = frame.head(kicker, name)
    pages = whole_entries(entries, frame.footer_top() - top - 0.02, frame.leading)
    mine = tuple(h for h in hidden if h.id in set(within.values()))
    slides = []
    for part, page in enumerate(pages, 1):
        title = continued_title(name, part)
        items, top = frame.head(kicker, title)
        items += cells.matrix(frame, top, source.matrix.cells, names, shown, grid_w)
        items += place(page, legend_x, top, legend_w, frame.leading)
        items += frame.footer(not_shown(mine), continued() if part < len(pages) else "")
        key = "matrix" if part == 1 else f"matrix#{part}"
        slides.append(
            Slide(SlideKind.MATRIX, key, title, tuple(items), part, len(pages), hidden=mine)
        )
    return slides


def whole_entries(entries: list[list[Line]], height: float, leading: float) -> list[list[Line]]:
    """Entries (a legend's, each of a few lines) cut into pages of at most
    ``height`` without splitting one across two slides (one taller than a page
    is continued line by line)."""
    pages: list[list[Line]] = [[]]
    for entry in entries:
        need = sum(line.gap + line.height(leading) for line in entry)
        used = sum(line.gap + line.height(leading) for line in pages[-1])
        if pages[-1] and used + need > height:
            pages.append([])
        if need > height:  # the last page is empty here
            pages[-1:] = paginate(entry, height, leading)
            continue
        pages[-1] += entry
    return pages


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
        empty = gettext("No action plan yet.")
        lines = paragraph(empty, frame.measure, frame.inner, frame.body, colour="muted")
    name = gettext("Draft action plan")
    _, top = frame.head("", name)
    pages = paginate(lines, frame.footer_top() - top - 0.02, frame.leading)
    slides = []
    for part, page in enumerate(pages, 1):
        title = continued_title(name, part)
        items, top = frame.head("", title)
        items += place(page, frame.m, top, frame.inner, frame.leading)
        items += frame.footer(not_shown(hidden), continued() if part < len(pages) else "")
        slides.append(
            Slide(
                SlideKind.PLAN, f"plan#{part}", title, tuple(items), part, len(pages), hidden=hidden
            )
        )
    return slides


def timer_slide(seconds: int, options: Options, measure: Measure, label: str = "") -> Slide:
    """The countdown (the window's; never in the PDF): minutes and seconds, large;
    "Time is up" under it once it reaches zero."""
    frame = Frame(options, measure)
    s = options.sizes
    label = label or gettext("Group work")
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
        up = gettext("Time is up")
        items.append(Text(frame.m, 0.85, frame.inner, up, s.title, True, "accent", align="center"))
    return Slide(SlideKind.TIMER, "timer", label, tuple(items))


#: The countdown's corner: this far from the slide's top edge, inside the top
#: margin, and at least CLEARANCE away from anything the slide draws.
CORNER_TOP = 0.006
CLEARANCE = 0.015


def with_timer(slide: Slide, seconds: int, options: Options, measure: Measure) -> Slide:
    """``slide`` with the running countdown in its top right corner, inside the
    margin where nothing else is drawn (the window's, while the timer runs);
    once the time is up the corner says so (never a "00:00" left standing),
    until the facilitator stops the timer."""
    left = max(0, int(seconds))
    s = options.sizes
    digits = f"{left // 60:02d}:{left % 60:02d}" if left else gettext("Time is up")
    pad = 0.012
    width = measure(digits, True, s.body) + 2 * pad
    height = s.body * 1.2
    x = options.aspect - s.margin - width
    y = CORNER_TOP
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
