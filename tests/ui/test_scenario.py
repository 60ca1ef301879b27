"""A workshop set up from nothing through the window, then reopened and checked.

Scope, 12 participants imported from an Excel file, 3 working groups, answers
with their Figure 5 evaluation, findings — every step through the real
widgets, and the file read back afterwards with a fresh connection.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from idg_desktop.services import answers, findings, groups, participants
from idg_desktop.services.assessment import assessment_of, sections_in_scope
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.ui.allocate_dialog import AllocateDialog
from idg_desktop.ui.import_dialog import ImportParticipantsDialog
from idg_desktop.ui.main_window import MainWindow
from idg_desktop.ui.new_dialog import NewAssessmentDialog

PEOPLE = [
    ("Anna Kovač", "Risk Management", "Risk analysis", "Female", "Rapporteur", "Customs", "no"),
    ("Bruno Salas", "Internal Affairs", "Investigations", "Male", "Rapporteur", "Customs", "no"),
    ("Chiara Neri", "Human Resources", "Recruitment", "Female", "Rapporteur", "Customs", "no"),
    ("Dmitri Volkov", "IT", "Customs systems", "Male", "Contributor", "Customs", "no"),
    ("Esi Owusu", "Legal", "Legislation", "Female", "Contributor", "Customs", "no"),
    (
        "Farid Haddad",
        "Border post Nord",
        "Passenger control",
        "Male",
        "Contributor",
        "Customs",
        "no",
    ),
    ("Greta Lund", "Post-clearance audit", "Audit", "Female", "Contributor", "Customs", "no"),
    (
        "Hugo Brandt",
        "Brokers' association",
        "Brokerage",
        "Male",
        "Contributor",
        "Private sector",
        "yes",
    ),
    (
        "Ines Duarte",
        "Anti-corruption agency",
        "Prevention",
        "Female",
        "Contributor",
        "Government agency",
        "yes",
    ),
    ("Jomo Kariuki", "Training", "Ethics training", "Male", "Local facilitator", "Customs", "no"),
    (
        "Karin Vos",
        "WCO",
        "Integrity",
        "Female",
        "External facilitator",
        "International organization",
        "yes",
    ),
    (
        "Luis Mendes",
        "Director General's office",
        "Management",
        "Male",
        "Senior management",
        "Customs",
        "no",
    ),
]


def _workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(
        ["Name", "Unit", "Area of expertise", "Gender", "Role", "Stakeholder type", "External"]
    )
    for row in PEOPLE:
        sheet.append(list(row))
    book.save(path)
    return path


def _click_ok(dialog) -> int:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    return 1


def test_a_workshop_from_nothing_through_the_window(qtbot, tmp_path, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    path = tmp_path / "norland-2026.idg"

    # 1. A new assessment, through the New assessment dialog's own fields.
    dialog = NewAssessmentDialog(window.settings, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title, "Integrity assessment 2026")
    qtbot.keyClicks(dialog.administration, "Norland Customs")
    dialog.file.setText(str(path))
    for code in ("SA", "CT", "MS"):
        dialog.sections[code].setChecked(False)
    _click_ok(dialog)
    assert dialog.created_path == path
    assert window.open_path(path)

    # 2. Scope: the location, typed and confirmed with Enter.
    scope = window.show_page("scope")
    scope.location.setFocus()
    qtbot.keyClicks(scope.location, "Customs Academy, Port Amber")
    qtbot.keyClick(scope.location, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: assessment_of(window.workspace.document).location == "Customs Academy, Port Amber"
    )

    # 3. Twelve participants imported from an Excel workbook, through the preview.
    page = window.show_page("participants")
    monkeypatch.setattr(ImportParticipantsDialog, "exec", _click_ok)
    page.import_file(str(_workbook(tmp_path / "participants.xlsx")))
    qtbot.waitUntil(lambda: page.model.rowCount() == 12)

    # 4. Three working groups, allocated with the board's button.
    board = window.show_page("groups")

    def allocate_three(dialog: AllocateDialog) -> int:
        dialog.count.setValue(3)
        dialog.allocate_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AllocateDialog, "exec", allocate_three)
    board.allocate()
    qtbot.waitUntil(lambda: len(groups.list_groups(window.workspace.document)) == 3)

    # 5. Answers with their evaluation, on the Checklist page.
    checklist = window.show_page("checklist")
    typed = {
        "TR-1": ("A communication unit of five staff publishes rulings weekly.", (0, 0, 2)),
        "HR-5": ("Rotation exists on paper but is not applied at Border post Nord.", (0, 1)),
        "LC-1": ("No integrity strategy has been adopted yet.", (1,)),
    }
    for qid, (text, clicks) in typed.items():
        checklist.select_question(qid)
        qtbot.waitUntil(lambda q=qid: checklist.where.text().startswith(q))
        checklist.narrative.setFocus()
        qtbot.keyClicks(checklist.narrative, text)
        for choice, button in zip(
            (checklist.measure, checklist.applied, checklist.effective), clicks, strict=False
        ):
            qtbot.mouseClick(choice.buttons[button], Qt.MouseButton.LeftButton)
        checklist.flush()
    qtbot.waitUntil(lambda: answers.answer_for(window.workspace.document, "LC-1") is not None)

    # 6. Findings, on the Findings page.
    found = window.show_page("findings")
    for section, kind_index, text, linked in (
        ("TR", 1, "Rotation is not applied at Border post Nord.", "TR-1"),
        ("LC", 2, "Adopt and publish an integrity strategy.", ""),
    ):
        found.section_filter.setCurrentIndex(found.section_filter.findData(section))
        qtbot.mouseClick(found.add_button, Qt.MouseButton.LeftButton)
        found.text.setPlainText(text)
        found.kind.setCurrentIndex(kind_index)
        found.questions.setText(linked)
        found.flush()  # as the user leaves the finding
    qtbot.waitUntil(lambda: len(findings.list_findings(window.workspace.document)) == 2)

    # 7. Close, reopen the file, and find everything.
    window.close_assessment()
    with AssessmentDocument.open(path, read_only=True) as document:
        scope_row = assessment_of(document)
        assert (scope_row.title, scope_row.administration, scope_row.location) == (
            "Integrity assessment 2026",
            "Norland Customs",
            "Customs Academy, Port Amber",
        )
        assert "SA" not in {s.code for s in sections_in_scope(document)}
        people = participants.list_participants(document)
        assert sorted(p.name for p in people) == sorted(row[0] for row in PEOPLE)
        hugo = next(p for p in people if p.name == "Hugo Brandt")
        assert (hugo.stakeholder, hugo.external, hugo.role) == (
            "private-sector",
            True,
            "contributor",
        )
        made = groups.list_groups(document)
        assert len(made) == 3
        allocated = sorted(code for g in made for code in groups.group_sections(document, g))
        assert allocated == sorted(s.code for s in sections_in_scope(document))
        assert all(g.rapporteur_id for g in made)
        expected = {
            "TR-1": ("A communication unit of five staff publishes rulings weekly.", "effective"),
            "HR-5": (
                "Rotation exists on paper but is not applied at Border post Nord.",
                "not-applied",
            ),
            "LC-1": ("No integrity strategy has been adopted yet.", "absent"),
        }
        for qid, (text, rating) in expected.items():
            answer = answers.answer_for(document, qid)
            assert (answer.text, answer.rating) == (text, rating), qid
        stored = findings.list_findings(document)
        assert {(f.kind, f.text) for f in stored} == {
            ("weakness", "Rotation is not applied at Border post Nord."),
            ("recommendation", "Adopt and publish an integrity strategy."),
        }
        assert [qid for f in stored for qid in f.question_ids] == ["TR-1"]
