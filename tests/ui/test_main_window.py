"""The main window: opening files, every page, undo across pages, bad files, lost files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from idg_desktop.services import answers, plan
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.main_window import PAGES

REPO = Path(__file__).resolve().parents[2]


#: The main window's size in this file's tests (the ``window`` fixture).
WINDOW_SIZE = (1600, 1000)


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where page screenshots go: IDG_SCREENSHOTS if set, else a folder of this run."""
    named = os.environ.get("IDG_SCREENSHOTS")
    folder = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nPage screenshots: {folder}")
    return folder


@pytest.mark.parametrize(
    "size", [(1600, 1000), (1280, 800), (1366, 768)], ids=["1600x1000", "1280x800", "1366x768"]
)
def test_every_page_opens_on_the_demo_and_is_captured(
    window, qtbot, demo_file, screenshot_dir, size
):
    """Every page, captured at a projector's size and at two laptops' (1280x800,
    1366x768), to be looked at: IDG_SCREENSHOTS=folder keeps the pictures."""
    window.resize(*size)
    assert window.open_path(demo_file)
    assert window.windowTitle().startswith("demo.idg")
    shots = []
    for number, (key, _module, _cls) in enumerate(PAGES, start=1):
        if number <= 9:
            qtbot.keyClick(window, Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier)
        else:  # past Ctrl+9: the View menu's entry
            window.go_actions[number - 1].trigger()
        qtbot.waitUntil(lambda k=key: window.view.current_key() == k)
        page = window.view.page(key)
        qtbot.waitUntil(page.isVisible)
        for _ in range(3):  # let posted layout requests settle before the picture
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        target = screenshot_dir / f"{size[0]}x{size[1]}-{number:02d}-{key}.png"
        assert window.grab().save(str(target))
        shots.append(target)
    assert all(p.stat().st_size > 10_000 for p in shots)
    window.close_assessment()
    start = screenshot_dir / f"{size[0]}x{size[1]}-00-start.png"
    assert window.grab().save(str(start))


def test_the_start_page_lists_recent_files(window, qtbot, demo_file):
    assert window.open_path(demo_file)
    window.close_assessment()
    items = [
        window.start_page.recent.item(i).text() for i in range(window.start_page.recent.count())
    ]
    assert any("demo.idg" in text for text in items)


@pytest.mark.parametrize("kind", ["text", "newer"])
def test_a_bad_file_is_refused_with_a_message(
    window, qtbot, tmp_path, demo_file, monkeypatch, kind
):
    import sqlite3

    path = tmp_path / "bad.idg"
    if kind == "text":
        path.write_text("not an assessment", encoding="utf-8")
    else:
        path.write_bytes(demo_file.read_bytes())
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA user_version = 99")
        connection.close()
    before = path.read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert not window.open_path(path)
    assert len(shown) == 1 and str(path) in shown[0]
    assert ("not an IDG assessment" in shown[0]) if kind == "text" else ("newer" in shown[0])
    assert path.read_bytes() == before
    assert window.workspace is None


def test_a_file_open_in_another_instance_is_refused(window, demo_file, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    with AssessmentDocument.open(demo_file):
        assert not window.open_path(demo_file)
    assert "already open on" in shown[0]


def test_undo_and_redo_work_across_pages(window, qtbot, demo_file):
    assert window.open_path(demo_file)
    workspace = window.workspace
    window.show_page("findings")
    workspace.run(
        "Edit answer",
        lambda: answers.save_answer(
            workspace.document, "TR-2", text="Written on another page.", rating="absent"
        ),
    )
    window.show_page("scope")
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not workspace.undo_stack.canUndo())
    assert answers.answer_for(workspace.document, "TR-2") is None or (
        answers.answer_for(workspace.document, "TR-2").text != "Written on another page."
    )
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(workspace.undo_stack.canUndo)
    window.close_assessment()
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        assert answers.answer_for(document, "TR-2").text == "Written on another page."


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")
def test_a_file_deleted_while_open_is_reported_and_can_be_saved_elsewhere(
    window, qtbot, demo_file, tmp_path, monkeypatch
):
    assert window.open_path(demo_file)
    workspace = window.workspace
    workspace.run(
        "first",
        lambda: answers.save_answer(
            workspace.document, "TR-2", text="Committed before the stick was pulled."
        ),
    )
    rescue = tmp_path / "rescue.idg"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.clickedButton())
    lost = []
    workspace.fileLost.connect(lost.append)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(rescue), "")
    )
    demo_file.unlink()
    workspace.run(
        "second",
        lambda: answers.save_answer(
            workspace.document, "TR-3", text="Never written to a ghost file."
        ),
    )
    qtbot.waitUntil(lambda: bool(lost))
    assert "moved, deleted or replaced" in lost[0]
    assert "cannot be saved" in window.saved_label.text()
    window.save_copy()
    window.close_assessment()
    with AssessmentDocument.open(rescue, read_only=True) as copy:
        assert answers.answer_for(copy, "TR-2").text == "Committed before the stick was pulled."
        assert answers.answer_for(copy, "TR-3") is None or "ghost" not in (
            answers.answer_for(copy, "TR-3").text
        )


def test_text_size_is_kept_between_sessions(window, qtbot):
    from idg_desktop.ui.settings import WindowSettings

    before = WindowSettings().text_scale
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    window.zoom(1.1)
    assert WindowSettings().text_scale > before


def test_the_readme_main_job_command_runs_and_quits_after_the_first_paint(tmp_path):
    """`idg-desktop --demo --smoke`, as the README's main job runs it, exits 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    script = Path(sys.executable).with_name("idg-desktop")
    done = subprocess.run(
        [str(script), "--demo", "--smoke"], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    data = Path(os.environ["IDG_DATA_DIR"])
    assert (data / "demo-workshop.idg").exists()


def test_a_heat_map_cell_leads_to_its_questions(window, qtbot, demo_file):
    assert window.open_path(demo_file)
    profile = window.show_page("profile")
    qtbot.waitUntil(profile.heatmap.isVisible)
    rect = profile.heatmap.cell_rect("HR", "III")
    qtbot.mouseClick(profile.heatmap, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.view.current_key() == "checklist")
    checklist = window.view.page("checklist")
    qtbot.waitUntil(lambda: checklist.where.text().startswith("HR-"))
    assert "III." in checklist.where.text()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")
def test_a_file_renamed_while_open_is_reported(window, qtbot, demo_file, tmp_path, monkeypatch):
    assert window.open_path(demo_file)
    workspace = window.workspace
    lost = []
    workspace.fileLost.connect(lost.append)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: None)
    demo_file.rename(tmp_path / "renamed-on-the-stick.idg")
    workspace.run(
        "edit",
        lambda: answers.save_answer(
            workspace.document, "TR-3", text="Not written into a moved file."
        ),
    )
    qtbot.waitUntil(lambda: bool(lost))
    assert not workspace.undo_stack.canUndo()
    window.close_assessment()
    with AssessmentDocument.open(tmp_path / "renamed-on-the-stick.idg", read_only=True) as doc:
        assert answers.answer_for(doc, "TR-3") is None


def test_the_overview_shows_the_plan_and_follows_it(window, qtbot, demo_file):
    assert window.open_path(demo_file)
    overview = window.view.page("overview")
    tiles = overview.tiles
    qtbot.waitUntil(lambda: tiles["kpis"].value.text() == "11")
    assert "9 metadata sheets complete" in tiles["kpis"].caption.text()
    assert tiles["activities"].value.text() == "10"
    assert tiles["endorsed"].value.text() == "Endorsed"
    assert "2026-06-15" in tiles["endorsed"].caption.text()
    qtbot.waitUntil(lambda: window.view.workspace is not None)
    window.view.workspace.run(
        "Endorse",
        lambda: plan.add_adoption(
            window.view.workspace.document, endorsed_by="Prime Minister", endorsed_on="2026-12-01"
        ),
    )
    qtbot.waitUntil(lambda: "Prime Minister on 2026-12-01" in tiles["endorsed"].caption.text())
    window.view.workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: "2026-06-15" in tiles["endorsed"].caption.text())
