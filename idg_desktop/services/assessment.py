"""Creating an assessment and its scope (IDG Part II, step 1; Annex 5).

A new file copies the framework into itself, so the document opens the same
in every later version of the application and can carry its own questions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary

from sqlalchemy import func, select

from idg_desktop.domain import records
from idg_desktop.domain.dates import (
    NOTES_KEY,
    SCOPE_TERMS,
    fold_terms_into_scope,
    iso_date,
    parse_period,
    period_text,
)
from idg_desktop.domain.framework import (
    EMPTY_FRAMEWORK,
    Framework,
    bundled_framework,
    framework_from_dict,
)
from idg_desktop.domain.vocabulary import Mode, parse_choice
from idg_desktop.errors import InvalidInput
from idg_desktop.services.records import add_new, copied, touch
from idg_desktop.services.snapshots import fetch, snapshot
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument, Clock, utc_now


@dataclass
class Scope:
    """What step 1 settles; the fields people fill in on the Scope page."""

    title: str
    administration: str
    mode: Mode = Mode.IN_COUNTRY
    sections: list[str] | None = None  # None: comprehensive (every section)
    continuous: bool = False
    start_date: str = ""
    end_date: str = ""
    location: str = ""
    responsible_unit: str = ""
    responsible_persons: str = ""
    terms_of_reference: dict[str, str] = field(default_factory=dict)


def parse_sections(framework: Framework, text: str | list[str]) -> list[str]:
    """``"LC, rf"`` → ``["LC", "RF"]`` in the guide's order; unknown codes refused."""
    items = text.split(",") if isinstance(text, str) else text
    codes = {item.strip().upper() for item in items if item.strip()}
    if not codes:
        raise InvalidInput("No sections given: list section codes such as LC,RF.")
    for code in codes:
        framework.section(code)  # raises for an unknown code
    return [code for code in framework.codes if code in codes]


def copy_framework(document: AssessmentDocument, framework: Framework, in_scope: set[str]) -> None:
    session = document.session
    now = document.now()
    session.add(
        models.FrameworkCopy(
            id=framework.id, version=framework.version, content=framework.to_json()
        )
    )
    for index, section in enumerate(framework.sections):
        session.add(
            models.Section(
                **copied(section, "code", "title", "category"),
                position=index,
                in_scope=section.code in in_scope,
            )
        )
    session.flush()  # questions refer to their sections
    position = 0
    for section in framework.sections:
        for sub_index, sub in enumerate(section.subareas):
            session.add(
                models.SubArea(
                    section_code=section.code, **copied(sub, "label", "title"), position=sub_index
                )
            )
            for question in sub.questions:
                session.add(
                    models.Question(
                        **copied(question, "id", "part", "number", "text"),
                        section_code=section.code,
                        subarea_label=sub.label,
                        custom=False,
                        position=position,
                        created_at=now,
                        origin="framework",
                    )
                )
                position += 1


def create_assessment(
    path: Path | str,
    scope: Scope,
    *,
    framework: Framework | None = None,
    assessment_id: str | None = None,
    clock: Clock = utc_now,
    origin: str | None = None,
    fill: Callable[[AssessmentDocument], None] | None = None,
) -> AssessmentDocument:
    """A new ``.idg`` file for ``scope``; refuses to overwrite an existing file.

    ``fill``, if given, adds records in the same transaction, before the file
    takes its name (``idg import workbook`` rebuilds a whole assessment so)."""
    framework = framework or bundled_framework()
    if not scope.title.strip():
        raise InvalidInput("The assessment needs a title.")
    if not scope.administration.strip():
        raise InvalidInput("The assessment needs the name of the administration.")
    mode = parse_choice(Mode, scope.mode, "mode")
    sections = (
        parse_sections(framework, scope.sections) if scope.sections else list(framework.codes)
    )

    # Annex 5's Date and Location are the scope's (one fact, stored once).
    facts = {"start_date": scope.start_date, "end_date": scope.end_date, "location": scope.location}
    changes, terms = fold_terms_into_scope(facts, scope.terms_of_reference)
    facts.update(changes)

    def populate(document: AssessmentDocument) -> None:
        session = document.session
        copy_framework(document, framework, set(sections))
        assessment = models.Assessment(
            title=scope.title.strip(),
            administration=scope.administration.strip(),
            mode=mode.value,
            comprehensive=len(sections) == len(framework.codes),
            continuous=scope.continuous,
            start_date=facts["start_date"],
            end_date=facts["end_date"],
            location=facts["location"],
            responsible_unit=scope.responsible_unit,
            responsible_persons=scope.responsible_persons,
            terms_of_reference=json.dumps(terms, ensure_ascii=False),
        )
        add_new(document, assessment, record_id=assessment_id)
        session.add(models.Meta(key="assessment_id", value=assessment.id))
        session.add(models.Meta(key="created_at", value=document.now().isoformat()))
        session.add(models.Meta(key="created_by", value=_app_version()))
        session.add(models.Meta(key="framework", value=f"{framework.id}@{framework.version}"))
        if fill is not None:
            session.flush()
            fill(document)

    return AssessmentDocument.create(path, populate, clock=clock, origin=origin)


def _app_version() -> str:
    from idg_desktop import __version__

    return f"IDG Workshop {__version__}"


def assessment_of(document: AssessmentDocument) -> records.Assessment:
    return snapshot(_assessment_row(document))


def _assessment_row(document: AssessmentDocument) -> models.Assessment:
    return document.session.scalars(select(models.Assessment)).one()


def sections_in_scope(document: AssessmentDocument) -> list[records.Section]:
    section = models.Section
    return fetch(document, section, section.in_scope, order_by=(section.position,))


def section_of(document: AssessmentDocument, code: str) -> records.Section:
    section = document.session.get(models.Section, code.strip().upper())
    if section is None:
        codes = document.session.scalars(
            select(models.Section.code).order_by(models.Section.position)
        )
        raise InvalidInput(f"Unknown section '{code}': use one of {', '.join(codes)}.")
    return snapshot(section)


#: Each open document's framework, parsed once: the copy is written when the
#: file is created and never changed (the KPI sheets read it for every KPI).
_FRAMEWORKS: WeakKeyDictionary[AssessmentDocument, dict] = WeakKeyDictionary()


def document_framework(document: AssessmentDocument) -> dict:
    """The framework JSON the document carries (not the bundled one); read only."""
    cached = _FRAMEWORKS.get(document)
    if cached is None:
        copy = document.session.scalars(select(models.FrameworkCopy)).first()
        cached = json.loads(copy.content) if copy else {}
        if copy:
            _FRAMEWORKS[document] = cached
    return cached


_TYPED: WeakKeyDictionary[AssessmentDocument, Framework] = WeakKeyDictionary()


def framework_of(document: AssessmentDocument) -> Framework:
    """The framework the document carries as the domain's :class:`Framework`
    (sections, questions and the guide's lists typed); read only.
    :func:`document_framework` gives the same as raw JSON."""
    raw = document_framework(document)
    cached = _TYPED.get(document)
    if cached is None or cached.raw is not raw:
        if not raw:
            return EMPTY_FRAMEWORK
        cached = framework_from_dict(raw)
        _TYPED[document] = cached
    return cached


def update_scope(document: AssessmentDocument, **changes: object) -> records.Assessment:
    """Change scope fields; ``sections=[...]`` also changes which are in scope."""
    with document.edit() as session:
        assessment = _assessment_row(document)
        for name, value in changes.items():
            if name == "sections":
                codes = set(_parse_doc_sections(document, value))
                for section in session.scalars(select(models.Section)):
                    section.in_scope = section.code in codes
                total = session.scalar(select(func.count()).select_from(models.Section))
                assessment.comprehensive = len(codes) == total
            elif name == "mode":
                assessment.mode = parse_choice(Mode, str(value), "mode").value
            elif name == "terms_of_reference":
                stored = dict(value)  # type: ignore[call-overload]
                if SCOPE_TERMS[0] in stored or SCOPE_TERMS[1] in stored:
                    raise InvalidInput(
                        "Annex 5's Date and Location are the scope's dates and location: "
                        "set them there."
                    )
                assessment.terms_of_reference = json.dumps(stored, ensure_ascii=False)
            elif name in ("start_date", "end_date"):
                try:
                    setattr(assessment, name, iso_date(str(value or "")))
                except ValueError:
                    raise InvalidInput(
                        f"'{value}' is not a date: write it as YYYY-MM-DD."
                    ) from None
            elif hasattr(models.Assessment, name) and name not in {"id", "revision"}:
                setattr(assessment, name, value)
            else:
                raise InvalidInput(f"The scope has no field '{name}'.")
        touch(document, assessment)
    return snapshot(assessment)


def _parse_doc_sections(document: AssessmentDocument, value: object) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[arg-type]
    codes = [str(item).strip().upper() for item in items if str(item).strip()]
    if not codes:
        raise InvalidInput("No sections given: list section codes such as LC,RF.")
    for code in codes:
        section_of(document, code)
    return codes


#: Not an Annex 5 field: where the terms keep what no field holds (e.g. the
#: text typed in Annex 5's Date before it became the scope's period).
NOTES_FIELD = {"key": NOTES_KEY, "label": "Notes"}


def terms_of_reference_fields(document: AssessmentDocument) -> list[dict]:
    """Annex 5's fields as the document's framework lists them (key, label, ...),
    then the terms' notes. Date and Location carry ``"scope": True``: they show
    and write the scope's period and location."""
    fields = [
        {**f, "scope": True} if f["key"] in SCOPE_TERMS else dict(f)
        for f in framework_of(document).terms_of_reference_fields
    ]
    return [*fields, dict(NOTES_FIELD)]


def terms_of_reference(document: AssessmentDocument) -> dict[str, str]:
    """Every Annex 5 field with its text ("" when not written), then any other
    key stored; Date and Location are the scope's period and location."""
    scope = assessment_of(document)
    stored = json.loads(scope.terms_of_reference or "{}")
    stored["date"] = period_text(scope.start_date, scope.end_date)
    stored["location"] = scope.location
    keys = [f["key"] for f in terms_of_reference_fields(document)]
    return {key: str(stored.get(key, "")) for key in keys} | {
        k: v for k, v in stored.items() if k not in keys
    }


def set_terms_of_reference(document: AssessmentDocument, changes: dict[str, str]) -> dict[str, str]:
    """Write Annex 5 fields (an empty text clears one); unknown fields are refused.
    Date (a period: ``2027-03-08 to 2027-03-12``) and Location write the scope's."""
    keys = [f["key"] for f in terms_of_reference_fields(document)]
    for key in changes:
        if key not in keys:
            raise InvalidInput(
                f"The terms of reference have no field '{key}': use {', '.join(keys)}."
            )
    if not changes:
        raise InvalidInput("Nothing to change in the terms of reference.")
    scope_changes: dict[str, object] = {}
    if "date" in changes:
        try:
            start, end = parse_period(str(changes["date"]))
        except ValueError:
            raise InvalidInput(
                f"'{changes['date']}' is not a period: write it as YYYY-MM-DD to YYYY-MM-DD "
                "(it is the scope's dates)."
            ) from None
        scope_changes |= {"start_date": start, "end_date": end}
    if "location" in changes:
        scope_changes["location"] = str(changes["location"]).strip()
    stored = json.loads(assessment_of(document).terms_of_reference or "{}")
    for key, value in changes.items():
        if key not in SCOPE_TERMS:
            stored[key] = str(value).strip()
    update_scope(document, **scope_changes, terms_of_reference=stored)
    return terms_of_reference(document)
