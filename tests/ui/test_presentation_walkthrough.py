"""The presentation's defects found by the walkthrough of issue 13, in a real
window on the demo: the Presentation menu's actions owned by the main window
and a presentation window destroyed under the presenter let go without a
traceback; the timer slide returning to where the facilitator was, and no
countdown once the time is up; a reveal going to the item's slide and "hide
again" staying in place; View ▸ Present ticked while presenting."""

from __future__ import annotations

import shiboken6
from presenting import present, words
from PySide6.QtCore import Qt

from idg_desktop.reports.slides.model import SlideKind


def test_the_presentation_menu_is_owned_by_the_main_window(laptop):
    presenter = laptop.presenter
    actions = [
        presenter.present_action,
        presenter.hide_action,
        presenter.pseudonymise_action,
        presenter.timer_action,
        presenter.timer_slide_action,
        presenter.stop_timer_action,
        presenter.end_action,
        *presenter.theme_actions.values(),
    ]
    assert all(a.parent() is laptop for a in actions)
    menus = [presenter.menu, presenter.screens_menu, presenter.reveal_menu]
    assert all(m.parent() is laptop for m in menus)
    assert all(a in presenter.menu.actions() for a in actions[1:])


def test_a_presentation_window_destroyed_by_qt_is_let_go(laptop, qtbot):
    window = present(laptop, qtbot)
    shiboken6.delete(window)  # as a window system or the quitting application may
    laptop.presenter.update_actions()  # was: RuntimeError, C++ object already deleted
    assert laptop.presenter.window is None and laptop.presenter.filter is None
    assert not laptop.presenter.timer_action.isEnabled()
    laptop.presenter.stop()
    again = present(laptop, qtbot)  # and F5 presents again
    assert again.isFullScreen() and laptop.presenter.present_action.isChecked()


def test_view_present_is_ticked_while_presenting(laptop, qtbot):
    action = laptop.presenter.present_action
    assert action.isCheckable() and not action.isChecked()
    window = present(laptop, qtbot)
    assert action.isChecked()
    action.trigger()  # chosen again: back to the presentation, still ticked
    assert action.isChecked() and laptop.presenter.window is window
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: laptop.presenter.window is None)
    assert not action.isChecked()


def test_the_timer_slide_returns_to_where_the_facilitator_was(laptop, qtbot):
    window = present(laptop, qtbot)
    window.go(5)
    was = window.current().key
    laptop.presenter.start_timer(45)
    assert window.current().key == "timer"
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert window.current().key == was
    window.go(8)
    was = window.current().key
    laptop.presenter.timer_slide_action.trigger()  # View ▸ Presentation ▸ Show the timer slide
    assert window.current().key == "timer"
    qtbot.keyClick(window, Qt.Key.Key_Right)  # leaving it either way
    assert window.current().key == was
    laptop.presenter.timer_slide_action.trigger()
    laptop.presenter.stop_timer_action.trigger()  # the slide goes: back as well
    assert window.current().key == was


def test_no_countdown_once_the_time_is_up(laptop, qtbot):
    window = present(laptop, qtbot)
    window.go(3)
    plain = words(window.view.slide)
    laptop.presenter.start_timer(1)
    window.timer_end -= 120  # two minutes later
    window._tick()
    assert window.current().key == "timer" and "Time is up" in words(window.view.slide)
    assert not window.ticker.isActive()
    window.go(3)
    assert words(window.view.slide) == plain  # no "00:00" in the corner
    assert laptop.presenter.stop_timer_action.isEnabled()


def test_a_reveal_goes_to_its_slide_and_hiding_again_stays(laptop, qtbot):
    window = present(laptop, qtbot)
    secret = next(h for h in window.deck.hidden if h.kind == "finding")
    laptop.presenter.reveal_menu.aboutToShow.emit()
    action = next(a for a in laptop.presenter.reveal_menu.actions() if a.data() == secret.id)
    action.trigger()
    assert window.current().key.split("#")[0] == secret.id
    assert "Confidential — shown by the facilitator" in words(window.view.slide)
    at = window.index
    before = window.slides[at - 1].key
    laptop.presenter.hide_action.trigger()
    assert window.current().key == before  # the slide before it, not the one after
    assert window.index == at - 1


def test_revealing_an_answer_shows_its_section(laptop, qtbot):
    window = present(laptop, qtbot)
    answer = next(h for h in window.deck.hidden if h.kind == "answer")
    window.reveal(answer.id)
    assert window.current().kind == SlideKind.SECTION
    assert window.current().record_id == answer.where
    plan = next(h for h in window.deck.hidden if h.kind == "plan")
    window.reveal(plan.id)
    assert window.current().kind == SlideKind.PLAN
