"""The Working groups board's widgets: a group's card (its title, counts,
alerts and two lists: sections and members), the list view that takes drops,
and the delegate that draws an item. The models behind the lists are
``ui/models/groups_model.py``'s; the page (``groups_page.py``) lays the cards out.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from idg_desktop.ui import palette
from idg_desktop.ui.keyboard import tab_stop_when_filled
from idg_desktop.ui.models.groups_model import (
    PARTICIPANT,
    SECTION,
    AnyIndex,
    BoardColumn,
    BoardListModel,
    CodeRole,
    DetailRole,
    KindRole,
    RapporteurRole,
)
from idg_desktop.ui.text import fmt
from idg_desktop.ui.workspace import Workspace

STYLE_TEMPLATE = """
QFrame#groupCard { background: $card_back; border: 1px solid $card_border; border-radius: 6px; }
QFrame#groupCard[current="true"] { background: $card_current_back; border: 2px solid $blue; }
QFrame#poolCard { background: $pool_back; border: 1px dashed $pool_border; border-radius: 6px; }
QLabel#cardTitle { color: $navy; }
QLabel#cardCounts, QLabel#listHeading { color: $muted; }
QLabel#cardAlert { color: $card_alert; }
QListView { background: $white; border: 1px solid $list_border; border-radius: 4px; }
QListView[dropTarget="true"] { border: 2px solid $blue; background: $drop_back; }
"""
#: The sheet in the house colours (the page takes it in the theme of the moment).
STYLE = palette.style(STYLE_TEMPLATE, high_contrast=False)


class GroupCard(QFrame):
    """One column of the board: a group (or the pool), its sections and members."""

    clicked = Signal()

    def __init__(
        self, workspace: Workspace, group_id: str | None, delegate: BoardItemDelegate
    ) -> None:
        super().__init__()
        self.group_id, self.name = group_id, ""
        self.setObjectName("groupCard" if group_id else "poolCard")
        self.title, self.counts, self.alert, self.sections_heading, self.members_heading = (
            QLabel() for _ in range(5)
        )
        self.sections = BoardListModel(workspace, SECTION, self)
        self.members = BoardListModel(workspace, PARTICIPANT, self)
        self.section_list = BoardListView(self.sections, delegate)
        self.member_list = BoardListView(self.members, delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        for label, name in (
            (self.title, "cardTitle"),
            (self.counts, "cardCounts"),
            (self.alert, "cardAlert"),
        ):
            label.setObjectName(name)
            label.setWordWrap(True)
            layout.addWidget(label)
        for heading, view, stretch in (
            (self.sections_heading, self.section_list, 0),
            (self.members_heading, self.member_list, 1),
        ):
            heading.setObjectName("listHeading")
            heading.setBuddy(view)
            layout.addWidget(heading)
            layout.addWidget(view, stretch)
        # Narrow enough for the pool and four groups side by side on a 1366x768
        # laptop (titles and tags elide; the whole text is in the tooltip).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)
        self._title_font()

    def lists(self) -> tuple[BoardListView, BoardListView]:
        return self.section_list, self.member_list

    def show_column(self, column: BoardColumn, alerts: set[str]) -> None:
        self.name = column.name
        sections, members = str(len(column.sections)), str(len(column.members))
        if self.group_id is None:
            self.title.setText(self.tr("Unallocated"))
            self.counts.setText(self.tr("Drag from here into a group"))
            self.members_heading.setText(fmt(self.tr("Participants (%1)"), members))
            self.section_list.placeholder = self.tr("Every section in scope has a group")
            self.member_list.placeholder = self.tr("Everyone is in a group")
        else:
            counts = column.counts()
            self.title.setText(column.name)
            self.counts.setText(
                fmt(
                    self.tr("Members: %1 · Women: %2 · Men: %3\nInternal: %4 · External: %5"),
                    members,
                    str(counts["female"]),
                    str(counts["male"]),
                    str(counts["internal"]),
                    str(counts["external"]),
                )
            )
            self.members_heading.setText(fmt(self.tr("Members (%1)"), members))
            self.section_list.placeholder = self.tr("Drop sections here")
            self.member_list.placeholder = self.tr("Drop people here")
        self.sections_heading.setText(fmt(self.tr("Sections (%1)"), sections))
        title = self.title.text()
        self.section_list.setAccessibleName(fmt(self.tr("Sections: %1"), title))
        self.member_list.setAccessibleName(fmt(self.tr("People: %1"), title))
        notes = []
        if "group-without-rapporteur" in alerts:
            notes.append(self.tr("No rapporteur yet"))
        if "group-one-gender" in alerts:
            notes.append(self.tr("One gender only"))
        self.alert.setText(" · ".join(notes))
        self.alert.setVisible(bool(notes))
        self.sections.set_items(column.group_id, column.name, column.sections)
        self.members.set_items(column.group_id, column.name, column.members)

    def _title_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # follow the window's text size
            self._title_font()
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


class BoardItemDelegate(QStyledItemDelegate):
    """How an item of these models is drawn, next to the roles it reads.

    Sections as bold code and title; people as their name over a small tag
    line (role · gender · expertise), the group's rapporteur in bold with a
    badge: legible from the back of the room without a table's columns.
    """

    BADGE_BACK = QColor(palette.GOLD)
    BADGE_TEXT = QColor(palette.NAVY)

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base, bold, small = QFont(option.font), QFont(option.font), QFont(option.font)
        bold.setBold(True)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        return base, bold, small

    @staticmethod
    def section_height(font: QFont) -> int:
        """The height of a section's row (people take one small line more)."""
        line = QFontMetrics(font).height()
        return line + 2 * (line // 3)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        base, _bold, small = self._fonts(option)
        extra = QFontMetrics(small).height() if index.data(KindRole) == PARTICIPANT else 0
        width = QFontMetrics(base).averageCharWidth() * 20
        return QSize(width, self.section_height(base) + extra)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style draws background, selection and focus only
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        base, bold, small = self._fonts(opt)
        line = QFontMetrics(base).height()
        pad = line // 3
        rect = opt.rect.adjusted(pad + 2, pad, -pad, -pad)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.save()
        if index.data(KindRole) == SECTION:
            code = str(index.data(CodeRole))
            width = QFontMetrics(bold).horizontalAdvance(code + "  ")
            self._text(painter, first, code, bold, ink)
            title = str(index.data(Qt.ItemDataRole.DisplayRole))[len(code) :].strip()
            self._text(painter, first.adjusted(width, 0, 0, 0), title, base, ink)
            painter.restore()
            return
        rapporteur = bool(index.data(RapporteurRole))
        if rapporteur:
            badge, font = self.tr("Rapporteur"), QFont(small)
            font.setBold(True)
            metrics = QFontMetrics(font)
            box = QRect(0, 0, metrics.horizontalAdvance(badge) + line // 2, metrics.height() + 2)
            box.moveCenter(QPoint(first.right() - box.width() // 2, first.center().y()))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.BADGE_BACK)
            painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
            painter.setFont(font)
            painter.setPen(self.BADGE_TEXT)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
            first.setRight(box.left() - pad)
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        self._text(painter, first, name, bold if rapporteur else base, ink)
        second = QRect(rect.left(), rect.top() + line, rect.width(), QFontMetrics(small).height())
        grey = ink if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        self._text(painter, second, str(index.data(DetailRole) or ""), small, grey)
        painter.restore()

    @staticmethod
    def _text(painter: QPainter, rect: QRect, text: str, font: QFont, color: QColor) -> None:
        painter.setFont(font)
        painter.setPen(color)
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, align, elided)


def repolish(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the style sheet selects on, and restyle the widget."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class BoardListView(QListView):
    """A list of the board: drags its items, takes drops (lit up while something
    is dragged over it), and says what to drop there when it is empty."""

    def __init__(self, model: BoardListModel, delegate: BoardItemDelegate) -> None:
        super().__init__()
        self.board, self.placeholder = model, ""
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMinimumHeight(self.fontMetrics().height() * 4)
        tab_stop_when_filled(self)  # an empty list is no tab stop

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedIndexes()})

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.board.rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(self.viewport().rect().adjusted(8, 4, -8, -4), flags, self.placeholder)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        super().dragEnterEvent(event)
        repolish(self, "dropTarget", event.isAccepted())

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        repolish(self, "dropTarget", False)

    def dropEvent(self, event: QDropEvent) -> None:
        repolish(self, "dropTarget", False)
        super().dropEvent(event)
