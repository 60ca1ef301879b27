"""Properties of merging, on the real path: packages written, opened, returned
and imported as files. Idempotence, order independence, nothing lost."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idg_desktop.exchange import container
from idg_desktop.exchange.merge import import_package, list_conflicts
from idg_desktop.exchange.packages import export_package, open_package, return_package
from idg_desktop.services import answers, groups, participants
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.storage.document import AssessmentDocument

QUESTIONS = {"G1": [f"LC-{n}" for n in range(1, 5)], "G2": [f"RF-{n}" for n in range(1, 5)]}
TEXTS = st.sampled_from(["yes", "no", "partly", "in 2024", "at Kelmor Pass", "unknown"])


def _edits(questions: list[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(questions), TEXTS, max_size=4)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A master with two groups (LC; RF) and a few answers already given."""
    container.SCRYPT_N = 2**12  # speed only; restored by the module's end below
    path = tmp_path_factory.mktemp("merge") / "master.idg"
    document = create_assessment(
        path, Scope(title="Merge", administration="Props", sections=["LC", "RF"])
    )
    with document:
        for name in ("Ana", "Ben"):
            participants.add_participant(document, participants.ParticipantData(name=name))
        groups.add_group(document, "G1", ["LC"], ["Ana"])
        groups.add_group(document, "G2", ["RF"], ["Ben"])
        for qid in ("LC-1", "RF-2"):
            answers.save_answer(document, qid, text="base")
    return path


@pytest.fixture(scope="module", autouse=True)
def _restore_scrypt():
    cost = container.SCRYPT_N
    yield
    container.SCRYPT_N = cost


def _group_package(master: Path, folder: Path, group: str, edits: dict[str, str]) -> Path:
    with AssessmentDocument.open(master, read_only=True) as document:
        export_package(document, group, folder / f"{group}.idgpkg")
    work = open_package(folder / f"{group}.idgpkg", folder / f"{group}.idg")
    with work:
        for qid, text in edits.items():
            answers.save_answer(work, qid, text=f"{group}: {text}")
        return_package(work, folder / f"{group}-back.idgpkg")
    return folder / f"{group}-back.idgpkg"


def _state(master: Path) -> tuple[dict[str, str], list]:
    with AssessmentDocument.open(master, read_only=True) as document:
        texts = {}
        for qid in QUESTIONS["G1"] + QUESTIONS["G2"]:
            answer = answers.answer_for(document, qid)
            if answer is not None:
                texts[qid] = answer.text
        conflicts = sorted(
            (c["record"], sorted((v["origin"], v["content"]["text"]) for v in c["versions"]))
            for c in list_conflicts(document)
        )
    return texts, conflicts


def _import(master: Path, *packages: Path) -> None:
    with AssessmentDocument.open(master) as document:
        for package in packages:
            import_package(document, package)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_edits(QUESTIONS["G1"]), _edits(QUESTIONS["G2"]), _edits(QUESTIONS["G1"] + QUESTIONS["G2"]))
def test_merging_is_idempotent_order_free_and_loses_nothing(template, g1, g2, master_edits):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first, second = folder / "first.idg", folder / "second.idg"
        shutil.copyfile(template, first)
        back1 = _group_package(first, folder, "G1", g1)
        back2 = _group_package(first, folder, "G2", g2)
        # The facilitator edits the master after the export, before the imports.
        with AssessmentDocument.open(first) as document:
            for qid, text in master_edits.items():
                answers.save_answer(document, qid, text=f"master: {text}")
        shutil.copyfile(first, second)

        _import(first, back1, back2)
        _import(second, back2, back1)
        state = _state(first)
        assert _state(second) == state  # order independence

        _import(first, back1, back2)
        assert _state(first) == state  # idempotence

        texts, conflicts = state
        in_conflicts = {
            (record, text) for record, versions in conflicts for _origin, text in versions
        }
        for group, edits in (("G1", g1), ("G2", g2)):
            for qid, text in edits.items():
                wanted = f"{group}: {text}"
                assert texts.get(qid) == wanted or (qid, wanted) in in_conflicts, (qid, wanted)
        for qid, text in master_edits.items():
            wanted = f"master: {text}"
            assert texts.get(qid) == wanted or (qid, wanted) in in_conflicts, (qid, wanted)
        # A conflict only where both sides changed the record, and to different texts.
        for record, versions in conflicts:
            origins = dict(versions)
            assert set(origins) == {"master", "G1" if record.startswith("LC") else "G2"}
            assert len(set(origins.values())) == 2
        json.dumps(conflicts)  # plain data, as the CLI prints it
