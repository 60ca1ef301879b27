"""The three-way merge of one record (domain/merge.py), tested alone: by content
against the base, never clocks."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from idg_desktop.domain.merge import Conflict, Side, Taken, merge_record

# Three possible contents are enough to meet every case of three versions.
CONTENTS = ("a", "b", "c")


def expected(base, ours, theirs):
    if theirs == base:
        return Taken(Side.OURS)  # nothing came in
    if ours == theirs:
        return Taken(Side.OURS)  # both changed it the same way
    if ours == base:
        return Taken(Side.THEIRS)  # only the group changed it
    return Conflict(ours, theirs)


def test_every_combination_of_three_versions():
    for base, ours, theirs in itertools.product(CONTENTS, repeat=3):
        assert merge_record(base, ours, theirs) == expected(base, ours, theirs), (
            base,
            ours,
            theirs,
        )


def test_the_four_rules_by_name():
    assert merge_record("x", "x", "x") == Taken(Side.OURS)
    assert merge_record("x", "y", "x") == Taken(Side.OURS)  # only ours changed
    assert merge_record("x", "x", "y") == Taken(Side.THEIRS)  # only theirs changed
    assert merge_record("x", "y", "y") == Taken(Side.OURS)  # same change on both sides
    assert merge_record("x", "y", "z") == Conflict("y", "z")


record = st.fixed_dictionaries(
    {
        "text": st.sampled_from(["", "Rotation exists", "No rotation"]),
        "rating": st.sampled_from(["not-assessed", "low", "high"]),
        "updated_at": st.datetimes().map(lambda d: d.isoformat()),
    }
)


def by_content(a, b):
    return (a["text"], a["rating"]) == (b["text"], b["rating"])


@given(record, record, record)
def test_clocks_never_decide(base, ours, theirs):
    """Only content counts: changing the times of any version changes nothing."""
    result = merge_record(base, ours, theirs, same=by_content)
    later = {**theirs, "updated_at": "2099-01-01T00:00:00"}
    earlier = {**ours, "updated_at": "1999-01-01T00:00:00"}
    again = merge_record(base, earlier, later, same=by_content)
    assert type(again) is type(result)
    if isinstance(result, Taken):
        assert again == result


@given(record, record, record)
def test_swapping_sides_swaps_the_winner(base, ours, theirs):
    """The rule favours neither side: what one side alone changed is taken."""
    forward = merge_record(base, ours, theirs, same=by_content)
    backward = merge_record(base, theirs, ours, same=by_content)
    assert isinstance(forward, Conflict) == isinstance(backward, Conflict)
    if isinstance(forward, Taken) and by_content(ours, base) != by_content(theirs, base):
        assert {forward.side, backward.side} == {Side.OURS, Side.THEIRS}


@given(record, record, record)
def test_a_conflict_exactly_when_both_changed_differently(base, ours, theirs):
    result = merge_record(base, ours, theirs, same=by_content)
    both_changed_differently = (
        not by_content(ours, base) and not by_content(theirs, base) and not by_content(ours, theirs)
    )
    assert isinstance(result, Conflict) == both_changed_differently
    if isinstance(result, Conflict):
        assert (result.ours, result.theirs) == (ours, theirs)


@given(record, record)
def test_merging_twice_changes_nothing(base, theirs):
    """Once theirs is taken, the same package again brings nothing."""
    first = merge_record(base, base, theirs, same=by_content)
    merged = theirs if first == Taken(Side.THEIRS) else base
    assert merge_record(base, merged, theirs, same=by_content) == Taken(Side.OURS)
