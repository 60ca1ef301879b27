"""The priority rule over every combination of the eight criteria (4^8 = 65,536)."""

from __future__ import annotations

import itertools

import pytest

from idg_desktop.domain.priorities import (
    CRITERIA,
    Band,
    Level,
    is_quick_result,
    priority,
)

LEVELS = (None, Level.LOW, Level.MEDIUM, Level.HIGH)
ORDER = {Band.LOW: 0, Band.MEDIUM: 1, Band.HIGH: 2}


@pytest.fixture(scope="module")
def every_case() -> dict[tuple, Band]:
    return {
        combo: priority(dict(zip(CRITERIA, combo, strict=True))).band
        for combo in itertools.product(LEVELS, repeat=len(CRITERIA))
    }


def test_every_combination_has_a_band(every_case):
    assert len(every_case) == 65_536
    assert set(every_case.values()) == {Band.HIGH, Band.MEDIUM, Band.LOW, Band.UNRATED}


def test_raising_a_criterion_never_lowers_the_band_and_cost_never_raises_it(every_case):
    for combo, band in every_case.items():
        if band is Band.UNRATED:
            continue
        for index, level in enumerate(combo):
            if level in (None, Level.HIGH):
                continue
            higher = list(combo)
            higher[index] = Level.MEDIUM if level is Level.LOW else Level.HIGH
            raised = every_case[tuple(higher)]
            if CRITERIA[index] == "cost":
                assert ORDER[raised] <= ORDER[band], (combo, index)
            else:
                assert ORDER[raised] >= ORDER[band], (combo, index)


def test_unrated_criteria_are_never_taken_as_medium(every_case):
    for combo, band in every_case.items():
        rated = [level for level in combo if level is not None]
        impact = combo[CRITERIA.index("impact")]
        if impact is None or len(rated) < 5:
            assert band is Band.UNRATED, combo
        else:
            assert band is not Band.UNRATED, combo


def test_the_extremes():
    best = {c: Level.HIGH for c in CRITERIA} | {"cost": Level.LOW}
    worst = {c: Level.LOW for c in CRITERIA} | {"cost": Level.HIGH}
    assert priority(best).band is Band.HIGH
    assert priority(worst).band is Band.LOW
    middle = {c: Level.MEDIUM for c in CRITERIA}
    assert priority(middle).band is Band.MEDIUM


def test_reasons_name_what_counts_and_what_is_missing():
    result = priority(
        {"impact": "high", "urgency": "high", "importance": "medium", "ease": "low", "cost": "high"}
    )
    assert result.band is Band.MEDIUM
    text = "; ".join(result.reasons)
    assert "in favour: urgency, impact" in text or "in favour: impact, urgency" in text
    assert "against:" in text and "cost" in text and "ease" in text
    assert "not rated: consequence, commitment, obligations" in text
    missing = priority({"urgency": "high"})
    assert missing.band is Band.UNRATED
    assert "impact must be rated" in missing.reasons


def test_quick_results_are_high_impact_and_easy():
    assert is_quick_result({"impact": "high", "ease": "high", "cost": "low"})
    assert not is_quick_result({"impact": "high", "ease": "high", "cost": "high"})
    assert not is_quick_result({"impact": "medium", "ease": "high"})


def test_unknown_criteria_are_refused():
    with pytest.raises(ValueError, match="unknown criteria: beauty"):
        priority({"beauty": "high"})


def test_the_rule_uses_the_framework_s_criteria():
    from idg_desktop.domain.framework import bundled_framework
    from idg_desktop.domain.priorities import HIGH_IS_WORSE

    criteria = bundled_framework().raw["prioritisation_criteria"]
    assert tuple(c["key"] for c in criteria) == CRITERIA
    assert {c["key"] for c in criteria if c["high_is_worse"]} == HIGH_IS_WORSE
