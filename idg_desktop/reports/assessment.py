"""The assessment report for decision makers (IDG Part II step 6).

Its first page's key messages are worded in ``reports/key_messages.py``.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak

from idg_desktop.domain.colours import text_colour_on
from idg_desktop.domain.plurals import ngettext
from idg_desktop.domain.vocabulary import SECTION_WORDS, SECTIONS_WORDS, section_kind_words
from idg_desktop.reports import words
from idg_desktop.reports.charts import heat_map
from idg_desktop.reports.content import Report
from idg_desktop.reports.fonts import markup
from idg_desktop.reports.key_messages import key_messages
from idg_desktop.reports.layout import fractions, gap, heading, para, rich, table, toc
from idg_desktop.reports.plan_report import activity_list, matrix_story, plan_story

DRAFT_BOX = [
    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdf1dc")),
    ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#b45309")),
    ("TOPPADDING", (0, 0), (-1, -1), 7),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ("LEFTPADDING", (0, 0), (-1, -1), 9),
]


def cover(report: Report, kind: str) -> list:
    scope = report.scope
    period = " to ".join(d for d in (scope.start_date, scope.end_date) if d)
    facts = [
        ("Administration", scope.administration),
        ("Period", period),
        ("Location", scope.location),
        ("Mode", report.mode),
        ("Responsible unit", scope.responsible_unit),
        ("Date of this document", report.today),
    ]
    story = [gap(40), para(kind.upper(), "muted"), para(scope.title, "title")]
    story.append(para(scope.administration, "subtitle"))
    story.append(gap(10))
    rows = [[para(k, "cellbold"), para(v, "cell")] for k, v in facts if v]
    story.append(table(rows, [120, 300], header=False))
    story.append(gap(20))
    story += draft_notice(report)
    notes = []
    if report.public:
        notes.append(
            "Public version: answers, findings and parts of the action plan marked "
            "confidential are left out."
        )
    else:
        notes.append("Confidential: for the administration and the WCO; do not circulate.")
    if report.pseudonymised:
        notes.append("Participants are named by their role and initials.")
    story.extend(para(n, "muted") for n in notes)
    story.append(
        para(
            "Prepared with IDG Workshop, following the WCO Integrity Development Guide (2021).",
            "muted",
        )
    )
    return story


def unresolved(count: int) -> str:
    """ "2 conflicts not yet resolved" ("1 conflict ...")."""
    return ngettext("{n} conflict not yet resolved", "{n} conflicts not yet resolved", count)


def draft_notice(report: Report) -> list:
    """A boxed warning on the cover while conflicts are open, so nobody prints
    a final report by mistake; nothing when none is open."""
    if not report.open_conflicts:
        return []
    text = (
        f"<b>{markup(unresolved(report.open_conflicts))}</b><br/>"
        '<font size="9">Draft: where a working group and the master changed the same answer '
        "or finding, this report shows the master's version. Resolve the conflicts (Merge "
        "and conflicts) before printing the final report.</font>"
    )
    box = table([[rich(text, "cell")]], [420], header=False, extra=DRAFT_BOX)
    return [box, gap(12)]


def methodology(report: Report, width: float) -> list:
    scope = ", ".join(f"{s.code} {s.title}" for s in report.in_scope())
    story = [heading("2 Description and methodology", 1)]
    extent = f"comprehensive, all {SECTIONS_WORDS}" if report.scope.comprehensive else "selected"
    text = (
        f"The assessment followed the WCO Integrity Development Guide (Part II): {report.mode}. "
        f"Scope: {extent} ({scope})."
    )
    story.append(para(text))
    if report.open_conflicts:
        story.append(
            para(
                f"Status: {unresolved(report.open_conflicts)} between the working groups' "
                "packages and the master; this is a draft."
            )
        )
    if report.scope.responsible_persons:
        responsible = f"{report.scope.responsible_unit}; {report.scope.responsible_persons}"
        story.append(para(f"Responsible: {responsible}."))
    story.append(
        para(
            "Working groups answered the IDG checklist and evaluated each existing measure with "
            "the ladder of Figure 5 (absent, not applied, not effective, partially effective, "
            "effective), citing evidence; "
            + (
                ngettext(
                    "{n} background document was reviewed. ",
                    "{n} background documents were reviewed. ",
                    report.documents,
                )
                if report.documents
                else "no background document has been recorded yet. "
            )
            + "Findings were agreed in plenary and activities prioritised against the guide's "
            "criteria."
        )
    )
    story.append(heading("Steps of the assessment", 2, toc=False))
    rows = [[para(h, "head") for h in ("Step", "Title", "When", "What was done")]]
    rows += [
        [para(str(n), "cell"), para(t, "cell"), para(w, "cell"), para(d, "cell")]
        for n, t, w, d in report.steps
    ]
    story.append(table(rows, fractions(width, 6, 38, 20, 36)))
    return story


def sessions(report: Report, width: float) -> list:
    story = [heading("3 Workshop sessions", 1)]
    if not report.sessions:
        return [*story, para("No sessions recorded.", "muted")]
    rows = [[para(h, "head") for h in ("Date", "Time", "Duration", "Session and participants")]]
    for s in report.sessions:
        hours = (
            f"{s.minutes // 60} h {s.minutes % 60:02d}" if s.minutes >= 60 else f"{s.minutes} min"
        )
        who = ngettext("{n} participant: ", "{n} participants: ", len(s.participants))
        who += ", ".join(s.participants)
        rows.append(
            [
                para(s.date, "cell"),
                para(s.start, "cell"),
                para(hours if s.minutes else "", "cell"),
                rich(
                    markup(s.topic) + f'<br/><font size="7.5" color="#4a5560">{markup(who)}</font>',
                    "cell",
                ),
            ]
        )
    story.append(table(rows, fractions(width, 14, 8, 10, 68)))
    return story


def people(report: Report, width: float) -> list:
    story = [heading("4 Participants and working groups", 1)]
    if not report.participants:
        story.append(para("No participant recorded yet.", "muted"))
    rows = [[para(h, "head") for h in ("Participant", "Role", "Unit", "Stakeholder")]]
    for p in report.participants:
        rows.append(
            [
                para(p.name, "cell"),
                para(p.role, "cell"),
                para(p.unit, "cell"),
                para(p.stakeholder + (" (external)" if p.external else ""), "cell"),
            ]
        )
    if report.participants:
        story.append(table(rows, fractions(width, 28, 20, 32, 20)))
    story += [gap(), heading("Working groups", 2, toc=False)]
    if not report.groups:
        return [*story, para("No working group set up yet.", "muted")]
    rows = [[para(h, "head") for h in ("Group", "Sections", "Members", "Rapporteur")]]
    for g in report.groups:
        rows.append(
            [
                para(g.name, "cellbold"),
                para(", ".join(g.sections), "cell"),
                para(", ".join(g.members), "cell"),
                para(g.rapporteur, "cell"),
            ]
        )
    story.append(table(rows, fractions(width, 26, 14, 40, 20)))
    return story


def findings(report: Report) -> list:
    story = [heading(f"5 Findings per {SECTION_WORDS}", 1)]
    for section in report.in_scope():
        story.append(CondPageBreak(80))
        story.append(heading(f"{section.code} {section.title}", 2))
        found = [f for f in report.findings if f.section == section.code]
        if not found:
            kind = section_kind_words(section.category)
            story.append(para(f"No findings recorded for this {kind}.", "muted"))
        for kind in words.KINDS:
            of_kind = [f for f in found if f.kind == kind]
            if not of_kind:
                continue
            story.append(heading(words.KIND_HEADINGS[kind], 3, toc=False))
            for f in of_kind:
                note = [] if f.status in ("agreed",) else [words.STATUSES[f.status]]
                if f.questions:
                    note.append("questions " + ", ".join(f.questions))
                text = markup(f.text)
                if note:
                    text += f' <font size="8" color="#4a5560">({markup("; ".join(note))})</font>'
                story.append(rich(text))
                if f.proposed_action:
                    story.append(
                        rich("<i>Proposed action:</i> " + markup(f.proposed_action), "small")
                    )
                story.append(gap(1.5))
    return story


def annex(report: Report) -> list:
    story = [heading("Annex: answers and ratings", 1)]
    if report.public:
        story.append(
            para("Answers marked confidential are left out of this public version.", "muted")
        )
    for section in report.in_scope():
        story.append(CondPageBreak(80))
        story.append(heading(f"{section.code} {section.title}", 2))
        for q in section.questions:
            story.extend(_answer(q))
    return story


def _answer(q) -> list:
    """The question with its rating, then the answer as a paragraph of one
    style: reportlab breaks a one-style paragraph on its fast path, and the
    answers are most of the report's text (bench/bench_pdf.py)."""
    head = f"<b>{markup(q.id)}</b>  {markup(q.text)}"
    if q.withheld:
        return [rich(head + _aside("answer left out of the public version"), "answer")]
    if not q.answer and q.rating == "not-assessed":
        return [rich(head + _aside("not answered"), "answer")]
    fill = words.RATING_COLOURS.get(q.rating, "#e4e6e9")
    rating = words.RATINGS.get(q.rating, q.rating)
    head += (
        f'  <font size="8.5"><span backColor="{fill}" color="{text_colour_on(fill)}">&nbsp;'
        f"<b>{markup(rating)}</b>&nbsp;</span></font>"
    )
    flowables = [rich(head, "answerhead")]
    if q.answer:
        flowables.append(rich(markup(q.answer), "answertext"))
    if q.evidence:
        flowables.append(rich(f"<i>Evidence:</i> {markup(q.evidence)}", "answertext"))
    flowables.append(gap(4))
    return flowables


def _aside(text: str) -> str:
    return f' <font size="8.5" color="{words.MUTED}"><i>({markup(text)})</i></font>'


def assessment_story(report: Report, width: float, height: float, landscape_width: float) -> list:
    story = cover(report, "Integrity assessment report")
    story += [PageBreak(), para("Contents", "h1"), toc(), PageBreak()]
    story.append(heading("1 Key messages", 1))
    story += [rich("• " + markup(m)) for m in key_messages(report)]
    story += methodology(report, width)
    story += sessions(report, width)
    story += people(report, width)
    story += [PageBreak(), *findings(report)]
    story += [PageBreak(), heading("6 Integrity profile", 1)]
    story.append(
        para(f"The ratings of the checklist per {SECTION_WORDS} and sub-area (heat map).", "muted")
    )
    story.append(heat_map(report.profile, width))
    story += [PageBreak()]
    matrix_part = matrix_story(report, width, min(width * 0.8, height * 0.55), big=False, toc=True)
    matrix_part[0] = heading("7 Priority matrix", 1)
    story += [*matrix_part, gap(), activity_list(report, width)]
    story += [NextPageTemplate("landscape"), PageBreak()]
    plan = plan_story(report, landscape_width, toc=True)
    plan[0] = heading("8 Integrity action plan", 1)
    story += [*plan, NextPageTemplate("portrait"), PageBreak()]
    story += annex(report)
    return story
