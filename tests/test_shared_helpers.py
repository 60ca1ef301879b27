"""The small helpers issue 12's clean-up shares across the core (one place
instead of each module spelling the same thing)."""

from __future__ import annotations

import pickle

from idg_desktop.domain import plan, priorities, vocabulary
from idg_desktop.domain.vocabulary import closed_list


def test_a_closed_list_names_its_members_after_the_values() -> None:
    Kind = closed_list("Kind", "in-country", "self")
    assert [(m.name, m.value) for m in Kind] == [("IN_COUNTRY", "in-country"), ("SELF", "self")]
    assert Kind("self") is Kind.SELF and Kind.SELF == "self"


def test_the_closed_lists_belong_to_the_module_that_declares_them() -> None:
    for enum, module in (
        (vocabulary.Rating, vocabulary),
        (priorities.Level, priorities),
        (plan.Extent, plan),
    ):
        assert enum.__module__ == module.__name__
        member = next(iter(enum))
        assert pickle.loads(pickle.dumps(member)) is member
