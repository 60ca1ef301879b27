"""The assessment report's key messages: its first page, each count as a
person would write it, through the plural-aware catalogue
(``domain/plurals.py``) so a translation can follow.
"""

from __future__ import annotations

from idg_desktop.domain.colours import score
from idg_desktop.domain.plurals import join_words, ngettext
from idg_desktop.domain.vocabulary import SECTION_WORDS, SECTIONS_WORDS, section_kind_words
from idg_desktop.reports import words
from idg_desktop.reports.content import Report


def key_messages(report: Report) -> list[str]:
    """The report's first page: each count as a person would write it (one, many,
    or the sentence said otherwise when there is none), through the plural-aware
    catalogue (``domain/plurals.py``) so a translation can follow."""
    rated = [q for s in report.in_scope() for q in s.questions if q.rating not in ("not-assessed",)]
    total = sum(len(s.questions) for s in report.in_scope())
    good = sum(q.rating in ("effective", "partially-effective") for q in rated)
    ladder = [q for q in rated if q.rating != "not-applicable"]
    return [
        _coverage(report),
        *_sessions_held(report),
        _rated(len(rated), total, good, ladder),
        *_rest_of_messages(report),
    ]


def _coverage(report: Report) -> str:
    sections = len(report.in_scope())
    text = ngettext(
        "The assessment covered {n} {section} ({extent})",
        "The assessment covered {n} {sections} ({extent})",
        sections,
        section=SECTION_WORDS,
        sections=SECTIONS_WORDS,
        extent="comprehensive" if report.scope.comprehensive else "selected sections",
    )
    people, groups = len(report.participants), len(report.groups)
    if people:
        text += " " + ngettext("with {n} participant", "with {n} participants", people)
        if groups:
            text += " " + ngettext("in {n} working group", "in {n} working groups", groups)
    elif groups:
        text += " " + ngettext("with {n} working group", "with {n} working groups", groups)
    if report.sessions:
        text += " " + ngettext(
            "over {n} workshop session", "over {n} workshop sessions", len(report.sessions)
        )
    return text + "."


def _sessions_held(report: Report) -> list[str]:
    if report.sessions:
        return []
    return ["No workshop session has been recorded yet."]


def _rated(rated: int, total: int, good: int, ladder: list) -> str:
    if not total:
        return "No checklist question is in scope."
    if not rated:
        return ngettext(
            "The checklist question has not been rated yet.",
            "None of the {n} checklist questions has been rated yet.",
            total,
        )
    text = ngettext(
        "{n} of {total} checklist questions was rated",
        "{n} of {total} checklist questions were rated",
        rated,
        total=total,
    )
    if len(ladder) == 1:
        label = words.RATINGS.get(ladder[0].rating, ladder[0].rating).lower()
        return text + f"; the one measure evaluated is rated {label}."
    if not ladder:
        return text + "."
    if not good:
        return text + ngettext(
            "; none of the {n} measure evaluated is effective or partially effective.",
            "; none of the {n} measures evaluated is effective or partially effective.",
            len(ladder),
        )
    return text + ngettext(
        "; {n} of the {total} measures evaluated is effective or partially effective.",
        "; {n} of the {total} measures evaluated are effective or partially effective.",
        good,
        total=len(ladder),
    )


def _agreed(report: Report) -> str:
    counts = {
        k: sum(f.kind == k and f.status != "proposed" for f in report.findings) for k in words.KINDS
    }
    parts = [
        ngettext(one, many, counts[kind])
        for kind, one, many in (
            ("strength", "{n} strength", "{n} strengths"),
            ("weakness", "{n} weakness or risk", "{n} weaknesses and risks"),
            ("recommendation", "{n} recommendation", "{n} recommendations"),
        )
        if counts[kind]
    ]
    if not parts:
        return "The plenary has not yet agreed any finding."
    return f"The plenary agreed {join_words(parts)}."


def _prioritised(report: Report) -> list[str]:
    if not report.activities:
        return []
    high = [a for a in report.activities if a.band == "high"]
    text = ngettext(
        "{n} activity was prioritised", "{n} activities were prioritised", len(report.activities)
    )
    if not high:
        return [text + "; none is high priority."]
    named = "; ".join(a.title for a in high[:4])
    if len(high) > 4:
        named += ngettext("; and {n} more", "; and {n} more", len(high) - 4)
    if len(high) == len(report.activities) == 1:
        return [text + f"; it is high priority: {named}."]
    return [
        text
        + ngettext("; {n} is high priority: ", "; {n} are high priority: ", len(high))
        + named
        + "."
    ]


def _rest_of_messages(report: Report) -> list[str]:
    messages: list[str] = []
    totals = {c.section: c for c in reversed(report.profile) if not c.subarea and c.title}
    scored = [(score(c), c) for c in totals.values()]
    scored = [(v, c) for v, c in scored if v is not None]
    if len(scored) >= 2:
        scored.sort(key=lambda item: item[0])
        kinds = {s.code: section_kind_words(s.category) for s in report.sections}

        def named(cells) -> str:  # "; ": a title may hold a comma (GE's does)
            return "; ".join(f"{c.title} ({kinds.get(c.section, SECTION_WORDS)})" for c in cells)

        low = min(3, len(scored) - 1)  # never the same section among both
        high = min(2, len(scored) - low)
        weakest = named(c for _, c in scored[:low])
        strongest = named(c for _, c in scored[-high:][::-1])
        messages.append(
            ngettext(
                "Weakest {section}: ",
                "Weakest {sections}: ",
                low,
                section=SECTION_WORDS,
                sections=SECTIONS_WORDS,
            )
            + f"{weakest}. Strongest: {strongest}."
        )
    messages.append(_agreed(report))
    messages += _prioritised(report)
    quick = [report.activity(i) for c in report.matrix for i in c.quick_result_ids()]
    if any(quick):
        messages.append("Quick results: " + "; ".join(a.title for a in quick if a) + ".")
    if report.adoptions:
        by, on, link, _ = report.adoptions[-1]
        messages.append(
            f"The action plan was endorsed by {by} on {on}" + (f" ({link})." if link else ".")
        )
    else:
        messages.append("The action plan has not yet been endorsed.")
    return messages
