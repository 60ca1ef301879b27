"""The laptop's side of the presentation: View ▸ Present (F5) and the
View ▸ Presentation menu (which screen, reveal a confidential item, names
pseudonymised, the group-work timer, the projector's theme), the clicker keys
while presenting, and the status bar's "Presenting: 4/31 — next: …".

The clicker keys (Page Up / Page Down, F5, Esc, ".") reach the presentation
from anywhere in the application through ONE application-wide event filter,
installed while presenting and removed after; "." is left to a text field
that has the focus (the facilitator types amended wording on the laptop).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
)
from shiboken6 import isValid

from idg_desktop.reports.slides.model import SlideKind
from idg_desktop.ui.presentation.awake import KeepAwake
from idg_desktop.ui.presentation.on_slide import DecideChoice
from idg_desktop.ui.presentation.window import PresentationWindow, projector_screen
from idg_desktop.ui.text import fmt

CLICKER = {
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_F5,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Period,
}


def _typing(widget) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


def shorten(text: str, most: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1].rstrip() + "…"


def describe(slide) -> str:
    """A slide in a few words for the laptop's status: its title, and for a
    finding the line above it (the section and the finding's number)."""
    texts = slide.texts()
    above = texts[0].text if slide.kind == SlideKind.FINDING and texts else ""
    words = f"{slide.title} ({shorten(above, 50)})" if above else slide.title
    return words if slide.parts == 1 else f"{words} {slide.part}/{slide.parts}"


class ClickerFilter(QObject):
    """The application-wide filter: a clicker's keys go to the presentation."""

    def __init__(self, presenter: Presenter) -> None:
        super().__init__(presenter)
        self.presenter = presenter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key not in CLICKER or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if key in (Qt.Key.Key_Period, Qt.Key.Key_Escape) and _typing(QApplication.focusWidget()):
            return False  # a "." typed, or Esc cancelling an edit (a table's cell editor too)
        if QApplication.activeModalWidget() or QApplication.activePopupWidget():
            return False  # a dialog or a menu open on the laptop keeps its keys (Esc)
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # not F5's shortcut: the key press comes here next
            return True
        self.presenter.clicker(key)
        return True


class Presenter(QObject):
    """Owns the presentation window while the main window presents."""

    def __init__(self, window: QMainWindow) -> None:
        """``window``: the main window (its ``workspace``, status bar, screen)."""
        super().__init__(window)
        self.main = window
        self.window: PresentationWindow | None = None
        self.screen_name = ""  # chosen in View ▸ Presentation ▸ Present on; "" = automatic
        self.theme = "light"
        self.pseudonymise = False
        self.pending = False  # --present: present once the file is attached
        #: (file, the keys of the slides up to the one the room saw when the
        #: presentation ended): F5 goes back there, or to the nearest before it
        #: still in the deck (a revealed confidential slide is hidden again).
        self.resume: tuple[object, tuple[str, ...]] = (None, ())
        self.filter: ClickerFilter | None = None
        self.awake = KeepAwake()  # no screen saver, no display sleep while presenting
        self.decide = DecideChoice(self)  # the plenary's decisions on the slides, or the laptop's
        self.status = QLabel()
        self.status.setObjectName("presentingStatus")
        # A long title never widens the laptop's window: the line is cut, the
        # tooltip has it whole.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.hide()
        window.statusBar().addWidget(self.status)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)

    # -- menus -----------------------------------------------------------------

    def add_actions(self, menu: QMenu) -> None:
        """View ▸ Present and View ▸ Presentation ▸ …: every action and submenu
        made here with the main window as its parent and kept on the presenter
        (never a menu's own ``addAction(str)``), so each lives as long as the
        window whatever the menus do."""
        tr = self.tr
        self.present_action = QAction(tr("&Present"), self.main)
        self.present_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.present_action.setCheckable(True)  # ticked while presenting
        self.present_action.triggered.connect(self.start)
        menu.addAction(self.present_action)
        self.menu = self._submenu(menu, tr("Presen&tation"))
        self.screens_menu = self._submenu(self.menu, tr("Present &on"))
        self.screens_menu.aboutToShow.connect(self._fill_screens)
        self.reveal_menu = self._submenu(self.menu, tr("&Reveal confidential"))
        self.reveal_menu.aboutToShow.connect(self._fill_reveal)
        self.hide_action = self._add(tr("&Hide revealed items again"), self._hide_again)
        self.pseudonymise_action = self._add(tr("&Pseudonymise names"))
        self.pseudonymise_action.setCheckable(True)
        self.pseudonymise_action.toggled.connect(self.set_pseudonymise)
        self.decide.add_action(self.menu)
        self.menu.addSeparator()
        self.timer_action = self._add(tr("Start group-work &timer…"), self.ask_timer)
        self.timer_slide_action = self._add(
            tr("Show the timer &slide"), lambda: self._window_call("show_timer")
        )
        self.stop_timer_action = self._add(
            tr("Stop the t&imer"), lambda: self._window_call("stop_timer")
        )
        self.menu.addSeparator()
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        for name, text in (
            ("light", tr("&Light projector theme")),
            ("dark", tr("&Dark projector theme")),
        ):
            action = self._add(text, lambda _=False, n=name: self.set_theme(n))
            action.setCheckable(True)
            action.setChecked(name == self.theme)
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.menu.addSeparator()
        self.end_action = self._add(tr("&End the presentation"), self.stop)
        self.screens_group = QActionGroup(self)
        self.update_actions()

    def _submenu(self, parent: QMenu, title: str) -> QMenu:
        submenu = QMenu(title, self.main)
        parent.addMenu(submenu)
        return submenu

    def _add(self, text: str, slot=None) -> QAction:
        """An action of View ▸ Presentation, owned by the main window."""
        action = QAction(text, self.main)
        if slot is not None:
            action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def live(self) -> PresentationWindow | None:
        """The presentation window, or None; one Qt already destroyed (a window
        manager closing it, the application quitting) is let go here."""
        if self.window is not None and not isValid(self.window):
            self.window = None
            self._left()
        return self.window

    def update_actions(self) -> None:
        if not hasattr(self, "present_action") or not isValid(self.present_action):
            return
        has = self.main.workspace is not None and not self.main.workspace.lost
        window = self.live()
        presenting = window is not None
        self.present_action.setEnabled(has)
        self.present_action.setChecked(presenting)
        for action in (self.timer_action, self.end_action):
            action.setEnabled(presenting)
        self.hide_action.setEnabled(presenting and bool(window.revealed))
        running = presenting and window.timer_end is not None
        self.timer_slide_action.setEnabled(running)
        self.stop_timer_action.setEnabled(running)

    def _fill_screens(self) -> None:
        self.screens_menu.clear()
        automatic = QAction(self.tr("&Automatic (not the laptop's screen)"), self.screens_menu)
        choices = [(automatic, "")]
        for number, screen in enumerate(QGuiApplication.screens(), start=1):
            size = screen.geometry()
            text = fmt(
                self.tr("&%1  %2 (%3×%4)"),
                number,
                screen.name().replace("&", "&&"),
                size.width(),
                size.height(),
            )
            choices.append((QAction(text, self.screens_menu), screen.name()))
        for action, name in choices:
            action.setCheckable(True)
            action.setChecked(name == self.screen_name)
            action.triggered.connect(lambda _=False, n=name: self.present_on(n))
            self.screens_group.addAction(action)
            self.screens_menu.addAction(action)

    def _fill_reveal(self) -> None:
        self.reveal_menu.clear()
        window = self.live()
        hidden = window.deck.hidden if window is not None else ()
        words = {
            "finding": self.tr("Confidential finding"),
            "answer": self.tr("Confidential answer"),
            "plan": self.tr("Confidential part of the plan"),
        }
        texts = {}
        if window is not None and window.source is not None:
            texts = {f"finding:{f.id}": f.text for f in window.source.findings}
        for item in hidden:
            text = fmt(self.tr("%1 (%2)"), words.get(item.kind, item.kind), item.where)
            if item.id in texts and not self.room_sees_laptop():
                # the facilitator's own screen: which one it is (never where the room reads)
                text = fmt(self.tr("%1: %2"), text, shorten(texts[item.id]))
            action = QAction(text.replace("&", "&&"), self.reveal_menu)
            self.reveal_menu.addAction(action)
            action.setData(item.id)
            action.triggered.connect(lambda _=False, i=item.id: self._window_call("reveal", i))
        if not hidden:
            empty = QAction(self.tr("Nothing hidden"), self.reveal_menu)
            self.reveal_menu.addAction(empty)
            empty.setEnabled(False)

    # -- presenting ----------------------------------------------------------------

    def start(self) -> None:
        """View ▸ Present (F5): open the presentation, or bring it back to the front."""
        workspace = self.main.workspace
        if workspace is None or workspace.lost:
            return
        if self.live() is None:
            self.window = PresentationWindow(workspace, theme=self.theme)
            self.window.pseudonymise = self.pseudonymise
            if self.pseudonymise:
                self.window.reload()
            self.window.moved.connect(self._show_status)
            self.window.left.connect(self._left)
            # With one screen the laptop's View menu is behind the slides: the
            # same Presentation menu on a right-click or the menu key.
            self.window.menu_wanted.connect(self.menu.popup)
            if self.resume[0] == workspace.path:
                keys = {s.key: i for i, s in enumerate(self.window.slides)}
                back = next((keys[k] for k in reversed(self.resume[1]) if k in keys), 0)
                self.window.go(back)
            self.filter = ClickerFilter(self)
            QApplication.instance().installEventFilter(self.filter)
            self.awake.hold(self.tr("Presenting the plenary's slides"))
        screen = projector_screen(self.main.screen(), self.screen_name)
        self.window.present_on(screen)
        self.decide.apply(screen)
        if screen is self.main.screen():
            self.window.activateWindow()  # one screen: the slides take every key
        else:
            self.main.activateWindow()  # two: the laptop keeps the editor's keys
        self._show_status()
        self.update_actions()

    def present_when_open(self) -> None:
        """``idg-desktop FILE --present``: present as soon as the file is attached."""
        self.pending = True
        QTimer.singleShot(0, self.opened)  # after the main window is shown

    def opened(self) -> None:
        if self.pending and self.main.workspace is not None:
            self.pending = False
            self.start()

    def stop(self) -> None:
        if self.live() is not None:
            self.window.close()  # emits left

    def _left(self) -> None:
        if self.filter is not None:
            QApplication.instance().removeEventFilter(self.filter)
            self.filter.deleteLater()
            self.filter = None
        if self.window is not None:
            if isValid(self.window):
                if self.window.slides:  # F5 again comes back to where the room was
                    seen = self.window.slides[: self.window.index + 1]
                    self.resume = (self.window.workspace.path, tuple(x.key for x in seen))
                self.window.deleteLater()
            self.window = None
        self.awake.release()
        if isValid(self.status):  # not when the application is quitting
            self.status.hide()
        self.update_actions()

    def clicker(self, key: int) -> None:
        if self.live() is None:
            return
        if key == Qt.Key.Key_F5:
            self.start()
        else:
            self.window.handle_key(key)

    def present_on(self, name: str) -> None:
        self.screen_name = name
        if self.window is not None:
            self.start()

    def _screens_changed(self, _screen: QScreen) -> None:
        """A projector plugged in or out: present on the right screen again,
        once Qt has moved its windows off a screen that is gone."""
        if self.live() is not None:
            QTimer.singleShot(0, self.start)

    def _window_call(self, method: str, *args) -> None:
        window = self.live()
        if window is not None:
            getattr(window, method)(*args)
        self.update_actions()

    def _hide_again(self) -> None:
        self._window_call("hide_again")

    def set_pseudonymise(self, on: bool) -> None:
        self.pseudonymise = on
        self._window_call("set_pseudonymise", on)

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.theme_actions[name].setChecked(True)
        self._window_call("set_theme", name)

    def ask_timer(self) -> None:
        parent = self.live() if self.room_sees_laptop() and self.live() else self.main
        minutes, ok = QInputDialog.getInt(
            parent, self.tr("Group-work timer"), self.tr("&Minutes:"), 45, 1, 480
        )
        if ok:
            self.start_timer(minutes)

    def room_sees_laptop(self) -> bool:
        """The slides are on the laptop's own screen, or it is mirrored (View ▸
        Presentation ▸ Decide on the slides): what the laptop shows, the room reads."""
        action = self.decide.action
        return action is not None and action.isChecked()

    def start_timer(self, minutes: float) -> None:
        self._window_call("start_timer", minutes)

    # -- the laptop's view of the room ------------------------------------------------

    def _show_status(self) -> None:
        window = self.live()
        if window is None or not window.slides:
            self.status.hide()
            return
        following = window.next_slide()
        if window.view.blank:
            text = fmt(
                self.tr("Presenting: %1/%2 (screen blanked)"), window.index + 1, len(window.slides)
            )
        else:
            text = fmt(
                self.tr("Presenting: %1/%2 %3"),
                window.index + 1,
                len(window.slides),
                describe(window.current()),
            )
        if following is not None:
            text = fmt(self.tr("%1 — next: %2"), text, describe(following))
        self.status.setText(text)
        self.status.setToolTip(text)
        self.status.show()
        self.update_actions()
