"""Window tests never block on a modal message box: an unexpected one fails
the test with its text (tests that expect one patch it themselves). Also the
demo workspace and the way to show a page that most page tests share."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.workspace import Workspace


@pytest.fixture(autouse=True)
def _no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch):
    def unexpected(*args, **_kwargs):
        text = next((a for a in args[2:3] if isinstance(a, str)), "")
        raise AssertionError(f"unexpected message box: {text}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: unexpected(None, None, box.text()))


@pytest.fixture
def workspace(demo_file: Path):
    """A workspace on a fresh copy of the demo, closed afterwards."""
    space = Workspace(AssessmentDocument.open(demo_file))
    yield space
    space.close()  # closing twice is harmless


@pytest.fixture
def show(qtbot):
    """Show a page at a projector-like size, its posted layout settled."""

    def shown(widget, size=(1600, 1000)):
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        for _ in range(3):
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        return widget

    return shown


@pytest.fixture(scope="session")
def merged_window_template(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    """The demo after a group's package came back with conflicts (built once)."""
    from merged_demo import build_merged_demo

    return build_merged_demo(demo_template, tmp_path_factory.mktemp("merged-window-keys"))


@pytest.fixture
def merged_window(qtbot, merged_window_template: Path, tmp_path: Path):
    """The main window on a copy of that file, at a laptop's 1366x768, closed afterwards."""
    import shutil

    from idg_desktop.ui.main_window import MainWindow

    target = tmp_path / "merged.idg"
    shutil.copyfile(merged_window_template, target)
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_path(target)
    yield main
    main.close_assessment()


#: What Qt or PySide say when an editor is mishandled (a cell editor torn down in
#: the middle of its commit, a signal disconnected from a dead editor).
_BROKEN_EDITORS = (
    "commitData called with an editor that does not belong to this view",
    "Failed to disconnect",
)


@pytest.fixture(autouse=True)
def _no_mishandled_editors(qtlog, recwarn):
    """A window test fails on the console warnings of a mishandled editor."""
    yield
    said = [record.message for record in qtlog.records]
    said += [str(warning.message) for warning in recwarn]
    broken = [text for text in said if any(b in text for b in _BROKEN_EDITORS)]
    assert not broken, broken


@pytest.fixture
def laptop(qtbot, demo_file: Path):
    """The main window on the demo, at a laptop's size (the presentation's tests)."""
    from idg_desktop.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_path(demo_file)
    yield main
    main.close_assessment()


@pytest.fixture
def window(qtbot, request):
    """An empty main window (no file open) at the test module's ``WINDOW_SIZE``
    (1280×800 unless it says otherwise), its file closed afterwards."""
    from idg_desktop.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(*getattr(request.module, "WINDOW_SIZE", (1280, 800)))
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_assessment()


@pytest.fixture
def fast_scrypt(monkeypatch):
    """Passphrases derived with a cheap scrypt (the real cost is for laptops, not tests)."""
    from idg_desktop.exchange import container

    monkeypatch.setattr(container, "SCRYPT_N", 2**12)
