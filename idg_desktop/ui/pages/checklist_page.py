"""The checklist (IDG Part II step 5, Annex 3): each question's narrative answer,
the Figure 5 evaluation of existing measures, evidence and review flags.

Everything is saved as it is typed or clicked (no Save button): text after a
pause or when the field is left, choices at once. The saves made while the
user stays on one question are one undo step and at most one earlier version
(a visit, see workspace.py).
The tree comes from :mod:`idg_desktop.ui.models.checklist_model`, which the
projector view reuses. This page composes the filters bar
(``checklist/filters.py``) and the answer editor (``checklist/answer_editor.py``,
with its guidance and history panes) around the tree, and writes what the
editor asks to save.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.services import answers, reading
from idg_desktop.services.assessment import framework_of
from idg_desktop.services.checklist import load_checklist
from idg_desktop.services.custom_questions import add_custom_question
from idg_desktop.services.groups import group_sections, list_groups
from idg_desktop.ui.keyboard import keep_focus
from idg_desktop.ui.models.checklist_model import (
    COL_PROGRESS,
    COL_TITLE,
    ChecklistFilter,
    ChecklistModel,
    KindRole,
    NodeKeyRole,
    QuestionIdRole,
    SectionCodeRole,
)
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.checklist.answer_editor import AnswerEditor
from idg_desktop.ui.pages.checklist.filters import FilterBar
from idg_desktop.ui.pages.checklist.question_dialog import QuestionDialog
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.dialog_form import ask
from idg_desktop.ui.widgets.labelled import label
from idg_desktop.ui.workspace import Workspace


class ChecklistPage(Page):
    MAIN_ACTIONS = ("search", "tree", "add_question_button")
    KINDS = frozenset({Kind.ANSWER, Kind.QUESTION, Kind.GROUP, Kind.SECTION})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._groups: dict[str, frozenset[str]] = {}
        layout = self.page_layout(
            self.tr("Checklist"),
            self.tr(
                "Record each group's answer in its own words, then evaluate the existing "
                "measure: is there one, is it applied in practice, is it effective? "
                "Everything is saved as you type."
            ),
        )
        self.filters = FilterBar()
        self.search = self.filters.search
        self.group_filter, self.status_filter, self.rating_filter = self.filters.combos()
        self.filters.changed.connect(self._apply_filters)
        layout.addLayout(self.filters)
        self.model = ChecklistModel(self)
        self.editor = AnswerEditor(workspace, self.model.answer, self._versions)
        self.editor.edited.connect(self._save)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_tree())
        splitter.addWidget(self.editor)
        splitter.setSizes([560, 840])
        layout.addWidget(splitter, 1)
        # The editor's fields, by the names the window and its tests know them.
        editor = self.editor
        self.narrative, self.evidence, self.chip = editor.narrative, editor.evidence, editor.chip
        self.measure, self.applied, self.effective = (
            editor.measure,
            editor.applied,
            editor.effective,
        )
        self.not_applicable, self.for_review = editor.not_applicable, editor.for_review
        self.reviewed, self.confidential = editor.reviewed, editor.confidential
        self.where, self.question_text, self.history = (
            editor.where,
            editor.question_text,
            editor.history,
        )
        self.guidance_toggle, self.guidance = editor.guidance.toggle, editor.guidance.browser
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1), ("Ctrl+PgUp", -1), ("Ctrl+PgDown", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.go_to_question(s))
        chain = [*self.filters.combos(), self.search, self.tree, self.add_question_button]
        for first, second in itertools.pairwise(chain + editor.tab_chain()):
            QWidget.setTabOrder(first, second)
        self.fit_to_font()

    # One flag and one question for the page and its editor: while either fills
    # its widgets, their signals are not the user's edits.
    @property
    def _loading(self) -> bool:
        return self.editor.loading

    @_loading.setter
    def _loading(self, value: bool) -> None:
        self.editor.loading = value

    @property
    def _qid(self) -> str | None:
        return self.editor.qid

    # -- building -------------------------------------------------------------

    def _build_tree(self) -> QWidget:
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # no per-row measuring: fast on 280 questions
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(self.tr("Checklist questions"))
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 0px; }")  # easier to aim at
        self.tree.setIndentation(14)  # four levels deep, the names keep their room
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_PROGRESS, QHeaderView.ResizeMode.Fixed)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.shown = label(muted=True)
        self.add_question_button = QPushButton(self.tr("Add a &question to this section…"))
        self.add_question_button.setToolTip(
            self.tr("Your own question in the chosen section, numbered after the guide's (C1, C2…)")
        )
        self.add_question_button.clicked.connect(self.add_question)
        self.added = label(muted=True)
        self.added.setAccessibleName(self.tr("Question added"))
        pane = QWidget()
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 6, 0)
        # The search box above the tree it filters, as wide as the tree: on a
        # 1280-pixel screen it was squeezed to a few characters among the filters.
        searching = QHBoxLayout()
        searching.addWidget(label(self.tr("&Search:"), self.search))
        searching.addWidget(self.search, 1)
        column.addLayout(searching)
        column.addWidget(self.tree, 1)
        below = QHBoxLayout()
        below.addWidget(self.shown, 1)
        below.addWidget(self.added)
        column.addLayout(below)
        # On a line of its own: beside the count it widened the tree's pane so
        # much that the editor was squeezed below its size at 1280x800.
        column.addWidget(self.add_question_button, 0, Qt.AlignmentFlag.AlignLeft)
        return pane

    def fit_to_font(self) -> None:
        """Sizes relative to the window's text size, which the View menu changes."""
        self.editor.apply_fonts(self.font())
        metrics = self.tree.fontMetrics()
        width = max(metrics.horizontalAdvance(t) for t in ("000/000", self.tr("to review")))
        self.tree.header().resizeSection(COL_PROGRESS, width + 16)
        # The names readable ("HR-1  Are remuneration levels…", not "HR-1 A…"): a
        # question four levels deep keeps about 30 characters beside its chip.
        name = metrics.horizontalAdvance("HR-10  Are remuneration lev")
        deep = 4 * self.tree.indentation() + 16 + 8  # the branches, the chip, its gap
        self.tree.setMinimumWidth(name + deep + width + 16 + self.tree.frameWidth() * 2 + 14)
        # The search box: room for a few words as they are typed.
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 24))

    # -- reading --------------------------------------------------------------

    def reload(self) -> None:
        guidance = self.editor.guidance
        if guidance.framework is None:  # the document's copy never changes
            guidance.framework = framework_of(self.document)
        self._loading = True
        try:
            before = self._groups.get(self.group_filter.currentData())
            groups = list_groups(self.document)
            self._groups = {g.id: frozenset(group_sections(self.document, g)) for g in groups}
            items = [(self.tr("All working groups"), None)] + [(g.name, g.id) for g in groups]
            self.filters.set_groups(items)
            expanded = [
                key
                for key in self.model.branch_keys()
                if self.tree.isExpanded(self.proxy.mapFromSource(self.model.index_of(key)))
            ]
            if self.model.load(load_checklist(self.document, guidance.framework.raw)):
                for key in expanded:
                    self.tree.expand(self.proxy.mapFromSource(self.model.index_of(key)))
                self._select(self._qid)
        finally:
            self._loading = False
        if self._groups.get(self.group_filter.currentData()) != before:
            self._apply_filters()  # the chosen group's sections changed, or the group went
        self._count_shown()
        self._show(self.tree.currentIndex().data(QuestionIdRole))
        shown = [] if self.tree.currentIndex().isValid() else self._proxy_questions()
        if shown:  # on opening: the first question rather than an empty editor
            self._select(shown[0])

    def _count_shown(self) -> None:
        shown = sum(1 for q in self.model.question_ids() if self.proxy.accepts(q))
        text = self.tr("1 question shown") if shown == 1 else self.tr("%1 questions shown")
        self.shown.setText(fmt(text, str(shown)))

    def _show(self, qid: str | None) -> None:
        """Fill the editor; on a reload of the same question, keep what is being typed."""
        question = self.model.question(qid) if qid else None
        self.proxy.pinned = question.id if question else None
        self.add_question_button.setEnabled(bool(self.current_section()))
        self.editor.show_answer(question, self.model.place(question.id) if question else "")

    def _versions(self, qid: str) -> list:
        """The earlier versions of a question's answer, oldest first (its history)."""
        stored = answers.answer_for(self.document, qid)
        return answers.answer_history(self.document, stored) if stored else []

    # -- choosing -------------------------------------------------------------

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._loading:
            qid = current.data(QuestionIdRole)
            self.proxy.pinned = qid  # the saving below must not filter the new one away
            self.flush()  # what was typed belongs to the question being left
            if qid != self._qid:
                self.workspace.end_visit()
            self._show(qid)

    def _select(self, qid: str | None) -> None:
        if not self._loading:  # save first: a save lays the tree out again, and an index
            self.flush()  # taken before it would be stale inside setCurrentIndex (a crash)
        index = self.proxy.mapFromSource(self.model.index_of(qid)) if qid else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def select_question(self, qid: str) -> None:
        """Show a question, clearing the filters if they hide it."""
        if not self.proxy.accepts(qid):
            self.clear_filters()
        self._select(qid)

    def show_target(self, target: object) -> None:
        """From another page: a question id, a section code or (section, sub-area)."""
        if isinstance(target, tuple | list):
            target = "/".join(str(part) for part in target if part)
        index = self.model.index_of(str(target))
        while index.isValid() and index.data(KindRole) != "question":
            index = self.model.index(0, COL_TITLE, index)
        if index.isValid():
            self.select_question(index.data(QuestionIdRole))

    def go_to_question(self, step: int) -> None:
        """Alt+Up/Alt+Down: the previous or next question shown in the tree."""
        order = self._proxy_questions()
        if order:
            position = order.index(self._qid) + step if self._qid in order else 0
            qid = order[max(0, min(len(order) - 1, position))]
            keep_focus(
                self, lambda: self._select(qid), lambda: [self.tree, *self.editor.tab_chain()]
            )

    def _proxy_questions(self, parent: QModelIndex | None = None) -> list[str]:
        """The questions the tree shows, in its order."""
        parent = QModelIndex() if parent is None else parent
        found: list[str] = []
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, COL_TITLE, parent)
            qid = index.data(QuestionIdRole)
            found += [qid] if qid else self._proxy_questions(index)
        return found

    def current_section(self) -> str | None:
        """The section of the chosen question or branch."""
        index = self.tree.currentIndex()
        return index.data(SectionCodeRole) if index.isValid() else None

    def _current_subarea(self) -> str:
        """The sub-area of the chosen question or branch ("" for none)."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return ""
        key = str(index.data(NodeKeyRole) or "")
        question = self.model.question(key)
        if question is not None:
            return question.subarea_label
        parts = key.split("/")
        return parts[1] if len(parts) > 1 else ""

    def add_question(self) -> None:
        """The facilitator's own question in the chosen section (one undo step);
        the new question is shown at once with its id (``TR-C1``)."""
        code = self.current_section()
        if not code:
            return
        self.flush()
        subareas = [
            (s.label, s.title)
            for s in reading.subareas(self.document)
            if s.section_code == code and s.label
        ]
        dialog = QuestionDialog(self, code, subareas, self._current_subarea())
        values = ask(dialog, dialog.values)
        if values is None or not values[0].strip():
            return
        text, subarea = values
        question = self.workspace.run(
            fmt(self.tr("Add question to %1"), code),
            lambda: add_custom_question(self.document, code, text, subarea),
        )
        if question is None:
            return
        qid = question.id  # the page has reloaded: the workspace reported the new question
        self.added.setText(fmt(self.tr("Added %1"), qid))
        self.select_question(qid)

    # -- filters --------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        self.filters.clear()  # filters again (changed)

    def _apply_filters(self) -> None:
        self.flush()
        group = self.group_filter.currentData()
        self.proxy.pinned = None  # the filters decide again, for the current question too
        self.proxy.set_filters(
            sections=self._groups.get(group) if group else None,
            status=self.status_filter.currentData(),
            rating=self.rating_filter.currentData(),
            search=self.search.text(),
        )
        self._count_shown()
        if self.proxy.active:
            self.tree.expandAll()
        shown = self._proxy_questions()
        if self._qid in shown:
            self.proxy.pinned = self._qid
            self._select(self._qid)
        elif shown:
            self._select(shown[0])
        else:
            self.tree.setCurrentIndex(QModelIndex())
            self._show(None)

    # -- saving -----------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        self.workspace.end_visit()
        super().hideEvent(event)

    def flush(self) -> None:
        """Save what has been typed and not saved yet (nothing if nothing changed)."""
        self.editor.flush()

    def _save(self, qid: str, changes: dict[str, object]) -> None:
        """One undo step with every change the editor asks for to a question's answer."""
        visit = self.workspace.visit(("answer", qid))
        done = self.workspace.run(
            fmt(self.tr("Edit answer to %1"), qid),
            lambda: answers.save_answer(self.document, qid, visit=visit, **changes),  # type: ignore[arg-type]
            visit=visit,
        )
        if done is None:  # refused: show what the file holds again
            self._show(qid)
