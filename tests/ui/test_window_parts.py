"""The Checklist, Findings and Merge pages are made of small parts (issue 12):
the answer editor and one conflict's view are widgets of their own, usable
without a page or a file, and no module of these pages is over 400 lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from idg_desktop.domain.figure5 import Evaluation
from idg_desktop.services.checklist import AnswerState, QuestionRow

UI = Path(__file__).resolve().parents[2] / "idg_desktop" / "ui"


class _Workspace:
    """What the answer editor's autosave tells the window: typed text waiting."""

    def __init__(self) -> None:
        self.typing: list[bool] = []

    def set_typing(self, on: bool) -> None:
        self.typing.append(on)


QUESTION = QuestionRow("TR-1", "TR", "I", "", "Is the code of conduct published?")


@pytest.fixture
def editor(qtbot):
    from idg_desktop.ui.pages.checklist.answer_editor import AnswerEditor

    stored = {"TR-1": AnswerState(text="As the file holds it", rating="not-assessed")}
    workspace = _Workspace()
    widget = AnswerEditor(workspace, lambda qid: stored.get(qid, AnswerState()), lambda _q: [])
    widget.edits: list[tuple[str, dict]] = []
    widget.edited.connect(lambda qid, changes: widget.edits.append((qid, changes)))
    widget.workspace = workspace
    qtbot.addWidget(widget)
    widget.resize(800, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_answer_editor_shows_an_answer_and_says_what_to_save(qtbot, editor):
    assert editor.currentWidget() is editor.placeholder
    editor.show_answer(QUESTION, "TR-1 · Transparency")
    assert editor.qid == "TR-1"
    assert editor.where.text() == "TR-1 · Transparency"
    assert editor.narrative.toPlainText() == "As the file holds it"
    assert editor.edits == []  # filling the fields is not an edit

    editor.narrative.setFocus()
    qtbot.waitUntil(editor.narrative.hasFocus)
    editor.narrative.selectAll()
    qtbot.keyClicks(editor.narrative, "Typed")
    assert editor.typing.pending and editor.workspace.typing[-1] is True
    editor.flush()
    assert editor.edits == [("TR-1", {"text": "Typed"})]
    assert editor.workspace.typing[-1] is False

    qtbot.mouseClick(editor.measure.buttons[0], Qt.MouseButton.LeftButton)
    qid, changes = editor.edits[-1]
    assert qid == "TR-1"
    assert changes["evaluation"] == Evaluation(True, None, None)
    assert editor.applied.isEnabled() and not editor.effective.isEnabled()


def test_the_answer_editor_emits_nothing_when_nothing_changed(editor):
    editor.show_answer(QUESTION)
    editor.flush()
    editor.show_answer(None)
    assert editor.currentWidget() is editor.placeholder and editor.qid is None
    assert editor.edits == []


CONFLICT = {
    "id": "c1",
    "record_type": "answer",
    "record": "TR-1",
    "section": "TR",
    "draft": "",
    "versions": [
        {"origin": "master", "content": {"text": "Ours", "rating": "effective",
                                         "measure_exists": True, "reviewed": False}},
        {"origin": "Group A", "content": {"text": "Theirs", "rating": "not-applied",
                                          "measure_exists": False, "reviewed": False}},
    ],
}  # fmt: skip


def test_one_conflict_is_a_view_of_its_own_that_collects_the_choices(qtbot):
    from idg_desktop.ui.pages.merge.conflict_view import ConflictView

    view = ConflictView()
    qtbot.addWidget(view)
    kept: list[tuple[str, str]] = []
    view.keep.connect(lambda conflict, origin: kept.append((conflict["id"], origin)))
    view.show_conflict(CONFLICT)
    assert set(view.undecided()) == {"text", "rating", "measure_exists"}  # not "reviewed"
    group = view.field_groups["rating"]
    next(b for b in group.buttons() if b.property("origin") == "Group A").setChecked(True)
    # the rating and Figure 5's answers are chosen together
    assert view.undecided() == ["text"]
    view.consolidated.setPlainText("Both, agreed")
    assert view.undecided() == []
    fields, text = view.decisions()
    assert fields == {"rating": "Group A", "measure_exists": "Group A"}
    assert text == "Both, agreed"
    view.keep_buttons[0].click()
    assert kept == [("c1", "master")]


PAGES = ("pages/checklist_page.py", "pages/findings_page.py", "pages/merge_page.py")
ALONE = ("passphrase_dialogs.py", "models/checklist_model.py")
PARTS = ("pages/checklist", "pages/findings", "pages/merge", "widgets")
SPLIT = [
    *(name for name in PAGES + ALONE if (UI / name).exists()),
    *(str(p.relative_to(UI)) for folder in PARTS for p in sorted((UI / folder).glob("*.py"))),
]


def test_the_checklist_findings_and_merge_pages_are_small_parts():
    sizes = {name: len((UI / name).read_text(encoding="utf-8").splitlines()) for name in SPLIT}
    assert {name: size for name, size in sizes.items() if size > 400} == {}
    assert (UI / "pages" / "checklist" / "answer_editor.py").exists()
    assert (UI / "pages" / "merge" / "conflict_view.py").exists()


def test_these_pages_read_no_table_themselves():
    """No ORM, no SQL, no session: they go through the services and the workspace."""
    found = {
        name: word
        for name in SPLIT
        for word in (r"sqlalchemy", r"idg_desktop\.storage", r"\bselect\(", r"\.session\b")
        if re.search(word, (UI / name).read_text(encoding="utf-8"))
    }
    assert found == {}
