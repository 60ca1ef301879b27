"""Two small panes of the answer editor: the guidance on the question's
section (Revised Arusha Declaration and examples of good practice), folded
away until asked for, and the answer's history (how many earlier versions,
the versions themselves in the tooltip)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QToolButton

from idg_desktop.domain.framework import Framework, Section
from idg_desktop.ui.labels import rating_labels, section_kind_label, section_label
from idg_desktop.ui.text import fmt


class Guidance(QObject):
    """The toggle and the text it unfolds (two widgets of the editor's column)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.framework: Framework | None = None
        self._guidance_for: str | None = None  # the section whose guidance is set out
        self._guidance_section: str | None = None  # the section whose guidance applies
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setText(
            self.tr("&Guidance: Revised Arusha Declaration and examples of good practice")
        )
        self.toggle.toggled.connect(self._toggled)
        self.browser = QTextBrowser()
        self.browser.setTabChangesFocus(True)  # Tab leaves the guidance
        self._name(section_label())
        self.browser.setVisible(False)

    def show_section(self, code: str) -> None:
        """Note the section whose guidance applies; it is set out only when shown
        (most visits never open it, and laying out its rich text costs each switch)."""
        if self.framework is None:
            return
        self._guidance_section = code
        section = self._section(code)
        self.toggle.setEnabled(
            bool(section and (section.arusha_statement or section.good_practices))
        )
        self._name(section_kind_label(section.category if section else ""))
        if self.toggle.isChecked():
            self._render()

    def _section(self, code: str) -> Section | None:
        """The framework's section (its guidance), None if the framework has none."""
        assert self.framework is not None
        return next((s for s in self.framework.sections if s.code == code), None)

    def _render(self) -> None:
        code = self._guidance_section
        if code is None or code == self._guidance_for or self.framework is None:
            return
        self._guidance_for = code
        section = self._section(code)
        if section is None:
            self.browser.setHtml("")
            return
        parts = []
        arusha, examples = (
            self.tr("Revised Arusha Declaration"),
            self.tr("Examples of good practice"),
        )
        if section.arusha_statement:
            parts.append(f"<h3>{html.escape(arusha)}</h3>")
            parts.append(f"<p>{html.escape(section.arusha_statement)}</p>")
        practices = section.good_practices
        if practices:
            parts.append(f"<h3>{html.escape(examples)}</h3>")
        for source, heading in (
            ("part-ii", self.tr("From the guide (Part II)")),
            ("annex-2", self.tr("From WCO members (Annex 2)")),
        ):
            items = [p for p in practices if p["source"] == source]
            parts.append(f"<p><b>{html.escape(heading)}</b></p><ul>" if items else "")
            for item in items:
                lead = " — ".join(x for x in (item.get("member"), item.get("title")) if x)
                lead = f"<b>{html.escape(lead)}</b><br>" if lead else ""
                parts.append(f"<li>{lead}{html.escape(item['text'])}</li>")
            parts.append("</ul>" if items else "")
        self.browser.setHtml("".join(parts))

    def _name(self, kind: str) -> None:
        """Accessible names with the section's own kind: "... on this key factor"."""
        self.toggle.setAccessibleName(fmt(self.tr("Show the guidance on this %1"), kind))
        self.browser.setAccessibleName(fmt(self.tr("Guidance on this %1"), kind))

    def _toggled(self, on: bool) -> None:
        if on:
            self._render()
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.browser.setVisible(on)


class History(QLabel):
    """How many earlier versions the answer has; the versions in the tooltip.
    ``versions_of(question_id)``: the earlier versions, oldest first (each with
    ``written_at``, ``rating`` and ``text``)."""

    def __init__(self, versions_of: Callable[[str], Sequence[Any]]) -> None:
        super().__init__()
        self._versions_of = versions_of
        self._history_for: tuple[str, int] | None = None
        self._ratings = rating_labels()
        self.setObjectName("pageIntro")
        self.setAccessibleName(self.tr("History"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def show_versions(self, qid: str, versions: int) -> None:
        if self._history_for == (qid, versions):
            return
        self._history_for = (qid, versions)
        texts = [self.tr("No earlier versions"), self.tr("History: 1 earlier version")]
        text = texts[versions] if versions < 2 else self.tr("History: %1 earlier versions")
        self.setText(fmt(text, str(versions)))
        rows = []
        for version in reversed(self._versions_of(qid) if versions else []):
            when = version.written_at.strftime("%d %b %Y %H:%M")
            rating = self._ratings.get(version.rating, version.rating)
            words = version.text if len(version.text) < 240 else version.text[:240] + "…"
            rows.append(f"<p><b>{when}</b> · {html.escape(rating)}<br>{html.escape(words)}</p>")
        self.setToolTip("".join(rows))

    def fit_text(self) -> None:
        """The widest it can say, so its text never moves the row."""
        longest = fmt(self.tr("History: %1 earlier versions"), "99")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(longest) + 4)
