"""The plenary's decisions taken on the slide itself (issue 13): with one
screen the presentation carries the decision buttons and an editor in the
slide's large type; agree, amend, merge, reject and back to proposed are
recorded through the same services and undo as the Findings page (the file
reopened to check), keys typed in the editor never move or blank the slide,
Esc there cancels the edit only; with two screens nothing is on the slides
unless the facilitator says the room sees this screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from idg_desktop.reports.slides.decisions import PAIRS
from idg_desktop.reports.slides.model import SlideKind
from idg_desktop.reports.slides.theme import THEMES, contrast
from idg_desktop.services.findings import list_findings
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.main_window import MainWindow

SHOTS = Path("/tmp/onescreen")


def present(main: MainWindow, qtbot, size=(1920, 1080)):
    qtbot.keyClick(main, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: main.presenter.window is not None)
    window = main.presenter.window
    qtbot.waitExposed(window)
    window.showNormal()  # the offscreen screen is small: the projector's size
    window.resize(*size)
    qtbot.waitUntil(lambda: window.view.size().height() == size[1])
    window.activateWindow()  # one screen: the slides take the keys
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def stored(path: Path, finding_id: str):
    """The finding as the file has it (the file opened afresh)."""
    with AssessmentDocument.open(path, read_only=True) as document:
        return next(f for f in list_findings(document) if f.id == finding_id)


def finding_id(laptop, prefix: str) -> str:
    return next(f.id for f in list_findings(laptop.workspace.document) if f.id.startswith(prefix))


def words(window) -> str:
    return " ".join(t.text for t in window.current().texts())


def on_slide(window, key: str):
    window.go_to_key(key)
    assert window.current().key.startswith(key)
    return window.current()


def shown_buttons(window) -> list[str]:
    return [b.text() for b in window.decisions.buttons.values() if b.isVisible()]


PROPOSED = "b79adf43"  # AU: LORCUS keeps a full audit trail... (proposed, not confidential)


def test_one_screen_the_buttons_are_on_the_finding_slide_below_its_text(laptop, qtbot):
    window = present(laptop, qtbot)
    assert len(QApplication.screens()) == 1
    assert window.decisions.on and laptop.presenter.decide.action.isChecked()
    slide = on_slide(window, f"finding:{finding_id(laptop, PROPOSED)}")
    assert shown_buttons(window) == [
        "A  Agree",
        "E  Amend",
        "M  Merge",
        "R  Reject",
        "P  Back to proposed",
    ]
    current = [b for b in window.decisions.buttons.values() if b.current]
    assert [b.text() for b in current] == ["P  Back to proposed"]
    s, _dx, dy = window.view.scale()
    finding_text = [t for t in slide.texts() if not t.background.startswith("control")]
    lowest_text = max(t.y for t in finding_text) * s + dy
    for button in window.decisions.buttons.values():
        assert button.geometry().top() > lowest_text  # never over the finding's text
        assert button.accessibleName()
    # elsewhere (the title slide), no buttons
    window.go(0)
    assert shown_buttons(window) == []


def test_agree_by_its_key_shows_the_word_and_is_in_the_file_and_ctrl_z_undoes(
    laptop, qtbot, demo_file
):
    window = present(laptop, qtbot)
    finding = finding_id(laptop, PROPOSED)
    slide = on_slide(window, f"finding:{finding}")
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert window.current().key == slide.key and window.current().status == "agreed"
    assert "Agreed" in words(window)
    assert window.decisions.buttons["agreed"].current
    assert stored(demo_file, finding).status == "agreed"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.current().status == "proposed" and "Proposed" in words(window)
    assert stored(demo_file, finding).status == "proposed"
    qtbot.keyClick(window, Qt.Key.Key_R)  # reject: one key, undone by one key
    assert window.current().status == "rejected" and "Rejected" in words(window)
    assert stored(demo_file, finding).status == "rejected"
    qtbot.keyClick(window, Qt.Key.Key_P)  # back to proposed
    assert stored(demo_file, finding).status == "proposed"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_file, finding).status == "rejected"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_file, finding).status == "proposed"
    assert window.current().status == "proposed"


def test_the_buttons_are_clicked_with_the_mouse_too(laptop, qtbot, demo_file):
    window = present(laptop, qtbot)
    finding = finding_id(laptop, PROPOSED)
    on_slide(window, f"finding:{finding}")
    qtbot.mouseClick(window.decisions.buttons["rejected"], Qt.MouseButton.LeftButton)
    assert window.current().status == "rejected"
    assert stored(demo_file, finding).status == "rejected"
    assert window.cursor().shape() != Qt.CursorShape.BlankCursor  # the mouse can be seen


def test_amend_on_the_slide_keys_go_to_the_editor_and_esc_cancels_only_the_edit(
    laptop, qtbot, demo_file
):
    window = present(laptop, qtbot)
    finding = finding_id(laptop, PROPOSED)
    slide = on_slide(window, f"finding:{finding}")
    index = window.index
    before = stored(demo_file, finding).text
    qtbot.keyClick(window, Qt.Key.Key_E)
    editor = window.decisions.editor
    assert editor.isVisible() and editor.hasFocus()
    assert editor.toPlainText() == before  # prefilled with the finding's wording
    assert not any(b.isVisible() for b in window.decisions.buttons.values())
    qtbot.keyClicks(editor, " b w. ")  # the slide's own keys, typed
    for key in (Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_End):
        qtbot.keyClick(editor, key)
    assert window.view.blank == "" and window.index == index
    assert editor.toPlainText().startswith(before + " b w. ")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # cancels the edit, the slides stay
    assert laptop.presenter.window is window and window.isVisible()
    assert not editor.isVisible() and shown_buttons(window)
    assert stored(demo_file, finding).text == before and window.current().status == "proposed"
    qtbot.keyClick(window, Qt.Key.Key_E)
    editor.selectAll()
    amended = "LORCUS's audit trail is reviewed every month by the internal audit unit"
    qtbot.keyClicks(editor, amended)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    assert window.current().key == slide.key and window.current().status == "amended"
    assert "reviewed every month" in words(window)
    saved = stored(demo_file, finding)
    assert saved.text == amended and saved.status == "amended"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step
    saved = stored(demo_file, finding)
    assert saved.text == before and saved.status == "proposed"


def test_wording_typed_on_the_slide_is_not_lost_when_the_presentation_ends(
    laptop, qtbot, demo_file
):
    window = present(laptop, qtbot)
    finding = finding_id(laptop, PROPOSED)
    on_slide(window, f"finding:{finding}")
    qtbot.keyClick(window, Qt.Key.Key_E)
    window.decisions.editor.selectAll()
    qtbot.keyClicks(window.decisions.editor, "Typed on the slide, then the projector closed")
    laptop.presenter.stop()  # View > Presentation > End, or the file closed
    qtbot.waitUntil(lambda: laptop.presenter.window is None)
    saved = stored(demo_file, finding)
    assert saved.text == "Typed on the slide, then the projector closed"
    assert saved.status == "amended"


def test_amend_with_the_wording_unchanged_is_said_on_the_slide(laptop, qtbot, demo_file):
    window = present(laptop, qtbot)
    on_slide(window, f"finding:{finding_id(laptop, PROPOSED)}")
    qtbot.keyClick(window, Qt.Key.Key_E)
    window.decisions.save_button.click()
    notice = window.decisions.notice
    assert notice.isVisible() and "unchanged" in notice.text()
    assert window.decisions.editor.isVisible()  # still there to change it


def test_merge_on_the_slide_chooses_among_the_sections_shown_findings(laptop, qtbot, demo_file):
    window = present(laptop, qtbot)
    finding = finding_id(laptop, "80229b9c")  # HR, proposed
    kept = finding_id(laptop, "db5e303b")  # HR, agreed
    secret = finding_id(laptop, "cc84bb97")  # HR, confidential: never offered unrevealed
    slide = on_slide(window, f"finding:{finding}")
    qtbot.keyClick(window, Qt.Key.Key_M)
    choices = window.decisions.choices
    assert choices.isVisible() and choices.hasFocus()
    offered = [choices.item(i).data(Qt.ItemDataRole.UserRole) for i in range(choices.count())]
    assert offered == [kept]
    qtbot.keyClick(choices, Qt.Key.Key_Escape)  # cancels the choice, not the slides
    assert laptop.presenter.window is window and not choices.isVisible()
    window.reveal(f"finding:{secret}")
    on_slide(window, f"finding:{finding}")
    qtbot.keyClick(window, Qt.Key.Key_M)
    offered = [choices.item(i).data(Qt.ItemDataRole.UserRole) for i in range(choices.count())]
    assert set(offered) == {kept, secret}
    choices.setCurrentRow(offered.index(kept))
    qtbot.keyClick(choices, Qt.Key.Key_Return)
    editor = window.decisions.editor
    kept_text = stored(demo_file, kept).text
    assert editor.isVisible() and editor.toPlainText() == kept_text
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current().key == slide.key and window.current().status == "merged"
    merged, target = stored(demo_file, finding), stored(demo_file, kept)
    assert merged.status == "merged" and merged.merged_into_id == kept
    assert target.text == kept_text and target.status == "agreed"  # wording unchanged
    qtbot.keyClick(window, Qt.Key.Key_A)  # a merged finding: said on the slide, not recorded
    assert "merged into another" in window.decisions.notice.text()
    assert stored(demo_file, finding).status == "merged"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_file, finding).status == "proposed"


def test_merge_with_the_kept_wording_amended(laptop, qtbot, demo_file):
    window = present(laptop, qtbot)
    finding, kept = finding_id(laptop, "80229b9c"), finding_id(laptop, "db5e303b")
    on_slide(window, f"finding:{finding}")
    qtbot.keyClick(window, Qt.Key.Key_M)
    qtbot.keyClick(window.decisions.choices, Qt.Key.Key_Return)
    editor = window.decisions.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Integrity also counts in appraisal and promotion.")
    window.decisions.save_button.click()
    target = stored(demo_file, kept)
    assert target.status == "amended" and target.text.endswith("appraisal and promotion.")
    assert stored(demo_file, finding).merged_into_id == kept
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step
    assert stored(demo_file, finding).status == "proposed"
    assert stored(demo_file, kept).status == "agreed"


def test_switched_off_the_slides_are_as_the_pdf_and_the_keys_do_nothing(laptop, qtbot, demo_file):
    window = present(laptop, qtbot)
    finding = finding_id(laptop, PROPOSED)
    laptop.presenter.decide.action.trigger()  # off: the laptop keeps the decisions
    assert not window.decisions.on
    slide = on_slide(window, f"finding:{finding}")
    assert not slide.controls and shown_buttons(window) == []
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert stored(demo_file, finding).status == "proposed"
    laptop.presenter.decide.action.trigger()
    assert window.decisions.on and len(shown_buttons(window)) == 5


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=["1920x1080", "1024x768"])
def test_the_controls_type_is_at_the_floor_or_above(laptop, qtbot, size):
    window = present(laptop, qtbot, size)
    on_slide(window, f"finding:{finding_id(laptop, PROPOSED)}")
    floor = size[1] / 34
    panel = window.decisions
    for button in panel.buttons.values():
        assert button.isVisible()
        assert button.fontInfo().pixelSize() >= floor, (button.text(), size)
        assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    qtbot.keyClick(window, Qt.Key.Key_E)
    for widget in (panel.editor, panel.caption, panel.save_button, panel.cancel_button):
        assert widget.isVisible() and widget.fontInfo().pixelSize() >= floor, widget
    qtbot.keyClick(panel.editor, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert panel.choices.isVisible() and panel.choices.fontInfo().pixelSize() >= floor


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_controls_are_drawn_in_the_themes_colours_at_7_to_1(laptop, qtbot, theme):
    window = present(laptop, qtbot)
    laptop.presenter.set_theme(theme)
    on_slide(window, f"finding:{finding_id(laptop, PROPOSED)}")
    palette = THEMES[theme]
    screen = window.grab().toImage()  # what the room sees, where each button takes clicks
    button = window.decisions.buttons["agreed"]
    image = screen.copy(button.geometry())
    fill = image.pixelColor(button.width() // 2, 4 + button.height() // 10).name()
    assert fill == palette.colour("control")
    words = image.pixelColor(*_darkest_or_lightest(image, palette.colour("control")))
    assert words.name() == palette.colour("on-control")
    current = window.decisions.buttons["proposed"]
    assert current.current
    image = screen.copy(current.geometry())
    fill = image.pixelColor(current.width() // 2, 4 + current.height() // 10).name()
    assert fill == palette.colour("control.current")
    sheet = window.view.styleSheet()  # the editor's, the list's and the notice's
    for role in ("panel", "text", "accent", "background", "focus"):
        assert palette.colour(role) in sheet, role
    for colour, background in PAIRS:
        assert contrast(palette.colour(colour), palette.colour(background)) >= 7.0


def _darkest_or_lightest(image, fill: str) -> tuple[int, int]:
    """The pixel of the button's words furthest from its fill (the glyphs' core)."""
    from PySide6.QtGui import QColor

    base = QColor(fill).lightness()
    best, where = -1, (0, 0)
    for y in range(image.height() // 4, 3 * image.height() // 4):
        for x in range(image.width() // 5, 4 * image.width() // 5):
            distance = abs(image.pixelColor(x, y).lightness() - base)
            if distance > best:
                best, where = distance, (x, y)
    return where


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_tab_reaches_the_buttons_with_a_ring_in_the_focus_colour(laptop, qtbot, demo_file, theme):
    window = present(laptop, qtbot)
    laptop.presenter.set_theme(theme)
    finding = finding_id(laptop, PROPOSED)
    on_slide(window, f"finding:{finding}")
    panel = window.decisions
    qtbot.keyClick(window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.buttons["agreed"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    amend = panel.buttons["amended"]
    assert QApplication.focusWidget() is amend
    ring = window.decisions.ring
    assert ring.isVisible() and ring.geometry().contains(amend.geometry())
    screen = window.grab().toImage()
    edge = screen.pixelColor(amend.x() - ring.look.ring // 2, amend.y() + amend.height() // 2)
    assert edge.name() == THEMES[theme].colour("focus")
    assert ring.look.ring >= window.view.height() / 200  # thick enough for the room
    assert window.view.height() / 34 <= amend.fontInfo().pixelSize()
    qtbot.keyClick(amend, Qt.Key.Key_Space)  # the button focused does its decision
    assert panel.editor.isVisible() and panel.editor.hasFocus()
    qtbot.keyClick(panel.editor, Qt.Key.Key_Escape)
    assert stored(demo_file, finding).status == "proposed"


def test_screenshots_of_the_decisions_on_the_slide(laptop, qtbot):
    """Light and dark at 1920x1080: the buttons, the amend editor, the merge list
    (/tmp/onescreen/*.png, looked at)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    window = present(laptop, qtbot)
    window.activateWindow()
    for theme in ("light", "dark"):
        laptop.presenter.set_theme(theme)
        on_slide(window, f"finding:{finding_id(laptop, '80229b9c')}")
        shots = {"buttons": None, "amend": Qt.Key.Key_E, "merge": Qt.Key.Key_M}
        for name, key in shots.items():
            if key is not None:
                qtbot.keyClick(window, key)
            image = window.grab().toImage()
            assert image.width() == 1920 and image.height() == 1080
            assert image.save(str(SHOTS / f"{name}-{theme}.png"))
            focus = QApplication.focusWidget()
            if key is not None:
                qtbot.keyClick(focus, Qt.Key.Key_Escape)
                assert window.decisions.mode == ""
        qtbot.keyClick(window, Qt.Key.Key_Tab)  # the focus ring, on "A  Agree"
        assert window.grab().save(str(SHOTS / f"focus-{theme}.png"))
        window.setFocus()
        window.decisions.say("There is no other finding in this section to merge with.")
        assert window.grab().save(str(SHOTS / f"notice-{theme}.png"))
        window.decisions.clear_notice()


TWO_SCREENS = """
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
app = QApplication([])
from idg_desktop.ui.main_window import MainWindow
main = MainWindow()
main.setGeometry(100, 100, 1200, 700)
main.show()
main.open_path(Path(sys.argv[1]))
main.presenter.start()
window = main.presenter.window
app.processEvents()
window.go_to_key(next(s.key for s in window.slides if s.kind == "finding"))
app.processEvents()
def buttons():
    return sum(b.isVisible() for b in window.decisions.buttons.values())
print("screen", window.screen().name())
print("off", int(window.decisions.on), int(bool(window.current().controls)), buttons())
main.presenter.decide.action.trigger()
app.processEvents()
print("on", int(window.decisions.on), int(bool(window.current().controls)), buttons())
main.presenter.start()  # F5 again: the choice is kept for the session
app.processEvents()
print("kept", int(window.decisions.on), buttons())
main.presenter.stop()
main.close_assessment()
"""


def test_two_screens_no_buttons_unless_the_room_sees_this_screen(demo_file, tmp_path):
    screens = {
        "synchronousWindowSystemEvents": True,
        "windowFrameMargins": False,
        "screens": [
            {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
            {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080},
        ],
    }
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens))
    repo = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": str(repo),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", TWO_SCREENS, str(demo_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines["screen"] == "projector"
    assert lines["off"] == "0 0 0"  # as today: the laptop keeps the editor
    assert lines["on"] == "1 1 5"
    assert lines["kept"] == "1 5"
    assert SlideKind.FINDING == "finding"


def test_the_decisions_work_after_going_through_the_pages(laptop, qtbot, demo_file):
    """A walkthrough: after Ctrl+7 (Checklist) then Ctrl+8, F5 raised a
    RuntimeError (the menu's "Decide on the slides" action had been deleted)
    over the slides, and A, E, M, R, P did nothing."""
    import gc

    for page in (Qt.Key.Key_7, Qt.Key.Key_8):
        qtbot.keyClick(laptop, page, Qt.KeyboardModifier.ControlModifier)
    gc.collect()
    window = present(laptop, qtbot)
    assert laptop.presenter.decide.action.isChecked()
    finding = next(i for i, s in enumerate(window.slides) if s.kind == SlideKind.FINDING)
    window.go(finding)
    record_id = window.current().record_id
    qtbot.keyClick(window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: stored(demo_file, record_id).status == "agreed")
