"""The window uses the guide's words for its sections: "key factors and areas" for
the whole set, and each section's own kind where one section is meant."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QGroupBox, QLabel

from idg_desktop.storage.overview import read_overview
from idg_desktop.ui.new_dialog import NewAssessmentDialog
from idg_desktop.ui.pages.checklist_page import ChecklistPage
from idg_desktop.ui.pages.findings_page import FindingsPage
from idg_desktop.ui.pages.overview_page import OverviewPage
from idg_desktop.ui.pages.profile_page import ProfilePage
from idg_desktop.ui.pages.scope_page import ScopePage
from idg_desktop.ui.settings import WindowSettings


def test_checklist_guidance_is_named_after_the_sections_kind(show, workspace):
    page = show(ChecklistPage(workspace))
    for qid, kind in (
        ("LC-1", "key factor"),
        ("MS-2", "area of collective action"),
        ("GE-7", "cross-cutting element"),
        ("HR-16", "key factor"),
    ):
        page.tree.setCurrentIndex(page.proxy.mapFromSource(page.model.index_of(qid)))
        QApplication.processEvents()
        assert page.where.text().startswith(qid)
        assert page.guidance_toggle.accessibleName() == f"Show the guidance on this {kind}"
        assert page.guidance.accessibleName() == f"Guidance on this {kind}"


def test_pages_speak_of_key_factors_and_areas(show, workspace, demo_file):
    scope = show(ScopePage(workspace))
    assert scope.sections_box.title().startswith("Key factors and areas in scope")
    overview = show(OverviewPage(demo_file, read_overview(demo_file)))
    header = overview.table.horizontalHeaderItem(1).text()
    assert header == "Key factor or area"
    texts = []
    for page in (show(ProfilePage(workspace)), show(FindingsPage(workspace)), scope):
        texts += [label.text() for label in page.findChildren(QLabel)]
    joined = " ".join(texts)
    assert "per key factor or area" in joined
    rest = joined.replace("key factor or area", "").replace("key factors and areas", "")
    assert "key factor" not in rest.lower(), joined


def test_new_assessment_dialog_lists_key_factors_and_areas(qtbot):
    dialog = NewAssessmentDialog(WindowSettings())
    qtbot.addWidget(dialog)
    titles = [box.title() for box in dialog.findChildren(QGroupBox)]
    assert any(t.startswith("Key factors and areas in scope") for t in titles), titles
