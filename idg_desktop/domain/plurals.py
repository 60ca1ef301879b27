"""Counted words of the reports and the workbook, through a plural-aware catalogue.

English has two forms (one, many) but French, Arabic and Russian have others;
a sentence with a count is therefore written with :func:`ngettext`, so the
French interface can translate it later by filling a catalogue
(``resources/locale/<lang>/LC_MESSAGES/idg.mo``). For English the catalogue is
empty and Babel's ``NullTranslations`` picks the singular for 1 and the plural
otherwise. Qt-free: the reports and the command use it.
"""

from __future__ import annotations

from functools import cache

from babel.support import NullTranslations, Translations

from idg_desktop.resources import resource_path

DOMAIN = "idg"


@cache
def catalogue(locale: str = "en") -> NullTranslations:
    """The messages of ``locale``; an empty catalogue (English) when none is shipped."""
    folder = resource_path("locale")
    return Translations.load(str(folder), [locale], DOMAIN)


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """``singular`` or ``plural`` for ``n``, with ``{n}`` and any other ``{name}``
    replaced by its value:
    ``ngettext("{n} working group", "{n} working groups", 1)`` → "1 working group".
    Values are inserted, never read as templates (a title may hold braces)."""
    return catalogue().ngettext(singular, plural, n).format(n=n, **values)


def N_(text: str) -> str:
    """Mark ``text`` for the catalogue where it is declared (a table of words
    read before the language is known); :func:`gettext` translates it where it
    is shown."""
    return text


def gettext(message: str, **values: object) -> str:
    """``message`` from the catalogue (itself in English), with any ``{name}``
    replaced by its value: ``gettext("Part {n}", n=2)``. Values are inserted,
    never read as templates."""
    text = catalogue().gettext(message)
    return text.format(**values) if values else text


def join_words(parts: list[str]) -> str:
    """ "a", "a and b", "a, b, and c" (the serial comma of the reports)."""
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + ", and " + parts[-1]
