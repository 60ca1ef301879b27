"""The demo workshop: a realistic sample assessment of a fictional administration.

Its content is data (``resources/demo/demo-workshop.json``, format in
``docs/demo-format.md``) so later issues extend it without touching code. It
is built with fixed ids, a fixed clock and a fixed origin, so every build of
the demo is the same document and its exports are repeatable.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from idg_desktop.config import data_dir
from idg_desktop.errors import IdgError
from idg_desktop.resources import resource_path
from idg_desktop.services import agenda, answers, background, findings, groups, participants
from idg_desktop.services.assessment import Scope, create_assessment
from idg_desktop.storage import models
from idg_desktop.storage.document import AssessmentDocument

DEMO_DATA = ("demo", "demo-workshop.json")
DEMO_ORIGIN = "demo"


def load_demo_data() -> dict[str, Any]:
    with resource_path(*DEMO_DATA).open(encoding="utf-8") as stream:
        return json.load(stream)


class _DemoClock:
    """Ticks one second per reading from the workshop's first morning."""

    def __init__(self, start: datetime) -> None:
        self._ticks: Iterator[int] = iter(range(10**9))
        self._start = start

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=next(self._ticks))


def _given(record: dict[str, Any], *required: str, **optional: Any) -> dict[str, Any]:
    """A service's keyword arguments from one record of the demo's data: the
    ``required`` keys, and the ``optional`` ones where the record has them,
    else the defaults given here."""
    return {
        **{key: record[key] for key in required},
        **{key: record.get(key, default) for key, default in optional.items()},
    }


def build_demo(path: Path | str) -> AssessmentDocument:
    """Write the demo workshop to ``path`` (which must not exist) and open it."""
    data = load_demo_data()
    a = data["assessment"]
    clock = _DemoClock(datetime.fromisoformat(a["start_date"] + "T08:00:00"))
    scope = Scope(
        **_given(
            a,
            "title",
            "administration",
            "mode",
            sections=None,
            continuous=False,
            start_date="",
            end_date="",
            location="",
            responsible_unit="",
            responsible_persons="",
            terms_of_reference={},
        )
    )
    document = create_assessment(
        path, scope, assessment_id=a["id"], clock=clock, origin=DEMO_ORIGIN
    )
    document.origin = DEMO_ORIGIN
    try:
        _fill(document, data)
        with document.edit() as session:
            session.add(models.Meta(key="demo_fingerprint", value=_fingerprint(document)))
    except BaseException:
        document.close()
        Path(path).unlink(missing_ok=True)
        raise
    return document


def _fill(document: AssessmentDocument, data: dict[str, Any]) -> None:
    for p in data["participants"]:
        participants.add_participant(
            document,
            participants.ParticipantData(
                **_given(
                    p,
                    "name",
                    unit="",
                    expertise="",
                    external=False,
                    stakeholder="customs",
                    gender="undisclosed",
                    role="contributor",
                    email="",
                )
            ),
            record_id=p["id"],
        )
    for g in data["groups"]:
        groups.add_group(
            document,
            g["name"],
            g["sections"],
            g["members"],
            rapporteur=g.get("rapporteur"),
            record_id=g["id"],
        )
    for ans in data["answers"]:
        history = ans.get("history", [])
        answer_id = ans.get("id") or str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"idg-demo/answer/{ans['question']}")
        )
        for version in [*history, ans]:
            answers.save_answer(
                document,
                ans["question"],
                text=version["text"],
                rating=version["rating"],
                evidence=version.get("evidence", ans.get("evidence", "")),
                group_id=ans.get("group"),
                author_id=version.get("author", ans.get("author")),
                record_id=answer_id,
            )
        answers.save_answer(
            document,
            ans["question"],
            marked_for_review=ans.get("marked_for_review", False),
            reviewed=ans.get("reviewed", False),
            confidential=ans.get("confidential", False),
        )
    for f in data["findings"]:
        findings.add_finding(
            document,
            **_given(
                f,
                "section",
                "kind",
                "text",
                questions=[],
                proposed_action="",
                status="proposed",
                confidential=False,
            ),
            group_id=f.get("group"),
            author_id=f.get("author"),
            record_id=f["id"],
        )
    for f in data["findings"]:
        if f.get("merged_into"):
            findings.update_finding(
                document, f["id"], merged_into_id=f["merged_into"], note="Merged in plenary."
            )
    from idg_desktop.services import activities

    for a in data.get("activities", []):
        activities.add_activity(
            document,
            **_given(a, "title", "section", findings=[], description="", confidential=False),
            record_id=a["id"],
        )
        if a.get("ratings"):
            activities.rate_activity(document, a["id"], a["ratings"])
        if a.get("override"):
            activities.override_priority(
                document, a["id"], a["override"]["band"], a["override"]["reason"]
            )
    _build_plan(document, data.get("plan", {}))
    for d in data.get("documents", []):
        background.add_document(
            document, **_given(d, "title", kind="other", reference="", notes=""), record_id=d["id"]
        )
    for s in data.get("sessions", []):
        agenda.add_session(
            document,
            day=s["date"],
            **_given(s, "topic", start="", duration_minutes=0, participants=[]),
            record_id=s["id"],
        )
    from idg_desktop.services.steps import set_step

    for step in data.get("steps", []):
        set_step(
            document, step["number"], start=step["start"], end=step["end"], record_id=step["id"]
        )


def _build_plan(document: AssessmentDocument, plan: dict[str, Any]) -> None:
    """The results chain, plan fields, KPIs, SMART ticks and endorsements."""
    from idg_desktop.services import plan as action_plan

    for o in plan.get("outcomes", []):
        action_plan.add_outcome(
            document,
            **_given(o, "title", "level", parent=None, description=""),
            record_id=o["id"],
        )
    for o in plan.get("outputs", []):
        action_plan.add_output(
            document, **_given(o, "title", "outcome", description=""), record_id=o["id"]
        )
    for a in plan.get("activities", []):
        action_plan.place_activity(document, a["activity"], a["output"])
        action_plan.update_plan_fields(document, a["activity"], **a.get("fields", {}))
    for k in plan.get("kpis", []):
        sheet = dict(k["sheet"])
        action_plan.add_kpi(
            document,
            activity=k.get("activity"),
            outcome=k.get("outcome"),
            output=k.get("output"),
            name=sheet.pop("name"),
            target=sheet.pop("target_value", ""),
            record_id=k["id"],
            **sheet,
        )
        if k.get("complete"):
            action_plan.set_kpi_complete(document, k["id"])
    for tick in plan.get("smart", []):
        key = f"idg-demo/smart/{tick['node']}/{tick['criterion']}"
        action_plan.confirm_smart(
            document,
            tick["node"],
            tick["criterion"],
            tick["by"],
            record_id=str(uuid.uuid5(uuid.NAMESPACE_URL, key)),
        )
    for a in plan.get("adoptions", []):
        action_plan.add_adoption(
            document,
            **_given(a, "endorsed_by", "endorsed_on", strategy_link="", note=""),
            record_id=a["id"],
        )


def fresh_demo_path(folder: Path | None = None) -> Path:
    """A new file name for a demo copy; never one the user may have edited."""
    folder = folder or data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    candidate = folder / "demo-workshop.idg"
    number = 2
    while candidate.exists():
        candidate = folder / f"demo-workshop-{number}.idg"
        number += 1
    return candidate


def _fingerprint(document: AssessmentDocument) -> str:
    """A digest of every record in the file (all tables but ``meta``, where it
    is kept), so any edit to the demo copy, even one undone by hand, shows."""
    digest = hashlib.sha256()
    for table in models.Base.metadata.sorted_tables:
        if table.name == models.Meta.__tablename__:
            continue
        digest.update(f"\x1e{table.name}".encode())
        rows = document.session.execute(select(table).order_by(*table.primary_key.columns))
        for row in rows:
            digest.update(repr(tuple(row)).encode("utf-8"))
    return digest.hexdigest()


def demo_copy(folder: Path | None = None) -> Path:
    """The demo workshop to open: the existing copy if nobody has changed it,
    otherwise a fresh copy under a new name (an edited copy is never replaced)."""
    folder = folder or data_dir()
    existing = folder / "demo-workshop.idg"
    if existing.exists():
        try:
            with AssessmentDocument.open(existing, read_only=True) as document:
                if document.meta("demo_fingerprint") == _fingerprint(document):
                    return existing
        except IdgError:
            pass  # damaged, too new, ...: leave it alone and make another
    path = fresh_demo_path(folder)
    build_demo(path).close()
    return path


__all__ = ["build_demo", "demo_copy", "fresh_demo_path", "load_demo_data", "models"]
