"""The Working groups page: building groups by buttons, drag and drop through
the models, the keyboard path, warnings that follow the fixes, undo, the
automatic allocation, and what ends up in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from idg_desktop.errors import InvalidInput
from idg_desktop.services import groups, participants
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.services.participants import ParticipantData
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.allocate_dialog import AllocateDialog
from idg_desktop.ui.models.groups_model import MIME_TYPE, BoardListModel, decode
from idg_desktop.ui.pages.groups_page import GroupsPage
from idg_desktop.ui.workspace import Workspace

PEOPLE = [
    ("Ahmed Saleh", "male", "contributor", "Internal audit", False),
    ("Bruno Keller", "male", "contributor", "Customs IT", True),
    ("Chloé Martin", "female", "rapporteur", "Human resources", False),
    ("Dana Wu", "female", "contributor", "Legal affairs", False),
    ("Emil Novak", "male", "contributor", "Risk analysis", False),
    ("Fatima Diallo", "female", "external-facilitator", "Integrity assessment", True),
]

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def people_file(new_file: Path) -> Path:
    document = AssessmentDocument.open(new_file)
    for name, gender, role, expertise, external in PEOPLE:
        participants.add_participant(
            document,
            ParticipantData(
                name=name, gender=gender, role=role, expertise=expertise, external=external
            ),
        )
    document.close()
    return new_file


@pytest.fixture
def open_page(qtbot):
    """Open a file in a workspace and show its Working groups page at 1600×1000."""
    opened: list[Workspace] = []

    def open_(path: Path) -> tuple[Workspace, GroupsPage]:
        workspace = Workspace(AssessmentDocument.open(path))
        opened.append(workspace)
        page = GroupsPage(workspace)
        qtbot.addWidget(page)
        page.resize(1600, 1000)
        page.show()
        qtbot.waitExposed(page)
        return workspace, page

    yield open_
    for workspace in opened:
        if workspace.document.session.is_active:
            workspace.close()


def texts(model: BoardListModel) -> list[str]:
    """Section codes or participant names, as the list shows them."""
    return [model.item(row).short for row in range(model.rowCount())]


def drag(source: BoardListModel, names: list[str], target: BoardListModel) -> bool:
    """Drag rows by name from one list's model onto another's, as a drop does."""
    rows = [texts(source).index(name) for name in names]
    mime = source.mimeData([source.index(row) for row in rows])
    assert target.canDropMimeData(mime, MOVE, -1, -1, QModelIndex())
    return target.dropMimeData(mime, MOVE, -1, -1, QModelIndex())


def select(view, names: list[str]) -> None:
    model = view.board
    view.clearSelection()
    for name in names:
        view.selectionModel().select(
            model.index(texts(model).index(name)),
            view.selectionModel().SelectionFlag.Select,
        )


def answers(monkeypatch: pytest.MonkeyPatch, method: str, *values: object) -> list[tuple]:
    """Make ``QInputDialog.<method>`` return ``values`` in turn; returns the calls."""
    calls: list[tuple] = []
    queue = list(values)

    def fake(*args, **kwargs):
        calls.append(args)
        return queue.pop(0)

    monkeypatch.setattr(QInputDialog, method, fake)
    return calls


def test_groups_are_built_by_buttons_drag_and_drop_and_keyboard(
    qtbot, monkeypatch, people_file, open_page
):
    workspace, page = open_page(people_file)
    pool = page.cards[0]
    assert pool.group_id is None
    assert len(texts(pool.sections)) == len(sections_in_scope(workspace.document)) == 14
    assert texts(pool.members) == [name for name, *_ in PEOPLE]  # everyone, facilitator too
    assert not page.rename_button.isEnabled() and not page.move_button.isEnabled()

    answers(monkeypatch, "getText", ("Leadership", True), ("People", True))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.card_named("People") is not None)
    lead, team = page.card_named("Leadership"), page.card_named("People")
    assert page.current_card is team and page.rename_button.isEnabled()
    assert not page.warning.isHidden()
    assert "No rapporteur yet: Leadership, People." in page.warning.text()
    assert "Sections in scope with no working group: LC, RF" in page.warning.text()

    steps = workspace.undo_stack.count()
    assert drag(pool.sections, ["LC"], lead.sections)
    assert texts(lead.sections) == ["LC"] and "LC" not in texts(pool.sections)
    assert workspace.undo_stack.count() == steps + 1
    assert workspace.undo_stack.undoText() == "Move LC to Leadership"

    # Two men in one drop: one undo step, and the one-gender warning appears.
    assert drag(pool.members, ["Ahmed Saleh", "Bruno Keller"], lead.section_list.board)
    assert workspace.undo_stack.count() == steps + 2
    assert texts(lead.members) == ["Ahmed Saleh", "Bruno Keller"]
    assert "Members of one gender only: Leadership." in page.warning.text()
    assert "One gender only" in lead.alert.text() and not lead.alert.isHidden()
    assert lead.counts.text() == "Members: 2 · Women: 0 · Men: 2\nInternal: 1 · External: 1"
    # Dropping a list on its own column is refused.
    mime = lead.members.mimeData([lead.members.index(0)])
    assert not lead.members.canDropMimeData(mime, MOVE, -1, -1, QModelIndex())

    assert drag(pool.members, ["Chloé Martin"], lead.members)
    assert "one gender" not in page.warning.text()
    assert lead.counts.text().startswith("Members: 3 · Women: 1 · Men: 2")

    select(lead.member_list, ["Chloé Martin"])
    assert page.current_list is lead.member_list and page.rapporteur_button.isEnabled()
    qtbot.mouseClick(page.rapporteur_button, Qt.MouseButton.LeftButton)
    chloe = lead.members.item(texts(lead.members).index("Chloé Martin"))
    assert chloe.rapporteur
    assert "No rapporteur yet: People." in page.warning.text()
    assert lead.alert.isHidden()
    assert lead.member_list.selected_rows() == [texts(lead.members).index("Chloé Martin")]
    assert not page.rapporteur_button.isEnabled()  # already the rapporteur

    # Every remaining section to People in one drop: the section warning goes.
    assert drag(pool.sections, texts(pool.sections), team.sections)
    assert pool.sections.rowCount() == 0 and len(texts(team.sections)) == 13
    assert "Sections in scope" not in page.warning.text()

    # Keyboard: select in the pool, Move to… asks where.
    select(pool.member_list, ["Dana Wu"])
    assert page.move_button.isEnabled()
    asked = answers(monkeypatch, "getItem", ("People", True))
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    assert asked[0][3] == ["Leadership", "People"]
    assert texts(team.members) == ["Dana Wu"]
    assert team.member_list.selected_rows() == [0]  # the moved item stays selected
    qtbot.mouseClick(page.rapporteur_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.warning.isHidden)

    # The context menu offers the same moves (and Unallocated from a group).
    select(lead.member_list, ["Ahmed Saleh"])
    menu = page.context_menu_for(lead.member_list)
    entries = [action.text() for action in menu.actions()]
    assert entries == ["Move to", "Set as rapporteur", "", "Rename group…", "Remove group"]
    assert [a.text() for a in menu.actions()[0].menu().actions()] == ["Unallocated", "People"]

    # Delete sends the selection back to Unallocated; undo brings it back.
    lead.member_list.setFocus()
    qtbot.waitUntil(lead.member_list.hasFocus)
    qtbot.keyClick(lead.member_list, Qt.Key.Key_Delete)
    assert "Ahmed Saleh" in texts(pool.members)
    workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: "Ahmed Saleh" in texts(lead.members))

    # Undo reverts a drop, redo does it again.
    assert drag(pool.members, ["Emil Novak"], team.members)
    workspace.undo_stack.undo()
    qtbot.waitUntil(lambda: "Emil Novak" in texts(pool.members))
    assert texts(team.members) == ["Dana Wu"]
    workspace.undo_stack.redo()
    qtbot.waitUntil(lambda: texts(team.members) == ["Dana Wu", "Emil Novak"])

    page.select_group(team.group_id)
    answers(monkeypatch, "getText", ("People and culture", True))
    qtbot.mouseClick(page.rename_button, Qt.MouseButton.LeftButton)
    assert team.title.text() == "People and culture" and page.card_named("People and culture")

    path = workspace.path
    workspace.close()
    with AssessmentDocument.open(path, read_only=True) as document:
        saved = {
            g.name: (
                groups.group_sections(document, g),
                [p.name for p in groups.group_members(document, g)],
                g.rapporteur_id and participants.find_participant(document, g.rapporteur_id).name,
            )
            for g in groups.list_groups(document)
        }
    assert saved == {
        "Leadership": (["LC"], ["Ahmed Saleh", "Bruno Keller", "Chloé Martin"], "Chloé Martin"),
        "People and culture": (
            [s for s in texts(team.sections)],
            ["Dana Wu", "Emil Novak"],
            "Dana Wu",
        ),
    }


def test_removing_a_group_sends_its_work_back_to_unallocated(
    qtbot, monkeypatch, people_file, open_page
):
    _workspace, page = open_page(people_file)
    answers(monkeypatch, "getText", ("Solo", True))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    solo = page.card_named("Solo")
    assert drag(page.cards[0].members, ["Dana Wu"], solo.members)
    assert drag(page.cards[0].sections, ["TR"], solo.sections)
    asked: list[tuple] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a) or QMessageBox.StandardButton.Yes
    )
    page.select_group(solo.group_id)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert asked and "Solo" in asked[0][2]
    qtbot.waitUntil(lambda: len(page.cards) == 1)
    assert "Dana Wu" in texts(page.cards[0].members) and "TR" in texts(page.cards[0].sections)
    assert page.current_card is None and not page.remove_button.isEnabled()


def test_automatic_allocation_gives_every_section_a_group(
    qtbot, monkeypatch, people_file, open_page
):
    workspace, page = open_page(people_file)
    answers(monkeypatch, "getText", ("Early group", True))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert drag(page.cards[0].members, ["Emil Novak"], page.card_named("Early group").members)
    seen: list[tuple] = []

    def allocate_three(dialog: AllocateDialog) -> int:
        spin = dialog.count
        seen.append(
            (spin.value(), spin.minimum(), spin.maximum(), dialog.replaces.isVisibleTo(dialog))
        )
        spin.setValue(3)
        dialog.allocate_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AllocateDialog, "exec", allocate_three)
    steps = workspace.undo_stack.count()
    qtbot.mouseClick(page.allocate_button, Qt.MouseButton.LeftButton)
    # default 3, at least the existing groups, at most 14; it says it replaces them
    assert seen == [(3, 1, 14, True)]
    assert workspace.undo_stack.count() == steps + 1
    qtbot.waitUntil(lambda: len(page.cards) == 4)
    assert [c.name for c in page.cards[1:]] == ["Early group", "Group 1", "Group 2"]
    assert page.cards[0].sections.rowCount() == 0
    allocated = sorted(code for card in page.cards[1:] for code in texts(card.sections))
    assert allocated == sorted(s.code for s in sections_in_scope(workspace.document))
    # The external facilitator stays out of the groups, and so in the pool.
    assert texts(page.cards[0].members) == ["Fatima Diallo"]
    assert "Sections in scope" not in page.warning.text()


def test_the_models_pass_the_qt_model_tester(qtmodeltester, demo_file, open_page):
    _workspace, page = open_page(demo_file)
    assert len(page.cards) == 5
    for card in page.cards:
        for model in (card.sections, card.members):
            qtmodeltester.check(model)
    group = page.cards[1]
    payload = decode(group.members.mimeData([group.members.index(0), group.members.index(1)]))
    assert payload is not None and payload["from"] == group.group_id
    assert [item["kind"] for item in payload["items"]] == ["participant", "participant"]
    assert group.members.mimeTypes() == [MIME_TYPE]


def test_screenshot_of_the_demo_board(qtbot, demo_file, open_page, tmp_path):
    _workspace, page = open_page(demo_file)
    qtbot.waitUntil(lambda: page.cards[1].members.rowCount() == 4)
    assert page.warning.isHidden()  # the demo's allocation is sound
    target = tmp_path / "groups-page.png"
    assert page.grab().save(str(target))
    assert target.stat().st_size > 10_000


def test_board_services_rename_move_and_links(people_file):
    with AssessmentDocument.open(people_file) as document:
        first = groups.add_group(document, "First", ["LC"], ["Chloé Martin"])
        groups.add_group(document, "Second")
        assert first.rapporteur_id is not None  # Chloé has the rapporteur role
        with pytest.raises(InvalidInput):
            groups.rename_group(document, "First", "second")
        groups.rename_group(document, "First", "  Leaders  ")
        assert groups.find_group(document, "leaders").id == first.id
        moved = groups.move_to_group(document, "Second", ["LC", "RF"], ["Chloé Martin"])
        assert moved == 3
        second = groups.find_group(document, "Second")
        chloe = participants.find_participant(document, "Chloé Martin")
        links = groups.group_links(document)
        assert links.sections == {"LC": second.id, "RF": second.id}
        assert links.members == {chloe.id: second.id}
        # she left the group she reported for; a snapshot is frozen, the file is read again
        assert first.rapporteur_id is not None
        assert groups.find_group(document, first.id).rapporteur_id is None
        # The long-lived session sees the move (collections were refreshed).
        assert [p.name for p in groups.group_members(document, second)] == ["Chloé Martin"]
        assert groups.group_sections(document, second) == ["LC", "RF"]
        assert groups.move_to_group(document, "Second", ["LC"]) == 0
        assert groups.move_to_group(document, None, ["LC"], ["Chloé Martin"]) == 2
        links = groups.group_links(document)
        assert links.sections == {"RF": second.id} and links.members == {}
        assert groups.group_members(document, second) == []


def test_a_drop_on_the_list_view_moves_the_item(qtbot, demo_file, open_page):
    """The view's own drop handling (what a mouse drag ends in) reaches the model."""
    workspace, page = open_page(demo_file)
    pool, group = page.cards[0], page.cards[1]
    mime = pool.members.mimeData([pool.members.index(0)])
    viewport = group.member_list.viewport()
    point = viewport.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, MOVE, mime, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted() and group.member_list.property("dropTarget")
    QApplication.sendEvent(viewport, QDragMoveEvent(point, MOVE, mime, buttons, keys))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), MOVE, mime, buttons, keys))
    assert "Amara Okonkwo-Lindgren" in texts(group.members)
    assert workspace.undo_stack.count() == 1 and not group.member_list.property("dropTarget")


def test_before_allocation_the_unallocated_sections_show_one_row_each(people_file, open_page):
    """Every section of the pool is on screen, one row each: not two rows and a
    scroll bar (the section lists were sized from the groups' lists alone)."""
    _workspace, page = open_page(people_file)
    pool = page.cards[0]
    view = pool.section_list
    assert pool.sections.rowCount() == 14
    shown = view.viewport().rect()
    rows = [view.visualRect(pool.sections.index(row)) for row in range(14)]
    assert all(shown.contains(rect) for rect in rows), [
        row for row, rect in enumerate(rows) if not shown.contains(rect)
    ]
    assert len({rect.top() for rect in rows}) == 14
    assert not view.verticalScrollBar().isVisible()


def test_four_groups_fit_a_1366x768_laptop_without_a_sideways_scroll(qtbot, people_file, tmp_path):
    from PySide6.QtWidgets import QScrollArea

    from idg_desktop.ui.main_window import MainWindow

    with AssessmentDocument.open(people_file) as document:
        groups.auto_allocate(document, 4)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(people_file)
    page = window.show_page("groups")
    qtbot.waitUntil(lambda: len(page.cards) == 5)
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    (board,) = [s for s in page.findChildren(QScrollArea) if s.widget() is not None]
    assert board.horizontalScrollBar().maximum() == 0
    assert not board.horizontalScrollBar().isVisible()
    for card in page.cards:
        assert board.viewport().rect().contains(card.mapTo(board.viewport(), card.rect().topLeft()))
        assert (
            card.mapTo(board.viewport(), card.rect().bottomRight()).x() <= board.viewport().width()
        )
    assert window.grab().save(str(tmp_path / "groups-1366.png"))
    window.close_assessment()


#: Name, gender, role, expertise: words not copied from the section titles.
SUBJECTS = [
    ("Amina Odhiambo", "female", "contributor", "internal investigations officer"),
    ("Ben Okafor", "male", "rapporteur", "ASYCUDA system administrator"),
    ("Carla Ruiz", "female", "rapporteur", "payroll and recruitment"),
    ("David Mensah", "male", "rapporteur", "tariff classification"),
    ("Eva Lind", "female", "contributor", "freight forwarders liaison"),
    ("Femi Ade", "male", "contributor", "press office spokesperson"),
    ("Grace Tan", "female", "contributor", "ethics and discipline"),
    ("Hugo Stein", "male", "rapporteur", "fraud investigator"),
    ("Observer One", "female", "observer", "internal audit"),
]


def test_the_allocation_dialog_says_who_goes_where_and_why_before_and_after(
    qtbot, monkeypatch, new_file, open_page, tmp_path
):
    with AssessmentDocument.open(new_file) as document:
        for name, gender, role, expertise in SUBJECTS:
            participants.add_participant(
                document,
                ParticipantData(name=name, gender=gender, role=role, expertise=expertise),
            )
    workspace, page = open_page(new_file)
    seen: dict[str, object] = {}

    def table(dialog: AllocateDialog) -> dict[str, tuple[str, str]]:
        rows = {}
        for row in range(dialog.table.rowCount()):
            person, group, why = (dialog.table.item(row, c).text() for c in range(3))
            rows[person] = (group, why)
        return rows

    def look_then_allocate(dialog: AllocateDialog) -> int:
        dialog.resize(900, 560)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert [dialog.table.horizontalHeaderItem(c).text() for c in range(3)] == [
            "Person",
            "Group",
            "Why",
        ]
        dialog.count.setValue(2)
        assert {group for group, _why in table(dialog).values()} == {
            "Group 1",
            "Group 2",
            "Not in a group",
        }
        dialog.count.setValue(4)
        seen["before"] = table(dialog)
        seen["unchanged"] = groups.list_groups(workspace.document) == []
        assert dialog.grab().save(str(tmp_path / "allocate-preview.png"))
        dialog.allocate_button.click()
        seen["after"] = table(dialog)
        seen["status"] = dialog.status.text()
        assert dialog.grab().save(str(tmp_path / "allocate-done.png"))
        assert not dialog.allocate_button.isEnabled()
        dialog.close_button.click()
        return dialog.result()

    monkeypatch.setattr(AllocateDialog, "exec", look_then_allocate)
    qtbot.mouseClick(page.allocate_button, Qt.MouseButton.LeftButton)
    before, after = seen["before"], seen["after"]
    assert seen["unchanged"], "the preview changed the file"
    assert before == after
    assert "Allocated as shown" in str(seen["status"])
    assert before["Amina Odhiambo"][1] == (
        "Audit and Investigation: expertise 'internal investigations officer'"
    )
    assert before["Ben Okafor"][1].startswith(
        "Automation: expertise 'ASYCUDA system administrator'"
    )
    assert before["Carla Ruiz"][1].startswith("Human Resource Management: expertise 'payroll")
    assert before["Observer One"] == ("Not in a group", "Observer: runs or watches the workshop")
    assert workspace.undo_stack.count() == 1
    qtbot.waitUntil(lambda: len(page.cards) == 5)
    workspace.close()
    with AssessmentDocument.open(new_file, read_only=True) as document:
        holder = {}
        where = {}
        for group in groups.list_groups(document):
            for code in groups.group_sections(document, group):
                holder[code] = group.name
            for person in groups.group_members(document, group):
                where[person.name] = group.name
        assert groups.balance_warnings(document) == []
    expected = {
        "Amina Odhiambo": "AI",
        "Ben Okafor": "AU",
        "Carla Ruiz": "HR",
        "David Mensah": "RF",
        "Eva Lind": "PS",
        "Femi Ade": "MS",
        "Grace Tan": "CC",
        "Hugo Stein": "AI",
    }
    assert {name: holder[code] for name, code in expected.items()} == {
        name: where[name] for name in expected
    }
    assert {name: group for name, (group, _why) in after.items()} == {
        **where,
        "Observer One": "Not in a group",
    }
