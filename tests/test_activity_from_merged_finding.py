"""An activity made from a merged finding: the kept finding's proposed action holds
one paragraph per finding merged; the activity's title is the first, one line, and
the others go to its description (none lost, no title of two paragraphs)."""

from __future__ import annotations

from idg_desktop.domain.plan import title_and_details
from idg_desktop.services import activities, findings
from idg_desktop.storage.document import AssessmentDocument


def test_paragraphs_after_the_first_become_the_description():
    assert title_and_details("Rotate staff\nyearly.\n\n  Publish fees.\n \nAudit.") == (
        "Rotate staff yearly.",
        "Publish fees.\n\nAudit.",
    )
    assert title_and_details("  One line. ") == ("One line.", "")
    assert title_and_details("") == ("", "")


def test_activity_from_a_merged_finding_keeps_both_actions(new_file):
    with AssessmentDocument.open(new_file) as document:
        kept = findings.add_finding(
            document,
            section="LC",
            kind="weakness",
            text="Fees unclear.",
            proposed_action="Publish the fees at the border post.",
        )
        duplicate = findings.add_finding(
            document,
            section="LC",
            kind="weakness",
            text="Fees unknown to traders.",
            proposed_action="Train officers on the fee schedule.",
        )
        findings.merge_finding(document, duplicate.id, kept.id)
        findings.decide_finding(document, kept.id, "agreed")
        (made,) = activities.add_activities_from_agreed_findings(document)
    with AssessmentDocument.open(new_file) as document:
        activity = activities.find_activity(document, made.id)
        assert activity.title == "Publish the fees at the border post."
        assert activity.description == "Train officers on the fee schedule."
