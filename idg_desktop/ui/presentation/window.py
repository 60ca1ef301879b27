"""The presentation window: a second top-level window, full screen on the
projector, showing one slide of the deck at a time.

It reads the slides from the open file (``reports/slides/reading.py``) and
rebuilds the deck (``compose.build_deck``, pure and cheap) whenever the
workspace signals a change of a kind the slides show, keeping the slide the
room sees by its key: an amended wording saved on the laptop, or a decision
(agree, amend, merge, reject), shows at once. Confidential items stay hidden
until revealed one by one (``reveal``); names can be pseudonymised; the
group-work timer adds its countdown in the corner of every slide and a timer
slide at the end of the deck.

Keys: Page Down / Right / Space / Down next, Page Up / Left / Up / Backspace
previous, Home / End, B or "." black screen, W white screen (the same key
again, or any move, brings the slide back), Esc leaves. When the plenary
decides on the slides (one screen: ``decisions.py``), A E M R P on a finding
slide agree, amend, merge, reject or put it back to proposed, and while an
edit is open there, every key goes to it.
"""

from __future__ import annotations

import contextlib
import time

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from idg_desktop.domain.records import Kind
from idg_desktop.reports.slides import compose
from idg_desktop.reports.slides.model import Deck, Options, Slide, SlideKind
from idg_desktop.reports.slides.reading import SlideSource, read_slides
from idg_desktop.reports.slides.theme import THEMES
from idg_desktop.ui.presentation.decisions import DecisionPanel
from idg_desktop.ui.presentation.slide_view import SlideView, measure_at
from idg_desktop.ui.workspace import Workspace

#: The kinds of record the slides show: a change of one of them rebuilds the deck.
KINDS = frozenset(
    {
        Kind.ANY,
        Kind.ASSESSMENT,
        Kind.STEP,
        Kind.SECTION,
        Kind.QUESTION,
        Kind.PARTICIPANT,
        Kind.GROUP,
        Kind.ANSWER,
        Kind.FINDING,
        Kind.OUTCOME,
        Kind.OUTPUT,
        Kind.ACTIVITY,
        Kind.KPI,
        Kind.ADOPTION,
    }
)

NEXT = {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Down}
PREVIOUS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace}
BLACK = {Qt.Key.Key_B, Qt.Key.Key_Period}


#: How long after a slide is shown the next one is drawn ahead (a pause the
#: room does not see; a clicker pressed twice at once just draws both).
AHEAD_MS = 40


class PresentationWindow(QWidget):
    """The projector's window (a top-level window of its own)."""

    #: The slide shown changed, or the deck did: the laptop's status follows.
    moved = Signal()
    #: The window was left (Esc, closed).
    left = Signal()
    #: The Presentation menu asked for here (right-click, the menu key, Shift+F10),
    #: at this point of the screen.
    menu_wanted = Signal(QPoint)

    def __init__(self, workspace: Workspace, *, theme: str = "light") -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentationWindow")
        self.setWindowTitle(self.tr("IDG Workshop — presentation"))
        self.workspace = workspace
        self.theme_name = theme
        self.pseudonymise = False
        self.revealed: frozenset[str] = frozenset()
        self.timer_end: float | None = None  # time.monotonic() when the countdown ends
        self.timer_label = self.tr("Group work")
        #: Where the facilitator was when the timer slide was shown: (key, part).
        self.timer_from: tuple[str, int] | None = None
        self.source: SlideSource | None = None
        self.deck = Deck((), 16 / 9, ())
        self.slides: tuple[Slide, ...] = ()  # the deck's, plus the timer slide while set
        self.index = 0
        self.view = SlideView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.decisions = DecisionPanel(self)  # the plenary's decisions on the slide itself
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.ahead = QTimer(self)
        self.ahead.setSingleShot(True)
        self.ahead.setInterval(AHEAD_MS)
        self.ahead.timeout.connect(self._draw_ahead)
        workspace.changed.connect(self._on_changed)
        self.reload()

    # -- the deck ----------------------------------------------------------------

    def options(self) -> Options:
        return Options(
            pseudonymise=self.pseudonymise,
            revealed=self.revealed,
            aspect=self.aspect(),
            decide=self.decisions.on,
            control_labels=self.decisions.labels(),
        )

    def aspect(self) -> float:
        """The screen's own shape (16:9, 16:10, 4:3...), so the slide fills it."""
        width, height = self.width(), self.height()
        if width > 0 and height > 0:
            return max(4 / 3, min(16 / 9, width / height))
        return 16 / 9

    def measure(self):
        """Text widths at the height the slides are drawn at."""
        width, height = self.width(), self.height()  # the view fills the window
        drawn = min(height, width / self.aspect()) if width > 0 and height > 0 else 1080
        return measure_at(float(max(1, round(drawn))))

    def reload(self) -> None:
        """Read the file again (a change of what the slides show), then rebuild."""
        self.source = read_slides(self.workspace.document, pseudonymise=self.pseudonymise)
        self.rebuild()

    def rebuild(self) -> None:
        """Compose the deck again, keeping the slide the room sees by its key."""
        key = self.current().key if self.slides else None
        part = self.current().part if self.slides else 1
        before = [s.key for s in self.slides[: self.index + 1]]
        if self.source is None:
            return
        self.deck = compose.build_deck(self.source, self.options(), self.measure())
        slides = self.deck.slides
        if self.timer_end is not None:
            slides += (self.timer_slide(),)
        self.slides = slides
        self.index = self._find(key, part, before) if key is not None else 0
        self._show()

    def _find(self, key: str, part: int, before: list[str] = ()) -> int:
        """Where the slide ``key`` is now: the same key, else the same record's
        nearest part (a finding that grew or shrank), else the nearest slide
        before it that is still there (a finding hidden again: the room stays
        where it was, not on the slide that moved up into its place)."""
        keys = [s.key for s in self.slides]
        if key in keys:
            return keys.index(key)
        same = [i for i, k in enumerate(keys) if base(k) == base(key)]
        if same:
            return min(same, key=lambda i: abs(self.slides[i].part - part))
        bases = [base(k) for k in keys]
        for earlier in reversed(before):
            if earlier in keys:
                return keys.index(earlier)
            if base(earlier) in bases:
                return bases.index(base(earlier))
        return max(0, min(self.index, len(self.slides) - 1))

    def _on_changed(self, kinds) -> None:
        if set(kinds) & KINDS and not self.workspace.lost:
            self.reload()

    def current(self) -> Slide:
        return self.slides[self.index]

    def next_slide(self) -> Slide | None:
        return self.slides[self.index + 1] if self.index + 1 < len(self.slides) else None

    def shown(self) -> Slide:
        """The slide as drawn: with the countdown in its corner while the timer runs."""
        slide = self.current()
        left = self.seconds_left()
        if left is not None and slide.key != "timer":  # "Time is up" once it reaches zero
            slide = compose.with_timer(slide, left, self.options(), self.measure())
        return slide

    def _show(self) -> None:
        base, shown = self.current(), self.shown()
        overlay = shown.items[len(base.items) :]  # the countdown's corner, if any
        self.view.show_slide(base, THEMES[self.theme_name], self.deck.aspect, overlay)
        self.decisions.sync()
        self.moved.emit()
        self.ahead.start()  # the next slide drawn while the room reads this one

    def _draw_ahead(self) -> None:
        self.view.prerender(self.next_slide())

    # -- moving ------------------------------------------------------------------

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.slides) - 1))
        self.view.blank = ""
        self._show()

    def forward(self) -> None:
        self.go(self.index + 1)

    def back(self) -> None:
        self.go(self.index - 1)

    def go_to_key(self, key: str) -> None:
        found = [i for i, s in enumerate(self.slides) if key in (s.key, base(s.key))]
        if found:
            self.go(found[0])

    def toggle_blank(self, colour: str) -> None:
        self.view.set_blank("" if self.view.blank == colour else colour)
        self.decisions.sync()
        self.moved.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu_wanted.emit(event.globalPos())  # right-click, Shift+F10

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)

    def handle_key(self, key: int) -> bool:
        if self.decisions.handle_key(key):  # an edit open on the slide, or a decision's key
            return True
        if key in NEXT | PREVIOUS and self._leave_timer():
            return True
        if key in NEXT:
            self.forward()
        elif key in PREVIOUS:
            self.back()
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.slides) - 1)
        elif key in BLACK:
            self.toggle_blank("black")
        elif key == Qt.Key.Key_W:
            self.toggle_blank("white")
        elif key == Qt.Key.Key_Menu:
            self.menu_wanted.emit(self.mapToGlobal(self.rect().center()))
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            return False
        return True

    # -- what the room sees --------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self.theme_name = name
        self._show()

    def set_pseudonymise(self, on: bool) -> None:
        self.pseudonymise = on
        self.reload()

    def reveal(self, hidden_id: str) -> None:
        """Show one confidential item (a :class:`Hidden` id of the deck) and go
        to its slide: the finding's, the section's of an answer, the plan's."""
        where = next((h.where for h in self.deck.hidden if h.id == hidden_id), "")
        self.revealed |= {hidden_id}
        self.rebuild()
        kind, _, _ = hidden_id.partition(":")
        if kind == "finding":
            self.go_to_key(hidden_id)
        elif kind == "answer" and where:
            self.go_to_key(f"section:{where}")
        elif kind == "plan":
            self.go(self._plan_slide_of(hidden_id))

    def _plan_slide_of(self, hidden_id: str) -> int:
        """The plan's slide where the revealed part begins (else the plan's first)."""
        plan = [i for i, s in enumerate(self.slides) if s.kind == SlideKind.PLAN]
        lines = (
            [p.text for p in self.source.plan if p.hidden_by == hidden_id] if self.source else []
        )
        if lines:
            start = " ".join(lines[0].split()[:4])
            for i in plan:
                if start in " ".join(" ".join(t.text for t in self.slides[i].texts()).split()):
                    return i
        return plan[0] if plan else self.index

    def hide_again(self) -> None:
        self.revealed = frozenset()
        self.rebuild()

    # -- the group-work timer -------------------------------------------------------

    def seconds_left(self) -> int | None:
        if self.timer_end is None:
            return None
        return max(0, round(self.timer_end - time.monotonic()))

    def timer_slide(self) -> Slide:
        return compose.timer_slide(
            self.seconds_left() or 0, self.options(), self.measure(), self.timer_label
        )

    def start_timer(self, minutes: float) -> None:
        """Count down ``minutes``; the timer slide is shown (the room's cue)."""
        self.timer_end = time.monotonic() + minutes * 60
        self.ticker.start()
        self.rebuild()
        self.show_timer()

    def show_timer(self) -> None:
        """The timer slide (at the end of the deck), remembering the slide the
        facilitator was on: Page Up, or leaving the timer slide, goes back there."""
        if self.timer_end is None:
            return
        if self.slides and self.current().key != "timer":
            self.timer_from = (self.current().key, self.current().part)
        self.go_to_key("timer")

    def _leave_timer(self) -> bool:
        """From the timer slide, back to where the facilitator was (True), if known."""
        if not self.slides or self.current().key != "timer" or self.timer_from is None:
            return False
        key, part = self.timer_from
        self.timer_from = None
        keys = [s.key for s in self.slides]
        self.go(self._find(key, part, keys[: self.index]))
        return True

    def stop_timer(self) -> None:
        on_timer = bool(self.slides) and self.current().key == "timer"
        if on_timer:
            self._leave_timer()
        self.timer_end = None
        self.timer_from = None
        self.ticker.stop()
        self.rebuild()

    def _tick(self) -> None:
        if self.timer_end is None:
            return
        timer = self.timer_slide()
        self.slides = tuple(timer if s.key == "timer" else s for s in self.slides)
        if self.seconds_left() == 0:
            self.ticker.stop()  # "Time is up" on the timer slide and in the corner
        self._show()

    # -- where it is shown ------------------------------------------------------------

    def present_on(self, screen: QScreen) -> None:
        """Full screen on ``screen``."""
        if self.isFullScreen():
            self.showNormal()
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.rebuild()  # the screen's shape

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.source is not None:
            self.rebuild()  # the screen's shape and the widths at its height

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.workspace.changed.disconnect(self._on_changed)
        super().closeEvent(event)
        self.left.emit()


def base(key: str) -> str:
    """A slide's record: "finding:<id>" for "finding:<id>#2"."""
    return key.split("#", 1)[0]


def projector_screen(laptop: QScreen | None, chosen: str = "") -> QScreen:
    """The screen to present on: the one chosen by name if it is there, else
    the first that is not the laptop's, else the only one."""
    screens = QGuiApplication.screens()
    named = [s for s in screens if chosen and s.name() == chosen]
    if named:
        return named[0]
    others = [s for s in screens if s is not laptop]
    return others[0] if others else (laptop or QGuiApplication.primaryScreen())


__all__ = ["KINDS", "PresentationWindow", "projector_screen"]
