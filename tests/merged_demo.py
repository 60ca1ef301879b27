"""The demo after a group's package came back with conflicts: the file the
export tests need, where the conflict and merge-log tables have rows.

Built on the real path (package exported, opened as a group laptop would,
edited, returned and imported as files): Group A changes LC-1, LC-2 and a TR
finding while the facilitator changes the same three records in the master,
so three conflicts open (two answers, one finding); the same package is
imported a second time ("already imported"), and the LC-1 conflict is
resolved by keeping the group's version; a consolidated text for LC-2 is
being written (its draft). The result: two open conflicts, one resolved, two
merge-log entries (merged with conflicts, already imported).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

GROUP_A = "Group A – Leadership, rules and transparency"  # LC, RF, TR, MS in the demo
GROUP_TEXT = {"LC-1": "Group A's view of the strategy.", "LC-2": "Group A: the code is old."}
MASTER_TEXT = {"LC-1": "Master's plenary wording.", "LC-2": "Master: the code was revised."}
GROUP_FINDING = "Group A: publish every ruling within a week."
MASTER_FINDING = "Master: publish rulings monthly."
DRAFT = "Both: the code is being revised."  # a consolidated text being written for LC-2


def build_merged_demo(demo_template: Path, folder: Path) -> Path:
    from idg_desktop.exchange import container

    cost, container.SCRYPT_N = container.SCRYPT_N, 2**12  # speed only
    with pytest.MonkeyPatch.context() as patch:  # module fixtures run before conftest's
        patch.setenv("IDG_CONFIG_DIR", str(folder / "config"))
        patch.setenv("IDG_DATA_DIR", str(folder / "data"))
        try:
            return _build(demo_template, folder)
        finally:
            container.SCRYPT_N = cost


def _build(demo_template: Path, folder: Path) -> Path:
    from idg_desktop.exchange.merge import (
        import_package,
        list_conflicts,
        resolve_conflict,
        save_draft,
    )
    from idg_desktop.exchange.packages import export_package, open_package, return_package
    from idg_desktop.services import answers, findings
    from idg_desktop.storage.document import AssessmentDocument

    master = folder / "merged.idg"
    shutil.copyfile(demo_template, master)
    with AssessmentDocument.open(master) as document:
        export_package(document, GROUP_A, folder / "a.idgpkg")
        finding = next(f for f in findings.list_findings(document, "TR"))
        finding_id = finding.id
    with open_package(folder / "a.idgpkg", folder / "a-work.idg") as work:
        for qid, text in GROUP_TEXT.items():
            answers.save_answer(work, qid, text=text, rating="not-effective")
        answers.save_answer(work, "TR-2", text="Rulings are published weekly.")
        findings.update_finding(work, finding_id, text=GROUP_FINDING)
        return_package(work, folder / "a-back.idgpkg")
    with AssessmentDocument.open(master) as document:
        for qid, text in MASTER_TEXT.items():
            answers.save_answer(document, qid, text=text)
        findings.update_finding(document, finding_id, text=MASTER_FINDING)
        first = import_package(document, folder / "a-back.idgpkg")
        assert first.outcome == "conflicts" and len(first.conflicts) == 3, first
        again = import_package(document, folder / "a-back.idgpkg")
        assert again.outcome == "already-imported"
        lc1 = next(c for c in list_conflicts(document) if c["record"] == "LC-1")
        resolve_conflict(document, lc1["id"], take=GROUP_A)
        assert len(list_conflicts(document)) == 2
        lc2 = next(c for c in list_conflicts(document) if c["record"] == "LC-2")
        save_draft(document, lc2["id"], DRAFT)
    return master
