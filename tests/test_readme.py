"""The README's opening describes what this version has, and keeps its two
set-up commands (the main job and the tests) exactly."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _opening() -> str:
    text = README.read_text(encoding="utf-8")
    return " ".join(text[: text.index("## Set up and run")].split())


def test_opening_does_not_postpone_what_is_there(idg):
    opening = _opening()
    assert "later versions" not in opening
    have, _, to_come = opening.partition("Still to come:")
    for words in (
        "action plan",
        "KPIs",
        "reports",
        "packages",
        "workbook",
        "merged",
        "projector",
        "one screen",
    ):
        assert words in have, words
    for words in ("monitoring", "second self-assessment", "installers", "French"):
        assert words in to_come, words
    usage = idg("--help").out
    for verb in ("plan", "kpi", "export", "package", "template", "conflicts", "matrix"):
        assert verb in usage, verb  # what the opening says is there, the command has


def test_the_two_set_up_commands_are_unchanged():
    text = README.read_text(encoding="utf-8")
    assert "bash tools/bootstrap.sh && .venv/bin/idg-desktop --demo\n" in text
    assert "bash tools/bootstrap.sh && .venv/bin/python -m pytest -q\n" in text
