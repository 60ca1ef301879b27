"""The words people see for the IDG's closed lists, translatable.

The values (``partially-effective``...) are the file's and the command
line's; these are the labels, in the guide's own terms, through Qt's
translation system (context "Labels"). They are declared in one table,
:data:`LABELS`, and each list is turned into ``{value: translated label}`` by
:func:`~idg_desktop.ui.text.translated` when the window asks (so a language
chosen after start-up applies).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from idg_desktop.domain.vocabulary import SECTION_KIND_WORDS, SECTION_WORDS, SECTIONS_WORDS
from idg_desktop.ui.text import translated

#: Every closed list's labels, one row a value: (list, value, label).
LABELS = (
    (
        "mode",
        "in-country",
        QT_TRANSLATE_NOOP("Labels", "Mode 1: external facilitation, in-country"),
    ),
    ("mode", "remote", QT_TRANSLATE_NOOP("Labels", "Mode 2: external facilitation, remote")),
    ("mode", "self", QT_TRANSLATE_NOOP("Labels", "Mode 3: self-assessment")),
    ("role", "external-facilitator", QT_TRANSLATE_NOOP("Labels", "External facilitator")),
    ("role", "local-facilitator", QT_TRANSLATE_NOOP("Labels", "Local facilitator")),
    ("role", "national-contact-point", QT_TRANSLATE_NOOP("Labels", "National contact point")),
    ("role", "senior-management", QT_TRANSLATE_NOOP("Labels", "Senior management")),
    ("role", "contributor", QT_TRANSLATE_NOOP("Labels", "Contributor")),
    ("role", "rapporteur", QT_TRANSLATE_NOOP("Labels", "Rapporteur")),
    ("role", "observer", QT_TRANSLATE_NOOP("Labels", "Observer")),
    ("gender", "female", QT_TRANSLATE_NOOP("Labels", "Female")),
    ("gender", "male", QT_TRANSLATE_NOOP("Labels", "Male")),
    ("gender", "other", QT_TRANSLATE_NOOP("Labels", "Other")),
    ("gender", "undisclosed", QT_TRANSLATE_NOOP("Labels", "Undisclosed")),
    ("stakeholder", "customs", QT_TRANSLATE_NOOP("Labels", "Customs")),
    ("stakeholder", "private-sector", QT_TRANSLATE_NOOP("Labels", "Private sector")),
    ("stakeholder", "government-agency", QT_TRANSLATE_NOOP("Labels", "Government agency")),
    (
        "stakeholder",
        "international-organization",
        QT_TRANSLATE_NOOP("Labels", "International organization"),
    ),
    ("stakeholder", "civil-society", QT_TRANSLATE_NOOP("Labels", "Civil society")),
    ("rating", "absent", QT_TRANSLATE_NOOP("Labels", "Absent")),
    ("rating", "not-applied", QT_TRANSLATE_NOOP("Labels", "Not applied")),
    ("rating", "not-effective", QT_TRANSLATE_NOOP("Labels", "Not effective")),
    ("rating", "partially-effective", QT_TRANSLATE_NOOP("Labels", "Partially effective")),
    ("rating", "effective", QT_TRANSLATE_NOOP("Labels", "Effective")),
    ("rating", "not-applicable", QT_TRANSLATE_NOOP("Labels", "Not applicable")),
    ("rating", "not-assessed", QT_TRANSLATE_NOOP("Labels", "Not assessed")),
    ("kind", "strength", QT_TRANSLATE_NOOP("Labels", "Strength")),
    ("kind", "weakness", QT_TRANSLATE_NOOP("Labels", "Weakness / risk")),
    ("kind", "recommendation", QT_TRANSLATE_NOOP("Labels", "Recommendation")),
    ("status", "proposed", QT_TRANSLATE_NOOP("Labels", "Proposed")),
    ("status", "agreed", QT_TRANSLATE_NOOP("Labels", "Agreed")),
    ("status", "amended", QT_TRANSLATE_NOOP("Labels", "Amended")),
    ("status", "merged", QT_TRANSLATE_NOOP("Labels", "Merged")),
    ("status", "rejected", QT_TRANSLATE_NOOP("Labels", "Rejected")),
    ("outcome-level", "ultimate", QT_TRANSLATE_NOOP("Labels", "Ultimate outcome")),
    ("outcome-level", "intermediate", QT_TRANSLATE_NOOP("Labels", "Intermediate outcome")),
    ("outcome-level", "immediate", QT_TRANSLATE_NOOP("Labels", "Immediate outcome")),
    ("smart", "specific", QT_TRANSLATE_NOOP("Labels", "Specific")),
    ("smart", "measurable", QT_TRANSLATE_NOOP("Labels", "Measurable")),
    ("smart", "achievable", QT_TRANSLATE_NOOP("Labels", "Achievable")),
    ("smart", "relevant", QT_TRANSLATE_NOOP("Labels", "Relevant")),
    ("smart", "time-bound", QT_TRANSLATE_NOOP("Labels", "Time-bound")),
    ("field", "text", QT_TRANSLATE_NOOP("Labels", "Text")),
    ("field", "rating", QT_TRANSLATE_NOOP("Labels", "Rating")),
    ("field", "measure_exists", QT_TRANSLATE_NOOP("Labels", "Is there a measure?")),
    ("field", "measure_applied", QT_TRANSLATE_NOOP("Labels", "Is it applied in practice?")),
    ("field", "measure_effective", QT_TRANSLATE_NOOP("Labels", "Is it effective?")),
    ("field", "evidence", QT_TRANSLATE_NOOP("Labels", "Evidence")),
    ("field", "marked_for_review", QT_TRANSLATE_NOOP("Labels", "Marked for review")),
    ("field", "reviewed", QT_TRANSLATE_NOOP("Labels", "Reviewed")),
    ("field", "confidential", QT_TRANSLATE_NOOP("Labels", "Confidential")),
    ("field", "section_code", QT_TRANSLATE_NOOP("Labels", "Section")),
    ("field", "kind", QT_TRANSLATE_NOOP("Labels", "Kind")),
    ("field", "status", QT_TRANSLATE_NOOP("Labels", "Status")),
    ("field", "proposed_action", QT_TRANSLATE_NOOP("Labels", "Proposed action")),
    ("field", "questions", QT_TRANSLATE_NOOP("Labels", "Questions")),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def _labels(of: str) -> dict[str, str]:
    """``{value: label}`` for one list of :data:`LABELS`, in the list's order."""
    return translated("Labels", ((value, text) for name, value, text in LABELS if name == of))


#: One function per list, for the window's code: ``rating_labels()`` → ``{value: label}``.
mode_labels = partial(_labels, "mode")
role_labels = partial(_labels, "role")
gender_labels = partial(_labels, "gender")
stakeholder_labels = partial(_labels, "stakeholder")
rating_labels = partial(_labels, "rating")
kind_labels = partial(_labels, "kind")
status_labels = partial(_labels, "status")
outcome_level_labels = partial(_labels, "outcome-level")
smart_labels = partial(_labels, "smart")
record_field_labels = partial(_labels, "field")


def section_kind_labels() -> dict[str, str]:
    """The guide's word for one section of each ``category`` ("key factor", "area
    of collective action", "cross-cutting element"); the English words are
    ``domain/vocabulary.py``'s, the one place they are written."""
    return {key: _t(words) for key, words in SECTION_KIND_WORDS.items()}


def section_kind_label(category: str) -> str:
    return section_kind_labels().get(category, section_label())


def sections_label() -> str:
    """All the sections: "key factors and areas" (the guide has ten key factors)."""
    return _t(SECTIONS_WORDS)


def section_label() -> str:
    """Any one section: "key factor or area"."""
    return _t(SECTION_WORDS)
