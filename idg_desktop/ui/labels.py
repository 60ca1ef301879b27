"""The words people see for the IDG's closed lists, translatable.

The values (``partially-effective``...) are the file's and the command
line's; these are the labels, in the guide's own terms, through Qt's
translation system (context "Labels").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from idg_desktop.domain.vocabulary import SECTION_KIND_WORDS, SECTION_WORDS, SECTIONS_WORDS


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def mode_labels() -> dict[str, str]:
    return {
        "in-country": _t("Mode 1: external facilitation, in-country"),
        "remote": _t("Mode 2: external facilitation, remote"),
        "self": _t("Mode 3: self-assessment"),
    }


def role_labels() -> dict[str, str]:
    return {
        "external-facilitator": _t("External facilitator"),
        "local-facilitator": _t("Local facilitator"),
        "national-contact-point": _t("National contact point"),
        "senior-management": _t("Senior management"),
        "contributor": _t("Contributor"),
        "rapporteur": _t("Rapporteur"),
        "observer": _t("Observer"),
    }


def gender_labels() -> dict[str, str]:
    return {
        "female": _t("Female"),
        "male": _t("Male"),
        "other": _t("Other"),
        "undisclosed": _t("Undisclosed"),
    }


def stakeholder_labels() -> dict[str, str]:
    return {
        "customs": _t("Customs"),
        "private-sector": _t("Private sector"),
        "government-agency": _t("Government agency"),
        "international-organization": _t("International organization"),
        "civil-society": _t("Civil society"),
    }


def rating_labels() -> dict[str, str]:
    return {
        "absent": _t("Absent"),
        "not-applied": _t("Not applied"),
        "not-effective": _t("Not effective"),
        "partially-effective": _t("Partially effective"),
        "effective": _t("Effective"),
        "not-applicable": _t("Not applicable"),
        "not-assessed": _t("Not assessed"),
    }


def kind_labels() -> dict[str, str]:
    return {
        "strength": _t("Strength"),
        "weakness": _t("Weakness / risk"),
        "recommendation": _t("Recommendation"),
    }


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


def status_labels() -> dict[str, str]:
    return {
        "proposed": _t("Proposed"),
        "agreed": _t("Agreed"),
        "amended": _t("Amended"),
        "merged": _t("Merged"),
        "rejected": _t("Rejected"),
    }
