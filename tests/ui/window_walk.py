"""Walking the window for the keyboard tests (test_keyboard, test_mnemonics,
test_tab_order): every page in the state a user finds it (the checklist on a
question, the plan with each kind of node selected) and the dialogs the pages
and menus open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from idg_desktop.ui.main_window import PAGES, MainWindow


def settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def shown_page(window: MainWindow, key: str) -> QWidget:
    page = window.show_page(key)
    if key == "checklist":
        page.select_question("LC-1")
    settle()
    return page


def page_states(window: MainWindow):
    """Each page as shown, and the plan with each kind of node selected."""
    from idg_desktop.ui.models.plan_model import ACTIVITY, OUTCOME, OUTPUT

    for key, _module, _class in PAGES:
        page = shown_page(window, key)
        yield key, page
        if key == "plan":
            for kind in (OUTCOME, OUTPUT, ACTIVITY):
                for row in (page.model.rows_of(kind)[0], page.model.rows_of(kind)[-1]):
                    page.select_node(row.id)
                    settle()
                    yield f"plan ({kind} {row.id})", page


def dialogs(window: MainWindow):
    """The dialogs the pages and the menus open, as they open them."""
    from idg_desktop.ui.new_dialog import NewAssessmentDialog
    from idg_desktop.ui.package_dialogs import ExportAllDialog
    from idg_desktop.ui.pages.activity_dialogs import AddActivityDialog
    from idg_desktop.ui.pages.agenda_page import SessionDialog
    from idg_desktop.ui.pages.documents_page import DocumentDialog
    from idg_desktop.ui.pages.kpi_dialogs import KpiDialog
    from idg_desktop.ui.pages.plan_adoption import AdoptionDialog
    from idg_desktop.ui.pages.plan_dialogs import MoveOutputDialog, OutputDialog
    from idg_desktop.ui.passphrase_dialogs import (
        NewPassphraseDialog,
        PackagePassphraseDialog,
        ReturnPassphraseDialog,
    )

    yield "new assessment", NewAssessmentDialog(window.settings, window)
    yield "export all", ExportAllDialog(str(Path.home()), ["Group A"], window)
    yield "new passphrase", NewPassphraseDialog(window)
    yield "return passphrase", ReturnPassphraseDialog(window)
    yield "package passphrase", PackagePassphraseDialog(window, "group-a.idgpkg")
    yield "document", DocumentDialog({"strategy": "A strategy"}, window)
    yield "session", SessionDialog([("p1", "A. Person")], window)
    yield "adoption", AdoptionDialog(window, ["A. Person"])
    yield "kpi", KpiDialog(window, "an output")
    yield "output", OutputDialog(window, [], None)
    yield "move output", MoveOutputDialog(window, "An output", [], None)
    yield "add activity", AddActivityDialog(window.show_page("priorities"))


def each_dialog(window: MainWindow):
    """Each dialog shown, then closed once the caller has looked at it."""
    for name, dialog in dialogs(window):
        dialog.show()
        settle()
        yield name, dialog
        dialog.reject()
        dialog.deleteLater()
