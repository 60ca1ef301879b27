"""A returned package that conflicts with the master field by field (shared by
the command-line and window tests of resolving conflicts)."""

from __future__ import annotations

from pathlib import Path

from idg_desktop.exchange.packages import export_package, open_package, return_package
from idg_desktop.services import answers, findings
from idg_desktop.storage.document import AssessmentDocument

GROUP_A = "Group A – Leadership, rules and transparency"  # LC, RF, TR, MS in the demo
FINDING = "9982d4ec-9f09-5d8a-8f64-79f506ef4b16"  # a strength in LC, agreed
GROUP_TEXT = "Group A: the strategy is applied and works."
GROUP_EVIDENCE = "Group A's interviews with the Integrity Office."
GROUP_ACTION = "Group A: publish the plan's budget lines."
MASTER_TEXT = "Master: the strategy exists but is not applied."
MASTER_FINDING_TEXT = "Master: top-level backing is visible but not yet funded."


def conflicting_package(master: Path, tmp_path: Path) -> Path:
    """Group A changes LC-1 (text, evidence, Figure 5: exists, applied,
    effective) and the LC finding (kind, status, action); meanwhile the
    master changes LC-1 (text, a direct rating) and the finding (text,
    status). Returns the group's returned package."""
    package, work, back = (tmp_path / n for n in ("a.idgpkg", "a-work.idg", "a-back.idgpkg"))
    with AssessmentDocument.open(master) as document:
        export_package(document, GROUP_A, package)
    copy = open_package(package, work)
    try:
        answers.save_answer(
            copy,
            "LC-1",
            text=GROUP_TEXT,
            evidence=GROUP_EVIDENCE,
            evaluation=answers.Evaluation(True, True, "yes"),
        )
        findings.update_finding(
            copy, FINDING, kind="weakness", status="amended", proposed_action=GROUP_ACTION
        )
        return_package(copy, back)
    finally:
        copy.close()
    with AssessmentDocument.open(master) as document:
        answers.save_answer(document, "LC-1", text=MASTER_TEXT, rating="not-applied")
        findings.update_finding(document, FINDING, text=MASTER_FINDING_TEXT, status="rejected")
    return back
