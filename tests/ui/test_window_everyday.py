"""Everyday things of the window (issue 11): it opens inside the laptop's screen
and comes back where it was left; File ▸ Open recent by workshop title; the
participants import starts in the assessment's folder; the status bar says
nothing about saving with no file open; Ctrl+0 brings back the normal size;
Help ▸ IDG Workshop guide (F1) opens at the part of the page shown."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from idg_desktop.ui.main_window import PAGES, MainWindow, page_title
from idg_desktop.ui.settings import DEFAULT_POINT_SIZE, WindowSettings


def _window(qtbot, size=None) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    if size is None:
        window.place_on_screen()
    else:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # keys go to the active window, as a user's do
    qtbot.waitUntil(window.isActiveWindow)
    return window


# -- the window's size and place -------------------------------------------------------


@pytest.mark.parametrize(
    "available, expected",
    [
        # a 1366x768 laptop with a 40-pixel taskbar: the whole height, no more
        (QRect(0, 0, 1366, 728), (1280, 688)),
        # a large screen: 1280x800, centred
        (QRect(0, 0, 1920, 1040), (1280, 800)),
        # a small netbook: the available area less the frame
        (QRect(0, 0, 1024, 560), (1008, 520)),
    ],
)
def test_the_first_size_fits_the_screens_available_area(available, expected):
    from idg_desktop.ui.placement import FRAME_GUESS, first_geometry

    rect = first_geometry(available, FRAME_GUESS)
    assert (rect.width(), rect.height()) == expected
    assert available.contains(rect.marginsAdded(FRAME_GUESS))


def test_the_window_first_opens_inside_the_screen(qtbot):
    window = _window(qtbot)
    available = window.screen().availableGeometry()  # 800x800 offscreen: smaller than 1280x800
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    assert window.width() >= available.width() - 20  # as wide as the screen allows
    window.close()


def test_the_size_and_place_are_remembered_and_kept_on_the_screen(qtbot):
    first = _window(qtbot)
    first.setGeometry(8, 50, 760, 680)
    qtbot.waitUntil(lambda: first.width() == 760)
    left = first.frameGeometry()
    first.close()
    second = _window(qtbot)
    assert (second.width(), second.height()) == (760, 680)
    assert second.frameGeometry() == left
    # left larger than this screen (another monitor): brought back inside it
    second.setGeometry(300, 300, 1600, 1000)
    qtbot.waitUntil(lambda: second.width() == 1600)
    second.close()
    third = _window(qtbot)
    assert third.screen().availableGeometry().contains(third.frameGeometry())
    third.close()


# -- the status bar and the text size --------------------------------------------------


def test_with_nothing_open_the_status_bar_says_nothing_about_saving(qtbot, demo_file):
    window = _window(qtbot, (1280, 800))
    assert window.saved_label.text() == ""
    assert window.open_path(demo_file)
    assert "All changes saved" in window.saved_label.text()
    window.close_assessment()
    assert window.saved_label.text() == ""


def test_ctrl_0_returns_every_text_to_the_normal_size(qtbot, demo_file):
    window = _window(qtbot, (1280, 800))
    assert window.open_path(demo_file)
    normal = window.show_page("checklist")
    normal.select_question("LC-1")
    normal_heading = normal.question_text.font().pointSizeF()
    window.close_assessment()
    window.zoom(1.1)
    window.zoom(1.1)
    assert window.open_path(demo_file)
    checklist = window.show_page("checklist")  # built at the larger size
    checklist.select_question("LC-1")
    assert checklist.question_text.font().pointSizeF() > normal_heading
    window.view.navigation.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(DEFAULT_POINT_SIZE)
    assert WindowSettings().text_scale == 1.0
    assert checklist.question_text.font().pointSizeF() == pytest.approx(normal_heading, abs=0.05)
    assert "Normal size" in window.normal_size_action.text().replace("&", "")
    window.close_assessment()


# -- recent files ------------------------------------------------------------------------


def test_file_open_recent_lists_titles_and_paths_and_can_be_cleared(
    qtbot, demo_file, new_file, tmp_path
):
    window = _window(qtbot, (1280, 800))
    assert window.recent_actions() == []
    assert window.open_path(new_file)
    assert window.open_path(demo_file)
    window.close_assessment()
    texts = [action.text().replace("&&", "&") for action in window.recent_actions()]
    assert len(texts) == 2
    assert "Test assessment" in texts[1] and str(new_file) in texts[1]
    assert str(demo_file) in texts[0] and "demo" not in texts[0].split("—")[0].lower()
    # the start page says which workshop too, not only the file's name
    start = [
        window.start_page.recent.item(i).text() for i in range(window.start_page.recent.count())
    ]
    assert f"Test assessment\n{new_file}" in start

    # up to eight; a file no longer there is left out
    for number in range(9):
        copy = tmp_path / f"copy-{number}.idg"
        shutil.copyfile(new_file, copy)
        window.settings.add_recent(copy)
    (tmp_path / "copy-8.idg").unlink()
    paths = [action.data() for action in window.recent_actions()]
    assert len(paths) == 7 and str(tmp_path / "copy-8.idg") not in paths

    # an entry opens its file
    window.recent_actions()[0].trigger()
    assert window.workspace is not None and window.workspace.path == tmp_path / "copy-7.idg"
    window.close_assessment()

    window.clear_recent_action.trigger()
    assert window.recent_actions() == []
    assert WindowSettings().recent_files() == []
    assert window.start_page.recent.item(0).text() == "No recent assessments yet."


# -- import participants -----------------------------------------------------------------


def test_import_participants_opens_in_the_assessments_folder_then_the_last_used(
    qtbot, demo_file, tmp_path, monkeypatch
):
    from idg_desktop.ui.import_dialog import ImportParticipantsDialog

    asked = []
    answer = [""]

    def dialog(_parent, _caption, folder, _filter):
        asked.append(folder)
        return answer[0], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(ImportParticipantsDialog, "exec", lambda self: 0)
    window = _window(qtbot, (1280, 800))
    assert window.open_path(demo_file)
    page = window.show_page("participants")
    page.import_button.click()
    assert asked[-1] == str(demo_file.parent)

    lists = tmp_path / "lists"
    lists.mkdir()
    csv = lists / "people.csv"
    csv.write_text("name,unit\nA. Person,Audit\n", encoding="utf-8")
    answer[0] = str(csv)
    page.import_button.click()
    answer[0] = ""
    page.import_button.click()
    assert asked[-1] == str(lists)
    window.close_assessment()


# -- the guide -----------------------------------------------------------------------------


def _part_in_view(guide, key: str) -> bool:
    """The block holding anchor ``key`` is inside the browser's visible area."""
    browser = guide.browser
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            if key in iterator.fragment().charFormat().anchorNames():
                top = document.documentLayout().blockBoundingRect(block).top()
                offset = top - browser.verticalScrollBar().value()
                return 0 <= offset < browser.viewport().height() - 20
            iterator += 1
        block = block.next()
    return False


def test_the_guide_has_a_part_for_every_page_and_f1_opens_it(qtbot, demo_file):
    from idg_desktop.ui.help_window import GuideWindow

    guide = GuideWindow()
    qtbot.addWidget(guide)
    assert {key for key, _, _ in PAGES} | {"process", "start"} <= guide.anchors()
    text = guide.browser.toPlainText()
    for step in (
        "Establishing the scope of assessment",
        "Setting up the working group or groups",
        "Reviewing background documents",
        "Planning the integrity assessment",
        "Situational analysis",
        "Reporting",
        "Establishing priorities",
        "Adoption of the plan",
    ):
        assert step in text

    window = _window(qtbot, (1280, 800))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window._guide is not None and window._guide.isVisible())
    assert _part_in_view(window._guide, "start")
    assert window.open_path(demo_file)
    for key, _, _ in PAGES:
        window.show_page(key)
        qtbot.waitUntil(lambda k=key: window.view.current_key() == k)
        window.activateWindow()
        qtbot.keyClick(window.view.navigation, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda k=key: _part_in_view(window._guide, k))
        # the part is the page's own: its heading names the page
        heading = page_title(key)
        assert heading in guide_text_at_anchor(window._guide, key)
    window.close_assessment()
    window.close()
    assert not window._guide.isVisible()


def guide_text_at_anchor(guide, key: str) -> str:
    document = guide.browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            if key in iterator.fragment().charFormat().anchorNames():
                return block.text()
            iterator += 1
        block = block.next()
    return ""


def test_the_start_page_shows_a_long_path_whole_and_ctrl_equals_enlarges(qtbot, new_file, tmp_path):
    deep = tmp_path / ("a-folder-with-a-long-name-" * 4) / ("and-another-one-" * 4)
    deep.mkdir(parents=True)
    target = deep / "workshop.idg"
    shutil.copyfile(new_file, target)
    window = _window(qtbot, (1280, 800))
    assert window.open_path(target)
    window.close_assessment()
    recent = window.start_page.recent
    qtbot.waitUntil(lambda: recent.count() == 1 and recent.isVisible())
    rect = recent.visualItemRect(recent.item(0))
    assert rect.width() <= recent.viewport().width()
    assert rect.height() >= 3 * recent.fontMetrics().height()  # title, and the path wrapped

    before = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > before
    window.normal_size()


def test_the_guide_closes_with_escape(qtbot):
    from idg_desktop.ui.help_window import GuideWindow

    guide = GuideWindow()
    qtbot.addWidget(guide)
    guide.show()
    guide.activateWindow()
    qtbot.waitUntil(guide.isActiveWindow)
    qtbot.keyClick(guide.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not guide.isVisible())
