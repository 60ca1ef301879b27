"""What a new facilitator's walk through the window found (the second walk):
each test drives the real widgets, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest

from idg_desktop.ui.package_dialogs import ExportAllDialog
from idg_desktop.ui.widgets.button_row import ok_button


@pytest.mark.parametrize("typed", ["", "/", "~", ".", "..", "{folder}", "{folder}/", " / "])
def test_the_slips_field_gives_a_sentence_for_anything_that_names_no_file(
    qtbot, tmp_path: Path, typed: str
):
    dialog = ExportAllDialog(str(tmp_path / "packages"), ["Group A"])
    qtbot.addWidget(dialog)
    (tmp_path / "elsewhere").mkdir()
    dialog.slips.setText(typed.format(folder=tmp_path / "elsewhere"))  # no exception
    assert dialog.problem_text()
    assert dialog.problem.isVisibleTo(dialog) and dialog.problem.text()
    assert not ok_button(dialog.buttons).isEnabled()
    assert dialog.slips_path() is None


def test_a_slips_name_without_suffix_becomes_a_pdf_beside_the_packages(qtbot, tmp_path: Path):
    dialog = ExportAllDialog(str(tmp_path / "packages"), ["Group A"])
    qtbot.addWidget(dialog)
    dialog.slips.setText(str(tmp_path / "slips"))
    assert dialog.problem_text() == ""
    assert dialog.slips_path() == tmp_path / "slips.pdf"
    dialog.slips.setText(str(tmp_path / "Slips.PDF"))
    assert dialog.slips_path() == tmp_path / "Slips.PDF"
