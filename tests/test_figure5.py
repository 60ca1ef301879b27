"""Figure 5 as one rule (idg_desktop/domain/figure5.py): what the window, `idg answer`
and the fill-in workbook all derive a rating and the three answers from."""

from __future__ import annotations

import itertools

import pytest

from idg_desktop.domain import figure5
from idg_desktop.domain.vocabulary import Rating

RATINGS = [r.value for r in Rating]
LADDERS = [
    (None, None, None),
    (False, None, None),
    (True, None, None),
    (True, False, None),
    (True, True, None),
    (True, True, "no"),
    (True, True, "partly"),
    (True, True, "yes"),
]


def test_every_rating_of_the_ladder_is_given_by_the_answers_it_implies():
    for rating, ladder in figure5.IMPLIED.items():
        assert figure5.derive(ladder).value == rating
    assert set(figure5.IMPLIED) == set(RATINGS) - {"not-applicable", "not-assessed"}


def test_the_window_shows_stored_answers_or_those_a_rating_implies():
    assert figure5.shown_ladder("effective", (None, None, None)) == (True, True, "yes")
    assert figure5.shown_ladder("not-applicable", (None, None, None)) == (None, None, None)
    assert figure5.shown_ladder("not-assessed", (True, None, None)) == (True, None, None)


@pytest.mark.parametrize("ladder", LADDERS)
def test_changing_one_answer_keeps_the_others_and_drops_those_no_longer_asked(ladder):
    rating = figure5.derive(ladder).value
    assert figure5.update_ladder(rating, ladder) == ladder  # nothing given, nothing changes
    assert figure5.update_ladder(rating, ladder, exists=False) == (False, None, None)
    if ladder[0]:
        assert figure5.update_ladder(rating, ladder, applied=False) == (True, False, None)
        changed = figure5.update_ladder(rating, ladder, applied=True)
        assert changed == (True, True, ladder[2])
    if ladder[1]:
        assert figure5.update_ladder(rating, ladder, effective="partly") == (True, True, "partly")
    else:
        with pytest.raises(ValueError, match="'effective' is asked only when 'applied' is yes"):
            figure5.update_ladder(rating, ladder, effective="yes")


def test_not_applicable_starts_from_no_answers():
    assert figure5.update_ladder("not-applicable", (None, None, None), exists=True) == (
        True,
        None,
        None,
    )


@pytest.mark.parametrize(("rating", "ladder"), list(itertools.product(RATINGS, LADDERS)))
def test_a_rating_contradicts_exactly_the_answers_that_give_another(rating, ladder):
    why = figure5.contradiction(rating, ladder)
    given = figure5.derive(ladder).value
    assert (why is None) == (given == rating)
    if why:
        assert rating in why and given in why


@pytest.mark.parametrize(("rating", "ladder"), list(itertools.product(RATINGS, LADDERS)))
def test_a_rating_on_its_own_keeps_answers_that_give_it(rating, ladder):
    kept = figure5.ladder_for_rating(rating, ladder)
    if figure5.derive(ladder).value == rating:
        assert kept == ladder
    elif rating in figure5.IMPLIED:
        assert kept == figure5.IMPLIED[rating]
    else:
        assert kept == (None, None, None)


@pytest.mark.parametrize("ladder", LADDERS)
def test_the_editors_evaluation_is_a_domain_rule(ladder):
    """Evaluation (the answer editor's three questions) lives in the domain, with
    no file: its rating is the ladder's, the service uses the same type."""
    from idg_desktop.services import answers

    evaluation = figure5.Evaluation(*ladder)
    assert evaluation.rating() == figure5.derive(ladder)
    assert evaluation.ladder() == ladder
    assert answers.Evaluation is figure5.Evaluation


def test_an_evaluation_names_a_wrong_effectiveness():
    from idg_desktop.errors import InvalidInput

    assert figure5.Evaluation(True, True, " Partly ").ladder() == (True, True, "partly")
    with pytest.raises(InvalidInput, match="effectiveness"):
        figure5.Evaluation(True, True, "mostly").rating()
