"""The helpers every ``idg`` verb shares (cli/common.py): a listing's output,
a change's one line, the arguments a verb takes by default, flags passed to a
service by name."""

from __future__ import annotations

import argparse
import json

import pytest

from idg_desktop.cli.common import (
    Parser,
    Verbs,
    flags,
    print_changed,
    print_listing,
    print_new_id,
    show,
)
from idg_desktop.services import participants


def _never_read():
    raise AssertionError("the lines were read for a --json listing")
    yield ""  # pragma: no cover


def test_a_listing_prints_its_lines_or_the_empty_sentence(capsys):
    assert print_listing(False, ["a", "b"], iter(["line a", "line b"]), "None yet.") == 0
    assert capsys.readouterr().out == "line a\nline b\n"
    assert print_listing(False, [], iter([]), "None yet.") == 0
    assert capsys.readouterr().out == "None yet.\n"
    assert print_listing(False, [], iter([])) == 0
    assert capsys.readouterr().out == ""


def test_a_json_listing_dumps_the_data_and_reads_no_line(capsys):
    assert print_listing(True, [{"id": "é"}], _never_read(), "None yet.") == 0
    assert json.loads(capsys.readouterr().out) == [{"id": "é"}]


def test_new_id_changed_record_and_show_on_a_real_file(idg, tmp_path, capsys):
    path = tmp_path / "a.idg"
    assert idg("new", path, "--title", "T", "--administration", "A").code == 0
    capsys.readouterr()
    person = participants.ParticipantData(name="Ana")
    assert print_new_id(str(path), participants.add_participant, person) == 0
    short = capsys.readouterr().out.strip()
    assert len(short) == 8

    def rename(document):
        found = participants.list_participants(document)[0]
        return participants.update_participant(document, found.id, name="Ana B")

    assert print_changed(str(path), rename, lambda p: f"now {p.name}") == 0
    assert capsys.readouterr().out == f"{short}: now Ana B\n"
    assert print_changed(str(path), rename, "renamed") == 0
    assert capsys.readouterr().out == f"{short}: renamed\n"

    names = lambda d: [p.name for p in participants.list_participants(d)]  # noqa: E731
    assert show(str(path), True, names, lambda d: print("words")) == 0
    assert json.loads(capsys.readouterr().out) == ["Ana B"]
    assert show(str(path), False, names, lambda d: print("words")) == 0
    assert capsys.readouterr().out == "words\n"


def test_a_verb_takes_the_file_unless_it_says_otherwise():
    parser = Parser(prog="idg")
    verbs = Verbs(parser)
    verbs.verb("info", lambda args: 0, "Show a file.")
    verbs.verb("demo", lambda args: 0, "Write the demo.", takes=())
    verbs.group("template", "Workbooks.").add("export", lambda args: 0, "Export.")
    assert parser.parse_args(["info", "a.idg"]).file == "a.idg"
    assert parser.parse_args(["template", "export", "a.idg"]).file == "a.idg"
    assert "file" not in vars(parser.parse_args(["demo"]))
    with pytest.raises(SystemExit):
        parser.parse_args(["info"])


def test_flags_are_keyword_arguments_named_as_the_service_parameters():
    args = argparse.Namespace(endorsed_by="Board", endorsed_on="2026-05-01", note="")
    assert flags(args, "endorsed_by", "note") == {"endorsed_by": "Board", "note": ""}


def test_the_error_log_never_holds_an_errors_message(tmp_path, monkeypatch):
    """A bug's message may quote a record (a KeyError names the key it missed):
    the log keeps where it happened and the type, not the words."""
    from pathlib import Path

    from idg_desktop.errors import log_bug

    monkeypatch.setenv("IDG_DATA_DIR", str(tmp_path))
    name, answer = "Officer Amina Diallo", "bribes at the gate"  # records, read from a file
    try:
        try:
            {}[name]
        except KeyError as missed:
            raise ValueError(answer) from missed
    except ValueError as error:
        log = log_bug(error)
    written = Path(log).read_text(encoding="utf-8")
    assert "KeyError" in written and "ValueError" in written and "which led to:" in written
    assert "Amina" not in written and "bribes" not in written
    assert "test_the_error_log_never_holds_an_errors_message" in written  # where it happened
