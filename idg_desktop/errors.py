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


def log_bug(error: BaseException) -> str | None:
    """Write an unexpected error's traceback to ``idg-errors.log`` in the data
    folder; returns the log's path, or None if it could not be written. The
    traceback holds no record text: only code lines and the error's own words."""
    import traceback

    from idg_desktop.config import data_dir

    detail = "".join(traceback.format_exception(error))
    try:
        log = data_dir() / "idg-errors.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as stream:
            stream.write(detail + "\n")
    except OSError:
        return None
    return str(log)
