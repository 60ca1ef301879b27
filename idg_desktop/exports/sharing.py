"""A version of the whole-assessment export for sharing: public, pseudonymised.

``idg export xlsx --public`` and ``--pseudonymise`` apply to the workbook the
rules the PDFs follow (``reports/content.py``): *public* leaves out answers and
findings marked confidential (with their histories) and every confidential
part of the action plan with everything under it (``services.plan.hidden_ids``);
*pseudonymise* names participants by role and initials in every text
(``reports/privacy.py``); *public* also leaves out the conflicts of what it
leaves out, whose versions carry the same text. Such a workbook cannot rebuild the assessment, so
its technical sheet says what it is and ``idg import workbook`` refuses it.
"""

from __future__ import annotations

import copy
from typing import Any

from idg_desktop.reports.privacy import Person, Pseudonyms

#: Keys whose values are ids, times or codes, never text a name could be in.
_NOT_TEXT = {
    "id",
    "created_at",
    "updated_at",
    "origin",
    "content_base64",
    "sha256",
    "written_at",
    "at",
}


def sharing_label(public: bool, pseudonymise: bool) -> str:
    """``"public, pseudonymised"``; ``""`` for the full workbook."""
    return ", ".join(
        word for word, on in (("public", public), ("pseudonymised", pseudonymise)) if on
    )


def for_sharing(
    payload: dict[str, Any], hidden: set[str], *, public: bool, pseudonymise: bool
) -> dict[str, Any]:
    """A copy of ``export_assessment``'s payload with the two choices applied.

    ``hidden``: the ids of the plan's confidential parts and everything under
    them (used when ``public``).
    """
    data = copy.deepcopy(payload)
    if public:
        _leave_out_confidential(data, hidden)
    if pseudonymise:
        _pseudonymise(data)
    return data


def _leave_out_confidential(data: dict[str, Any], hidden: set[str]) -> None:
    secret_questions = {a["question"] for a in data["answers"] if a["confidential"]}
    data["answers"] = [a for a in data["answers"] if not a["confidential"]]
    gone = {f["id"] for f in data["findings"] if f["confidential"]}
    # A conflict carries every side's version of its record: none of a
    # confidential answer or finding, nor one that any side marked confidential.
    data["conflicts"] = [
        c
        for c in data.get("conflicts", [])
        if c["record"] not in secret_questions | gone
        and not any(v["content"].get("confidential") for v in c["versions"])
    ]
    data["findings"] = [f for f in data["findings"] if f["id"] not in gone]
    for finding in data["findings"]:
        if finding["merged_into"] in gone:
            finding["merged_into"] = None
    plan = data["plan"]
    data["activities"] = [a for a in data["activities"] if a["id"] not in hidden]
    for activity in data["activities"]:
        activity["findings"] = [f for f in activity["findings"] if f not in gone]
    for key in ("outcomes", "outputs", "kpis"):
        plan[key] = [record for record in plan[key] if record["id"] not in hidden]
    plan["smart_confirmations"] = [
        t for t in plan["smart_confirmations"] if t["node"] not in hidden
    ]


def _pseudonymise(data: dict[str, Any]) -> None:
    people = [Person(p["id"], p["name"], p["role"]) for p in data["participants"]]
    names = Pseudonyms(people, enabled=True)

    def clean(value: Any, key: str = "") -> Any:
        if isinstance(value, str):
            return value if key in _NOT_TEXT else names.clean(value)
        if isinstance(value, list):
            return [clean(item, key) for item in value]
        if isinstance(value, dict):
            return {k: clean(v, k) for k, v in value.items()}
        return value

    cleaned = clean({k: v for k, v in data.items() if k != "participants"})
    data.update(cleaned)
    for person in data["participants"]:
        person["name"] = names.name(person["id"])
        person["email"] = ""
        for key in ("unit", "expertise", "notes"):
            person[key] = names.clean(person[key])
