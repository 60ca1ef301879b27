"""Working groups as the file has them now: finding, listing, their sections
and members, and what the Working groups page keeps visible until fixed.

Everything here hands out frozen snapshots (``domain/records.py``); the ORM
rows stay inside the services (:func:`group_row` for the edits in
``services/groups.py`` and ``services/group_allocation.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from idg_desktop.domain import records
from idg_desktop.errors import Ambiguous, NotFound
from idg_desktop.services.assessment import sections_in_scope
from idg_desktop.services.records import by_prefix, looks_like_id
from idg_desktop.services.snapshots import fetch, snapshot, snapshots
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument


def _fresh(document: AssessmentDocument, rows: list[models.WorkingGroup]) -> None:
    """Link rows are added and removed directly (and by undo), so the groups'
    cached ``sections`` and ``members`` collections are reloaded before a
    snapshot reads them (the window's session lives for hours)."""
    for row in rows:
        document.session.expire(row, ["sections", "members"])


def group_rows(document: AssessmentDocument) -> list[models.WorkingGroup]:
    """The groups' ORM rows, in order (for the services' edits only)."""
    rows = list(
        document.session.scalars(
            select(models.WorkingGroup).order_by(
                models.WorkingGroup.position, models.WorkingGroup.created_at
            )
        )
    )
    _fresh(document, rows)
    return rows


def list_groups(document: AssessmentDocument) -> list[records.WorkingGroup]:
    """Every working group, in order."""
    return snapshots(group_rows(document))


def group_row(document: AssessmentDocument, reference: str) -> models.WorkingGroup:
    """A group's ORM row by exact name (case-insensitive) or id prefix."""
    name = " ".join(reference.split())
    matches = document.session.scalars(
        select(models.WorkingGroup).where(func.lower(models.WorkingGroup.name) == name.lower())
    ).all()
    if len(matches) == 1:
        row = matches[0]
    elif len(matches) > 1:
        raise Ambiguous(f"The group name '{name}' is ambiguous: use the group's id instead.")
    elif looks_like_id(name):
        row = by_prefix(document.session, models.WorkingGroup, name, "group")
    else:
        groups = document.session.scalars(
            select(models.WorkingGroup).order_by(models.WorkingGroup.position)
        ).all()
        if not groups:
            raise NotFound(
                f"No working group is called '{name}': the assessment has no groups yet."
            )
        listed = "; ".join(f"{g.name} ({g.id[:8]})" for g in groups)
        raise NotFound(
            f"No working group is called '{name}': give a group's whole name or its id ({listed})."
        )
    _fresh(document, [row])
    return row


def find_group(document: AssessmentDocument, reference: str) -> records.WorkingGroup:
    """A group by exact name (case-insensitive) or id prefix."""
    return snapshot(group_row(document, reference))


def name_taken(document: AssessmentDocument, name: str, *, but: str | None = None) -> bool:
    """Whether a group other than ``but`` (an id) is called ``name``, ignoring case."""
    query = (
        select(func.count())
        .select_from(models.WorkingGroup)
        .where(func.lower(models.WorkingGroup.name) == name.lower())
    )
    if but is not None:
        query = query.where(models.WorkingGroup.id != but)
    return bool(document.session.scalar(query))


def group_sections(document: AssessmentDocument, group: records.WorkingGroup) -> list[str]:
    """The codes of the sections ``group`` holds now, in the checklist's order.

    Read from the file by the group's id, so a snapshot taken before an edit
    still gives today's sections.
    """
    return list(
        document.session.scalars(
            select(models.GroupSection.section_code)
            .join(models.Section, models.Section.code == models.GroupSection.section_code)
            .where(models.GroupSection.group_id == group.id)
            .order_by(models.Section.position)
        )
    )


def group_members(
    document: AssessmentDocument, group: records.WorkingGroup
) -> list[records.Participant]:
    """The participants in ``group`` now, in the participants' order."""
    person, member = models.Participant, models.GroupMember
    return fetch(
        document,
        person,
        member.group_id == group.id,
        join=(member, member.participant_id == person.id),
        order_by=(person.created_at, person.id),
    )


@dataclass(frozen=True)
class GroupLinks:
    """Which group each allocated section and participant is in (by id)."""

    sections: dict[str, str]  # section code -> group id
    members: dict[str, str]  # participant id -> group id


def group_links(document: AssessmentDocument) -> GroupLinks:
    """The allocation as the file has it now, read from the link tables."""
    session = document.session
    sections = session.execute(
        select(models.GroupSection.section_code, models.GroupSection.group_id)
    )
    members = session.execute(
        select(models.GroupMember.participant_id, models.GroupMember.group_id)
    )
    return GroupLinks(
        sections={code: group for code, group in sections},
        members={person: group for person, group in members},
    )


@dataclass(frozen=True)
class GroupWarning:
    """Something the Working groups page keeps visible until it is fixed.

    ``kind`` is one of ``section-without-group``, ``group-without-rapporteur``
    and ``group-one-gender``; ``subject`` is the section code or group name.
    The window words these through ``tr()``; :meth:`sentence` is the English
    the command line prints.
    """

    kind: str
    subject: str

    def sentence(self) -> str:
        if self.kind == "section-without-group":
            return f"Section {self.subject} is in scope but has no working group."
        if self.kind == "group-without-rapporteur":
            return f"Group '{self.subject}' has no rapporteur."
        return f"Group '{self.subject}' has members of one gender only."


def balance_warnings(document: AssessmentDocument) -> list[GroupWarning]:
    """Sections in scope with no group, groups without a rapporteur or of one gender."""
    warnings = []
    allocated = set(group_links(document).sections)
    for section in sections_in_scope(document):
        if section.code not in allocated:
            warnings.append(GroupWarning("section-without-group", section.code))
    for group in list_groups(document):
        if group.rapporteur_id is None:
            warnings.append(GroupWarning("group-without-rapporteur", group.name))
        genders = {p.gender for p in group_members(document, group)} - {"undisclosed", "other"}
        if len(group.member_ids) > 1 and len(genders) == 1:
            warnings.append(GroupWarning("group-one-gender", group.name))
    return warnings
