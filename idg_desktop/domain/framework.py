"""The IDG framework (sections, sub-areas, checklist questions...) as data.

The bundled copy lives in ``resources/framework/`` (see
``docs/framework-format.md``); each assessment file carries its own copy, so
this module reads either.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from idg_desktop.errors import InvalidInput
from idg_desktop.resources import resource_path

BUNDLED_FRAMEWORK = ("framework", "idg-2021.json")

_QUESTION_ID = re.compile(r"^(?P<code>[A-Za-z]{2})-(?P<custom>[Cc]?)(?P<number>\d+)$")


@dataclass(frozen=True)
class Question:
    section: str
    number: int
    text: str
    subarea: str = ""
    part: str = ""
    custom: bool = False

    @property
    def id(self) -> str:
        return question_id(self.section, self.number, custom=self.custom)


@dataclass(frozen=True)
class SubArea:
    label: str
    title: str
    parts: tuple[tuple[str, str], ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    category: str
    subareas: tuple[SubArea, ...]
    printed_heading: str = ""
    key_factor_number: int | None = None
    arusha_statement: str | None = None
    good_practices: tuple[dict[str, str], ...] = ()
    #: Words that point to the section ("investigat*"), for placing people in
    #: working groups; the project's own data, not the guide's.
    keywords: tuple[str, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for sub in self.subareas for q in sub.questions)


def _guide_list(name: str, doc: str) -> property:
    """A list of the guide's beside the checklist, as the framework file gives
    it (shared, read only): dicts with at least a "key" (or "number") and a label."""

    def read(framework: Framework) -> list[dict[str, Any]]:
        return framework.raw.get(name, [])

    read.__doc__ = doc
    return property(read)


@dataclass(frozen=True)
class Framework:
    id: str
    version: int
    title: str
    sections: tuple[Section, ...]
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.sections)

    def section(self, code: str) -> Section:
        for section in self.sections:
            if section.code == code.upper():
                return section
        raise InvalidInput(f"Unknown section '{code}': use one of {', '.join(self.codes)}.")

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def to_json(self) -> str:
        return json.dumps(self.raw, ensure_ascii=False, indent=1)

    # The guide's lists beside the checklist, as the framework file gives them
    # (shared, read only): dicts with at least a "key" (or "number") and a label.

    kpi_metadata_fields = _guide_list(
        "kpi_metadata_fields", "Annex 11's fields of a KPI metadata sheet (key, label, mandatory)."
    )
    kpi_typologies = _guide_list("kpi_typologies", "Annex 10's typologies of KPIs (key, label).")
    assessment_steps = _guide_list(
        "assessment_steps", "The steps of an assessment (number, title)."
    )
    terms_of_reference_fields = _guide_list(
        "terms_of_reference_fields", "Annex 5's fields of the terms of reference (key, label)."
    )
    background_document_kinds = _guide_list(
        "background_document_kinds", "The kinds of background documents of step 3 (key, label)."
    )


#: What a document without a framework copy carries: nothing.
EMPTY_FRAMEWORK = Framework(id="", version=0, title="", sections=(), raw={})


def question_id(section: str, number: int, *, custom: bool = False) -> str:
    """``TR-20`` for the guide's questions, ``TR-C1`` for a document's own."""
    return f"{section}-{'C' if custom else ''}{number}"


def split_question_id(text: str) -> tuple[str, int, bool]:
    """``"tr-20"`` → ``("TR", 20, False)``; a clear error for anything else."""
    match = _QUESTION_ID.match(text.strip())
    if not match:
        raise InvalidInput(
            f"'{text}' is not a question id: write it as section code and number, e.g. TR-20."
        )
    return match["code"].upper(), int(match["number"]), bool(match["custom"])


def framework_from_dict(raw: dict[str, Any]) -> Framework:
    sections = []
    for s in raw["sections"]:
        subareas = []
        for sub in s["subareas"]:
            questions = tuple(
                Question(
                    section=s["code"],
                    number=int(q["number"]),
                    text=q["text"],
                    subarea=sub["label"],
                    part=q.get("part", ""),
                )
                for q in sub["questions"]
            )
            parts = tuple((p["label"], p["title"]) for p in sub.get("parts", []))
            subareas.append(SubArea(sub["label"], sub["title"], parts, questions))
        sections.append(
            Section(
                code=s["code"],
                title=s["title"],
                category=s.get("category", ""),
                subareas=tuple(subareas),
                printed_heading=s.get("printed_heading", s["title"]),
                key_factor_number=s.get("key_factor_number"),
                arusha_statement=s.get("arusha_statement"),
                good_practices=tuple(s.get("good_practices", [])),
                keywords=tuple(s.get("keywords", [])),
            )
        )
    return Framework(
        id=raw["id"],
        version=int(raw["version"]),
        title=raw["title"],
        sections=tuple(sections),
        raw=raw,
    )


@cache
def bundled_framework() -> Framework:
    """The framework shipped with this version of the application."""
    path = resource_path(*BUNDLED_FRAMEWORK)
    with path.open(encoding="utf-8") as stream:
        return framework_from_dict(json.load(stream))
