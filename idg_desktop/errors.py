"""Errors the user sees: each carries one sentence that names the problem.

Anything that is *not* an :class:`IdgError` is a bug; the command line and the
window report those differently (with details for a bug report).
"""

from __future__ import annotations


class IdgError(Exception):
    """A problem the user can act on; ``str(error)`` is the sentence to show."""


class FileProblem(IdgError):
    """The file cannot be used: missing, not an assessment, damaged, too new..."""


class NotAnAssessment(FileProblem):
    pass


class DamagedFile(FileProblem):
    pass


class NewerSchema(FileProblem):
    pass


class FileLocked(FileProblem):
    pass


class FileReplaced(FileProblem):
    """The file was deleted, moved or replaced while it was open."""


class CannotWrite(FileProblem):
    pass


class InvalidInput(IdgError):
    """A value given by the user is not valid (unknown id, rating, role...)."""


class NotFound(InvalidInput):
    pass


class Ambiguous(InvalidInput):
    pass


#: The log of unexpected errors in the data folder, and the size at which it is
#: set aside (the one before is kept as ``idg-errors.log.1``; older ones go).
ERROR_LOG = "idg-errors.log"
ERROR_LOG_LIMIT = 512 * 1024


def error_log_path() -> str:
    """Where unexpected errors are written (the About dialog shows it)."""
    from idg_desktop.config import data_dir

    return str(data_dir() / ERROR_LOG)


def write_log(text: str) -> str | None:
    """Append ``text`` to the error log, setting the log aside first when it has
    grown past :data:`ERROR_LOG_LIMIT`; returns its path, or None if it could
    not be written."""
    import os
    from pathlib import Path

    log = Path(error_log_path())
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        if log.exists() and log.stat().st_size > ERROR_LOG_LIMIT:
            os.replace(log, log.with_name(ERROR_LOG + ".1"))
        with log.open("a", encoding="utf-8") as stream:
            stream.write(text.rstrip("\n") + "\n\n")
    except OSError:
        return None
    return str(log)


def log_bug(error: BaseException) -> str | None:
    """Write an unexpected error's traceback to ``idg-errors.log`` in the data
    folder; returns the log's path, or None if it could not be written. The
    log holds no record text: code lines and the errors' types, never their
    messages (a ``KeyError`` or a refusal may quote an answer or a name)."""
    from datetime import UTC, datetime

    from idg_desktop import __version__

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    head = f"IDG Workshop {__version__} error report, {when}"
    return write_log("\n".join([head, "", *redacted_traceback(error)]))


def redacted_traceback(error: BaseException) -> list[str]:
    """The lines of ``error``'s traceback and of the errors it came from (the
    first cause first, as Python prints them): files, lines, functions and
    the code there, and each error's type with its message left out."""
    import traceback

    chain: list[BaseException] = []
    link: BaseException | None = error
    while link is not None and all(link is not seen for seen in chain):
        chain.append(link)
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    lines: list[str] = []
    for number, link in enumerate(reversed(chain)):
        if number:
            lines += ["", "which led to:"]
        lines.append("Traceback (most recent call last):")
        frames = traceback.StackSummary.extract(
            traceback.walk_tb(link.__traceback__), capture_locals=False
        )
        lines += [text.rstrip("\n") for text in frames.format()]
        lines.append(f"{type_name(type(link))} (its message is left out: it may quote records)")
    return lines


def type_name(kind: type[BaseException]) -> str:
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"
