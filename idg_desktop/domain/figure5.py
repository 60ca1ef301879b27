"""IDG Figure 5 as one rule for the window, the command line and the fill-in workbook.

The evaluation of an existing measure asks three questions in turn: is there a
measure? is it applied in practice? is it effective (no, partly, yes)? Each is
asked only after a "yes" to the one before; the answers give the rating
(:func:`idg_desktop.domain.vocabulary.rating_from_evaluation`).

A rating given directly (``idg answer --rating``, the demo, an import) stores no
answers; it *implies* them, and the window shows those implied answers. Changing
one answer starts from what is shown, so every caller goes through
:func:`update_ladder`, and :func:`contradiction` says why a rating and answers
given together cannot both hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from idg_desktop.domain.vocabulary import (
    RATING_LADDER,
    Effectiveness,
    Rating,
    parse_choice,
    rating_from_evaluation,
)

#: (measure exists?, applied?, effective: "no" | "partly" | "yes"); None: not answered.
Ladder = tuple[bool | None, bool | None, str | None]
EMPTY: Ladder = (None, None, None)

#: The three answers that lead to each rating of the ladder.
IMPLIED: dict[str, Ladder] = dict(
    zip([r.value for r in RATING_LADDER],
        [(False, None, None), (True, False, None), (True, True, "no"), (True, True, "partly"),
         (True, True, "yes")], strict=True)
)  # fmt: skip

QUESTIONS = ("exists", "applied", "effective")
_KEEP = object()


def derive(ladder: Ladder) -> Rating:
    """The rating Figure 5 gives for these answers (``not-assessed`` while incomplete)."""
    exists, applied, effective = ladder
    return rating_from_evaluation(
        exists, applied, Effectiveness(effective) if effective is not None else None
    )


def shown_ladder(rating: str, stored: Ladder) -> Ladder:
    """The answers the window shows: those stored, or those the rating implies."""
    return IMPLIED.get(rating, stored) if tuple(stored) == EMPTY else tuple(stored)  # type: ignore[return-value]


def _word(value: object) -> str:
    return {True: "yes", False: "no", None: "unanswered"}.get(value, str(value))  # type: ignore[call-overload]


def update_ladder(
    rating: str,
    stored: Ladder,
    *,
    exists: object = _KEEP,
    applied: object = _KEEP,
    effective: object = _KEEP,
) -> Ladder:
    """The answers after changing some of them, as the window's answer editor does.

    Starts from what is shown (:func:`shown_ladder`); a not-applicable answer
    starts empty. Each given answer replaces its own; the others stay. A
    question that is not asked (after a "no", or before its predecessor is
    answered "yes") cannot be answered: :class:`ValueError` names it.
    """
    base = EMPTY if rating == Rating.NOT_APPLICABLE else shown_ladder(rating, stored)
    given = {"exists": exists, "applied": applied, "effective": effective}
    values = [given[name] if given[name] is not _KEEP else base[i] for i, name in
              enumerate(QUESTIONS)]  # fmt: skip
    if values[2] is not None:
        values[2] = Effectiveness(str(values[2]).strip().lower()).value
    for i in (1, 2):
        before = QUESTIONS[i - 1]
        if values[i - 1] is not True and values[i] is not None:
            if given[QUESTIONS[i]] is not _KEEP:
                raise ValueError(
                    f"'{QUESTIONS[i]}' is asked only when '{before}' is yes "
                    f"(it is {_word(values[i - 1])})"
                )
            values[i] = None  # the window drops answers that are no longer asked
    return values[0], values[1], values[2]  # type: ignore[return-value]


def contradiction(rating: str, ladder: Ladder) -> str | None:
    """Why ``rating`` cannot stand with these answers, or None if Figure 5 gives it."""
    given = derive(ladder).value
    if given == Rating(rating).value:
        return None
    answers = ", ".join(
        f"{name} {_word(value)}" for name, value in zip(QUESTIONS, ladder, strict=True)
    )
    return f"the rating {rating} contradicts Figure 5's answers ({answers}), which give {given}"


def ladder_for_rating(rating: str, stored: Ladder) -> Ladder:
    """The answers to keep with a rating given on its own (a fill-in workbook's cell).

    The stored answers stay if they give that rating; otherwise the rating's own
    answers (what the window shows for it), and none for not-applicable or
    not-assessed.
    """
    if derive(tuple(stored)).value == Rating(rating).value:  # type: ignore[arg-type]
        return tuple(stored)  # type: ignore[return-value]
    return IMPLIED.get(Rating(rating).value, EMPTY)


@dataclass
class Evaluation:
    """Figure 5's three questions, as asked in the answer editor (and stored)."""

    measure_exists: bool | None = None
    applied: bool | None = None
    effective: str | None = None

    def ladder(self) -> Ladder:
        """The answers, effectiveness checked (``InvalidInput`` if not no, partly, yes)."""
        effective = (
            parse_choice(Effectiveness, self.effective, "effectiveness").value
            if self.effective
            else None
        )
        return self.measure_exists, self.applied, effective

    def rating(self) -> Rating:
        return derive(self.ladder())
