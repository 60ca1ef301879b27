"""How the Merge page names a conflict's record, origins, fields and values
(translated in the page's own context, "MergePage")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from idg_desktop.ui.labels import kind_labels, rating_labels, status_labels
from idg_desktop.ui.text import fmt, translated


def _t(text: str) -> str:
    return QCoreApplication.translate("MergePage", text)


def record_label(conflict: dict[str, Any]) -> str:
    if conflict["record_type"] == "answer":
        return fmt(_t("Answer %1"), conflict["record"])
    return fmt(_t("Finding in %1"), conflict["section"])


def origin_label(origin: str) -> str:
    return _t("Master") if origin == "master" else origin


#: The names of the fields a conflict can be about.
FIELDS = (
    ("text", QT_TRANSLATE_NOOP("MergePage", "Text")),
    ("rating", QT_TRANSLATE_NOOP("MergePage", "Rating")),
    ("measure_exists", QT_TRANSLATE_NOOP("MergePage", "Is there a measure?")),
    ("measure_applied", QT_TRANSLATE_NOOP("MergePage", "Is it applied in practice?")),
    ("measure_effective", QT_TRANSLATE_NOOP("MergePage", "Is it effective?")),
    ("evidence", QT_TRANSLATE_NOOP("MergePage", "Evidence")),
    ("marked_for_review", QT_TRANSLATE_NOOP("MergePage", "Marked for review")),
    ("reviewed", QT_TRANSLATE_NOOP("MergePage", "Reviewed")),
    ("confidential", QT_TRANSLATE_NOOP("MergePage", "Confidential")),
    ("section_code", QT_TRANSLATE_NOOP("MergePage", "Section")),
    ("kind", QT_TRANSLATE_NOOP("MergePage", "Kind")),
    ("status", QT_TRANSLATE_NOOP("MergePage", "Status")),
    ("proposed_action", QT_TRANSLATE_NOOP("MergePage", "Proposed action")),
    ("questions", QT_TRANSLATE_NOOP("MergePage", "Questions")),
)


def field_label(name: str) -> str:
    return translated("MergePage", FIELDS).get(name, name)


def value_label(name: str, value: Any) -> str:
    """A short field's value as the room reads it."""
    if value is None and name.startswith("measure_"):
        return _t("(not answered)")
    if value is None or value == "" or value == []:
        return _t("(none)")
    if isinstance(value, bool):
        return _t("Yes") if value else _t("No")
    if name == "rating":
        return rating_labels().get(value, value)
    if name == "kind":
        return kind_labels().get(value, value)
    if name == "status":
        return status_labels().get(value, value)
    if name == "measure_effective":
        return {"yes": _t("Yes"), "partly": _t("Partly"), "no": _t("No")}.get(value, value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
