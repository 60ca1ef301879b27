"""Merge and conflicts: what came back from the groups, and what still needs
the facilitator's decision.

The merge log shows every import (so the plenary can see which groups have
returned their work); below it, each open conflict shows every field on which
its versions differ — one row per field, one column per version — so the room
compares them on the projector and chooses each field (or writes a
consolidated text), or keeps one version whole. Nothing is kept by default:
Resolve is enabled once every differing field is chosen. Each decision is one
undoable step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.exchange import merge
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.services.merge_log import merge_log_entries
from idg_desktop.ui import palette
from idg_desktop.ui.autosave import TypingSaver
from idg_desktop.ui.labels import kind_labels, rating_labels, status_labels
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import Workspace

#: Fields shown in a box of their own (the others fit on their radio button).
LONG_FIELDS = frozenset({"text", "evidence", "proposed_action"})
#: The rating and Figure 5's answers that lead to it: chosen together.
LADDER = ("rating", "measure_exists", "measure_applied", "measure_effective")


class MergePage(Page):
    MAIN_ACTIONS = ("log", "conflict_list", "resolve_button")
    KINDS = frozenset({Kind.CONFLICT, Kind.MERGE_LOG, Kind.ANSWER, Kind.FINDING})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._conflicts: list[dict[str, Any]] = []
        self._shown: str | None = None  # the conflict whose draft the field holds
        self._shown_signature: tuple[str, str] | None = None  # its versions, as shown
        layout = self.page_layout(
            self.tr("Merge and conflicts"),
            self.tr(
                "Every returned group package is listed here. Where the master and a group "
                "both changed the same answer or finding, both versions are kept side by side "
                "until you choose, field by field, what the master keeps."
            ),
        )
        self.log = QTableWidget(0, 7)
        self.log.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Source"),
                self.tr("Group"),
                self.tr("Outcome"),
                self.tr("Taken"),
                self.tr("Added"),
                self.tr("Conflicts"),
            ]
        )
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.verticalHeader().setVisible(False)
        self.log.setAccessibleName(self.tr("Merge log"))
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.log_empty = QLabel(self.tr("No package has been imported yet."))
        self.log_empty.setObjectName("pageIntro")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self._subheading(self.tr("Merge log")))
        top_layout.addWidget(self.log_empty)
        top_layout.addWidget(self.log)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.conflicts_heading = self._subheading(self.tr("Open conflicts"))
        bottom_layout.addWidget(self.conflicts_heading)
        self.none_label = QLabel(
            self.tr("There are no open conflicts: everything returned is in the master.")
        )
        self.none_label.setObjectName("pageIntro")
        bottom_layout.addWidget(self.none_label)

        self.conflict_area = QWidget()
        area = QHBoxLayout(self.conflict_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(16)
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName(self.tr("Open conflicts"))
        self.conflict_list.setSpacing(2)
        self.conflict_list.setWordWrap(True)
        self.conflict_list.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 20)
        self.conflict_list.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        area.addWidget(self.conflict_list)
        right = QVBoxLayout()
        self.choices_hint = QLabel(
            self.tr(
                "One row per field that differs, one column per version. Choose each field, "
                "or write a consolidated text; nothing is kept by default."
            )
        )
        self.choices_hint.setObjectName("pageIntro")
        self.choices_hint.setWordWrap(True)
        right.addWidget(self.choices_hint)
        self.choices_scroll = QScrollArea()
        self.choices_scroll.setWidgetResizable(True)
        self.choices_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right.addWidget(self.choices_scroll, 1)
        buttons = QHBoxLayout()
        self.missing_label = QLabel()
        self.missing_label.setObjectName("pageIntro")
        self.missing_label.setWordWrap(True)
        self.resolve_button = QPushButton(self.tr("&Resolve with these choices"))
        self.resolve_button.setDefault(True)
        buttons.addWidget(self.missing_label, 1)
        buttons.addWidget(self.resolve_button)
        right.addLayout(buttons)
        area.addLayout(right, 1)
        bottom_layout.addWidget(self.conflict_area, 1)
        # With no conflict open, the heading and its line stay under the log
        # (this takes the room the conflicts would), not floating mid-page.
        bottom_layout.addStretch()

        # The widgets of the conflict shown (rebuilt for each conflict).
        self.keep_buttons: list[QPushButton] = []
        self.field_groups: dict[str, QButtonGroup] = {}
        self.consolidated: QPlainTextEdit | None = None
        self.consolidated_choice: QRadioButton | None = None

        layout.addWidget(top)
        layout.addSpacing(6)
        layout.addWidget(bottom, 1)

        self.conflict_list.currentRowChanged.connect(self._on_row)
        # The consolidated text being written is saved in the file (the conflict's
        # draft) after a pause and when left: another conflict, page, or closing.
        self.typing = TypingSaver(
            workspace, self._save_draft, listening=lambda: self._shown is not None, parent=self
        )
        self.resolve_button.clicked.connect(self._resolve)

    @staticmethod
    def _subheading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # -- reading ----------------------------------------------------------------

    def reload(self) -> None:
        current = self._current_id()
        self._conflicts = merge.list_conflicts(self.document)
        self._reload_log()
        titles = {s.code: s.title for s in sections_in_scope(self.document)}
        self.conflict_list.blockSignals(True)
        self.conflict_list.clear()
        for conflict in self._conflicts:
            section = titles.get(conflict["section"], conflict["section"])
            item = QListWidgetItem(f"{self._record_label(conflict)}\n{section}")
            item.setData(Qt.ItemDataRole.UserRole, conflict["id"])
            item.setToolTip(
                fmt(
                    self.tr("Versions from %1"),
                    ", ".join(self._origin_label(v["origin"]) for v in conflict["versions"]),
                )
            )
            self.conflict_list.addItem(item)
        self.conflict_list.blockSignals(False)
        count = len(self._conflicts)
        self.conflicts_heading.setText(
            fmt(self.tr("Open conflicts (%1)"), str(count)) if count else self.tr("Open conflicts")
        )
        self.none_label.setVisible(count == 0)
        self.conflict_area.setVisible(count > 0)
        ids = [c["id"] for c in self._conflicts]
        row = ids.index(current) if current in ids else (0 if ids else -1)
        self.conflict_list.blockSignals(True)
        self.conflict_list.setCurrentRow(row)
        self.conflict_list.blockSignals(False)
        if (
            row >= 0
            and self._signature(self._conflicts[row]) == self._shown_signature
            and (
                self.consolidated is None
                or self.consolidated.toPlainText() == self._conflicts[row]["draft"]
            )
        ):
            # The same conflict, its versions unchanged (e.g. its draft was just
            # saved): keep the choices made and the text being typed as they are.
            self._update_resolve()
            return
        self._show_conflict(row)

    def _reload_log(self) -> None:
        entries = merge_log_entries(self.document)
        outcomes = {
            "merged": self.tr("Merged"),
            "conflicts": self.tr("Conflicts to resolve"),
            "resolved": self.tr("Conflicts resolved"),
            "already-imported": self.tr("Already imported"),
        }
        sources = {"package": self.tr("Group package"), "workbook": self.tr("Workbook")}
        self.log.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            try:
                summary = json.loads(entry.summary or "{}")
            except ValueError:
                summary = {}
            outcome = entry.outcome
            still_open = {c["record"] for c in self._conflicts}
            if outcome == "conflicts" and not still_open & set(summary.get("conflicts", [])):
                outcome = "resolved"  # the log says what the import left; this, what is left
            cells = [
                entry.created_at.strftime("%Y-%m-%d %H:%M") if entry.created_at else "",
                f"{sources.get(entry.source, entry.source)} {entry.package_id[:8]}",
                entry.group_name,
                outcomes.get(outcome, outcome),
                str(len(summary.get("taken", []))),
                str(len(summary.get("added", []))),
                str(len(summary.get("conflicts", []))),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.log.setItem(row, column, item)
        # As tall as its rows (up to six): the conflicts below get the room.
        shown = max(1, min(len(entries), 6))
        self.log.setFixedHeight(
            self.log.horizontalHeader().sizeHint().height()
            + self.log.verticalHeader().defaultSectionSize() * shown
            + 2 * self.log.frameWidth()
            + 2
        )
        self.log_empty.setVisible(not entries)
        self.log.setVisible(bool(entries))

    def _current_id(self) -> str | None:
        item = self.conflict_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _record_label(self, conflict: dict[str, Any]) -> str:
        if conflict["record_type"] == "answer":
            return fmt(self.tr("Answer %1"), conflict["record"])
        return fmt(self.tr("Finding in %1"), conflict["section"])

    def _origin_label(self, origin: str) -> str:
        return self.tr("Master") if origin == "master" else origin

    # -- the differing fields, side by side -------------------------------------

    def _field_label(self, name: str) -> str:
        return {
            "text": self.tr("Text"),
            "rating": self.tr("Rating"),
            "measure_exists": self.tr("Is there a measure?"),
            "measure_applied": self.tr("Is it applied in practice?"),
            "measure_effective": self.tr("Is it effective?"),
            "evidence": self.tr("Evidence"),
            "marked_for_review": self.tr("Marked for review"),
            "reviewed": self.tr("Reviewed"),
            "confidential": self.tr("Confidential"),
            "section_code": self.tr("Section"),
            "kind": self.tr("Kind"),
            "status": self.tr("Status"),
            "proposed_action": self.tr("Proposed action"),
            "questions": self.tr("Questions"),
        }.get(name, name)

    def _value_label(self, name: str, value: Any) -> str:
        """A short field's value as the room reads it."""
        if value is None and name.startswith("measure_"):
            return self.tr("(not answered)")
        if value is None or value == "" or value == []:
            return self.tr("(none)")
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if name == "rating":
            return rating_labels().get(value, value)
        if name == "kind":
            return kind_labels().get(value, value)
        if name == "status":
            return status_labels().get(value, value)
        if name == "measure_effective":
            return {"yes": self.tr("Yes"), "partly": self.tr("Partly"), "no": self.tr("No")}.get(
                value, value
            )
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    def flush(self) -> None:
        """Save the consolidated text being written (the window calls this
        before undo, redo and closing)."""
        self.typing.flush()

    def hideEvent(self, event) -> None:
        self.typing.flush()
        super().hideEvent(event)

    def _save_draft(self) -> None:
        if self._shown is None or self.consolidated is None:
            return
        conflict_id, text = self._shown, self.consolidated.toPlainText()
        stored = next((c["draft"] for c in self._conflicts if c["id"] == conflict_id), None)
        if stored is None or text == stored:
            return
        self.workspace.run(
            self.tr("Write a consolidated text"),
            lambda: merge.save_draft(self.document, conflict_id, text),
            visit=("conflict-draft", conflict_id),
        )

    def _on_row(self, row: int) -> None:
        self.typing.flush()  # what was typed belongs to the conflict being left
        self.workspace.end_visit()
        if 0 <= row < len(self._conflicts) and self._signature(self._conflicts[row]) == (
            self._shown_signature
        ):
            return  # the save above reloaded the page onto it already
        self._show_conflict(row)

    @staticmethod
    def _signature(conflict: dict[str, Any]) -> tuple[str, str]:
        return conflict["id"], json.dumps(conflict["versions"], sort_keys=True)

    def _show_conflict(self, row: int) -> None:
        self.keep_buttons = []
        self.field_groups = {}
        self.consolidated = self.consolidated_choice = None
        old = self.choices_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._shown = self._shown_signature = None  # filling the field is not writing
        if not 0 <= row < len(self._conflicts):
            self._update_resolve()
            return
        conflict = self._conflicts[row]
        versions = conflict["versions"]
        self.choices = QWidget()
        grid = QGridLayout(self.choices)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        grid.addWidget(self._subheading(self.tr("Field")), 0, 0, Qt.AlignmentFlag.AlignTop)
        for column, version in enumerate(versions, start=1):
            grid.addWidget(self._version_heading(conflict, version), 0, column)
            grid.setColumnStretch(column, 1)
        differing = merge.differing_fields(versions)
        for line, name in enumerate(differing, start=1):
            label = QLabel(self._field_label(name))
            label.setWordWrap(True)
            grid.addWidget(label, line, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self.choices)
            for column, version in enumerate(versions, start=1):
                grid.addWidget(self._choice_cell(name, version, group), line, column)
            if name == "text":
                grid.addWidget(self._consolidated_cell(group), line, len(versions) + 1)
                grid.setColumnStretch(len(versions) + 1, 1)
                grid.addWidget(
                    self._subheading(self.tr("Consolidated")),
                    0,
                    len(versions) + 1,
                    Qt.AlignmentFlag.AlignTop,
                )
            group.buttonToggled.connect(
                lambda button, checked, n=name: checked and self._chosen(n, button)
            )
            self.field_groups[name] = group
        grid.setRowStretch(len(differing) + 1, 1)
        self.choices_scroll.setWidget(self.choices)
        self._update_resolve()
        if self.consolidated is not None:
            self.consolidated.setPlainText(conflict["draft"])
            self.typing.watch(self.consolidated)
        self._shown = conflict["id"]
        self._shown_signature = self._signature(conflict)

    def _version_heading(self, conflict: dict[str, Any], version: dict[str, Any]) -> QWidget:
        """A version's origin, and the button that keeps it whole."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        title = self._subheading(self._origin_label(version["origin"]))
        title.setWordWrap(True)
        title.setStyleSheet(f"color: {palette.NAVY};")
        column.addWidget(title)
        keep = QPushButton(self.tr("Keep this version whole"))
        keep.setAccessibleName(
            fmt(self.tr("Keep the version from %1"), self._origin_label(version["origin"]))
        )
        keep.setProperty("origin", version["origin"])
        keep.clicked.connect(lambda _=False, c=conflict, o=version["origin"]: self._keep(c, o))
        column.addStretch(1)  # titles of one and two lines: the buttons stay level
        column.addWidget(keep, 0, Qt.AlignmentFlag.AlignLeft)
        self.keep_buttons.append(keep)
        return box

    def _choice_cell(self, name: str, version: dict[str, Any], group: QButtonGroup) -> QWidget:
        """One field of one version: a radio button that chooses it (with the
        value itself for a short field, above a read-only box for a long one)."""
        value = version["content"].get(name)
        origin = self._origin_label(version["origin"])
        cell = QFrame()
        cell.setObjectName("tile")
        column = QVBoxLayout(cell)
        column.setContentsMargins(8, 6, 8, 6)
        long_text = name in LONG_FIELDS
        button = QRadioButton(
            self.tr("Use this") if long_text and value else self._value_label(name, value)
        )
        button.setAccessibleName(fmt(self.tr("%1 from %2"), self._field_label(name), origin))
        button.setProperty("origin", version["origin"])
        group.addButton(button)
        column.addWidget(button)
        if long_text and value:
            column.addWidget(self._read_only(value))
        return cell

    def _consolidated_cell(self, group: QButtonGroup) -> QWidget:
        cell = QFrame()
        cell.setObjectName("tile")
        column = QVBoxLayout(cell)
        column.setContentsMargins(8, 6, 8, 6)
        self.consolidated_choice = QRadioButton(self.tr("&Consolidated text:"))
        self.consolidated_choice.setProperty("origin", None)
        group.addButton(self.consolidated_choice)
        self.consolidated = QPlainTextEdit()
        self.consolidated.setTabChangesFocus(True)
        self.consolidated.setAccessibleName(self.tr("Consolidated text"))
        self.consolidated.setPlaceholderText(
            self.tr("Write the wording the plenary agreed, combining the versions.")
        )
        self.consolidated.setMaximumHeight(self.consolidated.fontMetrics().lineSpacing() * 6 + 14)
        self.consolidated.textChanged.connect(self._consolidated_changed)
        column.addWidget(self.consolidated_choice)
        column.addWidget(self.consolidated)
        return cell

    def _read_only(self, text: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setReadOnly(True)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        box.setTabChangesFocus(True)
        box.setMaximumHeight(box.fontMetrics().lineSpacing() * 6 + 14)
        return box

    def _consolidated_changed(self) -> None:
        if self.consolidated_choice is not None and self.consolidated.toPlainText().strip():
            self.consolidated_choice.setChecked(True)
        self._update_resolve()

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
        self._update_resolve()

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

    def _update_resolve(self) -> None:
        shown = bool(self.keep_buttons)
        missing = self.undecided() if shown else []
        self.resolve_button.setEnabled(shown and not missing)
        self.missing_label.setText(
            fmt(self.tr("Still to choose: %1"), ", ".join(self._field_label(n) for n in missing))
            if missing
            else ""
        )

    # -- resolving --------------------------------------------------------------

    def _keep(self, conflict: dict[str, Any], origin: str) -> None:
        label = fmt(
            self.tr("Keep %1's version of %2"),
            self._origin_label(origin),
            self._record_label(conflict),
        )
        self.workspace.run(
            label, lambda: merge.resolve_conflict(self.document, conflict["id"], take=origin)
        )

    def _resolve(self) -> None:
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self._conflicts) or self.undecided():
            return
        conflict = self._conflicts[row]
        fields: dict[str, str] = {}
        text: str | None = None
        for name, group in self.field_groups.items():
            button = group.checkedButton()
            if button is self.consolidated_choice:
                text = self.consolidated.toPlainText()
            else:
                fields[name] = button.property("origin")
        self.workspace.run(
            fmt(self.tr("Resolve %1"), self._record_label(conflict)),
            lambda: merge.resolve_conflict(self.document, conflict["id"], text=text, fields=fields),
        )


# -- passphrases for group packages (used by the window's File menu) ------------


class _PassphraseDialog(QDialog):
    """What the three passphrase dialogs share: wrapped explanations and warnings
    (their height follows a set width, so a warning shown later is never cut),
    password fields, OK and Cancel, and a size that grows with what is shown."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._wrapped: list[QLabel] = []

    def _text(self, text: str, *, warning: bool = False, shown: bool = True) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if warning:
            label.setObjectName("warning")
        label.setVisible(shown)
        self._column.addWidget(label)
        self._wrapped.append(label)
        return label

    @staticmethod
    def _password() -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _finish(self, width_in_ms: int) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._column.addWidget(self.buttons)
        width = self.fontMetrics().horizontalAdvance("M") * width_in_ms
        for label in self._wrapped:
            label.setMinimumWidth(width)  # wrapped text: its height follows this width
        self._column.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)


class NewPassphraseDialog(_PassphraseDialog):
    """A passphrase typed twice, so a typo cannot lock a group out of its
    own package; left empty, the package is written unprotected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect the package"))
        self._text(
            self.tr(
                "Optionally protect the package with a passphrase; tell it to the group in "
                "person. Leave both fields empty for an unprotected package."
            )
        )
        form = QFormLayout()
        self.first, self.second = self._password(), self._password()
        for field in (self.first, self.second):
            field.textChanged.connect(self._check)
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("&Repeat it:"), self.second)
        self._column.addLayout(form)
        self.mismatch = self._text(
            self.tr("The two passphrases differ."), warning=True, shown=False
        )
        self._finish(30)

    def _check(self) -> None:
        same = self.first.text() == self.second.text()
        self.mismatch.setVisible(not same and bool(self.second.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(same)

    def passphrase(self) -> str:
        return self.first.text()


class ReturnPassphraseDialog(_PassphraseDialog):
    """The passphrase for returning a working copy opened from a protected
    package: it returns protected by default, with the facilitator's passphrase.

    The working copy holds a token sealed with the passphrase it was opened
    with (no weaker than the package on the stick), so the passphrase typed is
    checked: a mistyped or new one would give the facilitator a package they
    cannot open. Copies opened before that token existed ask for it twice.
    Sending the group's work in clear is possible, but only as an explicit
    choice, with a warning.
    """

    def __init__(
        self, parent: QWidget | None = None, check: Callable[[str], bool | None] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect the returned package"))
        self._check_passphrase = check
        self._text(
            self.tr(
                "This working copy came from a protected package, so the group's work goes "
                "back protected, with the same passphrase. Type the passphrase the "
                "facilitator gave you."
            )
            if check is not None
            else self.tr(
                "This working copy came from a protected package, so the group's work goes "
                "back protected. Type the passphrase the facilitator gave you, twice."
            )
        )
        form = QFormLayout()
        self.first, self.second = self._password(), self._password()
        for field in (self.first, self.second):
            field.textChanged.connect(self._check)
        form.addRow(self.tr("&Passphrase:"), self.first)
        if check is None:
            form.addRow(self.tr("&Repeat it:"), self.second)
        else:
            self.second.hide()
        self._column.addLayout(form)
        self.mismatch = QLabel(self.tr("The two passphrases differ."))
        self.mismatch.setObjectName("warning")
        self.mismatch.setVisible(False)
        self._column.addWidget(self.mismatch)
        self.wrong = self._text(
            self.tr(
                "This is not the passphrase the package came with: the facilitator could not "
                "open what you return. Check it with the facilitator and type it again."
            ),
            warning=True,
            shown=False,
        )
        self.in_clear = QCheckBox(self.tr("Return it &without protection"))
        self.in_clear.toggled.connect(self._check)
        self._column.addWidget(self.in_clear)
        self.clear_warning = self._text(
            self.tr(
                "Without protection, the group's answers and findings travel in clear: "
                "anyone who gets hold of the file (a lost USB stick, a shared folder) can "
                "read them."
            ),
            warning=True,
            shown=False,
        )
        self._finish(32)
        self._check()

    def _check(self) -> None:
        clear = self.in_clear.isChecked()
        for field in (self.first, self.second):
            field.setEnabled(not clear)
        self.wrong.setVisible(False)
        same = self._check_passphrase is not None or self.first.text() == self.second.text()
        self.mismatch.setVisible(not clear and not same and bool(self.second.text()))
        self.clear_warning.setVisible(clear)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(clear or (same and bool(self.first.text())))
        ok.setText(self.tr("Return in &clear") if clear else self.tr("&Return protected"))

    def accept(self) -> None:
        if not self.in_clear.isChecked() and self._check_passphrase is not None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                matches = self._check_passphrase(self.first.text())
            finally:
                QApplication.restoreOverrideCursor()
            if matches is False:
                self.wrong.setVisible(True)
                self.first.selectAll()
                self.first.setFocus()
                return
        super().accept()

    def passphrase(self) -> str:
        """The passphrase, or "" when the group chose to return it in clear."""
        return "" if self.in_clear.isChecked() else self.first.text()


def ask_return_passphrase(
    parent: QWidget | None, check: Callable[[str], bool | None] | None = None
) -> str | None:
    """For a copy of a protected package: its passphrase (checked with
    ``check`` when the copy can tell), "" only if the group explicitly chose
    no protection, None if cancelled."""
    dialog = ReturnPassphraseDialog(parent, check)
    if not dialog.exec():
        return None
    return dialog.passphrase()


def ask_new_passphrase(parent: QWidget | None) -> str | None:
    """The passphrase for a package being written: "" for none, None if cancelled."""
    dialog = NewPassphraseDialog(parent)
    if not dialog.exec():
        return None
    return dialog.passphrase()


class PackagePassphraseDialog(_PassphraseDialog):
    """The passphrase of a protected package being read. After a wrong one the
    same dialog comes back with the problem said in it (not a message box that
    sends the user back to the File menu)."""

    def __init__(self, parent: QWidget | None, name: str, error: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protected package"))
        self._text(
            fmt(self.tr("%1 is protected: type its passphrase (the one on its slip)."), name)
        )
        form = QFormLayout()
        self.field = self._password()
        form.addRow(self.tr("&Passphrase:"), self.field)
        self._column.addLayout(form)
        # Five words typed blind are easily mistyped: the user may look at them.
        self.show_typed = QCheckBox(self.tr("&Show what I type"))
        self.show_typed.toggled.connect(
            lambda on: self.field.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self._column.addWidget(self.show_typed)
        self.error = self._text(error, warning=True, shown=bool(error))
        self._finish(30)
        self.field.setFocus()


def ask_passphrase(parent: QWidget | None, name: str, error: str = "") -> str | None:
    """The passphrase of a protected package being read; None if cancelled.
    ``error``: why the last one typed did not open it (said in the dialog)."""
    dialog = PackagePassphraseDialog(parent, name, error)
    if not dialog.exec():
        return None
    return dialog.field.text()
