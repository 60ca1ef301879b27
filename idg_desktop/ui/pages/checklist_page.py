"""The checklist (IDG Part II step 5, Annex 3): each question's narrative answer,
the Figure 5 evaluation of existing measures, evidence and review flags.

Everything is saved as it is typed or clicked (no Save button): text after a
pause or when the field is left, choices at once. The saves made while the
user stays on one question are one undo step and at most one earlier version
(a visit, see workspace.py).
The tree comes from :mod:`idg_desktop.ui.models.checklist_model`, which the
projector view reuses; this page adds the filters and the answer editor.
"""

from __future__ import annotations

import html
import itertools
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QRectF,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeySequence,
    QPainter,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.framework import Framework, Section
from idg_desktop.domain.records import Kind
from idg_desktop.services import answers
from idg_desktop.services.assessment import add_custom_question, framework_of
from idg_desktop.services.groups import group_sections, list_groups
from idg_desktop.ui import palette
from idg_desktop.ui.labels import rating_labels, section_kind_label, section_label
from idg_desktop.ui.models.checklist_model import (
    COL_PROGRESS,
    COL_TITLE,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    AnswerState,
    ChecklistFilter,
    ChecklistModel,
    KindRole,
    QuestionIdRole,
    SectionCodeRole,
    load_checklist,
    rating_colour,
)
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import Workspace


class Choice(QWidget):
    """One of Figure 5's questions: radio buttons that may also all be blank.

    Like radio buttons in any mature application, the group is one stop of the
    Tab chain (its chosen button, or the first when none is chosen), and the
    arrow keys move the choice, not only the focus: moving selects, and the
    selection is saved like a click."""

    def __init__(self, options: list[tuple[str, object]], name: str) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(18)
        self.group = QButtonGroup(self)
        self.buttons = [QRadioButton(text) for text, _value in options]
        self._values = [value for _text, value in options]
        for number, button in enumerate(self.buttons):
            button.setAccessibleName(f"{name} {button.text()}")
            self.group.addButton(button, number)
            button.installEventFilter(self)
            row.addWidget(button)
        row.addStretch(1)
        self.group.idClicked.connect(lambda _id: self._tab_stop())
        self._tab_stop()

    def value(self) -> Any:
        checked = self.group.checkedId()
        return None if checked < 0 else self._values[checked]

    def set_value(self, value: object) -> None:
        self.group.setExclusive(False)  # an exclusive group cannot be emptied
        for button, own in zip(self.buttons, self._values, strict=True):
            button.setChecked(value is not None and own == value)
        self.group.setExclusive(True)
        self._tab_stop()

    def entry(self) -> QRadioButton:
        """Where Tab enters the group: the chosen button, else the first."""
        checked = self.group.checkedId()
        return self.buttons[max(0, checked)]

    def _tab_stop(self) -> None:
        """Only the entry button is in the Tab chain; the others are reached with
        the arrow keys or the mouse (Qt leaves it to the last button focused)."""
        entry = self.entry()
        for button in self.buttons:
            policy = Qt.FocusPolicy.StrongFocus if button is entry else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.buttons:
            step = self._step(event.key())  # type: ignore[attr-defined]
            if step and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # type: ignore[attr-defined]
                self._move(self.buttons.index(watched), step)  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    def _step(self, key: int) -> int:
        forward = Qt.Key.Key_Left if self.isRightToLeft() else Qt.Key.Key_Right
        backward = Qt.Key.Key_Right if self.isRightToLeft() else Qt.Key.Key_Left
        if key in (forward, Qt.Key.Key_Down):
            return 1
        if key in (backward, Qt.Key.Key_Up):
            return -1
        return 0

    def _move(self, start: int, step: int) -> None:
        """The arrow keys: the next enabled choice is focused and chosen (a click)."""
        position = start + step
        while 0 <= position < len(self.buttons) and not self.buttons[position].isEnabled():
            position += step
        if not 0 <= position < len(self.buttons):
            return  # at the end of the row: stay (no wrapping round)
        target = self.buttons[position]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
        )
        if not target.isChecked():
            target.click()  # checked, and saved like a click with the mouse


class _EditorColumn(QVBoxLayout):
    """The editor's column, inside a scroll area that should scroll only when
    the fields' minimum heights do not fit. Its wrapped labels would make it
    report a height-for-width, which the scroll area reads from the fields'
    preferred heights, showing a scroll bar on every screen; the column keeps
    its height by its minimums instead (the question has three lines reserved)."""

    def hasHeightForWidth(self) -> bool:
        return False


class _EditorScroll(QScrollArea):
    """Scrolls up and down only, so it asks for the editor's whole width (and
    its scroll bar's), whatever the text size."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width), hint.height())


class RatingChip(QLabel):
    """The rating, in its colour. Painted rather than styled: a style sheet set
    at each question re-polishes the label and lays the editor out again, while
    this costs one repaint of the chip."""

    PADDING = 6

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._fill, self._ink = QColor(palette.WHITE), QColor(palette.INK)
        self._border = QColor(palette.CHIP_OUTLINE)

    def set_rating(self, text: str, fill: QColor, ink: QColor, border: QColor) -> None:
        self._fill, self._ink, self._border = fill, ink, border
        self.setText(text)  # also what a screen reader reads
        self.update()

    def bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(self._border, 1))
        painter.setBrush(self._fill)
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(self._ink)
        painter.setFont(self.bold_font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())


def label(text: str = "", buddy: QWidget | None = None, muted: bool = False) -> QLabel:
    widget = QLabel(text)
    if buddy is not None:
        widget.setBuddy(buddy)
    if muted:
        widget.setObjectName("pageIntro")
    return widget


class ChecklistPage(Page):
    MAIN_ACTIONS = ("search", "tree", "add_question_button")
    KINDS = frozenset({Kind.ANSWER, Kind.QUESTION, Kind.GROUP, Kind.SECTION})
    SAVE_DELAY_MS = 800

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._qid: str | None = None
        self._loading = False  # filling widgets: their signals are not the user's edits
        self._waiting = False  # typed text not saved yet (the status bar says so)
        self._framework: Framework | None = None
        self._guidance_for: str | None = None  # the section whose guidance is set out
        self._guidance_section: str | None = None  # the section whose guidance applies
        self._history_for: tuple[str, int] | None = None
        self._groups: dict[str, frozenset[str]] = {}
        self._ratings = rating_labels()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        layout = self.page_layout(
            self.tr("Checklist"),
            self.tr(
                "Record each group's answer in its own words, then evaluate the existing "
                "measure: is there one, is it applied in practice, is it effective? "
                "Everything is saved as you type."
            ),
        )
        layout.addLayout(self._build_filters())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_tree())
        splitter.addWidget(self._build_editor())
        splitter.setSizes([560, 840])
        layout.addWidget(splitter, 1)
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1), ("Ctrl+PgUp", -1), ("Ctrl+PgDown", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.go_to_question(s))
        chain = [self.group_filter, self.status_filter, self.rating_filter, self.search]
        chain += [self.tree, self.add_question_button, self.narrative, *self.measure.buttons]
        chain += [*self.applied.buttons]
        chain += [*self.effective.buttons, self.not_applicable, self.evidence]
        chain += [self.for_review, self.reviewed, self.confidential, self.guidance_toggle]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._apply_fonts()

    # -- building -------------------------------------------------------------

    def _build_filters(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Words in questions and answers (Ctrl+F)"))
        self.group_filter, self.status_filter, self.rating_filter = (QComboBox() for _ in "123")
        self.group_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.group_filter.setMinimumContentsLength(22)
        statuses = [self.tr("All questions"), self.tr("Not answered"), self.tr("Answered")]
        statuses += [self.tr("Marked for review"), self.tr("Reviewed")]
        for key, text in zip(ChecklistFilter.STATUSES, statuses, strict=True):
            self.status_filter.addItem(text, key)
        self.rating_filter.addItem(self.tr("All ratings"), None)
        for key, text in self._ratings.items():
            self.rating_filter.addItem(text, key)
        row = QHBoxLayout()
        for text, widget, name, stretch in (
            (self.tr("&Working group:"), self.group_filter, self.tr("Working group"), 2),
            (self.tr("S&tatus:"), self.status_filter, self.tr("Status"), 0),
            (self.tr("&Rating:"), self.rating_filter, self.tr("Rating"), 0),
        ):
            widget.setAccessibleName(name)
            row.addWidget(label(text, widget))
            row.addWidget(widget, stretch)
            row.addSpacing(12)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.textChanged.connect(lambda _t: self._apply_filters())
        for combo in (self.group_filter, self.status_filter, self.rating_filter):
            combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        return row

    def _build_tree(self) -> QWidget:
        self.model = ChecklistModel(self)
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

    def _build_editor(self) -> QWidget:
        self.editor_stack = QStackedWidget()
        self.placeholder = label(self.tr("Choose a question on the left to see its answer."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_stack.addWidget(self.placeholder)
        self.where = label(muted=True)
        # Wrapped, so a long section and sub-area never widen the editor (and the
        # whole window's layout) from one question to the next.
        self.where.setWordWrap(True)
        self.question_text = label()
        self.question_text.setWordWrap(True)
        self.question_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question_text.setStyleSheet(f"color: {palette.INK};")
        self.guidance_toggle = QToolButton()
        self.guidance_toggle.setCheckable(True)
        self.guidance_toggle.setAutoRaise(True)
        self.guidance_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.guidance_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_toggle.setText(
            self.tr("&Guidance: Revised Arusha Declaration and examples of good practice")
        )
        self.guidance_toggle.toggled.connect(self._toggle_guidance)
        self.guidance = QTextBrowser()
        self._name_guidance(section_label())
        self.guidance.setVisible(False)
        self.narrative = self._text_edit(self.tr("Narrative answer"))
        self.evidence = self._text_edit(self.tr("Evidence"))
        editor = QWidget()
        column = self._column = _EditorColumn(editor)
        column.setContentsMargins(12, 0, 0, 0)
        column.setSpacing(8)
        for widget in (self.where, self.question_text, self.guidance_toggle):
            column.addWidget(widget)
        column.addWidget(self.guidance, 2)
        column.addWidget(label(self.tr("&Narrative answer:"), self.narrative))
        column.addWidget(self.narrative, 3)
        column.addWidget(self._build_evaluation())
        evidence = self.tr("Evi&dence (documents, figures, sources):")
        column.addWidget(label(evidence, self.evidence))
        column.addWidget(self.evidence, 1)
        flags = QHBoxLayout()
        flags.setSpacing(18)
        self.for_review = QCheckBox(self.tr("Mar&ked for review"))
        self.reviewed = QCheckBox(self.tr("Rev&iewed"))
        self.confidential = QCheckBox(self.tr("C&onfidential (left out of public reports)"))
        for box, key in (
            (self.for_review, "marked_for_review"),
            (self.reviewed, "reviewed"),
            (self.confidential, "confidential"),
        ):
            box.setAccessibleName(box.text().replace("&", ""))
            box.clicked.connect(lambda on, k=key: self._save({k: on}))
            flags.addWidget(box)
        flags.addStretch(1)
        self.history = label(muted=True)
        self.history.setAccessibleName(self.tr("History"))
        self.history.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        column.addLayout(flags)
        column.addWidget(self.history)  # a line of its own: the flags' row stays narrow
        # On a short screen (a working copy's banner on a 768-line laptop) the
        # editor scrolls up and down instead of squeezing Figure 5's rows together.
        self.editor_scroll = _EditorScroll()
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor_scroll.setWidget(editor)
        self.editor_stack.addWidget(self.editor_scroll)
        return self.editor_stack

    def _build_evaluation(self) -> QGroupBox:
        box = QGroupBox(self.tr("Evaluation of the existing measure (IDG Figure 5)"))
        grid = self._grid = QGridLayout(box)
        grid.setHorizontalSpacing(16)
        yes, no, partly = self.tr("Yes"), self.tr("No"), self.tr("Partly")
        self.measure = Choice([(yes, True), (no, False)], self.tr("Is there a measure?"))
        self.applied = Choice([(yes, True), (no, False)], self.tr("Is it applied in practice?"))
        self.effective = Choice(
            [(no, "no"), (partly, "partly"), (yes, "yes")], self.tr("Is it effective?")
        )
        for row, (text, choice) in enumerate(
            (
                (self.tr("1. Is there a &measure?"), self.measure),
                (self.tr("2. Is it a&pplied in practice?"), self.applied),
                (self.tr("3. Is it effe&ctive?"), self.effective),
            )
        ):
            grid.addWidget(label(text, choice.buttons[0]), row, 0)
            grid.addWidget(choice, row, 1)
            choice.group.idClicked.connect(lambda _id: self._evaluation_chosen())
        self.chip = RatingChip()
        self.chip.setAccessibleName(self.tr("Rating"))
        self.not_applicable = QCheckBox(self.tr("Not &applicable"))
        self.not_applicable.setAccessibleName(self.tr("Not applicable"))
        self.not_applicable.clicked.connect(self._evaluation_chosen)
        # "Rating:" above its chip, not beside it: the block stays narrow enough to
        # leave the question tree its room on a 1280-pixel screen.
        grid.addWidget(label(self.tr("Rating:")), 0, 2, Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.chip, 1, 2)
        grid.addWidget(self.not_applicable, 2, 2)
        grid.setColumnStretch(1, 1)
        return box

    def _text_edit(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setAccessibleName(name)
        edit.textChanged.connect(self._typed)
        edit.installEventFilter(self)  # saves when the field is left
        return edit

    def _apply_fonts(self) -> None:
        """Sizes relative to the window's text size, which the View menu changes."""
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.35)
        self.question_text.setFont(big)
        # Three lines reserved (nine questions in ten fit): going from question to
        # question then leaves the editor below where it is, instead of moving the
        # rating buttons and laying out every field again.
        self.question_text.setMinimumHeight(QFontMetrics(big).lineSpacing() * 3)
        self.question_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
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
        # One width for every rating, so a new rating never shifts the Figure 5 block.
        bold = QFontMetrics(self.chip.bold_font())
        widest = max(bold.horizontalAdvance(t) for t in self._ratings.values())
        self.chip.setFixedWidth(widest + 2 * 14 + 2 + 8)  # padding, border, breathing room
        self.chip.setFixedHeight(bold.height() + 2 * RatingChip.PADDING + 2)
        # The history's width is the widest it can say, so its text never moves the row.
        longest = fmt(self.tr("History: %1 earlier versions"), "99")
        self.history.setMinimumWidth(self.history.fontMetrics().horizontalAdvance(longest) + 4)
        for edit, lines in ((self.narrative, 6), (self.evidence, 3)):
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    # -- reading --------------------------------------------------------------

    def reload(self) -> None:
        if self._framework is None:  # the document's copy never changes
            self._framework = framework_of(self.document)
        self._loading = True
        try:
            chosen = self.group_filter.currentData()
            before = self._groups.get(chosen)
            groups = list_groups(self.document)
            self._groups = {g.id: frozenset(group_sections(self.document, g)) for g in groups}
            items = [(self.tr("All working groups"), None)] + [(g.name, g.id) for g in groups]
            combo = self.group_filter
            if items != [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]:
                with QSignalBlocker(combo):
                    combo.clear()
                    for name, group_id in items:
                        combo.addItem(name, group_id)
                    combo.setCurrentIndex(max(0, combo.findData(chosen)))
            expanded = [
                key
                for key in self.model.branch_keys()
                if self.tree.isExpanded(self.proxy.mapFromSource(self.model.index_of(key)))
            ]
            if self.model.load(load_checklist(self.document, self._framework.raw)):
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
        same = qid == self._qid
        question = self.model.question(qid) if qid else None
        self._qid = self.proxy.pinned = question.id if question else None
        self.add_question_button.setEnabled(bool(self.current_section()))
        if question is None:
            self.editor_stack.setCurrentWidget(self.placeholder)
            return
        self.editor_stack.setCurrentIndex(1)
        answer = self.model.answer(question.id)
        was_loading, self._loading = self._loading, True
        try:
            self.where.setText(self.model.place(question.id))
            self.question_text.setText(question.text)
            self._fill_guidance(question.section_code)
            for edit, stored in ((self.narrative, answer.text), (self.evidence, answer.evidence)):
                typing = same and self._timer.isActive()
                if edit.toPlainText().strip() != stored and not typing:
                    edit.setPlainText(stored)
            self._show_evaluation(answer)
            self.for_review.setChecked(answer.marked_for_review)
            self.reviewed.setChecked(answer.reviewed)
            self.confidential.setChecked(answer.confidential)
            self._fill_history(question.id, answer.versions)
        finally:
            self._loading = was_loading

    def _show_evaluation(self, answer: AnswerState) -> None:
        measure, applied, effective = answer.evaluation
        na = answer.rating == NOT_APPLICABLE
        self.not_applicable.setChecked(na)
        self.measure.set_value(measure)
        self.applied.set_value(applied)
        self.effective.set_value(effective)
        self.measure.setEnabled(not na)
        self.applied.setEnabled(not na and measure is True)
        self.effective.setEnabled(not na and measure is True and applied is True)
        colour = rating_colour(answer.rating)
        text = palette.WHITE if colour.lightnessF() < 0.45 else palette.INK
        border = (
            palette.CHIP_OUTLINE if answer.rating == NOT_ASSESSED else colour.darker(125).name()
        )
        self.chip.set_rating(
            self._ratings.get(answer.rating, answer.rating), colour, QColor(text), QColor(border)
        )

    def _fill_guidance(self, code: str) -> None:
        """Note the section whose guidance applies; it is set out only when shown
        (most visits never open it, and laying out its rich text costs each switch)."""
        if self._framework is None:
            return
        self._guidance_section = code
        section = self._section(code)
        self.guidance_toggle.setEnabled(
            bool(section and (section.arusha_statement or section.good_practices))
        )
        self._name_guidance(section_kind_label(section.category if section else ""))
        if self.guidance_toggle.isChecked():
            self._render_guidance()

    def _section(self, code: str) -> Section | None:
        """The framework's section (its guidance), None if the framework has none."""
        assert self._framework is not None
        return next((s for s in self._framework.sections if s.code == code), None)

    def _render_guidance(self) -> None:
        code = self._guidance_section
        if code is None or code == self._guidance_for or self._framework is None:
            return
        self._guidance_for = code
        section = self._section(code)
        if section is None:
            self.guidance.setHtml("")
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
        self.guidance.setHtml("".join(parts))

    def _name_guidance(self, kind: str) -> None:
        """Accessible names with the section's own kind: "... on this key factor"."""
        toggle = fmt(self.tr("Show the guidance on this %1"), kind)
        self.guidance_toggle.setAccessibleName(toggle)
        self.guidance.setAccessibleName(fmt(self.tr("Guidance on this %1"), kind))

    def _toggle_guidance(self, on: bool) -> None:
        if on:
            self._render_guidance()
        self.guidance_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.guidance.setVisible(on)

    def _fill_history(self, qid: str, versions: int) -> None:
        """How many earlier versions; the versions themselves in the tooltip."""
        if self._history_for == (qid, versions):
            return
        self._history_for = (qid, versions)
        texts = [self.tr("No earlier versions"), self.tr("History: 1 earlier version")]
        text = texts[versions] if versions < 2 else self.tr("History: %1 earlier versions")
        self.history.setText(fmt(text, str(versions)))
        stored = answers.answer_for(self.document, qid) if versions else None
        rows = []
        for version in reversed(answers.answer_history(self.document, stored) if stored else []):
            when = version.written_at.strftime("%d %b %Y %H:%M")
            rating = self._ratings.get(version.rating, version.rating)
            words = version.text if len(version.text) < 240 else version.text[:240] + "…"
            rows.append(f"<p><b>{when}</b> · {html.escape(rating)}<br>{html.escape(words)}</p>")
        self.history.setToolTip("".join(rows))

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
            self._select(order[max(0, min(len(order) - 1, position))])

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

    def add_question(self) -> None:
        """The facilitator's own question in the chosen section (one undo step);
        the new question is shown at once with its id (``TR-C1``)."""
        code = self.current_section()
        if not code:
            return
        self.flush()
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Add a question"),
            fmt(self.tr("Text of the new question in section %1:"), code),
        )
        if not ok or not text.strip():
            return
        question = self.workspace.run(
            fmt(self.tr("Add question to %1"), code),
            lambda: add_custom_question(self.document, code, text),
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
        for widget in (self.group_filter, self.status_filter, self.rating_filter):
            with QSignalBlocker(widget):
                widget.setCurrentIndex(0)
        with QSignalBlocker(self.search):
            self.search.clear()
        self._apply_filters()

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

    def _typed(self) -> None:
        if not self._loading and self._qid:
            self._timer.start()
            self._waiting = True
            self.workspace.set_typing(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.narrative, self.evidence):
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        self.workspace.end_visit()
        super().hideEvent(event)

    def flush(self) -> None:
        """Save what has been typed and not saved yet (nothing if nothing changed)."""
        self._timer.stop()
        self._save({})
        if self._waiting:
            self._waiting = False
            self.workspace.set_typing(False)

    def _evaluation_chosen(self) -> None:
        """Figure 5: each question counts (and is asked) only after a "yes" to the one before."""
        if self._loading or not self._qid:
            return
        if self.not_applicable.isChecked():
            self._save({"rating": NOT_APPLICABLE})
            return
        measure = self.measure.value()
        applied = self.applied.value() if measure else None
        effective = self.effective.value() if applied else None
        chosen = answers.Evaluation(measure, applied, effective)
        rating = chosen.rating().value
        self._show_evaluation(AnswerState("", rating, measure, applied, effective))
        self._save({"evaluation": chosen})

    def _save(self, wanted: dict[str, object]) -> None:
        """One undo step with every change to the current answer, or none at all."""
        qid = self._qid
        if qid is None or self._loading:
            return
        stored = self.model.answer(qid)
        changes: dict[str, object] = {}
        for name, edit in (("text", self.narrative), ("evidence", self.evidence)):
            if edit.toPlainText().strip() != getattr(stored, name):
                changes[name] = edit.toPlainText()
        for name, value in wanted.items():
            if isinstance(value, answers.Evaluation):
                now = (value.measure_exists, value.applied, value.effective)
                if now != stored.evaluation or stored.rating == NOT_APPLICABLE:
                    changes[name] = value
            elif getattr(stored, name) != value:
                changes[name] = value
        if not changes:
            return
        self._timer.stop()
        visit = self.workspace.visit(("answer", qid))
        done = self.workspace.run(
            fmt(self.tr("Edit answer to %1"), qid),
            lambda: answers.save_answer(self.document, qid, visit=visit, **changes),  # type: ignore[arg-type]
            visit=visit,
        )
        if done is None:  # refused: show what the file holds again
            self._show(qid)
