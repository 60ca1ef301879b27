"""The window by keyboard alone: small helpers the pages share so that every
tab stop is one a user can do something at (an empty list is not one)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFocusFrame, QWidget


def tab_stop_when_filled(view: QAbstractItemView) -> None:
    """``view`` takes focus (by Tab or a click) only while it holds rows: an
    empty list is skipped by Tab, and becomes a stop again once filled."""
    model = view.model()

    def follow(*_args) -> None:
        filled = model.rowCount() > 0
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus if filled else Qt.FocusPolicy.NoFocus)

    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
        signal.connect(follow)
    follow()


def keep_focus(
    page: QWidget,
    change: Callable[[], None],
    chain: Callable[[], list[QWidget]] | None = None,
) -> None:
    """Run ``change`` (a page filled anew: the next question, a table reloaded
    after a cell edit) and keep the keyboard's focus on ``page``: on the same
    field of ``chain()`` if it can still take it, else the next one that can (a
    rating the new question does not offer); without a chain, on the field
    itself or, for a cell's editor that the reload closed, on its table. Never
    lost to nowhere, where the next Tab would restart at the navigation."""
    before = QApplication.focusWidget()
    if before is None or not page.isAncestorOf(before):
        change()
        return
    fields = chain() if chain is not None else []
    place = fields.index(before) if before in fields else 0
    holders = [before]
    parent = before.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractItemView):
            holders.append(parent)  # a cell's editor: its table
        parent = parent.parentWidget()
    change()
    now = QApplication.focusWidget()
    if now is not None and page.isAncestorOf(now):
        return
    if chain is not None:
        fields = chain()
        holders = fields[place:] + fields[:place]
    for widget in holders:
        if (
            shiboken6.isValid(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return


def focusables(box: QWidget) -> list[QWidget]:
    """The widgets inside ``box`` that Tab stops at, in the focus chain's order."""
    found: list[QWidget] = []
    widget = box.nextInFocusChain()
    while widget is not box:
        if box.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def first_control(page: QWidget) -> QWidget | None:
    """The first control of ``page`` Tab would stop at (shown and usable)."""
    for widget in focusables(page):
        if widget.isVisible() and widget.isEnabled():
            return widget
    return None


def tab_through(widgets: Iterable[QWidget]) -> None:
    """Tab visits ``widgets`` in this order (fields built after the page was:
    in the order they are shown, not the order they were made)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


class FocusRing(QObject):
    """A ring around whatever control has the keyboard's focus, in every window
    of the application (the style sheet draws it: ``QFocusFrame``), however the
    focus came there: Tab, a click, or back from a closed dialog. It sits
    outside the control, so nothing moves when focus comes and goes."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.frame: QFocusFrame | None = None
        QApplication.instance().focusChanged.connect(self._follow)

    def _follow(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self.frame is not None and not shiboken6.isValid(self.frame):
            self.frame = None
        if now is None or isinstance(now, QFocusFrame):
            return
        if now.objectName() == "navigation":  # its current step has a ring of its own
            if self.frame is not None:
                self.frame.setWidget(None)
            return
        if self.frame is None:
            self.frame = QFocusFrame(now)
            self.frame.setObjectName("focusRing")
        self.frame.setWidget(now)
