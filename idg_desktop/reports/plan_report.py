"""The action plan (Annex 9 layout), the KPI sheets (Annex 11) and the matrix page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak

from idg_desktop.domain.plurals import ngettext
from idg_desktop.domain.vocabulary import SECTION_WORDS, capitalised
from idg_desktop.reports import words
from idg_desktop.reports.charts import matrix
from idg_desktop.reports.content import Activity, Outcome, Report
from idg_desktop.reports.fonts import markup
from idg_desktop.reports.layout import fractions, gap, heading, para, rich, table

SECTION_HEADER = capitalised(SECTION_WORDS)
OUTCOME_FILL = "#dfe7ef"
OUTPUT_FILL = "#f1f4f7"
LEVEL_NAMES = {
    "ultimate": "Ultimate outcome",
    "intermediate": "Intermediate outcome",
    "immediate": "Immediate outcome",
}


def _when(value: str) -> str:
    if len(value) == 7 and value[4:6] == "-Q":  # 2027-Q1 → Q1 2027, as Annex 9 writes it
        return f"{value[5:]} {value[:4]}"
    return value


def _activity_row(a: Activity) -> list:
    p = a.plan
    owner = "\n".join(x for x in (p["responsible_division"], p["responsible_person"]) if x)
    target = p["performance_target"]
    if a.kpis:
        target = "\n".join([target, *(f"KPI: {k}" for k in a.kpis)]).strip()
    money = "\n".join(x for x in (p["budget"], p["resources"]) if x)
    timeline = " – ".join(_when(x) for x in (p["start"], p["due"]) if x)
    return [
        para(a.code or "–", "cellbold"),
        rich(
            markup(a.title, bold=True) + (f"<br/>{markup(a.description)}" if a.description else ""),
            "cell",
        ),
        para(owner, "cell"),
        para(target, "cell"),
        para(money, "cell"),
        para(timeline, "cell"),
        para(p["strategic_goal"], "cell"),
        para(words.BANDS.get(a.band, a.band), "cell"),
    ]


def _kpi_markup(kpis: list[str]) -> str:
    """An outcome's or output's own KPIs, on the line of its band (Part IV)."""
    return "".join(f"<br/>KPI: {markup(k)}" for k in kpis)


PLAN_HEADER = [
    "No.",
    "Activity",
    "Responsible",
    "Performance target and KPIs",
    "Budget and resources",
    "Timeline",
    "See: strategic plan",
    "Priority",
]
PLAN_WIDTHS = (5, 23, 13, 19, 13, 9, 11, 7)


def plan_table(report: Report, width: float):
    """Annex 9: one table, grouped by outcome (spanning rows), then output."""
    rows = [[para(h, "head") for h in PLAN_HEADER]]
    extra: list = []

    bands: list[int] = []

    def band(text: str, fill: str, style: str = "cellbold") -> None:
        rows.append([rich(text, style)] + [""] * (len(PLAN_HEADER) - 1))
        n = len(rows) - 1
        bands.append(n)
        extra.extend([("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), fill)])

    def outcome(node: Outcome) -> None:
        level = LEVEL_NAMES.get(node.level, node.level)
        band(
            f"Outcome {node.code} ({markup(level.lower())}): {markup(node.title, bold=True)}"
            + _kpi_markup(node.kpis),
            OUTCOME_FILL,
        )
        for child in node.outcomes:
            outcome(child)
        for output in node.outputs:
            band(
                f"Output {output.code}: {markup(output.title)}" + _kpi_markup(output.kpis),
                OUTPUT_FILL,
                "cell",
            )
            for activity in output.activities:
                rows.append(_activity_row(activity))

    for node in report.outcomes:
        outcome(node)
    if report.not_in_plan:
        band("Not yet in the results chain", OUTPUT_FILL)
        rows.extend(_activity_row(a) for a in report.not_in_plan)
    # An outcome's or output's band is a heading: never at a page's foot without
    # the row under it (bands in a row stay together down to the first activity).
    extra += [("NOSPLIT", (0, n), (-1, n + 1)) for n in bands if n + 1 < len(rows)]
    return table(rows, fractions(width, *PLAN_WIDTHS), extra=extra)


def adoption_block(report: Report, width: float) -> list:
    if not report.adoptions:
        return [para("The action plan has not yet been endorsed.", "muted")]
    rows = [
        [para(h, "head") for h in ("Endorsed by", "On", "Link to the national strategy", "Note")]
    ]
    for by, on, link, note in report.adoptions:
        rows.append([para(by, "cell"), para(on, "cell"), para(link, "cell"), para(note, "cell")])
    return [table(rows, fractions(width, 30, 12, 33, 25))]


def plan_story(report: Report, width: float, *, toc: bool = False) -> list:
    story = [heading("Integrity action plan", 1, toc=toc)]
    story.append(
        para(
            "Annex 9 layout: activities grouped by the outcome and output they serve, "
            "numbered through the whole plan.",
            "muted",
        )
    )
    story.append(plan_table(report, width))
    story += [gap(), heading("Endorsement", 2, toc=toc), *adoption_block(report, width)]
    return story


def kpi_story(report: Report, width: float) -> list:
    story: list = []
    if not report.kpis:
        return [heading("KPI metadata sheets", 1, toc=False), para("No KPIs yet.", "muted")]
    for n, sheet in enumerate(report.kpis):
        if n:
            story.append(PageBreak())
        story.append(
            para(f"KPI metadata sheet (Annex 11) · {n + 1} of {len(report.kpis)}", "muted")
        )
        story.append(heading(sheet.name or "Unnamed KPI", 1, toc=False))
        state = "complete" if sheet.complete else "not yet complete"
        story.append(para(f"{sheet.activity} · sheet {state}", "body"))
        rows = [[para("", "head"), para("Field", "head"), para("Value", "head")]]
        for letter, label, value, mandatory in sheet.fields:
            name = label if mandatory else f"{label} (non mandatory)"
            rows.append([para(letter, "cell"), para(name, "cellbold"), para(value or "—", "cell")])
        story.append(table(rows, fractions(width, 4, 30, 66)))
    return story


def matrix_labels(report: Report) -> dict[str, tuple[str, str]]:
    return {a.id: (a.code or a.section, a.title) for a in report.activities}


def activity_list(report: Report, width: float):
    rows = [
        [
            para(h, "head")
            for h in ("No.", "Activity", SECTION_HEADER, "Impact", "Ease", "Cost", "Priority")
        ]
    ]
    for a in report.activities:

        def level(criterion: str, a=a) -> str:
            return words.LEVELS.get(a.ratings.get(criterion) or "", "—")

        rows.append(
            [
                para(a.code or "–", "cellbold"),
                para(a.title, "cell"),
                para(a.section, "cell"),
                para(level("impact"), "cell"),
                para(level("ease"), "cell"),
                para(level("cost"), "cell"),
                para(words.BANDS.get(a.band, a.band), "cell"),
            ]
        )
    return table(rows, fractions(width, 6, 44, 12, 9, 9, 9, 11))


def matrix_story(
    report: Report, width: float, height: float, *, big: bool, toc: bool = False
) -> list:
    drawing = matrix(report.matrix, matrix_labels(report), width, height, big=big)
    story = [heading("Priority matrix", 1, toc=toc)]
    story.append(
        para(
            "Activities placed by impact and ease of implementation (IDG Part III step 1). "
            "Chips show the activity's number in the action plan (or the code of its "
            f"{SECTION_WORDS} when not yet in the plan). The hatched, framed cell is high "
            "impact and easy; the quick results are the activities in it tagged so, those "
            "whose cost is not high.",
            "muted",
        )
    )
    story.append(drawing)
    if report.unplaced:
        story.append(
            para(
                ngettext(
                    "{n} activity is not placed: its impact or ease is not rated yet.",
                    "{n} activities are not placed: impact or ease not rated yet.",
                    len(report.unplaced),
                ),
                "muted",
            )
        )
    return story


def matrix_page(report: Report, page_width: float, page_height: float) -> list:
    """The matrix alone, one landscape page for the wall."""
    width = page_width
    height = page_height - 24 * mm
    story = matrix_story(report, width, height, big=True)
    return [KeepTogether(story)]
