"""Text in abstract units: lines broken to a width with the caller's measure,
and the frame every slide shares (kicker, title, rule, footer), so no text is
ever shrunk below the floor: what does not fit goes to the next slide."""

from __future__ import annotations

from dataclasses import dataclass

from idg_desktop.reports.slides.model import Box, Item, Measure, Options, Text


def wrap(text: str, measure: Measure, bold: bool, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``; every word kept (a word
    wider than the line is cut between letters). Line breaks in ``text`` are kept."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if measure(candidate, bold, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while measure(line, bold, size) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and measure(line[:cut], bold, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Line:
    """One line of a flowing body, before it is placed on a slide."""

    text: str
    size: float
    bold: bool = False
    colour: str = "text"
    indent: float = 0.0
    gap: float = 0.0  # space above it, dropped at the top of a slide

    def height(self, leading: float) -> float:
        return self.size * leading


def paragraph(
    text: str,
    measure: Measure,
    width: float,
    size: float,
    *,
    bold: bool = False,
    colour: str = "text",
    indent: float = 0.0,
    gap: float = 0.0,
) -> list[Line]:
    lines = wrap(text, measure, bold, size, width - indent)
    return [
        Line(t, size, bold, colour, indent, gap if i == 0 else 0.0) for i, t in enumerate(lines)
    ]


def paginate(lines: list[Line], height: float, leading: float) -> list[list[Line]]:
    """The lines cut into pages of at most ``height``; a paragraph's first line
    is kept with the next one where it can be (no lone label at a page's foot)."""
    pages: list[list[Line]] = [[]]
    used = 0.0
    for index, line in enumerate(lines):
        gap = line.gap if pages[-1] else 0.0
        need = gap + line.height(leading)
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        lone = line.gap and nxt is not None and not nxt.gap
        extra = nxt.height(leading) if lone else 0.0
        if pages[-1] and used + need + extra > height:
            pages.append([])
            used, gap = 0.0, 0.0
            need = line.height(leading)
        pages[-1].append(line if gap else Line(**{**line.__dict__, "gap": gap}))
        used += need
    return pages


def place(lines: list[Line], x: float, top: float, width: float, leading: float) -> list[Item]:
    items: list[Item] = []
    y = top
    for line in lines:
        y += line.gap + line.height(leading)
        items.append(
            Text(
                x + line.indent,
                y - line.size * (leading - 1) / 2 - line.size * 0.22,
                width - line.indent,
                line.text,
                line.size,
                line.bold,
                line.colour,
            )
        )
    return items


@dataclass(frozen=True)
class Frame:
    """The parts every slide shares, measured once per deck."""

    options: Options
    measure: Measure
    band: float = 0.0  # kept free above the bottom margin (the decision buttons)

    @property
    def width(self) -> float:
        return self.options.aspect

    @property
    def m(self) -> float:
        return self.options.sizes.margin

    @property
    def inner(self) -> float:
        return self.width - 2 * self.m

    @property
    def leading(self) -> float:
        return self.options.sizes.leading

    @property
    def body(self) -> float:
        return self.options.sizes.body

    def footer_top(self) -> float:
        return 1 - self.m - self.band - self.body * self.leading

    def head(self, kicker: str, title: str, *, title_width: float | None = None):
        """The kicker (muted), the title (accent, bold) and a rule: ``(items, top
        of the content area)``."""
        s = self.options.sizes
        items: list[Item] = []
        y = self.m
        width = title_width or self.inner
        if kicker:
            lines = paragraph(kicker, self.measure, width, s.body, colour="muted")
            items += place(lines, self.m, y, width, self.leading)
            y += len(lines) * s.body * self.leading
        lines = paragraph(title, self.measure, width, s.title, bold=True, colour="accent")
        items += place(lines, self.m, y, width, self.leading)
        y += len(lines) * s.title * self.leading + 0.012
        items.append(Box(self.m, y, self.inner, 0.005, fill="rule"))
        return items, y + 0.035

    def footer(self, left: str = "", right: str = "") -> list[Item]:
        """The foot of the slide: ``left`` (a notice) and ``right`` (a summary, or
        "continued"); a notice too long beside the summary goes a line up."""
        y = 1 - self.m - self.band
        items: list[Item] = []
        right_w = self.measure(right, False, self.body) if right else 0.0
        if right:
            items.append(
                Text(self.m, y, self.inner, right, self.body, colour="muted", align="right")
            )
        if left:
            room = self.inner - right_w - 0.04
            if self.measure(left, False, self.body) > room:
                y -= self.body * self.leading
                room = self.inner
            items.append(Text(self.m, y, room, left, self.body, colour="muted"))
        return items
