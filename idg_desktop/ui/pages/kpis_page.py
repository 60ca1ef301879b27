"""KPIs (IDG Part III step 3, Part IV): the key performance indicators of the
plan's outcomes, outputs and activities, each with its KPI metadata sheet
(Annex 11).

The sheet (:mod:`.kpi_sheet`) is filled in field by field in front of the
plenary: a field is saved when it loses focus (or on Return in a one-line
field), one undoable change per field whose value changed. "Mark sheet
complete" is refused by the service while a mandatory field is empty; the page
then names those fields and marks them in the sheet, in words as well as in
colour.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QWidget,
)

from idg_desktop.domain import records
from idg_desktop.domain.plan import missing_mandatory
from idg_desktop.domain.records import Kind
from idg_desktop.services import activities, plan
from idg_desktop.ui.autosave import TypingSaver
from idg_desktop.ui.models.kpis_model import (
    COL_ACTIVITY,
    COL_NAME,
    COL_SHEET,
    COL_TARGET,
    KpiRow,
    KpisModel,
    activity_label,
    sheet_states,
)
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.kpi_dialogs import AddKpiDialog, plan_nodes
from idg_desktop.ui.pages.kpi_sheet import KpiSheet
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.dialog_form import ask
from idg_desktop.ui.widgets.record_table import RecordTable, Resize
from idg_desktop.ui.workspace import Workspace


class KpisPage(Page):
    MAIN_ACTIONS = ("activity_filter", "add_button", "delete_button", "table")
    KINDS = frozenset({Kind.KPI, Kind.ACTIVITY, Kind.OUTCOME, Kind.OUTPUT})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._current: str | None = None
        self._loading = False
        self._committing = False
        #: After a refused "Mark sheet complete": mark the empty mandatory fields.
        self._flag_missing = False
        self.sheet = KpiSheet(plan.kpi_fields(self.document), plan.kpi_typologies(self.document))
        layout = self.page_layout(
            self.tr("KPIs"),
            self.tr(
                "Key performance indicators of the plan's outcomes, outputs and activities "
                "(IDG Part III step 3, Part IV). "
                "Fill in each KPI's metadata sheet (Annex 11): a field is saved as you "
                "type and when you leave it. A sheet can be marked complete once its "
                "mandatory fields are filled."
            ),
        )
        top = QHBoxLayout()
        self.activity_filter = QComboBox()
        self.activity_filter.setAccessibleName(self.tr("Show the KPIs of"))
        self.activity_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.activity_filter.setMinimumContentsLength(40)
        label = QLabel(self.tr("Ac&tivity:"))
        label.setBuddy(self.activity_filter)
        top.addWidget(label)
        top.addWidget(self.activity_filter)
        top.addStretch(1)
        self.add_button = QPushButton(self.tr("&Add KPI…"))
        self.delete_button = QPushButton(self.tr("&Delete KPI"))
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        layout.addLayout(top)

        self.model = KpisModel(self)
        # the name takes the room left; what it measures, its target and its
        # sheet's state are sized by fit_to_font (and by hand)
        self.table = RecordTable(
            self.model, stretch=(COL_NAME,), resize=Resize.Interactive, single=True, elide=False
        )
        self.table.setAccessibleName(self.tr("KPIs"))
        header = self.table.horizontalHeader()
        self.fit_to_font()
        # a wrapped text takes the rows' height it needs at the new width
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.sheet)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.scroll)
        splitter.setStretchFactor(0, 6)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([6000, 5000])  # a weight: the table gets 6/11 of the width
        layout.addWidget(splitter, 1)

        self.activity_filter.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.add_button.clicked.connect(self.add_kpi)
        self.delete_button.clicked.connect(self.delete_kpi)
        self.sheet.complete.clicked.connect(self.mark_complete)
        self.sheet.confidential.clicked.connect(self.mark_confidential)
        self.sheet.fieldEdited.connect(self._commit_field)
        self.sheet.typologiesEdited.connect(self._commit_typologies)
        # the sheet's fields save after a pause in typing too, as every text field does
        self.typing = TypingSaver(
            workspace,
            self.commit_pending,
            listening=lambda: not self._loading and self._current is not None,
            parent=self,
        )
        self.typing.watch(*self.sheet.editors.values())

    def fit_to_font(self) -> None:
        """What a KPI measures, its target and its sheet's state wrap in narrow columns
        (the sheet's state on two lines: "Missing: 8 / mandatory fields"), so the
        KPI's name takes the rest of the width."""
        metrics = self.table.fontMetrics()
        char = metrics.averageCharWidth()
        header = self.table.horizontalHeader()
        header.resizeSection(COL_ACTIVITY, char * 20)
        header.resizeSection(COL_TARGET, char * 12)
        states = sheet_states()
        words = [metrics.horizontalAdvance(w) for t in states for w in t.split()]
        halves = [metrics.horizontalAdvance(t) // 2 + char for t in states]  # two lines
        bold = QFont(header.font())
        bold.setBold(True)  # the selected row's headers are drawn bold
        title = self.model.headerData(COL_SHEET, Qt.Orientation.Horizontal)
        words.append(QFontMetrics(bold).horizontalAdvance(title) + 4)
        header.resizeSection(COL_SHEET, max(words + halves) + 12)

    # -- reading ----------------------------------------------------------------------

    def reload(self) -> None:
        self._loading = True
        try:
            table_scroll = self.table.verticalScrollBar().value()
            sheet_scroll = self.scroll.verticalScrollBar().value()
            shown_before = self._current
            every = activities.list_activities(self.document)
            self._fill_filter(every)
            wanted = self.activity_filter.currentData()
            by_id = {a.id: a for a in every}
            nodes = plan_nodes(self.document)
            rows = [
                KpiRow(
                    kpi,
                    by_id.get(kpi.activity_id),
                    plan.missing_kpi_fields(self.document, kpi),
                    nodes.get(kpi.outcome_id or kpi.output_id or ""),
                )
                for kpi in plan.list_kpis(self.document)
                if wanted is None or kpi.activity_id == wanted
            ]
            self.model.load(rows)
            self.table.resizeRowsToContents()
            row = self.model.row_of(self._current)
            if row < 0 and rows:
                row = 0
            self._current = rows[row].kpi.id if row >= 0 else None
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, COL_NAME))
            self.table.verticalScrollBar().setValue(table_scroll)
            self.add_button.setEnabled(bool(every))
            self.add_button.setToolTip(
                "" if every else self.tr("Add activities on the Priorities page first")
            )
            if self._current != shown_before:
                self._flag_missing = False
            self._show_kpi()
            self.scroll.widget().layout().activate()
            same = self._current == shown_before  # another KPI's sheet starts at its top
            self.scroll.verticalScrollBar().setValue(sheet_scroll if same else 0)
        finally:
            self._loading = False

    def _fill_filter(self, every: list[records.Activity]) -> None:
        chosen = self.activity_filter.currentData()
        self.activity_filter.blockSignals(True)
        self.activity_filter.clear()
        self.activity_filter.addItem(self.tr("All activities"), None)
        for activity in every:
            self.activity_filter.addItem(activity_label(activity), activity.id)
            self.activity_filter.setItemData(
                self.activity_filter.count() - 1, activity.title, Qt.ItemDataRole.ToolTipRole
            )
        self.activity_filter.setCurrentIndex(max(0, self.activity_filter.findData(chosen)))
        self.activity_filter.blockSignals(False)

    def current_kpi(self) -> records.Kpi | None:
        row = self.model.row_of(self._current)
        return self.model.row(row).kpi if row >= 0 else None

    def _show_kpi(self) -> None:
        """Put the selected KPI's sheet in the form (what the file holds)."""
        was_loading, self._loading = self._loading, True
        try:
            kpi = self.current_kpi()
            self.sheet.set_editable(kpi is not None)
            self.delete_button.setEnabled(kpi is not None)
            if kpi is None:
                self.sheet.show_empty()
                return
            values = plan.kpi_sheet(kpi)
            row = self.model.row(self.model.row_of(kpi.id))
            missing = (
                [] if kpi.complete else missing_mandatory(values, plan.kpi_fields(self.document))
            )
            self.sheet.show_kpi(kpi, values, self._owner_text(row), missing, self._flag_missing)
        finally:
            self._loading = was_loading

    def _owner_text(self, row: KpiRow) -> str:
        if row.activity is not None:
            return fmt(
                self.tr("Activity: %1"), f"{row.activity.section_code}  {row.activity.title}"
            )
        if row.node is not None:
            code, title, kind = row.node
            what = self.tr("Outcome %1: %2") if kind == "outcome" else self.tr("Output %1: %2")
            return fmt(what, code, title)
        return ""

    # -- changing -----------------------------------------------------------------------

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        self.typing.flush()  # what was typed goes to the KPI it was typed for
        self._current = self.model.row(current.row()).kpi.id
        self._flag_missing = False
        self._show_kpi()
        self.scroll.verticalScrollBar().setValue(0)

    def _filter_changed(self) -> None:
        self.commit_pending()
        self.reload()

    def select_kpi(self, kpi_id: str) -> None:
        """Show a KPI's sheet (after adding it, or from another page)."""
        self.commit_pending()
        self._current = kpi_id
        if self.activity_filter.currentData() is not None:
            kpi = plan.find_kpi(self.document, kpi_id)
            if kpi.activity_id != self.activity_filter.currentData():
                self.activity_filter.blockSignals(True)
                self.activity_filter.setCurrentIndex(0)
                self.activity_filter.blockSignals(False)
        self.reload()
        self._stale = False
        row = self.model.row_of(kpi_id)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, COL_NAME))

    show_target = select_kpi

    def _commit_field(self, key: str) -> None:
        """Save one field if its value changed: one undoable step."""
        kpi = self.current_kpi()
        if self._loading or self._committing or kpi is None:
            return
        value = self.sheet.value(key)
        if value == str(getattr(kpi, key) or ""):
            return
        label = fmt(self.tr("Edit KPI: %1"), self.sheet.label_of(key))
        self._change(label, {key: value}, visit=("kpi", kpi.id, key))

    def _commit_typologies(self) -> None:
        kpi = self.current_kpi()
        if self._loading or self._committing or kpi is None:
            return
        ticked = self.sheet.ticked_typologies()
        if sorted(ticked) == sorted(plan.kpi_sheet(kpi)["typologies"]):
            return
        self._change(self.tr("Edit KPI: type of indicator"), {"typologies": ticked})

    def _change(self, label: str, changes: dict[str, object], visit: tuple | None = None) -> None:
        """Save ``changes``; with ``visit``, the saves of one visit to a field (its
        pauses in typing) are one undo step."""
        kpi_id = self._current
        self._committing = True  # a refusal's message box takes focus: no second commit
        try:
            done = self.workspace.run(
                label, lambda: plan.update_kpi(self.document, kpi_id, **changes), visit=visit
            )
        finally:
            self._committing = False
        if done is None:  # refused (the window shows why): back to what the file holds
            self._show_kpi()

    def flush(self) -> None:
        """Save what is typed in the sheet (the window's close and page changes call it)."""
        self.typing.flush()

    def commit_pending(self) -> None:
        """Save a field still being edited (before an action that does not take focus)."""
        kpi = self.current_kpi()
        if kpi is None:
            return
        editors = self.sheet.editors
        changed = [k for k in editors if self.sheet.value(k) != str(getattr(kpi, k) or "")]
        for key in changed:
            self._commit_field(key)

    def mark_complete(self, complete: bool) -> None:
        """Mark the sheet complete (refused while a mandatory field is empty) or not."""
        label = self.tr("Mark KPI sheet complete") if complete else self.tr("Reopen KPI sheet")
        if self._run_on_current(label, plan.set_kpi_complete, complete) is False:
            self._flag_missing = complete
            self._show_kpi()
            first = self.sheet.first_missing_editor()
            if first is not None:  # keyboard users land on the first field to fill
                first.setFocus()
                self.scroll.ensureWidgetVisible(first)

    def mark_confidential(self, on: bool) -> None:
        """The sheet's tick: public versions leave the KPI out."""
        label = self.tr("Mark KPI confidential") if on else self.tr("Mark KPI not confidential")
        if self._run_on_current(label, plan.set_confidential, on) is False:
            self._show_kpi()

    def _run_on_current(self, label: str, change, value: bool) -> bool | None:
        """``change(document, kpi id, value)`` for the KPI shown, the typing saved
        first: whether it was done (False: refused; None: no KPI shown, or loading)."""
        if self._loading or self.current_kpi() is None:
            return None
        self.commit_pending()
        kpi_id = self._current
        done = self.workspace.run(label, lambda: change(self.document, kpi_id, value))
        return done is not None

    def add_kpi(self) -> None:
        self.commit_pending()
        kpi = self.current_kpi()
        owner = self.activity_filter.currentData() or (plan.kpi_owner_id(kpi) if kpi else None)
        dialog = AddKpiDialog(self, owner)
        values = ask(
            dialog,
            lambda: (
                dialog.activity.currentData(),
                dialog.name.text().strip(),
                dialog.target.text().strip(),
            ),
        )
        if values is None or values[0] is None:
            return
        chosen, name, target = values
        kind = dialog.kinds.get(chosen, "activity")
        created = self.workspace.run(
            self.tr("Add KPI"),
            lambda: plan.add_kpi(self.document, name=name, target=target, **{kind: chosen}),
        )
        if created is not None:
            self.select_kpi(created.id)
            self.sheet.editors["description"].setFocus()

    def delete_kpi(self) -> None:
        kpi = self.current_kpi()
        if kpi is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete KPI"),
            fmt(
                self.tr("Delete the KPI “%1” and its metadata sheet? You can undo it with Ctrl+Z."),
                kpi.name,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        kpi_id, row = kpi.id, self.model.row_of(kpi.id)
        neighbour = row + 1 if row + 1 < self.model.rowCount() else row - 1
        self._current = self.model.row(neighbour).kpi.id if neighbour >= 0 else None
        self.workspace.run(self.tr("Delete KPI"), lambda: plan.delete_kpi(self.document, kpi_id))
        if any(k.id == kpi_id for k in plan.list_kpis(self.document)):
            self.select_kpi(kpi_id)  # refused: it stays selected
