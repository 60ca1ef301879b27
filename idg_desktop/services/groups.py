"""Working groups: their sections and members, and the automatic allocation.

IDG Part II step 5: contributors split into working groups, each taking some
key factors, each with a rapporteur. A section belongs to at most one group
and a participant sits in at most one group.

This module holds the edits; reading is in ``services/group_queries.py`` and
the automatic allocation in ``services/group_allocation.py``, both re-exported
here so that callers keep one name for the groups' service. Every function
hands out frozen snapshots (``records.WorkingGroup``, ``records.Participant``),
never ORM rows.
"""

from __future__ import annotations

from sqlalchemy import func, select

from idg_desktop.domain import records
from idg_desktop.domain.vocabulary import Role
from idg_desktop.errors import InvalidInput
from idg_desktop.services.group_allocation import (
    NOT_ALLOCATED,
    Allocation,
    PersonPlacement,
    auto_allocate,
    plan_allocation,
    section_keywords,
)
from idg_desktop.services.group_queries import (
    GroupLinks,
    GroupWarning,
    balance_warnings,
    find_group,
    group_links,
    group_members,
    group_row,
    group_sections,
    list_groups,
    name_taken,
)
from idg_desktop.services.participants import find_participant
from idg_desktop.services.records import add_new, touch
from idg_desktop.services.snapshots import snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

__all__ = [
    "NOT_ALLOCATED",
    "Allocation",
    "GroupLinks",
    "GroupWarning",
    "PersonPlacement",
    "add_group",
    "assign_member",
    "assign_section",
    "auto_allocate",
    "balance_warnings",
    "find_group",
    "group_links",
    "group_members",
    "group_sections",
    "list_groups",
    "move_to_group",
    "plan_allocation",
    "remove_group",
    "rename_group",
    "section_keywords",
    "set_rapporteur",
]


def _section_codes(document: AssessmentDocument, codes: list[str]) -> list[str]:
    from idg_desktop.services.assessment import section_of

    return [section_of(document, code).code for code in codes]


def _clean_name(document: AssessmentDocument, name: str, *, but: str | None = None) -> str:
    """The name with its spaces tidied; refused if empty or another group's."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("The working group needs a name.")
    if name_taken(document, name, but=but):
        raise InvalidInput(f"A working group is already called '{name}'.")
    return name


def add_group(
    document: AssessmentDocument,
    name: str,
    sections: list[str] | None = None,
    members: list[str] | None = None,
    *,
    rapporteur: str | None = None,
    record_id: str | None = None,
) -> records.WorkingGroup:
    """A new group; its sections and members move to it from any other group."""
    name = _clean_name(document, name)
    session = document.session
    codes = _section_codes(document, sections or [])
    people = [find_participant(document, member) for member in members or []]
    chosen = find_participant(document, rapporteur) if rapporteur else None
    with document.edit():
        position = session.scalar(select(func.max(models.WorkingGroup.position)))
        group = models.WorkingGroup(name=name, position=(position or 0) + 1)
        add_new(document, group, record_id=record_id)
        session.flush()
        for code in codes:
            _give_section(document, group, code)
        for person in people:
            _add_member(document, group, person.id)
        if chosen is None:
            chosen = next((p for p in people if p.role == Role.RAPPORTEUR.value), None)
        if chosen is not None:
            if chosen.id not in {p.id for p in people}:
                _add_member(document, group, chosen.id)
            group.rapporteur_id = chosen.id
    return snapshot(group)


def _leave(document: AssessmentDocument, link: models.Base | None, person_id: str = "") -> None:
    """Delete a link row (a section or a member of a group); its group is
    touched and, for a member, stops having them as rapporteur."""
    if link is None:
        return
    session = document.session
    previous = session.get(models.WorkingGroup, link.group_id)
    session.delete(link)
    session.flush()
    if previous is not None:
        if person_id and previous.rapporteur_id == person_id:
            previous.rapporteur_id = None
        touch(document, previous)
        session.expire(previous, ["sections", "members"])


def _give_section(document: AssessmentDocument, group: models.WorkingGroup, code: str) -> None:
    current = document.session.get(models.GroupSection, code)
    if current is not None and current.group_id == group.id:
        return
    _leave(document, current)
    document.session.add(models.GroupSection(section_code=code, group_id=group.id))
    touch(document, group)
    document.session.flush()
    document.session.expire(group, ["sections", "members"])


def _add_member(document: AssessmentDocument, group: models.WorkingGroup, person_id: str) -> None:
    current = document.session.get(models.GroupMember, person_id)
    if current is not None and current.group_id == group.id:
        return
    _leave(document, current, person_id)
    document.session.add(models.GroupMember(participant_id=person_id, group_id=group.id))
    touch(document, group)
    document.session.flush()
    document.session.expire(group, ["sections", "members"])


def assign_section(document: AssessmentDocument, group_ref: str, code: str) -> None:
    group = group_row(document, group_ref)
    (code,) = _section_codes(document, [code])
    with document.edit():
        _give_section(document, group, code)


def assign_member(document: AssessmentDocument, group_ref: str, person_ref: str) -> None:
    group = group_row(document, group_ref)
    person = find_participant(document, person_ref)
    with document.edit():
        _add_member(document, group, person.id)


def set_rapporteur(document: AssessmentDocument, group_ref: str, person_ref: str) -> None:
    group = group_row(document, group_ref)
    person = find_participant(document, person_ref)
    with document.edit():
        _add_member(document, group, person.id)
        group.rapporteur_id = person.id
        touch(document, group)


def remove_group(document: AssessmentDocument, group_ref: str) -> None:
    group = group_row(document, group_ref)
    with document.edit() as session:
        session.delete(group)


def rename_group(document: AssessmentDocument, group_ref: str, name: str) -> records.WorkingGroup:
    """Rename a group; names stay unique (case-insensitive) as in :func:`add_group`."""
    group = group_row(document, group_ref)
    name = _clean_name(document, name, but=group.id)
    if name != group.name:
        with document.edit():
            group.name = name
            touch(document, group)
    return snapshot(group)


def move_to_group(
    document: AssessmentDocument,
    group_ref: str | None,
    sections: list[str] | None = None,
    members: list[str] | None = None,
) -> int:
    """Move sections and participants to a group, or back to "not allocated"
    (``group_ref`` None), as one change: a drag on the board is one undo step.

    A participant who leaves a group stops being its rapporteur. Returns how
    many of them changed group.
    """
    group = group_row(document, group_ref) if group_ref is not None else None
    codes = _section_codes(document, sections or [])
    people = [find_participant(document, member) for member in members or []]
    session = document.session
    links = group_links(document)
    target = group.id if group is not None else None
    moving_codes = [c for c in codes if links.sections.get(c) != target]
    moving_people = [p.id for p in people if links.members.get(p.id) != target]
    if not moving_codes and not moving_people:
        return 0
    with document.edit():
        for code in moving_codes:
            if group is not None:
                _give_section(document, group, code)
            else:
                _leave(document, session.get(models.GroupSection, code))
        for person_id in moving_people:
            if group is not None:
                _add_member(document, group, person_id)
            else:
                _leave(document, session.get(models.GroupMember, person_id), person_id)
    return len(moving_codes) + len(moving_people)
