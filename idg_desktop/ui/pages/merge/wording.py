"""How the Merge page names a conflict's record, origins, fields and values
(translated in the page's own context, "MergePage")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from idg_desktop.ui.labels import (
    kind_labels,
    rating_labels,
    record_field_labels,
    status_labels,
)
from idg_desktop.ui.text import fmt


def _t(text: str) -> str:
    return QCoreApplication.translate("MergePage", text)


def record_label(conflict: dict[str, Any]) -> str:
    if conflict["record_type"] == "answer":
        return fmt(_t("Answer %1"), conflict["record"])
    return fmt(_t("Finding in %1"), conflict["section"])


def origin_label(origin: str) -> str:
    return _t("Master") if origin == "master" else origin


def field_label(name: str) -> str:
    return record_field_labels().get(name, name)


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
