"""Help ▸ About IDG Workshop (issue 14): the version, the licences as they are,
and the real folders where the data, the settings and the error log live, each
in a field that can be selected and copied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from idg_desktop import __version__
from idg_desktop.config import config_dir, data_dir
from idg_desktop.ui.main_window import MainWindow


def test_about_shows_the_version_licences_and_real_paths(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    def message_box(*_args):  # a message box's text cannot be selected field by field
        raise AssertionError("About is a message box, not the About dialog")

    monkeypatch.setattr(QMessageBox, "about", message_box)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = next(
        a
        for menu in window.menuBar().actions()
        for a in menu.menu().actions()
        if a.text().replace("&", "") == "About IDG Workshop"
    )
    action.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.version.text() == f"IDG Workshop {__version__}"
    assert "not" not in __version__ and __version__ == _pyproject_version()
    paths = {key: field.text() for key, field in dialog.paths.items()}
    # the test's own folders (conftest points IDG_DATA_DIR and IDG_CONFIG_DIR at them)
    assert paths["data"] == str(data_dir()) and "home" in paths["data"]
    assert paths["config"] == str(config_dir())
    assert Path(paths["settings"]) == config_dir() / "window.ini"
    window.normal_size()  # a preference kept: written to that very file
    assert "text_scale" in Path(paths["settings"]).read_text()
    assert Path(paths["log"]) == data_dir() / "idg-errors.log"
    fonts = Path(paths["fonts"])
    assert fonts.is_file() and "SIL OPEN FONT LICENSE Version 1.1" in fonts.read_text()
    assert "SIL Open Font License 1.1" in dialog.fonts_licence.text()
    assert "Licence" in dialog.licence.text()
    assert "PySide6" in dialog.runs_on.text() and "Python" in dialog.runs_on.text()
    field = dialog.paths["data"]
    assert field.isReadOnly()
    field.selectAll()
    field.copy()
    assert QApplication.clipboard().text() == str(data_dir())
    dialog.close()


def _pyproject_version() -> str:
    import tomllib

    root = Path(__file__).resolve().parents[2]
    return tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
