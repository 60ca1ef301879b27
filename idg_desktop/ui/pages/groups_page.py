"""Step 5: working groups — who sits in which group and which sections it takes.

A board of cards, one per group, plus the unallocated pool, so the room sees
the whole allocation on the projector at once. Sections and people move by
drag and drop (one undo step each), and just as well from the keyboard: the
Move to… button, the context menu, or Delete to send an item back to the pool.
The warnings stay above the board until the allocation is sound.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from idg_desktop.domain.records import Kind
from idg_desktop.services import groups
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.ui.allocate_dialog import AllocateDialog
from idg_desktop.ui.models.groups_model import PARTICIPANT, load_board
from idg_desktop.ui.pages.base import Page
from idg_desktop.ui.pages.group_board import (
    STYLE_TEMPLATE,
    BoardItemDelegate,
    BoardListView,
    GroupCard,
    repolish,
)
from idg_desktop.ui.text import fmt
from idg_desktop.ui.widgets.button_row import action_button
from idg_desktop.ui.widgets.flow import flow_bar
from idg_desktop.ui.widgets.notes import warning_note
from idg_desktop.ui.window_look import themed
from idg_desktop.ui.workspace import Workspace


class GroupsPage(Page):
    """The Working groups board (IDG Part II step 5)."""

    MAIN_ACTIONS = ("add_button", "rapporteur_button", "move_button", "allocate_button")

    KINDS = frozenset({Kind.GROUP, Kind.PARTICIPANT, Kind.SECTION})
    #: "Export all group packages to a folder…", done by the window (File menu's action).
    exportAllRequested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        themed(self, STYLE_TEMPLATE)  # follows View ▸ High contrast
        layout = self.page_layout(
            self.tr("Working groups"),
            self.tr(
                "Each group takes some sections and needs a rapporteur. Drag sections and "
                "people between the columns, or select them and use Move to… (or the context "
                "menu); Delete sends them back to Unallocated."
            ),
        )
        # A row that wraps onto a second line rather than squeeze its buttons
        # (1280 pixels with larger text).
        bar, row = flow_bar()
        self.add_button, self.rename_button, self.remove_button = (
            action_button(row, self.tr("&Add group…"), self.add_group),
            action_button(row, self.tr("Re&name…"), self.rename_group),
            action_button(row, self.tr("Re&move group"), self.remove_group),
        )
        self.rapporteur_button, self.move_button, self.allocate_button = (
            action_button(row, self.tr("Set as &rapporteur"), self.set_rapporteur),
            action_button(row, self.tr("M&ove to…"), self.move_selected),
            action_button(row, self.tr("Allocate a&utomatically…"), self.allocate),
        )
        self.export_all_button = action_button(
            row, self.tr("E&xport all packages…"), self.exportAllRequested.emit
        )
        self.export_all_button.setToolTip(self.tr("Every group's package into one folder"))
        layout.addWidget(bar)
        self.warning = warning_note()
        layout.addWidget(self.warning)
        board = QWidget()
        self.board_layout = QHBoxLayout(board)
        self.board_layout.setContentsMargins(0, 0, 0, 0)
        self.board_layout.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a tab stop: its fields are
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(board)
        layout.addWidget(scroll, 1)
        self.delegate = BoardItemDelegate(self)
        self.cards: list[GroupCard] = []
        self.current_card: GroupCard | None = None  # the group Rename/Remove act on
        self.current_list: BoardListView | None = None  # the list Move to… acts on
        self.in_scope = 0
        self.allocate_dialog: AllocateDialog | None = None  # the last one opened

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        keep = self.current_list
        chosen = [i for _k, i, _n in keep.board.entries(keep.selected_rows())] if keep else []
        had_focus = keep is not None and keep.hasFocus()
        current_id = self.current_card.group_id if self.current_card else None
        board = load_board(self.document)
        warnings = groups.balance_warnings(self.document)
        self.in_scope = len(sections_in_scope(self.document))
        if [c.group_id for c in board] != [card.group_id for card in self.cards]:
            self._rebuild([c.group_id for c in board])
        alerts: dict[str, set[str]] = defaultdict(set)
        for warning in warnings:
            alerts[warning.subject].add(warning.kind)
        # The groups' section lists as tall as the longest group's (2 to 8 rows),
        # the same in every group so the members lists line up; the members get
        # the rest. The unallocated pool shows each of its sections on a row of
        # its own (it was held to the groups' height: two rows before any group).
        line = self.delegate.section_height(self.font())
        rows = min(8, max([2, *(len(column.sections) for column in board[1:])]))
        pool_rows = max(2, len(board[0].sections))
        for card, column in zip(self.cards, board, strict=True):
            card.show_column(column, alerts[column.name] if column.group_id else set())
            own = rows if column.group_id else pool_rows
            card.section_list.setFixedHeight(own * line + 2 * card.section_list.frameWidth())
        self._show_warnings(warnings)
        self.current_list = None
        self._set_current_card(self.card_for(current_id))
        self._select(chosen, focus=had_focus)

    def _rebuild(self, group_ids: list[str | None]) -> None:
        """Keep the cards of groups that remain (and their selection), add and drop others."""
        old = {card.group_id: card for card in self.cards}
        for card in self.cards:
            self.board_layout.removeWidget(card)
        self.cards = [old.pop(group_id, None) or self._new_card(group_id) for group_id in group_ids]
        for position, card in enumerate(self.cards):
            self.board_layout.insertWidget(position, card, 1)
            card.show()  # at once, not on the next event loop turn: no empty first paint
        for card in old.values():
            card.setParent(None)
            card.deleteLater()

    def _new_card(self, group_id: str | None) -> GroupCard:
        card = GroupCard(self.workspace, group_id, self.delegate)
        card.clicked.connect(lambda: self._set_current_card(card))
        for view in card.lists():
            view.selectionModel().selectionChanged.connect(lambda *_, v=view: self._on_selection(v))
            view.customContextMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))
            view.installEventFilter(self)
            if group_id is not None:
                back = QAction(self.tr("Back to Unallocated"), view)
                back.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
                back.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                back.triggered.connect(lambda _=False, v=view: self._move_from(v, None, ""))
                view.addAction(back)
        return card

    def _show_warnings(self, warnings: list[groups.GroupWarning]) -> None:
        subjects: dict[str, list[str]] = defaultdict(list)
        for warning in warnings:
            subjects[warning.kind].append(warning.subject)
        wording = {
            "section-without-group": self.tr("Sections in scope with no working group: %1."),
            "group-without-rapporteur": self.tr("No rapporteur yet: %1."),
            "group-one-gender": self.tr("Members of one gender only: %1."),
        }
        lines = [
            fmt(text, ", ".join(subjects[kind])) for kind, text in wording.items() if subjects[kind]
        ]
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))

    # -- selection --------------------------------------------------------------

    def card_for(self, group_id: str | None) -> GroupCard | None:
        return next((card for card in self.cards if card.group_id == group_id), None)

    def card_named(self, name: str) -> GroupCard | None:
        return next((c for c in self.cards if c.group_id and c.name == name), None)

    def select_group(self, group_id: str | None) -> None:
        """Make a group the one the buttons act on, and put the focus in it."""
        card = self.card_for(group_id)
        self._set_current_card(card)
        if card is not None:
            card.member_list.setFocus()

    def _set_current_card(self, card: GroupCard | None) -> None:
        self.current_card = card if card is not None and card.group_id else None
        for other in self.cards[1:]:
            repolish(other, "current", other is self.current_card)
        self._update_buttons()

    def _on_selection(self, view: BoardListView) -> None:
        """One selection on the whole board, so "the selected member" is never ambiguous."""
        if view.selected_rows():
            self.current_list = view
            for other in (v for card in self.cards for v in card.lists() if v is not view):
                other.clearSelection()
            self._set_current_card(self.card_for(view.board.group_id))
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, BoardListView):
            self.current_list = watched
            self._set_current_card(self.card_for(watched.board.group_id))
        return super().eventFilter(watched, event)

    def _select(self, ids: list[str], *, focus: bool) -> None:
        """Select moved items where they are now, so the keyboard user can go on."""
        for view in (v for card in self.cards for v in card.lists()):
            rows = [row for row in map(view.board.row_of, ids) if row >= 0]
            if rows:
                view.setCurrentIndex(view.board.index(rows[0]))
                flag = view.selectionModel().SelectionFlag.Select
                for row in rows[1:]:
                    view.selectionModel().select(view.board.index(row), flag)
                if focus:
                    view.setFocus()
                return
        self._update_buttons()

    def _rapporteur_candidate(self) -> tuple[GroupCard, str, str] | None:
        """(card, person id, name) if one member of a group is selected and can be made
        its rapporteur."""
        view = self.current_list
        rows = view.selected_rows() if view is not None else []
        if view is None or view.board.kind != PARTICIPANT or view.board.group_id is None:
            return None
        if len(rows) != 1 or view.board.item(rows[0]).rapporteur:
            return None
        card = self.card_for(view.board.group_id)
        assert card is not None
        return card, view.board.item(rows[0]).id, view.board.item(rows[0]).text

    def _update_buttons(self) -> None:
        self.rename_button.setEnabled(self.current_card is not None)
        self.remove_button.setEnabled(self.current_card is not None)
        self.rapporteur_button.setEnabled(self._rapporteur_candidate() is not None)
        view = self.current_list
        self.move_button.setEnabled(view is not None and bool(view.selected_rows()))
        self.allocate_button.setEnabled(self.in_scope > 0)

    # -- actions ------------------------------------------------------------------

    def add_group(self) -> None:
        taken = {card.name.lower() for card in self.cards[1:]}
        number = len(taken) + 1
        while fmt(self.tr("Group %1"), str(number)).lower() in taken:
            number += 1
        name, ok = QInputDialog.getText(
            self,
            self.tr("Add a working group"),
            self.tr("Name of the new group:"),
            QLineEdit.EchoMode.Normal,
            fmt(self.tr("Group %1"), str(number)),
        )
        if ok and name.strip():
            created = self.workspace.run(
                fmt(self.tr("Add group %1"), name.strip()),
                lambda: groups.add_group(self.document, name),
            )
            if created is not None:
                self.select_group(created.id)

    def rename_group(self) -> None:
        card = self.current_card
        if card is None:
            return
        group_id = card.group_id
        name, ok = QInputDialog.getText(
            self,
            self.tr("Rename the group"),
            fmt(self.tr("New name of %1:"), card.name),
            QLineEdit.EchoMode.Normal,
            card.name,
        )
        if ok and group_id and name.strip() and name.strip() != card.name:
            self.workspace.run(
                fmt(self.tr("Rename %1"), card.name),
                lambda: groups.rename_group(self.document, group_id, name),
            )

    def remove_group(self) -> None:
        card = self.current_card
        group_id = card.group_id if card else None
        if card is None or group_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove the group"),
            fmt(
                self.tr(
                    "Remove %1? Its sections and members go back to Unallocated. You can "
                    "undo it with Ctrl+Z."
                ),
                card.name,
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.workspace.run(
                fmt(self.tr("Remove %1"), card.name),
                lambda: groups.remove_group(self.document, group_id),
            )

    def set_rapporteur(self) -> None:
        chosen = self._rapporteur_candidate()
        group_id = chosen[0].group_id if chosen else None
        if chosen is None or group_id is None:
            return
        card, person_id, name = chosen
        self.workspace.run(
            fmt(self.tr("Make %1 rapporteur of %2"), name, card.name),
            lambda: groups.set_rapporteur(self.document, group_id, person_id),
        )

    def _targets(self, view: BoardListView) -> list[tuple[str | None, str]]:
        """Where the items of ``view`` can go: the pool, then the other groups."""
        here = view.board.group_id
        pool = [(None, self.tr("Unallocated"))] if here else []
        return pool + [(c.group_id, c.name) for c in self.cards[1:] if c.group_id != here]

    def move_selected(self) -> None:
        """Move… from the keyboard: ask where the selected items go."""
        view = self.current_list
        targets = self._targets(view) if view is not None and view.selected_rows() else []
        if view is None or not targets:
            return
        names = [name for _id, name in targets]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Move to"), self.tr("Move the selected items to:"), names, 0, False
        )
        if ok and choice in names:
            self._move_from(view, *targets[names.index(choice)])

    def _move_from(self, view: BoardListView, group_id: str | None, name: str) -> None:
        entries = view.board.entries(view.selected_rows())
        if entries and view.board.group_id != group_id:
            self.current_list = view
            view.board.move(entries, group_id, name)

    def _context_menu(self, view: BoardListView, pos: QPoint) -> None:
        menu = self.context_menu_for(view)
        if not menu.isEmpty():
            menu.exec(view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu_for(self, view: BoardListView) -> QMenu:
        """The same moves and group actions as the buttons, for the selection in ``view``."""
        menu = QMenu(self)
        if view.selected_rows():
            move = menu.addMenu(self.tr("Move to"))
            for group_id, name in self._targets(view):
                move.addAction(name).triggered.connect(
                    lambda _=False, g=group_id, n=name: self._move_from(view, g, n)
                )
        if self._rapporteur_candidate() is not None:
            menu.addAction(self.tr("Set as rapporteur"), self.set_rapporteur)
        if view.board.group_id is not None:
            menu.addSeparator()
            menu.addAction(self.tr("Rename group…"), self.rename_group)
            menu.addAction(self.tr("Remove group"), self.remove_group)
        return menu

    def allocate(self) -> None:
        """Allocate automatically through a dialog that shows who goes where and
        why before (and after) it is applied; applying is one undo step."""
        if self.in_scope == 0:
            return
        low = min(max(1, len(self.cards) - 1), self.in_scope)
        if self.allocate_dialog is not None:
            self.allocate_dialog.deleteLater()
        dialog = AllocateDialog(
            self.workspace,
            min(max(3, low), self.in_scope),
            low,
            self.in_scope,
            replaces=any(c.sections.rowCount() or c.members.rowCount() for c in self.cards[1:]),
            parent=self,
        )
        self.allocate_dialog = dialog
        dialog.exec()
