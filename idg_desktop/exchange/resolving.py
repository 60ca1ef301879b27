"""The conflicts a merge left, and their resolution by the facilitator.

A conflict keeps every version of a record (the master's and each group's);
resolving it keeps one version whole, or takes each differing field from the
version chosen (and maybe a consolidated text): nothing is kept by default.
The chosen version becomes the record through the services, as any edit.
The refusals name what was chosen, not how: the command line and the window
word their own hints (``cli/conflicts.py`` says which flags to give).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from idg_desktop.domain import records
from idg_desktop.domain.vocabulary import Effectiveness, rating_from_evaluation
from idg_desktop.errors import InvalidInput
from idg_desktop.exchange.records import FINDING_FIELDS
from idg_desktop.exports.wire import LISTING, write_all
from idg_desktop.services import merging, reading
from idg_desktop.storage.document import AssessmentDocument


def list_conflicts(document: AssessmentDocument, *, open_only: bool = True) -> list[dict[str, Any]]:
    """The conflicts as ``idg conflicts --json`` and the Merge page show them
    (the mapping: ``exports/wire.py`` LISTING)."""
    return write_all(LISTING["conflicts"], reading.conflicts(document, open_only=open_only))


def conflict_fields(versions: list[dict[str, Any]]) -> list[str]:
    """Every field the versions of a conflict carry, in the order they carry them.
    ``versions``: ``{"origin": ..., "content": {...}}`` as :func:`list_conflicts` gives."""
    names: list[str] = []
    for version in versions:
        names += [name for name in version["content"] if name not in names]
    return names


def differing_fields(versions: list[dict[str, Any]]) -> list[str]:
    """The fields on which the versions of a conflict do not all agree."""
    return [
        name
        for name in conflict_fields(versions)
        if len({json.dumps(v["content"].get(name), sort_keys=True) for v in versions}) > 1
    ]


def _between(origins: list[str]) -> str:
    return origins[0] if len(origins) == 1 else f"{', '.join(origins[:-1])} and {origins[-1]}"


class BothWays(InvalidInput):
    """A version kept whole and fields (or a text) chosen as well."""

    def __init__(self, short: str) -> None:
        self.short = short
        super().__init__(
            f"Conflict {short}: keep one version whole or choose field by field, not both."
        )


class TextChosenTwice(InvalidInput):
    """A consolidated text given, and the text taken from a version too."""

    def __init__(self, short: str) -> None:
        self.short = short
        super().__init__(
            f"Conflict {short}: the text is chosen twice, as a consolidated text and "
            "from a version."
        )


class UnchosenFields(InvalidInput):
    """Fields that differ between the versions left unchosen (``missing``, in order)."""

    def __init__(self, short: str, missing: list[str], origins: list[str]) -> None:
        self.short, self.missing, self.between = short, missing, _between(origins)
        super().__init__(
            f"Conflict {short}: choose the {', '.join(missing)}; "
            f"{'it differs' if len(missing) == 1 else 'they differ'} between {self.between}."
        )


def _check_ladder(short: str, chosen: dict[str, Any]) -> None:
    """The rating chosen must be the one Figure 5's answers chosen give (as the
    answer editor derives it); no Figure 5 answers: a rating given directly."""
    steps = (chosen.get("measure_exists"), chosen.get("measure_applied"))
    effective = chosen.get("measure_effective")
    if steps == (None, None) and effective is None:
        return
    try:
        implied = rating_from_evaluation(
            *steps, Effectiveness(effective) if effective else None
        ).value
    except ValueError:
        raise InvalidInput(
            f"Conflict {short}: the Figure 5 answer '{effective}' is not one of no, partly, yes."
        ) from None
    if chosen.get("rating") != implied:
        raise InvalidInput(
            f"Conflict {short}: the rating '{chosen.get('rating')}' contradicts the Figure 5 "
            f"answers chosen, which give '{implied}'; choose the rating and measure_exists, "
            "measure_applied, measure_effective consistently."
        )


def resolve_conflict(
    document: AssessmentDocument,
    conflict_ref: str,
    *,
    take: str | None = None,
    text: str | None = None,
    fields: dict[str, str] | None = None,
) -> records.Conflict:
    """Resolve a conflict: ``take`` one version whole (by origin), or choose
    field by field — ``fields`` maps a field name to the origin it is taken
    from, ``text`` is a consolidated text. Every field that differs between
    the versions must be chosen: nothing is kept by default. The versions stay
    recorded with the conflict; the answer's history keeps the master's."""
    conflict = merging.conflict_by_ref(document, conflict_ref)
    short = conflict.id[:8]
    if conflict.status != "open":
        raise InvalidInput(f"Conflict {short} is already resolved.")
    fields = dict(fields or {})
    if take is not None and (text is not None or fields):
        raise BothWays(short)
    versions = [{"origin": v.origin, "content": json.loads(v.content)} for v in conflict.versions]
    if take is not None:
        chosen, resolution = dict(_version_from(short, versions, take)["content"]), take.strip()
    else:
        chosen, resolution = _by_field(short, conflict.record_type, versions, fields, text)
    with document.edit():
        if conflict.record_type == "answer":
            ours = merging.answer_to(document, conflict.record_key)
            theirs = {
                **chosen,
                "question": conflict.record_key,
                "origin": document.origin,
                "id": str(uuid.uuid4()),
                "created_at": document.now().isoformat(),
                "updated_at": document.now().isoformat(),
                "revision": 1,
            }
            merging.take_answer(document, theirs, ours.group_id if ours else None, new=ours is None)
        elif merging.finding(document, conflict.record_key) is not None:
            merging.take_finding(
                document, conflict.record_key, {**chosen, "origin": document.origin}, FINDING_FIELDS
            )
        return merging.close_conflict(document, conflict.id, resolution)


def _version_from(short: str, versions: list[dict[str, Any]], origin: str) -> dict[str, Any]:
    by_origin = {v["origin"].lower(): v for v in versions}  # the last of one origin
    found = by_origin.get(origin.strip().lower())
    if found is None:
        names = ", ".join(v["origin"] for v in versions)
        raise InvalidInput(f"Conflict {short} has no version from '{origin}': use one of {names}.")
    return found


def _by_field(
    short: str,
    record_type: str,
    versions: list[dict[str, Any]],
    fields: dict[str, str],
    text: str | None,
) -> tuple[dict[str, Any], str]:
    """The record as chosen field by field (and a consolidated ``text``), and
    the resolution it is recorded as."""
    known = conflict_fields(versions)
    picked: dict[str, dict[str, Any]] = {}
    for name, origin in fields.items():
        key = name.strip().lower().replace("-", "_")
        if key not in known:
            raise InvalidInput(
                f"Conflict {short} has no field '{name}': use one of {', '.join(known)}."
            )
        picked[key] = _version_from(short, versions, origin)
    if text is not None:
        if "text" in picked:
            raise TextChosenTwice(short)
        if not text.strip():
            raise InvalidInput("The consolidated text is empty.")
    differing = differing_fields(versions)
    missing = [
        name
        for name in differing
        if name not in picked and not (name == "text" and text is not None)
    ]
    if missing:
        raise UnchosenFields(short, missing, [v["origin"] for v in versions])
    chosen = {
        name: (picked[name] if name in picked else versions[0])["content"].get(name)
        for name in known
    }
    if text is not None:
        chosen["text"] = text.strip()
    if record_type == "answer":
        _check_ladder(short, chosen)
    taken = {picked[name]["origin"] for name in differing if name in picked}
    if text is not None and not taken:
        return chosen, "consolidated"  # as before: only the text differed
    if text is None and len(taken) == 1:
        return chosen, taken.pop()  # every differing field from one version
    parts = ["text: consolidated"] if text is not None else []
    parts += [f"{name}: {picked[name]['origin']}" for name in differing if name in picked]
    return chosen, f"by field ({'; '.join(parts)})"
