"""The plan's KPI sheet and SMART rules (domain/plan.py), tested alone: no file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idg_desktop.domain.plan import (
    SmartCheck,
    check_can_complete,
    check_stays_complete,
    measurable,
    missing_mandatory_labels,
    rolled_up,
    time_bound,
)
from idg_desktop.errors import InvalidInput

FIELDS = [
    {"key": "name", "label": "Name of the KPI", "mandatory": True},
    {"key": "description", "label": "Description", "mandatory": True},
    {"key": "typologies", "label": "KPI typology", "mandatory": True},
    {"key": "country_example", "label": "Country example", "mandatory": False},
]
FULL = {
    "name": "Rotation rate",
    "description": "Officers rotated each year",
    "typologies": ["quantitative"],
    "country_example": "",
}


def test_a_full_sheet_can_be_marked_complete():
    check_can_complete("Rotation rate", FULL, FIELDS)  # no refusal
    assert missing_mandatory_labels(FULL, FIELDS) == []


def test_completion_refused_naming_every_empty_mandatory_field():
    sheet = {**FULL, "description": "  ", "typologies": []}
    with pytest.raises(InvalidInput) as refused:
        check_can_complete("Rotation rate", sheet, FIELDS)
    assert str(refused.value) == (
        "The sheet of 'Rotation rate' cannot be marked complete: Description, KPI typology "
        "are mandatory in Annex 11 and still empty."
    )
    with pytest.raises(InvalidInput, match="Description is mandatory"):
        check_can_complete("Rotation rate", {**FULL, "description": ""}, FIELDS)


def test_an_optional_field_never_blocks():
    check_can_complete("Rotation rate", {**FULL, "country_example": ""}, FIELDS)


def test_emptying_a_mandatory_field_of_a_complete_sheet_is_refused():
    after = {**FULL, "description": ""}
    with pytest.raises(InvalidInput) as refused:
        check_stays_complete("Rotation rate", True, after, FIELDS)
    assert str(refused.value) == (
        "The sheet of 'Rotation rate' is marked complete and 'Description' is mandatory: "
        "mark it incomplete before emptying it."
    )
    check_stays_complete("Rotation rate", False, after, FIELDS)  # a draft may be emptied
    check_stays_complete("Rotation rate", True, {**FULL, "country_example": ""}, FIELDS)


def test_measurable_needs_a_target_value():
    assert not measurable([])
    assert not measurable(["", "  "])
    assert measurable(["", "90% by 2027"])


def test_time_bound_needs_a_due_quarter_or_date():
    assert not time_bound("")
    assert time_bound("2027-Q1")
    assert time_bound("2027-03-31")


def check(m: bool, t: bool) -> SmartCheck:
    return SmartCheck("", m, "", "", t)


@given(st.booleans(), st.lists(st.tuples(st.booleans(), st.booleans()), max_size=5))
def test_an_outcome_or_output_rolls_up_its_activities(own, activities):
    below = [check(m, t) for m, t in activities]
    is_measurable, is_time_bound = rolled_up(own, below)
    # Its own KPI with a target suffices; else every activity under it must be.
    assert is_measurable == (own or (bool(below) and all(m for m, _ in activities)))
    # Time-bound: every activity under it is, with at least one.
    assert is_time_bound == (bool(below) and all(t for _, t in activities))
    if not below:
        assert (is_measurable, is_time_bound) == (own, False)
