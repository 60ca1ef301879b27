"""The plenary's decisions taken on the slide itself (issue 13): with one
screen, or a projector that mirrors the laptop, the room would see the
editor, so the presentation carries it. On a finding slide the slide model
(``reports/slides/decisions.py``) keeps a band for the buttons — A Agree,
E Amend, M Merge, R Reject, P back to proposed — and names the area where an
editor opens. The slide draws the buttons; this module lays real widgets
over them (the clicks, the keys, the focus, an accessible name each) and, for
an edit, the editor or the list, in the slide's theme and its body size
(never below the floor of 1/34 of the screen's height).

Every decision goes through the same services as the Findings page and the
command line (``findings.decide_finding``, ``update_finding``,
``merge_finding``) and ``Workspace.run``: one undo step each, Ctrl+Z on the
presentation undoes. Reject asks nothing more: it is one key, undone by one
key, and the status word on the slide says at once what was recorded; a
dialog over the projector would only hide the slide.

While the editor or the merge list is open, keys go to it: typing "b", a
space or "." never blanks nor moves the slide; Esc cancels the edit only,
Ctrl+Enter saves.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from idg_desktop.domain.vocabulary import FindingStatus
from idg_desktop.reports.slides import decisions as layout
from idg_desktop.reports.slides.model import Slide
from idg_desktop.services import findings
from idg_desktop.ui.presentation.on_slide import (
    ChoiceList,
    FocusRing,
    Look,
    SlideButton,
    SlideEditor,
)
from idg_desktop.ui.presentation.placing import Placing
from idg_desktop.ui.text import fmt

KEYS = {getattr(Qt.Key, f"Key_{key}"): action for action, key, _ in layout.DECISIONS}
NOTICE_MS = 6000  # a refusal stays on the band this long, or until the next key


class DecisionPanel(QObject, Placing):
    """The buttons, the editor and the merge list over a finding slide."""

    def __init__(self, window) -> None:
        """``window``: the :class:`PresentationWindow` (its view, deck, workspace)."""
        super().__init__(window)
        self.window = window
        self.on = False  # the slides carry the decisions (one screen, or mirrored)
        self.mode = ""  # "" | "amend" | "choose" (the merge list) | "merge" (its wording)
        self.finding_id = ""
        self.target_id = ""  # the finding merged into
        self.prefill = ""  # the wording the editor opened with
        view = window.view
        self.buttons: dict[str, SlideButton] = {}
        names = dict(self.labels())
        for action, key, _words in layout.DECISIONS:
            button = SlideButton(view, drawn_by_slide=True)
            button.focused.connect(self._ring)
            button.setAccessibleName(names[action])
            button.setAccessibleDescription(fmt(self.tr("Key %1"), key))
            button.clicked.connect(lambda _=False, a=action: self.decide(a))
            self.buttons[action] = button
        self.cover = QWidget(view)  # the band, covered while an edit is open
        self.cover.setObjectName("slideCover")
        self.cover.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.save_button = SlideButton(view)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = SlideButton(view)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.caption = QLabel(view)
        self.caption.setObjectName("slideCaption")
        self.editor = SlideEditor(view)
        self.editor.setObjectName("slideEditor")
        self.editor.setAccessibleName(self.tr("Wording"))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.save.connect(self.save)
        self.editor.cancel.connect(self.cancel)
        self.choices = ChoiceList(view)
        self.choices.setObjectName("slideChoices")
        self.choices.setAccessibleName(self.tr("Finding to merge this one into"))
        self.choices.setWordWrap(True)
        self.choices.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.choices.chosen.connect(self.choose)
        self.choices.cancel.connect(self.cancel)
        self.choices.itemActivated.connect(lambda _item: self.choose())
        self.notice = QLabel(view)
        self.notice.setObjectName("slideNotice")
        self.notice.setWordWrap(True)
        self.ring = FocusRing(view)
        self.notice_timer = QTimer(self)
        self.notice_timer.setSingleShot(True)
        self.notice_timer.setInterval(NOTICE_MS)
        self.notice_timer.timeout.connect(self.clear_notice)
        for widget in self.widgets():
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            widget.setCursor(Qt.CursorShape.ArrowCursor)
            widget.hide()
        for widget in (self.cover, self.caption, self.notice):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no tab stop that does nothing
        for widget in (self.editor, self.choices):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ordered = [*self.buttons.values(), self.choices, self.editor, self.save_button]
        for first, second in zip(ordered, [*ordered[1:], self.cancel_button], strict=True):
            window.setTabOrder(first, second)
        self.undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), window)
        self.undo.activated.connect(lambda: self._stack("undo"))
        self.redo = QShortcut(QKeySequence(QKeySequence.StandardKey.Redo), window)
        self.redo.activated.connect(lambda: self._stack("redo"))
        self._style: tuple = ()
        self.look: Look | None = None
        window.left.connect(self.leave)

    def widgets(self):
        return (
            *self.buttons.values(),
            self.cover,
            self.save_button,
            self.cancel_button,
            self.caption,
            self.editor,
            self.choices,
            self.notice,
        )

    # -- the option ---------------------------------------------------------------

    def set_on(self, on: bool) -> None:
        """The slides carry the decisions (True) or the laptop keeps them."""
        if on == self.on:
            return
        self.on = on
        if not on:
            self.close_editor()
        self.window.setCursor(
            Qt.CursorShape.ArrowCursor if on else Qt.CursorShape.BlankCursor
        )  # the mouse clicks the buttons; on a second screen it stays out of sight
        self.window.rebuild()

    def labels(self) -> tuple[tuple[str, str], ...]:
        """The buttons' words, translated (the slide model lays them out)."""
        return (
            (FindingStatus.AGREED.value, self.tr("Agree")),
            (FindingStatus.AMENDED.value, self.tr("Amend")),
            (FindingStatus.MERGED.value, self.tr("Merge")),
            (FindingStatus.REJECTED.value, self.tr("Reject")),
            (FindingStatus.PROPOSED.value, self.tr("Back to proposed")),
        )

    # -- keys -------------------------------------------------------------------------

    def handle_key(self, key: int) -> bool:
        """The presentation window's keys, before its own: True if taken here."""
        if self.notice.text():
            self.clear_notice()
        if self.mode:
            if key == Qt.Key.Key_Escape:  # from the clicker filter, the list having the focus
                self.cancel()
            return True  # nothing moves nor blanks the slide while an edit is open
        slide = self.window.current() if self.window.slides else None
        if self.on and slide is not None and slide.controls and key in KEYS:
            if not self.window.view.blank:
                self.decide(KEYS[key])
            return True
        return False

    # -- the decisions ------------------------------------------------------------------

    def current(self) -> Slide | None:
        slide = self.window.current() if self.window.slides else None
        return slide if slide is not None and slide.controls else None

    def finding(self, finding_id: str):
        source = self.window.source
        return next((f for f in source.findings if f.id == finding_id), None) if source else None

    def decide(self, action: str) -> None:
        slide = self.current()
        if slide is None or self.mode:
            return
        finding = self.finding(slide.record_id)
        if finding is None:
            return
        if finding.status == FindingStatus.MERGED:
            self.say(
                self.tr(
                    "This finding was merged into another: Ctrl+Z undoes the merge, "
                    "or decide on that one."
                )
            )
            return
        if action == FindingStatus.AMENDED:
            self.open("amend", finding.id, finding.text)
        elif action == FindingStatus.MERGED:
            self.open_choices(finding)
        elif action == FindingStatus.PROPOSED:
            self.record(
                self.tr("Finding back to proposed"),
                lambda: findings.update_finding(
                    self.window.workspace.document, finding.id, status=action
                ),
            )
        else:
            words = {
                FindingStatus.AGREED.value: self.tr("Plenary: finding agreed"),
                FindingStatus.REJECTED.value: self.tr("Plenary: finding rejected"),
            }
            self.record(
                words[action],
                lambda: findings.decide_finding(self.window.workspace.document, finding.id, action),
            )

    def record(self, label: str, change) -> bool:
        """One undo step through the workspace; a refusal said on the band."""
        refused: list[str] = []
        done = self.window.workspace.run(label, change, refused=refused.append)
        if refused:
            self.say(refused[0])
        return done is not None  # None: refused, or the file lost (the laptop says so)

    def open(self, mode: str, finding_id: str, text: str) -> None:
        self.mode, self.finding_id = mode, finding_id
        self.caption.setText(
            self.tr("The amended wording:")
            if mode == "amend"
            else self.tr("The wording of the finding kept:")
        )
        self.save_button.setText(
            layout.label("Ctrl+Enter", self.tr("Save") if mode == "amend" else self.tr("Merge"))
        )
        self.save_button.setAccessibleName(self.tr("Save") if mode == "amend" else self.tr("Merge"))
        self.cancel_button.setText(layout.label("Esc", self.tr("Cancel")))
        self.prefill = text
        self.sync()  # placed and shown first: the text is laid out at its size
        self.editor.setPlainText(text)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.editor.setFocus()

    def open_choices(self, finding) -> None:
        source = self.window.source
        options = self.window.options()
        candidates = [
            f
            for f in source.findings
            if f.section == finding.section
            and f.id != finding.id
            and f.status != FindingStatus.MERGED
            and (not f.confidential or options.shows(f"finding:{f.id}"))  # hidden: never offered
        ]
        if not candidates:
            self.say(self.tr("There is no other finding in this section to merge with."))
            return
        self.choices.clear()
        for other in candidates:
            item = QListWidgetItem(fmt(self.tr("%1: %2"), other.kind, " ".join(other.text.split())))
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.mode, self.finding_id = "choose", finding.id
        self.caption.setText(self.tr("Merge this finding into (Enter chooses):"))
        self.cancel_button.setText(layout.label("Esc", self.tr("Cancel")))
        self.save_button.setText("")
        self.sync()
        self.choices.setFocus()

    def choose(self) -> None:
        item = self.choices.currentItem()
        target = self.finding(item.data(Qt.ItemDataRole.UserRole)) if item else None
        if self.mode != "choose" or target is None:
            return
        finding_id = self.finding_id
        self.target_id = target.id
        self.open("merge", finding_id, target.text)

    def save(self) -> None:
        text = self.editor.toPlainText().strip()
        document = self.window.workspace.document
        finding_id, target_id, mode = self.finding_id, self.target_id, self.mode
        if mode == "amend":
            if text == (self.finding(finding_id).text or "").strip():
                self.say(self.tr("The wording is unchanged: change it, or Esc to cancel."))
                return
            done = self.record(
                self.tr("Plenary: finding amended"),
                lambda: findings.decide_finding(document, finding_id, "amended", text=text),
            )
        elif mode == "merge":
            kept = (self.finding(target_id).text or "").strip()

            def merge() -> bool:
                findings.merge_finding(document, finding_id, target_id)
                if text != kept:  # the kept finding's wording changed: amended
                    findings.decide_finding(document, target_id, "amended", text=text)
                return True

            done = self.record(self.tr("Merge findings"), merge)
        else:
            return
        if done:
            self.close_editor()
            self.sync()

    def leave(self) -> None:
        """The presentation ends (closed, the file closed) with an edit open:
        the wording typed is saved, not lost; Esc is the way to drop it."""
        typed = self.editor.toPlainText().strip()
        if self.mode in ("amend", "merge") and typed and typed != self.prefill.strip():
            self.save()

    def cancel(self) -> None:
        self.close_editor()
        self.sync()

    def close_editor(self) -> None:
        had = bool(self.mode)
        self.mode, self.finding_id, self.target_id = "", "", ""
        self.clear_notice()
        if had:
            self.editor.hide()
            self.choices.hide()
            self.window.setFocus()  # the slide's keys again

    # -- what the band says -------------------------------------------------------------

    def say(self, text: str) -> None:
        """A refusal or a reminder, on the band in the slide's type, until the
        next key or a few seconds."""
        self.notice.setText(text)
        self.notice.setToolTip(text)
        self.notice_timer.start()
        self.sync()

    def clear_notice(self) -> None:
        if self.notice.text():
            self.notice.clear()
            self.notice_timer.stop()
            self.sync()

    def _stack(self, which: str) -> None:
        stack = self.window.workspace.undo_stack
        if self.mode:
            return  # the editor's own Ctrl+Z undoes its typing
        if stack.canUndo() if which == "undo" else stack.canRedo():
            getattr(stack, which)()
