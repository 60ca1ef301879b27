"""One open conflict, side by side: one row per field on which its versions
differ, one column per version (and, for the text, a consolidated draft the
plenary writes), so the room compares them on the projector and chooses each
field, or keeps one version whole. Nothing is chosen by default.

The view only shows and collects the choices: :attr:`ConflictView.keep` asks
for a version kept whole, :attr:`ConflictView.changed` says a choice or the
draft changed; the page resolves and saves the draft."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.exchange import merge
from idg_desktop.ui.pages.merge.wording import field_label, origin_label, value_label
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.labelled import subheading
from idg_desktop.ui.window_look import themed

#: Fields shown in a box of their own (the others fit on their radio button).
LONG_FIELDS = frozenset({"text", "evidence", "proposed_action"})
#: The rating and Figure 5's answers that lead to it: chosen together.
LADDER = ("rating", "measure_exists", "measure_applied", "measure_effective")


class ConflictView(QScrollArea):
    #: (conflict, origin): keep that version whole.
    keep = Signal(object, str)
    #: A field chosen, or the consolidated draft edited.
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The widgets of the conflict shown (rebuilt for each conflict).
        self.choices: QWidget | None = None
        self.keep_buttons: list[QPushButton] = []
        self.field_groups: dict[str, QButtonGroup] = {}
        self.consolidated: QPlainTextEdit | None = None
        self.consolidated_choice: QRadioButton | None = None

    def show_conflict(self, conflict: dict[str, Any] | None) -> None:
        """Show ``conflict`` with nothing chosen (None: nothing); its draft is
        filled in by the page, after this."""
        self.keep_buttons = []
        self.field_groups = {}
        self.consolidated = self.consolidated_choice = None
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        if conflict is None:
            return
        versions = conflict["versions"]
        self.choices = QWidget()
        grid = QGridLayout(self.choices)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        grid.addWidget(subheading(self.tr("Field")), 0, 0, Qt.AlignmentFlag.AlignTop)
        for column, version in enumerate(versions, start=1):
            grid.addWidget(self._version_heading(conflict, version), 0, column)
            grid.setColumnStretch(column, 1)
        differing = merge.differing_fields(versions)
        for line, name in enumerate(differing, start=1):
            label = QLabel(field_label(name))
            label.setWordWrap(True)
            grid.addWidget(label, line, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self.choices)
            for column, version in enumerate(versions, start=1):
                grid.addWidget(self._choice_cell(name, version, group), line, column)
            if name == "text":
                grid.addWidget(self._consolidated_cell(group), line, len(versions) + 1)
                grid.setColumnStretch(len(versions) + 1, 1)
                grid.addWidget(
                    subheading(self.tr("Consolidated")),
                    0,
                    len(versions) + 1,
                    Qt.AlignmentFlag.AlignTop,
                )
            group.buttonToggled.connect(
                lambda button, checked, n=name: checked and self._chosen(n, button)
            )
            self.field_groups[name] = group
        grid.setRowStretch(len(differing) + 1, 1)
        self.setWidget(self.choices)

    def _version_heading(self, conflict: dict[str, Any], version: dict[str, Any]) -> QWidget:
        """A version's origin, and the button that keeps it whole."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        title = subheading(origin_label(version["origin"]))
        title.setWordWrap(True)
        themed(title, "color: $navy;")
        column.addWidget(title)
        keep = QPushButton(self.tr("Keep this version whole"))
        keep.setAccessibleName(
            fmt(self.tr("Keep the version from %1"), origin_label(version["origin"]))
        )
        keep.setProperty("origin", version["origin"])
        keep.clicked.connect(lambda _=False, c=conflict, o=version["origin"]: self.keep.emit(c, o))
        column.addStretch(1)  # titles of one and two lines: the buttons stay level
        column.addWidget(keep, 0, Qt.AlignmentFlag.AlignLeft)
        self.keep_buttons.append(keep)
        return box

    def _cell(self) -> tuple[QFrame, QVBoxLayout]:
        cell = QFrame()
        cell.setObjectName("tile")
        column = QVBoxLayout(cell)
        column.setContentsMargins(8, 6, 8, 6)
        return cell, column

    def _choice_cell(self, name: str, version: dict[str, Any], group: QButtonGroup) -> QWidget:
        """One field of one version: a radio button that chooses it (with the
        value itself for a short field, above a read-only box for a long one)."""
        value = version["content"].get(name)
        origin = origin_label(version["origin"])
        cell, column = self._cell()
        long_text = name in LONG_FIELDS
        button = QRadioButton(
            self.tr("Use this") if long_text and value else value_label(name, value)
        )
        button.setAccessibleName(fmt(self.tr("%1 from %2"), field_label(name), origin))
        button.setProperty("origin", version["origin"])
        group.addButton(button)
        column.addWidget(button)
        if long_text and value:
            box = self._text_box(value)
            box.setAccessibleName(fmt(self.tr("Text of the %1 from %2"), field_label(name), origin))
            column.addWidget(box)
        return cell

    def _consolidated_cell(self, group: QButtonGroup) -> QWidget:
        cell, column = self._cell()
        self.consolidated_choice = QRadioButton(self.tr("&Consolidated text:"))
        self.consolidated_choice.setProperty("origin", None)
        group.addButton(self.consolidated_choice)
        self.consolidated = self._text_box()
        self.consolidated.setAccessibleName(self.tr("Consolidated text"))
        self.consolidated.setPlaceholderText(
            self.tr("Write the wording the plenary agreed, combining the versions.")
        )
        self.consolidated.textChanged.connect(self._consolidated_changed)
        column.addWidget(self.consolidated_choice)
        column.addWidget(self.consolidated)
        return cell

    @staticmethod
    def _text_box(text: str | None = None) -> QPlainTextEdit:
        """A version's long text (read-only), or the draft (``text`` None), six lines high."""
        box = QPlainTextEdit(text or "")
        if text is not None:
            box.setReadOnly(True)
            box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        box.setTabChangesFocus(True)
        box.setMaximumHeight(box.fontMetrics().lineSpacing() * 6 + 14)
        return box

    def _consolidated_changed(self) -> None:
        if self.consolidated_choice is not None and self.consolidated.toPlainText().strip():
            self.consolidated_choice.setChecked(True)
        self.changed.emit()

    def _chosen(self, name: str, button: QAbstractButton) -> None:
        """The rating and Figure 5's answers go together: choosing one of them
        from a version chooses the others from the same one, so the master never
        keeps a rating its answers contradict (the rating follows the answers)."""
        origin = button.property("origin")
        if name in LADDER and origin is not None:
            for other in LADDER:
                group = self.field_groups.get(other)
                if group is not None and other != name:
                    for candidate in group.buttons():
                        if candidate.property("origin") == origin:
                            candidate.setChecked(True)
        self.changed.emit()

    def undecided(self) -> list[str]:
        """The differing fields of the conflict shown not chosen yet."""
        missing = []
        for name, group in self.field_groups.items():
            button = group.checkedButton()
            if button is None or (
                button is self.consolidated_choice and not self.consolidated.toPlainText().strip()
            ):
                missing.append(name)
        return missing

    def decisions(self) -> tuple[dict[str, str], str | None]:
        """The origin chosen for each field, and the consolidated text if chosen."""
        fields: dict[str, str] = {}
        text: str | None = None
        for name, group in self.field_groups.items():
            button = group.checkedButton()
            if button is self.consolidated_choice:
                text = self.consolidated.toPlainText()
            else:
                fields[name] = button.property("origin")
        return fields, text
