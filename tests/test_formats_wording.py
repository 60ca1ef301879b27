"""The formats decide, the command line words: resolving a conflict refuses
with what is missing, in words without any command-line flag (the window
calls it too), and `idg conflict resolve` says which flags fix it, in the
sentences it always printed; likewise the workbook reader refusing a version
for sharing, and `idg import workbook`."""

from __future__ import annotations

import json

import pytest
from conflict_cases import GROUP_A, conflicting_package

from idg_desktop.errors import InvalidInput
from idg_desktop.exchange import merge
from idg_desktop.storage.document import AssessmentDocument


@pytest.fixture
def answer_conflict(idg, demo_file, tmp_path) -> str:
    back = conflicting_package(demo_file, tmp_path)
    assert idg("package", "import", demo_file, back).code == 3
    found = json.loads(idg("conflicts", demo_file, "--json").out)
    return next(c["id"] for c in found if c["record_type"] == "answer")


@pytest.mark.parametrize(
    "choice",
    [
        {"take": "master", "fields": {"rating": "master"}},
        {"text": "Agreed.", "fields": {"text": "master"}},
        {},
        {"text": "Agreed."},
    ],
)
def test_the_merge_refuses_without_command_line_words(demo_file, answer_conflict, choice):
    with AssessmentDocument.open(demo_file) as document, pytest.raises(InvalidInput) as refused:
        merge.resolve_conflict(document, answer_conflict, **choice)
    assert "--" not in str(refused.value) and "ORIGIN" not in str(refused.value)
    assert str(refused.value).startswith(f"Conflict {answer_conflict[:8]}: ")


def test_the_command_line_words_the_flags_as_before(idg, demo_file, answer_conflict):
    short = answer_conflict[:8]

    def refusal(*args: str) -> str:
        result = idg("conflict", "resolve", demo_file, short, *args)
        assert result.code == 2
        return result.err

    assert (
        f"Conflict {short}: resolve it either with --take ORIGIN or field by field "
        "(--field NAME=ORIGIN, --text T), not both."
    ) in refusal("--take", "master", "--field", "rating=master")
    assert (
        f"Conflict {short}: give the text either with --text or with --field text=ORIGIN, not both."
    ) in refusal("--text", "Agreed.", "--field", "text=master")
    assert (
        f"Conflict {short}: choose the text (--text T or --field text=ORIGIN); it differs "
        f"between master and {GROUP_A}. Also to choose: rating, measure_exists, "
        "measure_applied, measure_effective, evidence."
    ) in refusal()
    assert (
        f"Conflict {short}: choose the rating (--field rating=ORIGIN); it differs between "
        f"master and {GROUP_A}. Also to choose: measure_exists, measure_applied, "
        "measure_effective, evidence."
    ) in refusal("--text", "Agreed.")


def test_the_workbook_reader_refuses_a_version_for_sharing_without_flags(idg, demo_file, tmp_path):
    from idg_desktop.workbook.reader import import_workbook

    shared = tmp_path / "shared.xlsx"
    assert idg("export", "xlsx", demo_file, "-o", shared, "--public").code == 0
    with pytest.raises(InvalidInput) as refused:
        import_workbook(shared, tmp_path / "back.idg")
    assert "--" not in str(refused.value)
    assert "cannot rebuild the assessment" in str(refused.value)

    result = idg("import", "workbook", shared, tmp_path / "back.idg")
    assert result.code == 2
    assert (
        f"{shared} is a version for sharing (public): it cannot rebuild the assessment; "
        "import a workbook exported without --public or --pseudonymise."
    ) in result.err
    assert not (tmp_path / "back.idg").exists()
