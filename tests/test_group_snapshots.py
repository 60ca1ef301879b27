"""The groups' service hands out frozen snapshots, never ORM rows (issue 12):
what it returns cannot change the file, and reads the file as it is now."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from idg_desktop.domain import records
from idg_desktop.services import groups, participants
from idg_desktop.storage.document import AssessmentDocument


def _person(document, name, role="contributor"):
    return participants.add_participant(
        document, participants.ParticipantData(name=name, gender="female", role=role)
    )


def test_group_reads_and_edits_return_snapshots(new_file: Path):
    with AssessmentDocument.open(new_file) as document:
        _person(document, "Ana", "rapporteur")
        made = groups.add_group(document, "One", ["RF", "LC"], ["Ana"])
        renamed = groups.rename_group(document, "One", "First")
        found = groups.find_group(document, "first")
        (listed,) = groups.list_groups(document)
        for group in (made, renamed, found, listed):
            assert type(group) is records.WorkingGroup
            with pytest.raises(dataclasses.FrozenInstanceError):
                group.name = "changed"  # type: ignore[misc]
        assert made.name == "One" and renamed.name == found.name == listed.name == "First"
        assert set(listed.section_codes) == {"LC", "RF"}
        (ana,) = groups.group_members(document, listed)
        assert type(ana) is records.Participant and listed.member_ids == (ana.id,)
        assert listed.rapporteur_id == ana.id

        # An edit after the snapshot: the old snapshot stays as it was, the
        # service's readers see the file now.
        _person(document, "Ben")
        groups.assign_member(document, "First", "Ben")
        groups.move_to_group(document, None, ["RF"])
        assert listed.member_ids == (ana.id,) and set(listed.section_codes) == {"LC", "RF"}
        assert [p.name for p in groups.group_members(document, listed)] == ["Ana", "Ben"]
        assert groups.group_sections(document, listed) == ["LC"]
        (now,) = groups.list_groups(document)
        assert now.section_codes == ("LC",) and len(now.member_ids) == 2

    with AssessmentDocument.open(new_file, read_only=True) as document:
        (group,) = groups.list_groups(document)
        assert group.name == "First" and group.section_codes == ("LC",)
