"""The IDG's rules in plain Python: Figure 5, question ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idg_desktop.domain.framework import question_id, split_question_id
from idg_desktop.domain.vocabulary import Effectiveness, Rating, rating_from_evaluation
from idg_desktop.errors import InvalidInput


@pytest.mark.parametrize(
    ("exists", "applied", "effective", "rating"),
    [
        (None, None, None, Rating.NOT_ASSESSED),
        (False, None, None, Rating.ABSENT),
        (False, True, Effectiveness.YES, Rating.ABSENT),  # later answers are moot
        (True, None, None, Rating.NOT_ASSESSED),
        (True, False, None, Rating.NOT_APPLIED),
        (True, True, None, Rating.NOT_ASSESSED),
        (True, True, Effectiveness.NO, Rating.NOT_EFFECTIVE),
        (True, True, Effectiveness.PARTLY, Rating.PARTIALLY_EFFECTIVE),
        (True, True, Effectiveness.YES, Rating.EFFECTIVE),
    ],
)
def test_figure_5_sets_the_rating(exists, applied, effective, rating):
    assert rating_from_evaluation(exists, applied, effective) == rating


@given(
    st.sampled_from(["LC", "TR", "GE"]),
    st.integers(min_value=1, max_value=999),
    st.booleans(),
)
def test_question_ids_round_trip(code, number, custom):
    text = question_id(code, number, custom=custom)
    assert split_question_id(text) == (code, number, custom)
    assert split_question_id(text.lower()) == (code, number, custom)


@pytest.mark.parametrize("bad", ["TR", "TR-", "TR20", "T-1", "TR-1a", "", "TR--1"])
def test_malformed_question_ids_are_refused(bad):
    with pytest.raises(InvalidInput, match="not a question id"):
        split_question_id(bad)
