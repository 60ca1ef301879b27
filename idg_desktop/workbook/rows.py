"""The full workbook's rows: the JSON export, flattened to one dict per row.

``idg export json`` already maps every record kind to its wire names, in one
place (the workbook never reads an ORM row, and does not map a record a
second time); the workbook takes those records, one sheet per kind, and adds
what its readers want beside them (a question's text, the names of a group's
members, the computed priority as text). So the round trip ``export xlsx ->
import workbook -> export json`` is identical by construction. The columns
that read these rows are declared in ``layout.py``.
"""

from __future__ import annotations

import json
from typing import Any

from idg_desktop.domain import versions
from idg_desktop.domain.vocabulary import section_kind_words
from idg_desktop.storage import migrations
from idg_desktop.workbook.layout import FORMAT, FORMAT_VERSION, WORKBOOK_SINCE


def flatten(payload: dict[str, Any], extras: dict[str, Any]) -> dict[str, list[dict]]:
    """Rows per sheet key from ``export_assessment``'s JSON. ``extras`` adds what
    the JSON leaves implicit in its order: ``{"positions": {id: position},
    "questions": {id: text}, "sharing": "public, pseudonymised"}``."""
    position = extras.get("positions", {})
    question_text = extras.get("questions", {})
    names = {p["id"]: p["name"] for p in payload["participants"]}
    assessment = payload["assessment"]
    terms = extras.get("terms_labels", {})
    rows: dict[str, list[dict]] = {
        "scope": [{k: v for k, v in assessment.items() if k != "terms_of_reference"}],
        "participants": list(payload["participants"]),
        "groups": [
            {
                **g,
                "member_names": ", ".join(names.get(m, m) for m in g["members"]),
                "position": position.get(g["id"], 0),
            }
            for g in payload["groups"]
        ],
        "answers": [],
        "answer_history": [],
        "findings": [],
        "finding_history": [],
        "activities": [],
        "plan": [],
        "kpis": [{**k, **k["sheet"]} for k in payload["plan"]["kpis"]],
        "sections": [{**s, "kind": section_kind_words(s["category"])} for s in payload["sections"]],
        "terms": [
            {"key": key, "label": terms.get(key, ""), "text": value}
            for key, value in assessment["terms_of_reference"].items()
        ],
        "outcomes": list(payload["plan"]["outcomes"]),
        "outputs": list(payload["plan"]["outputs"]),
        "smart": list(payload["plan"]["smart_confirmations"]),
        "adoptions": list(payload["plan"]["adoptions"]),
        "sessions": list(payload["sessions"]),
        "steps": list(payload.get("steps", [])),
        "documents": list(payload["documents"]),
        "custom_questions": [
            {**q, "position": position.get(q["id"], 0)} for q in payload["custom_questions"]
        ],
        "conflicts": list(payload["conflicts"]),
        "conflict_versions": [
            {
                **v,
                "conflict": c["id"],
                "record": c["record"],
                "version_origin": v["origin"],
                "text": v["content"].get("text", ""),
                "rating": v["content"].get("rating", ""),
                "content": _json_text(v["content"]),
            }
            for c in payload["conflicts"]
            for v in c["versions"]
        ],
        "merge_log": [
            {**e, "counts": _counts(e["summary"]), "summary": _json_text(e["summary"])}
            for e in payload["merge_log"]
        ],
        "technical": [
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "framework_id": payload["framework"]["id"],
                "framework_version": payload["framework"]["version"],
                "schema_version": payload["schema_version"],
                "needs_version": versions.latest(
                    WORKBOOK_SINCE[FORMAT_VERSION], migrations.needs_version()
                ),
                "sharing": extras.get("sharing", ""),
            }
        ],
    }
    for a in payload["answers"]:
        question = a["question"]
        rows["answers"].append(
            {**a, **a["evaluation"], "question_text": question_text.get(question, "")}
        )
        rows["answer_history"] += [
            {**v, "answer": a["id"], "question": question} for v in a["history"]
        ]
    for f in payload["findings"]:
        rows["findings"].append(f)
        rows["finding_history"] += [{**e, "finding": f["id"]} for e in f["history"]]
    for a in payload["activities"]:
        priority = a["priority"]
        rows["activities"].append(
            {
                **a,
                **a["ratings"],
                "computed": priority["computed"],
                "score": "" if priority["score"] is None else f"{priority['score']:.2f}",
                "override": priority["override"] or "",
                "override_reason": priority["override_reason"] or "",
                "band": priority["band"],
                "position": position.get(a["id"], 0),
            }
        )
        rows["plan"].append({**a["plan"], "activity": a["id"], "title": a["title"]})
    return rows


def _json_text(value: Any) -> str:
    """A conflict version's fields or a merge's summary as one cell of JSON."""
    return json.dumps(value, ensure_ascii=False)


def _counts(summary: dict[str, Any]) -> str:
    """What an import did, for people: "1 taken, 0 added, 3 in conflict"."""
    taken, added = len(summary.get("taken", [])), len(summary.get("added", []))
    return f"{taken} taken, {added} added, {len(summary.get('conflicts', []))} in conflict"
