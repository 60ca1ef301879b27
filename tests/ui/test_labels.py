"""Labels read as written: an ampersand is either a mnemonic with a buddy, or shown.

A label whose text has a single ``&`` but no buddy shows the ampersand
("&File:" in the New assessment dialog); a label built from the guide's own
words must not turn its ``&`` into a mnemonic ("Expert' & WCO's input" read
"Expert' _WCO's input:").
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from idg_desktop.ui.new_dialog import NewAssessmentDialog
from idg_desktop.ui.pages.scope_page import ScopePage
from idg_desktop.ui.settings import WindowSettings


def _mnemonic_labels_without_buddy(widget: QWidget) -> list[str]:
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if "&" in label.text().replace("&&", "") and label.buddy() is None
    ]


def test_the_new_assessment_dialog_has_no_stray_ampersand(qtbot):
    dialog = NewAssessmentDialog(WindowSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert _mnemonic_labels_without_buddy(dialog) == []
    file_label = next(lb for lb in dialog.findChildren(QLabel) if lb.text() == "&File:")
    assert file_label.buddy() is dialog.file


def test_the_terms_of_reference_labels_show_the_guides_words(qtbot, workspace):
    page = ScopePage(workspace)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: bool(page.tor_fields))
    assert _mnemonic_labels_without_buddy(page) == []
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert "Expert' && WCO's input:" in texts  # shown as "Expert' & WCO's input:"


def test_the_export_all_dialog_has_no_stray_ampersand(qtbot, tmp_path):
    from idg_desktop.ui.package_dialogs import ExportAllDialog

    dialog = ExportAllDialog(str(tmp_path / "packages"), ["Group A", "Group B"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert _mnemonic_labels_without_buddy(dialog) == []
