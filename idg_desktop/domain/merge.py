"""The three-way merge of one record, as a rule of its own (no file, no clock).

Three versions of one answer or finding meet when a group's package comes
back: the *base* the package carries (the master's record when it was
exported), *ours* (the master's now) and *theirs* (the group's). Only their
content is compared, never the laptops' clocks:

* theirs says what the base said: nothing came in — ours stays;
* ours and theirs say the same: both sides agree — ours stays;
* ours still says what the base said: only the group changed it — theirs is taken;
* otherwise both changed it differently: a conflict, both versions kept.

``same`` says whether two versions say the same thing (by default ``==``; the
exchange compares the fields that count, a missing record equalling an empty
one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

R = TypeVar("R")


class Side(StrEnum):
    OURS = "ours"  # nothing to write: the master keeps its version
    THEIRS = "theirs"  # the group's version replaces the master's


@dataclass(frozen=True)
class Taken:
    """One version wins without asking anyone."""

    side: Side


@dataclass(frozen=True)
class Conflict(Generic[R]):
    """Both sides changed the record differently: the facilitator decides."""

    ours: R
    theirs: R


def merge_record(
    base: R, ours: R, theirs: R, *, same: Callable[[R, R], bool] | None = None
) -> Taken | Conflict[R]:
    """``base, ours, theirs → Taken(side) | Conflict(ours, theirs)``, by content."""
    equal = same or (lambda a, b: a == b)
    if equal(theirs, base) or equal(ours, theirs):
        return Taken(Side.OURS)
    if equal(ours, base):
        return Taken(Side.THEIRS)
    return Conflict(ours, theirs)
