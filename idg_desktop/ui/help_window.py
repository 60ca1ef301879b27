"""Help ▸ IDG Workshop guide: the offline manual in a window of its own.

The manual is HTML under ``resources/help/`` (``guide.<language>.html``, the
English one when there is none in the user's language), so it can be
translated as a file. Each page of the navigation has its part, anchored by the
page's key (``<a name="checklist">``); F1 opens the part of the page shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from idg_desktop.resources import resource_path


def guide_file(locale: QLocale | None = None) -> Path:
    """The manual in the user's language if there is one, else in English."""
    language = (locale or QLocale()).name().split("_")[0]
    translated = resource_path("help", f"guide.{language}.html")
    return translated if translated.is_file() else resource_path("help", "guide.en.html")


class GuideWindow(QWidget):
    """A plain window with the manual; it stays open beside the workshop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("IDG Workshop guide"))
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("IDG Workshop guide"))
        self.browser.setOpenExternalLinks(False)
        path = guide_file()
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.resize(760, 640)
        # Closed from the keyboard like any window: Esc, or the platform's Close.
        for keys in (QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")):
            QShortcut(keys, self, activated=self.close)

    def anchors(self) -> set[str]:
        """The parts the manual has (the names of its anchors)."""
        names: set[str] = set()
        block = self.browser.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.isValid():
                    names.update(fragment.charFormat().anchorNames())
                iterator += 1
            block = block.next()
        return names

    def show_part(self, key: str) -> None:
        """Show the window at the part named ``key`` (a page's key, or "start")."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.scrollToAnchor(key)
