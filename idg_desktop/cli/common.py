"""What every verb of the ``idg`` command shares: exit codes, the parser that
says a usage error in one line, printing, opening a file, splitting lists and
``field=value`` pairs, the registry the topic modules add their verbs to, the
way most verbs end (print a new record's id, a changed record's line, a
listing or its JSON: ``print_new_id``, ``print_changed``, ``print_listing``,
``show``), and the way a verb's refusal or failure is reported.

This module imports no other module of the command (each topic imports it),
so the command has no import cycle (tests/test_cli_package.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

from idg_desktop.errors import FileProblem, IdgError, InvalidInput, log_bug
from idg_desktop.services.records import short_id
from idg_desktop.storage.document import AssessmentDocument
from idg_desktop.storage.recovery import recovered_sentence

__all__ = [
    "EXIT_ATTENTION",
    "EXIT_BUG",
    "EXIT_CONFLICTS",
    "EXIT_OK",
    "EXIT_REFUSED",
    "Actions",
    "Handler",
    "Parser",
    "Verbs",
    "dump",
    "flags",
    "open_document",
    "out",
    "pairs",
    "print_changed",
    "print_listing",
    "print_new_id",
    "run",
    "shared_arguments",
    "short_id",
    "show",
    "split",
]

EXIT_OK = 0
EXIT_ATTENTION = 1  # `check`: usable, but needs an upgrade
EXIT_REFUSED = 2
EXIT_CONFLICTS = 3  # `package import`: merged, with conflicts left to resolve
EXIT_BUG = 4

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, like every other refusal."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_REFUSED, f"idg: {message} (see 'idg {self._verb()} --help').\n")

    def _verb(self) -> str:
        parts = self.prog.split()
        return " ".join(parts[1:]) if len(parts) > 1 else ""


#: The arguments many verbs take, by name, for ``takes=`` (the file, a record's
#: id, ``field=value`` pairs to change, the working group an export is for) —
#: declared once. A verb takes the file unless its ``takes=`` says otherwise
#: (``takes=()``: no file).
ARGUMENTS: dict[str, tuple[str, dict[str, Any]]] = {
    "file": ("file", {"metavar": "FILE"}),
    "id": ("id", {"metavar": "ID"}),
    "fields": ("fields", {"nargs": "+", "metavar": "FIELD=VALUE"}),
    "json": ("--json", {"action": "store_true"}),
    "group": ("--group", {"required": True, "help": "the working group, by name or id"}),
}


#: What a verb takes unless it says otherwise: the assessment file.
FILE = ("file",)


def shared_arguments(parser: Parser, names: tuple[str, ...]) -> Parser:
    """Add the shared arguments ``names`` (keys of :data:`ARGUMENTS`), in order."""
    for name in names:
        flag, options = ARGUMENTS[name]
        parser.add_argument(flag, **options)
    return parser


class Actions:
    """The actions of a verb that only groups them (``idg finding add|set|merge``)."""

    def __init__(self, subparsers: argparse._SubParsersAction) -> None:
        self._subparsers = subparsers

    def add(
        self, name: str, handler: Handler, help_text: str, *, takes: tuple[str, ...] = FILE
    ) -> Parser:
        sub = self._subparsers.add_parser(name, help=help_text)
        sub.set_defaults(handler=handler)
        return shared_arguments(sub, takes)


class Verbs:
    """The ``idg`` parser's verbs, as each topic module's ``register`` adds them."""

    def __init__(self, parser: Parser) -> None:
        self._verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)
        self._verbs.required = True

    def verb(
        self, name: str, handler: Handler, help_text: str, *, takes: tuple[str, ...] = FILE
    ) -> Parser:
        """A verb that does something itself (``idg info FILE``)."""
        sub = self._parser(name, help_text)
        sub.set_defaults(handler=handler)
        return shared_arguments(sub, takes)

    def listing(self, name: str, handler: Handler, help_text: str) -> Parser:
        """A verb that lists a file's records, or prints them as JSON (``idg steps
        FILE [--json]``)."""
        return self.verb(name, handler, help_text, takes=("file", "json"))

    def group(
        self, name: str, help_text: str, *, dest: str = "action", metavar: str = "ACTION"
    ) -> Actions:
        """A verb made of actions, one of which is required (``idg package export``):
        without one, the usage error names the missing ACTION; each action's parser
        sets the handler."""
        found = self._parser(name, help_text).add_subparsers(
            dest=dest, metavar=metavar, parser_class=Parser
        )
        found.required = True
        return Actions(found)

    def _parser(self, name: str, help_text: str) -> Parser:
        return self._verbs.add_parser(name, help=help_text, description=help_text)


# -- output and input -------------------------------------------------------------


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def dump(data: object) -> None:
    out(json.dumps(data, ensure_ascii=False, indent=1))


def open_document(path: str, *, read_only: bool = False) -> AssessmentDocument:
    document = AssessmentDocument.open(Path(path), read_only=read_only)
    if document.recovered:  # a file left mid-write: say it was made whole, then go on
        sys.stderr.write(f"idg: {recovered_sentence(Path(path))}\n")
    return document


def print_new_id(path: str, make: Callable[..., Any], *given: Any, **fields: Any) -> int:
    """Open the file, ``make(document, *given, **fields)`` a record in it and
    print the record's short id."""
    with open_document(path) as document:
        out(short_id(make(document, *given, **fields).id))
    return EXIT_OK


def print_changed(
    path: str, change: Callable[[AssessmentDocument], Any], said: str | Callable[[Any], str]
) -> int:
    """Open the file, ``change`` a record in it and print ``ID: said`` (``said``
    a sentence, or made from the changed record)."""
    with open_document(path) as document:
        record = change(document)
        out(f"{short_id(record.id)}: {said if isinstance(said, str) else said(record)}")
    return EXIT_OK


def print_listing(as_json: bool, data: object, lines: Iterable[str], empty: str = "") -> int:
    """What a listing prints: ``data`` as JSON with --json, else ``lines`` (only
    then read), or ``empty`` where there is no line."""
    if as_json:
        dump(data)
        return EXIT_OK
    printed = 0
    for line in lines:
        out(line)
        printed += 1
    if not printed and empty:
        out(empty)
    return EXIT_OK


def show(
    path: str,
    as_json: bool,
    data: Callable[[AssessmentDocument], object],
    text: Callable[[AssessmentDocument], None],
) -> int:
    """Open the file read-only; print ``data(document)`` as JSON with --json, else
    let ``text(document)`` print it in words."""
    with open_document(path, read_only=True) as document:
        if as_json:
            dump(data(document))
        else:
            text(document)
    return EXIT_OK


def flags(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The flags ``names`` as keyword arguments of a service (a flag's ``dest`` is
    the parameter's name)."""
    return {name: getattr(args, name) for name in names}


def split(text: str | None, separator: str) -> list[str]:
    return [item.strip() for item in (text or "").split(separator) if item.strip()]


def pairs(items: list[str], what: str) -> dict[str, str]:
    """``["budget=EUR 5,000", "due=Q1 2027"]`` → a dict (values may contain ``=``)."""
    changes: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"'{item}' is not a {what}: write field=value.")
        changes[key.strip().lower().replace("-", "_")] = value
    return changes


# -- running a verb ---------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """Run the verb's handler: a refusal is one line naming the file, exit 2; an
    unexpected error one line, with its details in a log file, exit 4."""
    try:
        return args.handler(args)
    except IdgError as error:
        message = str(error)
        file = getattr(args, "file", None) or getattr(args, "target", None)
        if file and not isinstance(error, FileProblem) and str(file) not in message:
            message = f"{file}: {message}"
        sys.stderr.write(f"idg: {message}\n")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        sys.stderr.write("idg: interrupted.\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        _report_bug(error)
        return EXIT_BUG


def _report_bug(error: BaseException) -> None:
    """An unexpected error: one line for the user, details in a log file."""
    log = log_bug(error)
    where = f"; details are in {log}" if log else ""
    sys.stderr.write(f"idg: internal error ({type(error).__name__}: {error}){where}\n")
