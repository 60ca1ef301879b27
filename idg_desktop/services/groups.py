"""Working groups: their sections and members, and the automatic allocation.

IDG Part II step 5: contributors split into working groups, each taking some
key factors, each with a rapporteur. A section belongs to at most one group
and a participant sits in at most one group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, func, select

from idg_desktop.domain.allocation import Match, Person, compile_keywords, place_people
from idg_desktop.domain.framework import bundled_framework
from idg_desktop.domain.vocabulary import Role
from idg_desktop.errors import Ambiguous, InvalidInput, NotFound
from idg_desktop.services.assessment import document_framework, sections_in_scope
from idg_desktop.services.participants import find_participant, list_participants
from idg_desktop.services.records import by_prefix, looks_like_id, stamp_new, touch
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: Roles that run or watch the workshop rather than answer in a group.
NOT_ALLOCATED = {
    Role.EXTERNAL_FACILITATOR.value,
    Role.OBSERVER.value,
    Role.SENIOR_MANAGEMENT.value,
}


def list_groups(document: AssessmentDocument) -> list[models.WorkingGroup]:
    return list(
        document.session.scalars(
            select(models.WorkingGroup).order_by(
                models.WorkingGroup.position, models.WorkingGroup.created_at
            )
        )
    )


def find_group(document: AssessmentDocument, reference: str) -> models.WorkingGroup:
    """A group by exact name (case-insensitive) or id prefix."""
    name = " ".join(reference.split())
    matches = document.session.scalars(
        select(models.WorkingGroup).where(func.lower(models.WorkingGroup.name) == name.lower())
    ).all()
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise Ambiguous(f"The group name '{name}' is ambiguous: use the group's id instead.")
    if looks_like_id(name):
        return by_prefix(document.session, models.WorkingGroup, name, "group")
    raise NotFound(f"No working group is called '{name}'.")


def _section_codes(document: AssessmentDocument, codes: list[str]) -> list[str]:
    from idg_desktop.services.assessment import section_of

    return [section_of(document, code).code for code in codes]


def add_group(
    document: AssessmentDocument,
    name: str,
    sections: list[str] | None = None,
    members: list[str] | None = None,
    *,
    rapporteur: str | None = None,
    record_id: str | None = None,
) -> models.WorkingGroup:
    """A new group; its sections and members move to it from any other group."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("The working group needs a name.")
    session = document.session
    exists = session.scalar(
        select(func.count())
        .select_from(models.WorkingGroup)
        .where(func.lower(models.WorkingGroup.name) == name.lower())
    )
    if exists:
        raise InvalidInput(f"A working group is already called '{name}'.")
    codes = _section_codes(document, sections or [])
    people = [find_participant(document, member) for member in members or []]
    chosen = find_participant(document, rapporteur) if rapporteur else None
    with document.edit():
        position = session.scalar(select(func.max(models.WorkingGroup.position)))
        group = models.WorkingGroup(name=name, position=(position or 0) + 1)
        stamp_new(document, group, record_id=record_id)
        session.add(group)
        session.flush()
        for code in codes:
            _give_section(document, group, code)
        for person in people:
            _add_member(document, group, person)
        if chosen is None:
            chosen = next((p for p in people if p.role == Role.RAPPORTEUR.value), None)
        if chosen is not None:
            if chosen not in people:
                _add_member(document, group, chosen)
            group.rapporteur_id = chosen.id
    return group


def _give_section(document: AssessmentDocument, group: models.WorkingGroup, code: str) -> None:
    session = document.session
    current = session.get(models.GroupSection, code)
    if current is not None:
        if current.group_id == group.id:
            return
        previous = session.get(models.WorkingGroup, current.group_id)
        session.delete(current)
        session.flush()
        if previous is not None:
            touch(document, previous)
    session.add(models.GroupSection(section_code=code, group_id=group.id))
    touch(document, group)
    _refresh_links(document, group, previous if current is not None else None)


def _refresh_links(
    document: AssessmentDocument, *groups_changed: models.WorkingGroup | None
) -> None:
    """Link rows are added directly, so the groups' cached ``sections`` and
    ``members`` collections must be reloaded (the window's session lives long)."""
    document.session.flush()
    for group in groups_changed:
        if group is not None:
            document.session.expire(group, ["sections", "members"])


def _add_member(
    document: AssessmentDocument, group: models.WorkingGroup, person: models.Participant
) -> None:
    session = document.session
    current = session.get(models.GroupMember, person.id)
    if current is not None:
        if current.group_id == group.id:
            return
        previous = session.get(models.WorkingGroup, current.group_id)
        session.delete(current)
        session.flush()
        if previous is not None:
            if previous.rapporteur_id == person.id:
                previous.rapporteur_id = None
            touch(document, previous)
    session.add(models.GroupMember(participant_id=person.id, group_id=group.id))
    touch(document, group)
    _refresh_links(document, group, previous if current is not None else None)


def assign_section(document: AssessmentDocument, group_ref: str, code: str) -> None:
    group = find_group(document, group_ref)
    (code,) = _section_codes(document, [code])
    with document.edit():
        _give_section(document, group, code)


def assign_member(document: AssessmentDocument, group_ref: str, person_ref: str) -> None:
    group = find_group(document, group_ref)
    person = find_participant(document, person_ref)
    with document.edit():
        _add_member(document, group, person)


def set_rapporteur(document: AssessmentDocument, group_ref: str, person_ref: str) -> None:
    group = find_group(document, group_ref)
    person = find_participant(document, person_ref)
    with document.edit():
        _add_member(document, group, person)
        group.rapporteur_id = person.id
        touch(document, group)


def remove_group(document: AssessmentDocument, group_ref: str) -> None:
    group = find_group(document, group_ref)
    with document.edit() as session:
        session.delete(group)


def group_sections(document: AssessmentDocument, group: models.WorkingGroup) -> list[str]:
    position = {s.code: s.position for s in document.session.scalars(select(models.Section))}
    return sorted((gs.section_code for gs in group.sections), key=position.__getitem__)


def group_members(
    document: AssessmentDocument, group: models.WorkingGroup
) -> list[models.Participant]:
    ids = {m.participant_id for m in group.members}
    return [p for p in list_participants(document) if p.id in ids]


@dataclass(frozen=True)
class PersonPlacement:
    """One person in an allocation: where they go and why, in words.

    ``reason`` is the English the command line prints ("Audit and
    Investigation: expertise 'internal investigations officer'", "for
    balance"); the window words the same facts (``section_title``, ``field``,
    ``words``, ``passed_over``, ``rapporteur``, ``left_out``) through ``tr()``.
    """

    person_id: str
    person: str
    group: str  # the group's name; "" for someone left out of the groups
    reason: str
    section: str = ""  # code of the section that placed them
    section_title: str = ""
    field: str = ""  # "expertise" or "unit"
    words: str = ""  # that field as written
    passed_over: str = ""  # title of their best section, when balance sent them elsewhere
    passed_over_group: str = ""
    rapporteur: bool = False
    left_out: str = ""  # role that keeps them out of the groups


@dataclass(frozen=True)
class Allocation:
    """What :func:`auto_allocate` decided (or :func:`plan_allocation` would)."""

    groups: list[tuple[str, list[str], list[str]]]  # name, section codes, member names
    placements: list[PersonPlacement] = field(default_factory=list)


def section_keywords(document: AssessmentDocument) -> dict[str, tuple[str, ...]]:
    """Section code → the words that point to it, for every section in order.

    From the file's own copy of the framework; a file made before the
    framework had keywords falls back to the bundled framework's, by code.
    """
    copy = {s.get("code"): s for s in document_framework(document).get("sections", [])}
    bundled = {s.code: s.keywords for s in bundled_framework().sections}
    result = {}
    for section in document.session.scalars(
        select(models.Section).order_by(models.Section.position)
    ):
        own = copy.get(section.code, {})
        result[section.code] = tuple(
            own["keywords"] if "keywords" in own else bundled.get(section.code, ())
        )
    return result


def _reason(
    match: Match | None, passed: Match | None, passed_group: str, rapporteur: bool, titles: dict
) -> str:
    if match is not None:
        text = f"{titles.get(match.section, match.section)}: {match.field} '{match.text}'"
    elif passed is not None:
        text = (
            f"for balance ({passed.field} '{passed.text}' points to "
            f"{titles.get(passed.section, passed.section)}, in {passed_group})"
        )
    else:
        text = "for balance"
    return text + ("; the group's rapporteur" if rapporteur else "")


def plan_allocation(document: AssessmentDocument, count: int) -> Allocation:
    """What :func:`auto_allocate` would do, without changing the file.

    Sections go largest first to the group with the fewest questions so far
    (balanced workload). Participants who answer (not the external
    facilitator, observers or senior management) are placed by
    :func:`idg_desktop.domain.allocation.place_people`: with the group that
    holds the section their expertise or unit points to whenever balance
    allows (sizes within one, genders mixed, a rapporteur each), the rest
    spread for balance. Existing groups are reused in order; missing ones
    are named "Group N". Deterministic for the same file.
    """
    if count < 1:
        raise InvalidInput("The number of groups must be at least 1.")
    existing = list_groups(document)
    if len(existing) > count:
        raise InvalidInput(
            f"The assessment already has {len(existing)} working groups; remove some before "
            f"allocating to {count}."
        )
    sections = sections_in_scope(document)
    if count > len(sections):
        raise InvalidInput(
            f"There are only {len(sections)} sections in scope: {count} groups would leave "
            "some without work."
        )
    session = document.session
    sizes = dict(
        session.execute(
            select(models.Question.section_code, func.count()).group_by(
                models.Question.section_code
            )
        ).all()
    )
    names = [g.name for g in existing]
    taken = {name.lower() for name in names}
    number = 1
    while len(names) < count:
        name = f"Group {number}"
        number += 1
        if name.lower() not in taken:
            names.append(name)

    held: list[list[str]] = [[] for _ in range(count)]
    load = [0] * count
    for section in sorted(sections, key=lambda s: (-sizes.get(s.code, 0), s.position)):
        target = min(range(count), key=lambda i: (load[i], i))
        load[target] += sizes.get(section.code, 0)
        held[target].append(section.code)
    for codes in held:
        codes.sort(key=[s.code for s in sections].index)

    everyone = list_participants(document)
    people = [p for p in everyone if p.role not in NOT_ALLOCATED]
    keywords = compile_keywords(section_keywords(document))
    placed = place_people(
        [
            Person(
                p.id,
                gender=p.gender,
                rapporteur=p.role == Role.RAPPORTEUR.value,
                external=p.external,
                expertise=p.expertise,
                unit=p.unit,
            )
            for p in people
        ],
        held,
        keywords,
    )
    titles = {s.code: s.title for s in session.scalars(select(models.Section))}
    holder = {code: g for g, codes in enumerate(held) for code in codes}
    placements = []
    members: list[list[str]] = [[] for _ in range(count)]
    for person, place in zip(people, placed, strict=True):
        members[place.group].append(person.name)
        match, passed = place.match, place.passed_over
        passed_group = names[holder[passed.section]] if passed is not None else ""
        chosen = match or passed
        placements.append(
            PersonPlacement(
                person.id,
                person.name,
                names[place.group],
                _reason(match, passed, passed_group, place.rapporteur, titles),
                section=match.section if match else "",
                section_title=titles.get(match.section, "") if match else "",
                field=chosen.field if chosen else "",
                words=chosen.text if chosen else "",
                passed_over=titles.get(passed.section, "") if passed else "",
                passed_over_group=passed_group,
                rapporteur=place.rapporteur,
            )
        )
    for person in everyone:
        if person.role in NOT_ALLOCATED:
            role = person.role.replace("-", " ")
            placements.append(
                PersonPlacement(
                    person.id, person.name, "", f"not allocated ({role})", left_out=person.role
                )
            )
    summary = [(names[i], held[i], members[i]) for i in range(count)]
    return Allocation(summary, placements)


def auto_allocate(document: AssessmentDocument, count: int) -> Allocation:
    """Allocate as :func:`plan_allocation` says, replacing every group's
    sections, members and rapporteur (one change, so one undo step)."""
    plan = plan_allocation(document, count)
    session = document.session
    existing = list_groups(document)
    with document.edit():
        groups = list(existing)
        for name, _codes, _members in plan.groups[len(existing) :]:
            group = models.WorkingGroup(name=name, position=len(groups) + 1)
            stamp_new(document, group)
            session.add(group)
            groups.append(group)
        session.flush()
        session.execute(delete(models.GroupSection))
        session.execute(delete(models.GroupMember))
        for group in groups:
            group.rapporteur_id = None
            touch(document, group)
        session.flush()
        session.expire_all()
        index = {name: i for i, (name, _c, _m) in enumerate(plan.groups)}
        for group, (_name, codes, _members) in zip(groups, plan.groups, strict=True):
            for code in codes:
                session.add(models.GroupSection(section_code=code, group_id=group.id))
        for placement in plan.placements:
            if not placement.group:
                continue
            group = groups[index[placement.group]]
            session.add(models.GroupMember(participant_id=placement.person_id, group_id=group.id))
            if placement.rapporteur:
                group.rapporteur_id = placement.person_id
        session.flush()
        session.expire_all()
    summary = [
        (
            group.name,
            group_sections(document, group),
            [p.name for p in group_members(document, group)],
        )
        for group in list_groups(document)
    ]
    return Allocation(summary, plan.placements)


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
    allocated = {gs.section_code for gs in document.session.scalars(select(models.GroupSection))}
    for section in sections_in_scope(document):
        if section.code not in allocated:
            warnings.append(GroupWarning("section-without-group", section.code))
    for group in list_groups(document):
        if group.rapporteur_id is None:
            warnings.append(GroupWarning("group-without-rapporteur", group.name))
        genders = {p.gender for p in group_members(document, group)} - {"undisclosed", "other"}
        if len(group.members) > 1 and len(genders) == 1:
            warnings.append(GroupWarning("group-one-gender", group.name))
    return warnings


# -- for the Working groups board (window) -----------------------------------


@dataclass(frozen=True)
class GroupLinks:
    """Which group each allocated section and participant is in (by id)."""

    sections: dict[str, str]  # section code -> group id
    members: dict[str, str]  # participant id -> group id


def group_links(document: AssessmentDocument) -> GroupLinks:
    """The allocation as the file has it now.

    The window keeps one session open for hours, and link rows added or
    removed by the services above (or by undo) do not show up in the groups'
    cached ``sections``/``members`` collections until they are reloaded. So
    this reads the link tables themselves, and expires those collections so
    that :func:`group_members` and :func:`balance_warnings` read afresh too.
    """
    session = document.session
    for group in session.scalars(select(models.WorkingGroup)):
        session.expire(group, ["sections", "members"])
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


def rename_group(document: AssessmentDocument, group_ref: str, name: str) -> models.WorkingGroup:
    """Rename a group; names stay unique (case-insensitive) as in :func:`add_group`."""
    group = find_group(document, group_ref)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("The working group needs a name.")
    clash = document.session.scalar(
        select(func.count())
        .select_from(models.WorkingGroup)
        .where(
            func.lower(models.WorkingGroup.name) == name.lower(),
            models.WorkingGroup.id != group.id,
        )
    )
    if clash:
        raise InvalidInput(f"A working group is already called '{name}'.")
    if name != group.name:
        with document.edit():
            group.name = name
            touch(document, group)
    return group


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
    group = find_group(document, group_ref) if group_ref is not None else None
    codes = _section_codes(document, sections or [])
    people = [find_participant(document, member) for member in members or []]
    session = document.session
    links = group_links(document)
    target = group.id if group is not None else None
    moving_codes = [c for c in codes if links.sections.get(c) != target]
    moving_people = [p for p in people if links.members.get(p.id) != target]
    if not moving_codes and not moving_people:
        return 0
    with document.edit():
        for code in moving_codes:
            if group is not None:
                _give_section(document, group, code)
                continue
            current = session.get(models.GroupSection, code)
            previous = session.get(models.WorkingGroup, current.group_id) if current else None
            session.delete(current)
            if previous is not None:
                touch(document, previous)
        for person in moving_people:
            if group is not None:
                _add_member(document, group, person)
                continue
            current = session.get(models.GroupMember, person.id)
            previous = session.get(models.WorkingGroup, current.group_id) if current else None
            session.delete(current)
            if previous is not None:
                if previous.rapporteur_id == person.id:
                    previous.rapporteur_id = None
                touch(document, previous)
    group_links(document)  # refresh the cached collections after the change
    return len(moving_codes) + len(moving_people)
