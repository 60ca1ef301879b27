"""The automatic allocation of sections and people to working groups.

IDG Part II step 5: sections go to groups for a balanced workload, and
people to the group whose sections their expertise or unit points to
(:mod:`idg_desktop.domain.allocation` holds the rule). :func:`plan_allocation`
says what would happen; :func:`auto_allocate` does it as one change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, func, select

from idg_desktop.domain.allocation import Match, Person, compile_keywords, place_people
from idg_desktop.domain.framework import bundled_framework
from idg_desktop.domain.vocabulary import Role
from idg_desktop.errors import InvalidInput
from idg_desktop.services.assessment import document_framework, sections_in_scope
from idg_desktop.services.group_queries import (
    group_members,
    group_rows,
    group_sections,
    list_groups,
)
from idg_desktop.services.participants import list_participants
from idg_desktop.services.records import add_new, touch
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

#: Roles that run or watch the workshop rather than answer in a group.
NOT_ALLOCATED = {
    Role.EXTERNAL_FACILITATOR.value,
    Role.OBSERVER.value,
    Role.SENIOR_MANAGEMENT.value,
}


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
    existing = group_rows(document)
    with document.edit():
        groups = list(existing)
        for name, _codes, _members in plan.groups[len(existing) :]:
            group = models.WorkingGroup(name=name, position=len(groups) + 1)
            add_new(document, group)
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
