"""The window opens a file left mid-write (a hot journal beside it), says once
that the interrupted change was undone, and refuses plainly where it cannot."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from idg_desktop.ui.main_window import MainWindow

#: Begins a write that spills into the file (tiny page cache), dies before COMMIT.
_DIE_MID_WRITE = r"""
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 2")
connection.execute("BEGIN")
connection.execute("UPDATE answer SET text = text || ?", ("x" * 4000,))
connection.execute("DELETE FROM participant")
os.kill(os.getpid(), signal.SIGKILL)
"""


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


@pytest.fixture
def crashed(demo_file: Path) -> Path:
    done = subprocess.run([sys.executable, "-c", _DIE_MID_WRITE, str(demo_file)], timeout=60)
    assert done.returncode == -signal.SIGKILL and journal_of(demo_file).stat().st_size > 0
    return demo_file


#: The main window's size in this file's tests (the ``window`` fixture).
WINDOW_SIZE = (1400, 900)


def _participants(window: MainWindow) -> int:
    from idg_desktop.services.participants import list_participants

    return len(list_participants(window.workspace.document))


@pytest.mark.parametrize("defer", [False, True], ids=["open", "at start-up"])
def test_the_window_recovers_a_file_left_mid_write_and_says_so(window, qtbot, crashed, defer):
    assert window.open_path(crashed, defer=defer)
    qtbot.waitUntil(lambda: window.workspace is not None)
    message = window.statusBar().currentMessage()
    assert "interrupted change" in message and "undone" in message and crashed.name in message
    assert not journal_of(crashed).exists()
    assert _participants(window) > 0  # the interrupted deletion was undone
    assert "Lorvanian" in window.view.page("overview").title.text()  # painted from the file


def test_on_a_read_only_medium_the_window_says_to_copy_file_and_journal(
    window, crashed, monkeypatch
):
    """Simulated: tests run as root, where a chmod does not stop writes, so the
    writability check is patched to say no (tests/test_crash_recovery.py also
    tries a real read-only mount)."""
    from idg_desktop.storage import recovery

    monkeypatch.setattr(recovery, "_can_write", lambda _place: False)
    journal, content = journal_of(crashed).read_bytes(), crashed.read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert not window.open_path(crashed)
    assert len(shown) == 1
    assert f"{crashed.name}-journal together" in shown[0] and "read-only" in shown[0]
    assert window.workspace is None
    assert journal_of(crashed).read_bytes() == journal and crashed.read_bytes() == content
