"""Who goes to which working group: a participant's words point to sections,
and people are placed with the group holding their section whenever balance
allows (IDG Part II step 5).

Pure functions, no storage: :func:`match_sections` reads a participant's
expertise and unit against each section's keywords (the framework data's
``keywords``, see docs/framework-format.md); :func:`place_people` decides the
groups. A keyword ending in ``*`` is a stem ("investigat*" matches
"investigator" and "investigations"); a phrase matches its words in a row;
case and accents are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
#: A phrase never runs over these: "legislation; appeals" is two phrases.
_CLAUSE = re.compile(r"[;,/|()\[\]\n]+")

#: Genders that say nothing about a group's mix (as the balance warnings count).
_NEUTRAL_GENDERS = frozenset({"undisclosed", "other", ""})

#: Expertise weighs more than the unit a person works in.
FIELD_WEIGHT = {"expertise": 2, "unit": 1}


def words(text: str) -> list[str]:
    """Lower-case words without accents: "Attaché, IT" → ["attache", "it"]."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(plain)


@dataclass(frozen=True)
class Keyword:
    """One keyword of a section: its words, each exact or a stem."""

    text: str
    tokens: tuple[tuple[str, bool], ...]  # (word, is a stem)

    @classmethod
    def parse(cls, text: str) -> Keyword:
        parts = text.split()
        tokens: list[tuple[str, bool]] = []
        for part in parts:
            stem = part.endswith("*")
            for index, word in enumerate(words(part)):
                last = index == len(words(part)) - 1
                tokens.append((word, stem and last))
        return cls(text, tuple(tokens))

    def found_in(self, sequence: Sequence[str]) -> bool:
        size = len(self.tokens)
        if not size:
            return False
        for start in range(len(sequence) - size + 1):
            if all(
                sequence[start + i].startswith(word) if stem else sequence[start + i] == word
                for i, (word, stem) in enumerate(self.tokens)
            ):
                return True
        return False


def compile_keywords(raw: Mapping[str, Iterable[str]]) -> dict[str, tuple[Keyword, ...]]:
    """Section code → its parsed keywords."""
    return {
        code: tuple(Keyword.parse(k) for k in texts if k.strip()) for code, texts in raw.items()
    }


@dataclass(frozen=True)
class Match:
    """A section a participant's words point to."""

    section: str
    score: int
    field: str  # "expertise" or "unit": the one that points there most
    text: str  # that field as the person wrote it
    keywords: tuple[str, ...]


def match_sections(
    expertise: str, unit: str, keywords: Mapping[str, Sequence[Keyword]]
) -> list[Match]:
    """The sections a person's expertise and unit point to, best first.

    A section scores the number of keyword words found, twice for the
    expertise; ties go to the section that comes first in ``keywords``.
    """
    fields = [("expertise", expertise.strip()), ("unit", unit.strip())]
    clauses = {name: [words(c) for c in _CLAUSE.split(text)] for name, text in fields}
    found: list[tuple[int, int, Match]] = []
    for order, (code, section_keywords) in enumerate(keywords.items()):
        total, best_field, best_points, matched = 0, "", 0, []
        for name, _text in fields:
            points = 0
            for keyword in section_keywords:
                if any(keyword.found_in(clause) for clause in clauses[name]):
                    points += len(keyword.tokens) * FIELD_WEIGHT[name]
                    if keyword.text not in matched:
                        matched.append(keyword.text)
            total += points
            if points > best_points:
                best_field, best_points = name, points
        if total:
            text = dict(fields)[best_field]
            found.append((-total, order, Match(code, total, best_field, text, tuple(matched))))
    return [match for _score, _order, match in sorted(found, key=lambda f: f[:2])]


@dataclass(frozen=True)
class Person:
    """What the allocation needs to know of a participant."""

    id: str
    gender: str = "undisclosed"
    rapporteur: bool = False  # has the rapporteur role
    external: bool = False
    expertise: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Placement:
    """Where one person goes, and why.

    ``match`` is the section of the group that placed them there (None: for
    balance); ``passed_over`` is their best match when balance sent them
    elsewhere; ``rapporteur`` marks the group's rapporteur.
    """

    person: str
    group: int
    match: Match | None = None
    passed_over: Match | None = None
    rapporteur: bool = False


def place_people(
    people: Sequence[Person],
    group_sections: Sequence[Sequence[str]],
    keywords: Mapping[str, Sequence[Keyword]],
) -> list[Placement]:
    """Place every person in one of the groups (``group_sections[i]`` are the
    section codes group ``i`` holds), in the order of ``people``.

    Balance first: group sizes stay within one of each other; no group of
    one gender where the people allow it; a rapporteur in every group where
    there are enough. Within that, each person goes to the group holding the
    section their words point to most (strong matches before weak ones);
    the others are spread so that genders, internal/external members and
    areas of expertise mix. Deterministic for the same input.
    """
    count = len(group_sections)
    if count == 0 or not people:
        return []
    holder = {code: g for g, codes in enumerate(group_sections) for code in codes}
    matches = [
        [m for m in match_sections(p.expertise, p.unit, keywords) if m.section in holder]
        for p in people
    ]
    # Per person: group -> best score of a matched section it holds.
    wants: list[dict[int, Match]] = []
    for found in matches:
        best: dict[int, Match] = {}
        for match in found:
            best.setdefault(holder[match.section], match)
        wants.append(best)
    top = [max((m.score for m in w.values()), default=0) for w in wants]
    expertise_key = [" ".join(words(p.expertise)) for p in people]

    base, extra = divmod(len(people), count)
    size = [0] * count
    assign = [-1] * len(people)

    def can_take(group: int) -> bool:
        at_ceiling = sum(1 for s in size if s > base)
        return size[group] < base or (size[group] == base and at_ceiling < extra)

    def balance_choice(index: int) -> int:
        person = people[index]

        def key(group: int) -> tuple:
            members = [people[i] for i, g in enumerate(assign) if g == group]
            return (
                size[group],
                sum(1 for m in members if m.rapporteur) if person.rapporteur else 0,
                sum(1 for m in members if m.gender == person.gender),
                sum(1 for m in members if m.external == person.external),
                sum(
                    1
                    for i, g in enumerate(assign)
                    if g == group and expertise_key[i] and expertise_key[i] == expertise_key[index]
                ),
                group,
            )

        return min((g for g in range(count) if can_take(g)), key=key)

    # Strong matches first, then rapporteurs, then everyone else.
    order = sorted(range(len(people)), key=lambda i: (-top[i], not people[i].rapporteur, i))
    for index in order:
        choices = sorted(wants[index].items(), key=lambda item: -item[1].score)
        target = next((g for g, _m in choices if can_take(g)), None)
        if target is None:
            target = balance_choice(index)
        assign[index] = target
        size[target] += 1

    assign = _improve(people, assign, count, base, wants, top, expertise_key)

    placements: list[Placement] = []
    has_rapporteur: set[int] = set()
    for index, person in enumerate(people):
        group = assign[index]
        match = wants[index].get(group)
        passed = None if match is not None or not matches[index] else matches[index][0]
        rapporteur = person.rapporteur and group not in has_rapporteur
        if rapporteur:
            has_rapporteur.add(group)
        placements.append(Placement(person.id, group, match, passed, rapporteur))
    return placements


def _improve(
    people: Sequence[Person],
    assign: list[int],
    count: int,
    base: int,
    wants: list[dict[int, Match]],
    top: list[int],
    expertise_key: list[str],
) -> list[int]:
    """Swap people between groups (and move one from a group of base+1 to a
    group of base) while that makes the allocation strictly better."""

    def group_cost(members: list[int]) -> tuple[int, int, int, int, int]:
        genders = Counter(people[i].gender for i in members)
        named = {g for g in genders if g not in _NEUTRAL_GENDERS}
        externals = sum(1 for i in members if people[i].external)
        keys = Counter(expertise_key[i] for i in members if expertise_key[i])
        return (
            int(len(members) > 1 and len(named) == 1),
            int(not any(people[i].rapporteur for i in members)),
            sum(n * n for g, n in genders.items() if g not in _NEUTRAL_GENDERS),
            externals * externals,
            sum(n * n for n in keys.values()),
        )

    def miss(index: int, group: int) -> int:
        match = wants[index].get(group)
        return top[index] - (match.score if match is not None else 0)

    plan = list(assign)
    members: list[list[int]] = [[] for _ in range(count)]
    for index, group in enumerate(plan):
        members[group].append(index)
    parts = [group_cost(m) for m in members]
    unmatched = sum(miss(i, g) for i, g in enumerate(plan))

    def total(costs: list[tuple[int, ...]], missed: int) -> tuple[int, ...]:
        one, none, gender, external, duplicate = (sum(c[k] for c in costs) for k in range(5))
        return (one, none, missed, gender, external, duplicate)

    best = total(parts, unmatched)

    def attempt(moves: list[tuple[int, int]]) -> bool:
        """Apply (person, new group) moves if the result is better; keep it or undo."""
        nonlocal best, unmatched
        touched = {plan[i] for i, _g in moves} | {g for _i, g in moves}
        missed = unmatched + sum(miss(i, g) - miss(i, plan[i]) for i, g in moves)
        trial = list(parts)
        moved = dict(moves)
        for group in touched:
            kept = [i for i in members[group] if i not in moved]
            kept += [i for i, g in moves if g == group]
            trial[group] = group_cost(kept)
        score = total(trial, missed)
        if score >= best:
            return False
        for index, group in moves:
            members[plan[index]].remove(index)
            members[group].append(index)
            plan[index] = group
        parts[:] = trial
        best, unmatched = score, missed
        return True

    improved = True
    while improved:
        improved = False
        for a in range(len(plan)):
            for b in range(a + 1, len(plan)):
                if plan[a] != plan[b] and attempt([(a, plan[b]), (b, plan[a])]):
                    improved = True
            for group in range(count):
                if (
                    group != plan[a]
                    and len(members[plan[a]]) > base
                    and len(members[group]) == base
                    and attempt([(a, group)])
                ):
                    improved = True
        # Two people trading places can break a group's gender mix or leave it
        # without a rapporteur; trading two more between the same groups mends it.
        for a in range(len(plan)):
            for wanted in wants[a]:
                here = plan[a]
                if wanted == here:
                    continue
                for b in list(members[wanted]):
                    for c in [i for i in members[here] if i != a]:
                        for d in [i for i in members[wanted] if i != b]:
                            moves = [(a, wanted), (b, here), (c, wanted), (d, here)]
                            if attempt(moves):
                                improved = True
                                break
                        if plan[a] != here:
                            break
                    if plan[a] != here:
                        break
    return plan
