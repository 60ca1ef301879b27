"""The presentation window (issue 13) on the demo: opened by F5 and by
``--present``, every slide kind drawn, the keys, an edit on the laptop on the
projector at once, confidential items hidden then revealed, the timer, the
projector themes, and the legibility floor measured from what was painted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from presenting import present, words
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from idg_desktop.reports.slides.model import SlideKind
from idg_desktop.services.findings import decide_finding, list_findings
from idg_desktop.ui.main_window import MainWindow


def keys(window) -> set[str]:
    return {s.key.split("#")[0] for s in window.slides}


def grab(window) -> QImage:
    window.view.repaint()
    return window.view.grab().toImage()


def not_blank(image: QImage) -> bool:
    """More than one colour on the picture (text or boxes drawn on the background)."""
    first = image.pixelColor(0, 0)
    step = max(1, image.width() // 200)
    return any(
        image.pixelColor(x, y) != first
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def test_f5_opens_the_presentation_full_screen_and_esc_leaves(laptop, qtbot):
    window = present(laptop, qtbot)
    assert window.isFullScreen()
    assert window.current().kind == SlideKind.TITLE
    assert laptop.presenter.status.isVisible()
    assert laptop.presenter.status.text().startswith(f"Presenting: 1/{len(window.slides)}")
    assert "next:" in laptop.presenter.status.text()
    assert QApplication.instance() is not None and laptop.presenter.filter is not None
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: laptop.presenter.window is None)
    assert laptop.presenter.filter is None
    assert not laptop.presenter.status.isVisible()


def test_keys_move_blank_and_come_back(laptop, qtbot):
    window = present(laptop, qtbot)
    last = len(window.slides) - 1
    for key, expected in (
        (Qt.Key.Key_PageDown, 1),
        (Qt.Key.Key_Right, 2),
        (Qt.Key.Key_Space, 3),
        (Qt.Key.Key_PageUp, 2),
        (Qt.Key.Key_Left, 1),
        (Qt.Key.Key_End, last),
        (Qt.Key.Key_Right, last),
        (Qt.Key.Key_Home, 0),
        (Qt.Key.Key_Left, 0),
    ):
        qtbot.keyClick(window, key)
        assert window.index == expected, key
    for key, colour in ((Qt.Key.Key_B, Qt.GlobalColor.black), (Qt.Key.Key_W, Qt.GlobalColor.white)):
        qtbot.keyClick(window, key)
        image = grab(window)
        assert not not_blank(image) and image.pixelColor(5, 5) == QColor(colour)
    qtbot.keyClick(window, Qt.Key.Key_W)  # the same key again: the slide is back
    assert window.view.blank == "" and not_blank(grab(window))
    qtbot.keyClick(window, Qt.Key.Key_Period)
    assert window.view.blank == "black"
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # moving brings the slide back
    assert window.view.blank == "" and window.index == 1


def test_the_clicker_keys_reach_the_presentation_from_the_laptop(laptop, qtbot):
    window = present(laptop, qtbot)
    laptop.activateWindow()
    target = laptop.view.navigation
    target.setFocus()
    row = target.currentRow() if hasattr(target, "currentRow") else None
    qtbot.keyClick(target, Qt.Key.Key_PageDown)
    qtbot.keyClick(target, Qt.Key.Key_PageDown)
    assert window.index == 2
    if row is not None:
        assert target.currentRow() == row  # the laptop's list did not move
    qtbot.keyClick(target, Qt.Key.Key_PageUp)
    assert window.index == 1
    assert laptop.presenter.status.text().startswith(f"Presenting: 2/{len(window.slides)}")
    qtbot.keyClick(target, Qt.Key.Key_F5)  # F5 again: still presenting, same slide
    assert laptop.presenter.window is window and window.index == 1
    qtbot.keyClick(target, Qt.Key.Key_Period)
    assert window.view.blank == "black"
    field = QLineEdit(laptop)  # "." typed in a field stays in the field
    field.show()
    field.setFocus()
    qtbot.keyClicks(field, ".")
    assert field.text() == "." and window.view.blank == "black"
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # Esc in a field cancels the edit there
    assert laptop.presenter.window is window
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: laptop.presenter.window is None)
    qtbot.keyClick(target, Qt.Key.Key_PageDown)  # the filter is gone: nothing happens


def test_every_slide_kind_is_drawn(laptop, qtbot):
    window = present(laptop, qtbot)
    window.start_timer(45)
    kinds = set()
    for index in range(len(window.slides)):
        window.go(index)
        kinds.add(window.current().kind)
        assert not_blank(grab(window)), window.current().key
    assert kinds == set(SlideKind)


def test_a_decision_on_the_laptop_shows_at_once_on_the_same_slide(laptop, qtbot):
    window = present(laptop, qtbot)
    workspace = laptop.workspace
    finding = next(
        f
        for f in list_findings(workspace.document)
        if not f.confidential and f.status == "proposed"
    )
    window.go_to_key(f"finding:{finding.id}")
    slide = window.current()
    assert slide.status == "proposed"
    assert "PROPOSED" in words(slide).upper()
    workspace.run("Agree", lambda: decide_finding(workspace.document, finding.id, "agreed"))
    assert window.current().key == slide.key
    assert window.current().status == "agreed"
    assert "AGREED" in words(window.view.slide).upper()
    amended = "Cash receipts are reconciled daily by a second officer"
    workspace.run(
        "Amend",
        lambda: decide_finding(workspace.document, finding.id, "amended", text=amended),
    )
    assert window.current().key == slide.key and window.current().status == "amended"
    assert "reconciled daily" in words(window.view.slide)


def test_confidential_items_hidden_then_revealed_one_by_one(laptop, qtbot):
    window = present(laptop, qtbot)
    hidden = window.deck.hidden
    secret = next(h for h in hidden if h.kind == "finding")
    assert secret.id not in keys(window)
    notices = [s for s in window.slides if "not shown" in words(s)]
    assert notices
    laptop.presenter.reveal_menu.aboutToShow.emit()
    action = next(a for a in laptop.presenter.reveal_menu.actions() if a.data() == secret.id)
    action.trigger()
    assert secret.id in keys(window)
    assert len(window.deck.hidden) == len(hidden) - 1
    laptop.presenter.hide_action.trigger()
    assert secret.id not in keys(window)


def test_pseudonymised_names(laptop, qtbot):
    window = present(laptop, qtbot)
    before = " ".join(words(s) for s in window.slides)
    laptop.presenter.pseudonymise_action.setChecked(True)
    after = " ".join(words(s) for s in window.slides)
    assert window.pseudonymise and before != after


def test_the_timer_in_the_corner_and_its_slide(laptop, qtbot):
    window = present(laptop, qtbot)
    window.go(1)
    plain = words(window.view.slide)
    laptop.presenter.start_timer(45)
    assert window.current().key == "timer"
    assert "45:00" in words(window.view.slide) or "44:59" in words(window.view.slide)
    window.go(1)
    corner = words(window.view.slide)
    assert corner != plain and ("45:00" in corner or "44:59" in corner)
    window.timer_end -= 65  # a minute later
    window._tick()
    assert "43:5" in words(window.view.slide)
    assert laptop.presenter.stop_timer_action.isEnabled()
    laptop.presenter.stop_timer_action.trigger()
    assert words(window.view.slide) == plain
    assert "timer" not in {s.key for s in window.slides}


def test_the_dark_theme(laptop, qtbot):
    window = present(laptop, qtbot)
    light = grab(window).pixelColor(3, 3)
    laptop.presenter.theme_actions["dark"].trigger()
    dark = grab(window).pixelColor(3, 3)
    assert light.lightness() > 200 and dark.lightness() < 60


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=["1920x1080", "1024x768"])
def test_type_sizes_painted_meet_the_floor(laptop, qtbot, size):
    window = present(laptop, qtbot)
    window.showNormal()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.view.size().height() == size[1])
    height = size[1]
    sizes = window.view
    for index in range(len(window.slides)):
        window.go(index)
        window.view.grab()  # painted
        assert sizes.used_sizes, window.current().key
        for pixels, _bold, model in sizes.used_sizes:
            # what the model calls a title is drawn at 1/20 and above, the rest at 1/34
            floor = height / 20 if model >= 1 / 20 else height / 34
            assert pixels >= floor - 0.5, (window.current().key, pixels, model)
        assert max(p for p, _b, _m in sizes.used_sizes) >= height / 20


def test_present_from_the_command_line(qtbot, demo_file: Path, monkeypatch):
    from idg_desktop.ui import app

    shown = {}

    def run(self):
        main = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        qtbot.waitUntil(lambda: main.presenter.window is not None)
        shown["slide"] = main.presenter.window.current().kind
        main.close()
        return 0

    qapp = QApplication.instance()
    style, names = qapp.style().name(), (qapp.applicationName(), qapp.organizationName())
    monkeypatch.setattr(type(qapp), "exec", run)
    try:
        assert app.main([str(demo_file), "--present"]) == 0
    finally:  # main() sets the style and names of the one application the tests share
        qapp.setStyle(style)
        qapp.setApplicationName(names[0])
        qapp.setOrganizationName(names[1])
    assert shown["slide"] == SlideKind.TITLE


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_every_slide_kind(laptop, qtbot, theme):
    """Every slide kind drawn at 1920x1080 in both themes; saved as PNGs to look
    at when ``IDG_SCREENSHOTS`` names a folder."""
    folder = Path(os.environ["IDG_SCREENSHOTS"]) if os.environ.get("IDG_SCREENSHOTS") else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    window = present(laptop, qtbot)
    window.showNormal()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.view.height() == 1080)
    window.set_theme(theme)
    window.start_timer(45)
    seen = {}
    for index in range(len(window.slides)):
        window.go(index)
        kind = window.current().kind
        if seen.get(kind, 0) >= 2:
            continue
        seen[kind] = seen.get(kind, 0) + 1
        image = grab(window)
        assert not image.isNull() and image.width() == 1920
        if folder is not None:
            image.save(str(folder / f"slide-{theme}-{index:02d}-{kind}.png"))


TWO_SCREENS = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from idg_desktop.ui.main_window import MainWindow
main = MainWindow()
main.setGeometry(100, 100, 1200, 700)  # on the laptop's screen
main.show()
QTest.qWaitForWindowExposed(main)
assert main.open_path(sys.argv[1])
QTest.keyClick(main, Qt.Key.Key_F5)
window = main.presenter.window
QTest.qWait(50)
print("laptop", main.screen().name())
print("presenting", window.screen().name(), window.geometry().width(), window.geometry().height())
print("active", "laptop" if QApplication.activeWindow() is main else "projector")
main.presenter.present_on("laptop")  # View > Presentation > Present on > laptop
QTest.qWait(50)
print("chosen", window.screen().name(), window.geometry().width(), window.geometry().height())
main.presenter.stop()
main.close()
"""


def test_two_screens_the_projector_is_the_one_that_is_not_the_laptops(demo_file, tmp_path):
    """Qt's offscreen platform given two screens (its JSON configuration), in
    a process of its own: the presentation goes full screen on the projector."""
    import json
    import subprocess
    import sys

    screens = {
        "synchronousWindowSystemEvents": True,
        "windowFrameMargins": False,
        "screens": [
            {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
            {
                "name": "projector",
                "x": 1366,
                "y": 0,
                "width": 1920,
                "height": 1080,
                "logicalDpi": 96,
            },
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
    assert lines["laptop"] == "laptop"
    assert lines["presenting"] == "projector 1920 1080"
    assert lines["active"] == "laptop"  # the editor keeps its keys; the clicker's go across
    assert lines["chosen"] == "laptop 1366 768"


def test_one_screen_the_presentation_covers_it(laptop, qtbot):
    window = present(laptop, qtbot)
    assert len(QApplication.screens()) == 1
    assert window.screen() is laptop.screen()
    assert window.geometry() == laptop.screen().geometry()


def test_the_laptop_status_names_the_finding_shown_and_the_next(laptop, qtbot):
    window = present(laptop, qtbot)
    window.go_to_key(
        "finding:"
        + next(s.record_id for s in window.slides if s.record_id and s.kind == SlideKind.FINDING)
    )
    status = laptop.presenter.status.text()
    assert f"Presenting: {window.index + 1}/" in status
    assert "finding 1 of" in status.split(" — next:")[0]
    assert status.split(" — next: ")[1].startswith(window.next_slide().title)


def test_a_dialog_on_the_laptop_keeps_its_escape(laptop, qtbot):
    from PySide6.QtWidgets import QDialog

    window = present(laptop, qtbot)
    dialog = QDialog(laptop)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert laptop.presenter.window is window  # still presenting


def test_the_reveal_menu_names_what_it_reveals(laptop, qtbot):
    """With two screens (the room does not see the laptop's) the facilitator
    sees which finding each item is."""
    window = present(laptop, qtbot)
    laptop.presenter.decide.action.trigger()  # "the room sees this screen": no
    assert not laptop.presenter.room_sees_laptop()
    laptop.presenter.reveal_menu.aboutToShow.emit()
    texts = [a.text() for a in laptop.presenter.reveal_menu.actions() if a.data()]
    assert len(texts) == len(window.deck.hidden)
    secret = next(f for f in window.source.findings if f.confidential)
    assert any(secret.text.split()[0] in t for t in texts)


def test_a_projector_unplugged_the_presentation_goes_to_the_screen_left(laptop, qtbot):
    from idg_desktop.ui.presentation.window import projector_screen

    window = present(laptop, qtbot)
    laptop.presenter.present_on("HDMI-gone")  # chosen, then unplugged
    assert projector_screen(laptop.screen(), "HDMI-gone") is laptop.screen()
    window.showNormal()
    laptop.presenter._screens_changed(laptop.screen())  # what screenRemoved calls
    qtbot.waitUntil(window.isFullScreen)
    assert window.screen() is laptop.screen()


def test_the_menus_letters_are_unique(laptop, qtbot):
    """View and View ▸ Presentation (and its submenus, filled): no Alt+letter twice."""
    import re

    def letters(menu):
        menu.aboutToShow.emit()
        found = [
            m.group(1).lower()
            for a in menu.actions()
            if (m := re.search(r"&([^&\s])", a.text().replace("&&", "")))
        ]
        assert len(found) == len(set(found)), [a.text() for a in menu.actions()]
        for action in menu.actions():
            if action.menu() is not None:
                letters(action.menu())

    present(laptop, qtbot)
    view = next(a.menu() for a in laptop.menuBar().actions() if a.text() == "&View")
    letters(view)


def test_the_screen_saver_is_held_off_while_presenting(laptop, qtbot):
    calls = []

    def hold(reason):
        calls.append(("hold", reason))
        return lambda: calls.append(("release", ""))

    laptop.presenter.awake._hold = hold
    window = present(laptop, qtbot)
    assert [c for c, _ in calls] == ["hold"] and calls[0][1]
    qtbot.keyClick(window, Qt.Key.Key_F5)  # again: held once
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: laptop.presenter.window is None)
    assert [c for c, _ in calls] == ["hold", "release"]


def test_keep_awake_survives_a_failing_os_call():
    from idg_desktop.ui.presentation.awake import KeepAwake, platform_hold

    def broken(_reason):
        raise OSError("no screen saver service")

    awake = KeepAwake(broken)
    awake.hold("x")
    awake.release()
    assert not awake.held
    assert callable(platform_hold())


def test_slides_are_drawn_once_and_the_next_one_ahead(laptop, qtbot):
    """Each slide is drawn once into a pixmap and kept; the next one is drawn
    while the room reads the current one; a change shows at once, never a
    stale picture."""
    window = present(laptop, qtbot)
    view = window.view
    window.go(1)
    following = window.next_slide()
    qtbot.waitUntil(lambda: any(key[0] == following for key in view._drawn))
    before = grab(window)
    window.forward()
    assert view.base == following and grab(window) != before
    # A decision on the laptop changes the finding's slide: drawn anew, not the kept one.
    finding = next(i for i, s in enumerate(window.slides) if s.kind == SlideKind.FINDING)
    window.go(finding)
    shown = grab(window)
    record = window.current().record_id
    status = window.current().status
    new = "rejected" if status != "rejected" else "agreed"
    workspace = laptop.workspace
    workspace.run("Decide", lambda: decide_finding(workspace.document, record, new))
    assert window.current().status == new
    assert grab(window) != shown
