"""A row of controls that wraps onto a second line when the page is narrow
(a 1280-pixel laptop with View ▸ Larger text, or high contrast's wider
frames), instead of squeezing its buttons and fields below their text.

``FlowLayout`` lays its items out left to right at their preferred width and
starts a new line where the next one would not fit; its minimum width is its
widest item's, so it never makes the page wider. ``flow_row(*parts)`` makes
a widget of it, each part a widget or a layout (a label and its field kept
together)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6, line: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._line = line
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's interface ---------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height)

    def minimumSize(self) -> QSize:
        """As narrow as the widest item: a line each, if need be."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- placing -------------------------------------------------------------------

    def add_layout(self, layout: QLayout) -> None:
        """A label and its field kept together on one line (a box of its own)."""
        holder = QWidget()
        holder.setLayout(layout)
        layout.setContentsMargins(0, 0, 0, 0)
        self.addWidget(holder)

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _place(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x = area.x()
                y += line_height + self._line
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


def flow_row(*parts: QWidget | QLayout, spacing: int = 6) -> QWidget:
    """A widget whose ``parts`` (widgets, or layouts such as a label beside its
    field) flow onto as many lines as the width allows."""
    row = QWidget()
    flow = FlowLayout(row, spacing=spacing)
    for part in parts:
        if isinstance(part, QLayout):
            flow.add_layout(part)
        else:
            flow.addWidget(part)
    _wraps(row)
    return row


def flow_bar(spacing: int = 6) -> tuple[QWidget, FlowLayout]:
    """An empty flowing row and its layout, to add buttons to one by one."""
    row = QWidget()
    flow = FlowLayout(row, spacing=spacing)
    _wraps(row)
    return row, flow


def _wraps(row: QWidget) -> None:
    """Its height follows its width (a second line when narrow)."""
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    row.setSizePolicy(policy)


def beside(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side (a label and its field), kept together on one line
    of a flowing row."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row
