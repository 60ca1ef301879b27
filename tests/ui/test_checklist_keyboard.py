"""The Checklist from the keyboard and on a laptop's screen: Tab follows the
screen's order through Figure 5 (each question's choice, then Not applicable),
the arrow keys choose (and the choice is saved), and neither the tree nor the
rating buttons move as answers come in; names stay readable, the search box
has a useful width."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from idg_desktop.services import answers
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.main_window import MainWindow
from idg_desktop.ui.models.checklist_model import COL_TITLE


def settle() -> None:
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


@pytest.fixture
def window(qtbot, demo_file: Path):
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_path(demo_file)
    yield main
    main.close_assessment()


def stored(path: Path, qid: str):
    with AssessmentDocument.open(path, read_only=True) as document:
        answer = answers.answer_for(document, qid)
        history = answers.answer_history(document, answer) if answer else []
        if answer is None:
            return None, None, 0
        ladder = (answer.measure_exists, answer.measure_applied, answer.measure_effective)
        return answer.rating, ladder, len(history)


def focused():
    widget = QApplication.focusWidget()
    return widget.accessibleName() if widget is not None else None


def press(qtbot, key) -> str:
    qtbot.keyClick(QApplication.focusWidget(), key)
    settle()
    return focused()


def test_tab_follows_figure_5_and_the_keyboard_alone_answers(window, qtbot, demo_file):
    page = window.show_page("checklist")
    page.select_question("HR-3")  # not answered in the demo
    settle()
    assert stored(demo_file, "HR-3")[0] is None
    page.narrative.setFocus()
    settle()
    walk = [press(qtbot, Qt.Key.Key_Tab)]
    press(qtbot, Qt.Key.Key_Space)  # there is a measure
    walk.append(press(qtbot, Qt.Key.Key_Tab))
    press(qtbot, Qt.Key.Key_Space)  # applied in practice
    walk.append(press(qtbot, Qt.Key.Key_Tab))
    walk.append(press(qtbot, Qt.Key.Key_Right))  # moving selects: "Partly"
    walk += [press(qtbot, Qt.Key.Key_Tab), press(qtbot, Qt.Key.Key_Tab)]
    assert walk == [
        "Is there a measure? Yes",
        "Is it applied in practice? Yes",
        "Is it effective? No",  # the first choice, not the one in the middle
        "Is it effective? Partly",
        "Not applicable",
        "Evidence",
    ]
    assert page.effective.value() == "partly" and not page.not_applicable.isChecked()
    assert stored(demo_file, "HR-3")[:2] == ("partially-effective", (True, True, "partly"))


def test_tab_enters_a_question_at_its_chosen_answer(window, qtbot):
    page = window.show_page("checklist")
    page.select_question("LC-1")  # effective: partly
    settle()
    page.narrative.setFocus()
    settle()
    walk = [press(qtbot, Qt.Key.Key_Tab) for _ in range(4)]
    assert walk == [
        "Is there a measure? Yes",
        "Is it applied in practice? Yes",
        "Is it effective? Partly",
        "Not applicable",
    ]


def test_arrow_keys_choose_and_save_in_one_visit(window, qtbot, demo_file):
    page = window.show_page("checklist")
    page.select_question("TR-20")
    settle()
    rating, _ladder, versions = stored(demo_file, "TR-20")
    assert (rating, page.effective.value()) == ("effective", "yes")
    page.effective.entry().setFocus()
    settle()
    assert focused() == "Is it effective? Yes"
    assert press(qtbot, Qt.Key.Key_Left) == "Is it effective? Partly"
    assert stored(demo_file, "TR-20")[:2] == ("partially-effective", (True, True, "partly"))
    assert press(qtbot, Qt.Key.Key_Up) == "Is it effective? No"
    assert press(qtbot, Qt.Key.Key_Up) == "Is it effective? No"  # the first: stays
    assert stored(demo_file, "TR-20")[:2] == ("not-effective", (True, True, "no"))
    assert stored(demo_file, "TR-20")[2] <= versions + 1  # one visit, one earlier version
    # the measure's own row: "No" closes the later questions, saved at once
    page.measure.entry().setFocus()
    assert press(qtbot, Qt.Key.Key_Right) == "Is there a measure? No"
    assert not page.applied.isEnabled() and not page.effective.isEnabled()
    assert stored(demo_file, "TR-20")[:2] == ("absent", (False, None, None))


def test_the_tree_and_the_rating_buttons_keep_their_place(window, qtbot):
    page = window.show_page("checklist")
    page.select_question("HR-1")
    settle()

    def places():
        button = page.measure.buttons[0]
        return (
            page.tree.width(),
            page.tree.columnWidth(COL_TITLE),
            button.mapTo(page, button.rect().topLeft()),
            page.chip.mapTo(page, page.chip.rect().topLeft()),
        )

    before = places()
    for qid in ("HR-3", "HR-4", "HR-5"):
        page.select_question(qid)
        settle()
        qtbot.mouseClick(page.measure.buttons[0], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.applied.buttons[0], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.effective.buttons[1], Qt.MouseButton.LeftButton)
        page.for_review.click()  # "to review" in the progress column
        settle()
        assert places() == before, qid
    # the names readable on a 1280-pixel screen, whole in their tooltip
    index = page.proxy.mapFromSource(page.model.index_of("HR-1"))
    metrics = page.tree.fontMetrics()
    assert page.tree.visualRect(index).width() >= metrics.horizontalAdvance(
        "HR-1  Are remuneration"
    )
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "reasonable standard of living" in tip
    # a search box with room for a few words
    assert page.search.width() >= page.search.fontMetrics().horizontalAdvance("x" * 24)
