"""The answer editor of the Checklist page: one question's narrative answer,
the Figure 5 evaluation of the existing measure (three questions and the
rating they give), evidence, review flags and confidentiality, with the
section's guidance and the answer's history.

Everything is saved as it is typed or clicked (no Save button): text after a
pause or when the field is left (a :class:`TypingSaver`), choices at once.
The editor does not write the file itself: it emits :attr:`AnswerEditor.edited`
with the question and what changed from what the file holds, and the page
runs that through the workspace (one visit to a question is one undo step).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.domain.figure5 import Evaluation
from idg_desktop.services.checklist import AnswerState, QuestionRow
from idg_desktop.ui import palette
from idg_desktop.ui.autosave import TypingSaver
from idg_desktop.ui.labels import rating_labels
from idg_desktop.ui.models.checklist_model import NOT_APPLICABLE, NOT_ASSESSED, rating_colour
from idg_desktop.ui.pages.checklist.panes import Guidance, History
from idg_desktop.ui.widgets.choice_row import Choice
from idg_desktop.ui.widgets.labelled import label
from idg_desktop.ui.widgets.rating_chip import RatingChip
from idg_desktop.ui.window_look import themed
from idg_desktop.ui.workspace import Workspace


class _EditorColumn(QVBoxLayout):
    """The editor's column, inside a scroll area that should scroll only when
    the fields' minimum heights do not fit. Its wrapped labels would make it
    report a height-for-width, which the scroll area reads from the fields'
    preferred heights, showing a scroll bar on every screen; the column keeps
    its height by its minimums instead (the question has three lines reserved)."""

    def hasHeightForWidth(self) -> bool:
        return False


class _EditorScroll(QScrollArea):
    """Scrolls up and down, so it asks for the editor's whole width (and its
    scroll bar's), whatever the text size; sideways only when the window cannot
    give it that width (larger text on a laptop)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width), hint.height())


def _three_lines(font: QFont) -> int:
    """The height a label gives three lines in ``font``: more than three times
    the font's line spacing where its lines are taller (Noto Sans, which the
    laptop's sans-serif becomes once the slides' fonts are loaded)."""
    sample = QLabel("M\nM\nM")
    sample.setFont(font)
    sample.setWordWrap(True)
    return max(QFontMetrics(font).lineSpacing() * 3, sample.heightForWidth(10_000))


class AnswerEditor(QStackedWidget):
    """A placeholder until a question is chosen, then the question's answer.

    ``answer_of(question_id)`` is what the file holds now (the page's model),
    ``versions_of(question_id)`` the answer's earlier versions.
    """

    #: (question id, {field: value}): what to save, only what differs from the file.
    edited = Signal(str, object)

    def __init__(
        self,
        workspace: Workspace,
        answer_of: Callable[[str], AnswerState],
        versions_of: Callable[[str], Sequence[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.qid: str | None = None
        self.loading = False  # filling widgets: their signals are not the user's edits
        self._answer_of = answer_of
        self._ratings = rating_labels()
        self.placeholder = label(self.tr("Choose a question on the left to see its answer."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.placeholder)
        self.where = label(muted=True)
        # Wrapped, so a long section and sub-area never widen the editor (and the
        # whole window's layout) from one question to the next.
        self.where.setWordWrap(True)
        self.question_text = label()
        self.question_text.setWordWrap(True)
        self.question_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        themed(self.question_text, "color: $ink;")
        self.guidance = Guidance(self)
        self.narrative = self._text_edit(self.tr("Narrative answer"))
        self.evidence = self._text_edit(self.tr("Evidence"))
        editor = QWidget()
        column = _EditorColumn(editor)
        column.setContentsMargins(12, 0, 0, 0)
        column.setSpacing(8)
        for widget in (self.where, self.question_text, self.guidance.toggle):
            column.addWidget(widget)
        column.addWidget(self.guidance.browser, 2)
        column.addWidget(label(self.tr("&Narrative answer:"), self.narrative))
        column.addWidget(self.narrative, 3)
        column.addWidget(self._build_evaluation())
        evidence = self.tr("Evi&dence (documents, figures, sources):")
        column.addWidget(label(evidence, self.evidence))
        column.addWidget(self.evidence, 1)
        column.addLayout(self._build_flags())
        self.history = History(versions_of)
        column.addWidget(self.history)  # a line of its own: the flags' row stays narrow
        # On a short screen (a working copy's banner on a 768-line laptop) the
        # editor scrolls up and down instead of squeezing Figure 5's rows together.
        self.scroll = _EditorScroll()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Sideways only when it must: at a larger text size on a laptop the tree and
        # the editor cannot both have their widths, and a cut answer is worse.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll.setWidget(editor)
        self.addWidget(self.scroll)
        self.typing = TypingSaver(
            workspace,
            lambda: self._save({}),
            listening=lambda: not self.loading and bool(self.qid),
            parent=self,
        )
        self.typing.watch(self.narrative, self.evidence)

    # -- building -------------------------------------------------------------

    def _build_evaluation(self) -> QGroupBox:
        box = QGroupBox(self.tr("Evaluation of the existing measure (IDG Figure 5)"))
        grid = QGridLayout(box)
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
            # The label's buddy is the row, whose focus goes to its chosen button:
            # a button as buddy would be clicked by the mnemonic ("No" chosen).
            grid.addWidget(label(text, choice), row, 0)
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

    def _build_flags(self) -> QHBoxLayout:
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
        return flags

    def _text_edit(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setAccessibleName(name)
        return edit

    def tab_chain(self) -> list[QWidget]:
        """The editor's fields in the order Tab visits them (as shown: the
        guidance's toggle, under the question, comes first)."""
        chain: list[QWidget] = [self.guidance.toggle, self.narrative, *self.measure.buttons]
        chain += [*self.applied.buttons, *self.effective.buttons, self.not_applicable]
        return [*chain, self.evidence, self.for_review, self.reviewed, self.confidential]

    def apply_fonts(self, base: QFont) -> None:
        """Sizes relative to the window's text size (``base``), which the View menu changes."""
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() * 1.35)
        self.question_text.setFont(big)
        # Three lines reserved (nine questions in ten fit): going from question to
        # question then leaves the editor below where it is, instead of moving the
        # rating buttons and laying out every field again.
        self.question_text.setMinimumHeight(_three_lines(big))
        self.question_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # One width for every rating, so a new rating never shifts the Figure 5 block.
        bold = QFontMetrics(self.chip.bold_font())
        widest = max(bold.horizontalAdvance(t) for t in self._ratings.values())
        self.chip.setFixedWidth(widest + 2 * 14 + 2 + 8)  # padding, border, breathing room
        self.chip.setFixedHeight(bold.height() + 2 * RatingChip.PADDING + 2)
        self.history.fit_text()
        for edit, lines in ((self.narrative, 6), (self.evidence, 3)):
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)

    # -- showing --------------------------------------------------------------

    def show_answer(self, question: QuestionRow | None, where: str = "") -> None:
        """Fill the editor; on a reload of the same question, keep what is being typed."""
        same = question is not None and question.id == self.qid
        self.qid = question.id if question else None
        if question is None:
            self.setCurrentWidget(self.placeholder)
            return
        self.setCurrentIndex(1)
        answer = self._answer_of(question.id)
        was_loading, self.loading = self.loading, True
        try:
            self.where.setText(where)
            self.question_text.setText(question.text)
            self.guidance.show_section(question.section_code)
            for edit, stored in ((self.narrative, answer.text), (self.evidence, answer.evidence)):
                typing = same and self.typing.timer.isActive()
                if edit.toPlainText().strip() != stored and not typing:
                    edit.setPlainText(stored)
            self._show_evaluation(answer)
            self.for_review.setChecked(answer.marked_for_review)
            self.reviewed.setChecked(answer.reviewed)
            self.confidential.setChecked(answer.confidential)
            self.history.show_versions(question.id, answer.versions)
        finally:
            self.loading = was_loading
        if not same:  # another question's answer starts at its title
            self.scroll.verticalScrollBar().setValue(0)
            self.scroll.horizontalScrollBar().setValue(0)

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

    # -- saving ---------------------------------------------------------------

    def flush(self) -> None:
        """Save what has been typed and not saved yet (nothing if nothing changed)."""
        self.typing.flush()

    def _evaluation_chosen(self) -> None:
        """Figure 5: each question counts (and is asked) only after a "yes" to the one before."""
        if self.loading or not self.qid:
            return
        if self.not_applicable.isChecked():
            self._save({"rating": NOT_APPLICABLE})
            return
        measure = self.measure.value()
        applied = self.applied.value() if measure else None
        effective = self.effective.value() if applied else None
        chosen = Evaluation(measure, applied, effective)
        rating = chosen.rating().value
        self._show_evaluation(AnswerState("", rating, measure, applied, effective))
        self._save({"evaluation": chosen})

    def _save(self, wanted: dict[str, object]) -> None:
        """Every change to the current answer at once (one undo step), or nothing."""
        qid = self.qid
        if qid is None or self.loading:
            return
        stored = self._answer_of(qid)
        changes: dict[str, object] = {}
        for name, edit in (("text", self.narrative), ("evidence", self.evidence)):
            if edit.toPlainText().strip() != getattr(stored, name):
                changes[name] = edit.toPlainText()
        for name, value in wanted.items():
            if isinstance(value, Evaluation):
                now = (value.measure_exists, value.applied, value.effective)
                if now != stored.evaluation or stored.rating == NOT_APPLICABLE:
                    changes[name] = value
            elif getattr(stored, name) != value:
                changes[name] = value
        if not changes:
            return
        self.typing.timer.stop()
        self.edited.emit(qid, changes)
