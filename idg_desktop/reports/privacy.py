"""Pseudonymisation: participants' names become their role and initials.

``Pseudonyms(people).clean(text)`` replaces every participant's full name in
a narrative (answers, findings, plan fields, terms of reference...), and a
surname standing alone when no two participants share it, so "Mateo Rinaldi"
and "Mr Rinaldi" both read "Contributor (M. R.)". Matching ignores case;
longer names are tried first so "Ana Lopez Diaz" wins over "Ana Lopez".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from idg_desktop.reports.words import ROLES


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str


def initials(name: str) -> str:
    """``"Leila Haddad-Saleh"`` → ``"L. H.-S."``."""
    words = []
    for word in name.split():
        parts = [p for p in word.split("-") if p]
        if parts:
            words.append("-".join(f"{p[0].upper()}." for p in parts))
    return " ".join(words)


class Pseudonyms:
    """The display name of each participant and a cleaner for free text."""

    def __init__(self, people: Iterable[Person], *, enabled: bool) -> None:
        self.enabled = enabled
        people = list(people)
        self._names: dict[str, str] = {}
        if not enabled:
            self._names = {p.id: p.name for p in people}
            self._pattern = None
            return
        labels = [f"{ROLES.get(p.role, 'Participant')} ({initials(p.name) or '?'})" for p in people]
        seen: Counter[str] = Counter()
        totals = Counter(labels)
        replacements: dict[str, str] = {}
        for person, label in zip(people, labels, strict=True):
            if totals[label] > 1:
                seen[label] += 1
                label = f"{label} {seen[label]}"
            self._names[person.id] = label
            if person.name.strip():
                replacements[" ".join(person.name.split()).lower()] = label
        surnames = Counter(p.name.split()[-1].lower() for p in people if p.name.split())
        for person in people:
            words = person.name.split()
            if len(words) > 1 and len(words[-1]) >= 4 and surnames[words[-1].lower()] == 1:
                replacements.setdefault(words[-1].lower(), self._names[person.id])
        self._replacements = replacements
        keys = sorted(replacements, key=len, reverse=True)
        # Whole words only; whitespace inside a name may vary (line breaks, two spaces).
        alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if keys else None
        )

    def name(self, participant_id: str | None) -> str:
        return self._names.get(participant_id or "", "")

    def clean(self, text: str | None) -> str:
        if not text:
            return ""
        if self._pattern is None:
            return text
        return self._pattern.sub(
            lambda m: self._replacements[" ".join(m.group(0).split()).lower()], text
        )
