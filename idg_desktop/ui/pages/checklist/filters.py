"""The Checklist page's filters: working group, status and rating in a row
above the tree, and the search box (which the page sets above the tree it
filters). :attr:`FilterBar.changed` when the user changes any of them."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit

from idg_desktop.ui.autosave import saves_nothing
from idg_desktop.ui.labels import rating_labels
from idg_desktop.ui.models.checklist_model import ChecklistFilter
from idg_desktop.ui.widgets.labelled import label


class FilterBar(QHBoxLayout):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.search = saves_nothing(QLineEdit())  # it filters: no "Saving as you type…"
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
        for key, text in rating_labels().items():
            self.rating_filter.addItem(text, key)
        for text, widget, name, stretch in (
            (self.tr("&Working group:"), self.group_filter, self.tr("Working group"), 2),
            (self.tr("S&tatus:"), self.status_filter, self.tr("Status"), 0),
            (self.tr("&Rating:"), self.rating_filter, self.tr("Rating"), 0),
        ):
            widget.setAccessibleName(name)
            self.addWidget(label(text, widget))
            self.addWidget(widget, stretch)
            self.addSpacing(12)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.textChanged.connect(lambda _t: self.changed.emit())
        for combo in self.combos():
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def combos(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return self.group_filter, self.status_filter, self.rating_filter

    def set_groups(self, items: list[tuple[str, str | None]]) -> None:
        """The working groups to choose from, ``(name, id)``; the one chosen stays
        chosen if it is still there (no ``changed``: the page filters again itself)."""
        combo = self.group_filter
        if items != [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]:
            chosen = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                for name, group_id in items:
                    combo.addItem(name, group_id)
                combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def clear(self) -> None:
        """Every filter back to "all", then one ``changed``."""
        for widget in self.combos():
            with QSignalBlocker(widget):
                widget.setCurrentIndex(0)
        with QSignalBlocker(self.search):
            self.search.clear()
        self.changed.emit()
