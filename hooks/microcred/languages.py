"""BCP 47 language tags: which are valid, their canonical spelling, a correction for a
near miss, and the direction their script runs.

Tags are read by Babel's parser and checked against CLDR's registries of languages,
scripts and regions, so `es-ES`, `zh-Hant-TW` and `es-419` pass and `spanish` or `es_ES`
do not. Tags are case-insensitive: `ES` is read as `es` and written canonically.
"""

from __future__ import annotations

from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.localedata import locale_identifiers

from .load import Document
from .problems import Problem, problem_at

DEFAULT = "en"  # the contract's default for a file without `language`
# CLDR's registries in English: what makes a subtag a real language, script or region.
_ENGLISH = Locale("en")


def canonical(tag: str) -> str | None:
    """The canonical form of a valid tag (`EN-us` -> `en-US`), or None when it is not one."""
    try:
        parts = parse_locale(tag, sep="-")
    except ValueError:
        return None
    language, region, script, variant = parts[:4]
    if (len(parts) > 4 or language not in _ENGLISH.languages or (script and script not in _ENGLISH.scripts)
            or (region and region not in _ENGLISH.territories)):
        return None
    return "-".join(part for part in (language, script, region, variant and variant.lower()) if part)


def primary(tag: str) -> str:
    """The language subtag of a tag: `es-MX` -> `es`."""
    return tag.split("-", 1)[0].lower()


@cache
def locale_of(tag: str) -> Locale | None:
    """Babel's locale for a tag, or None when CLDR has no data for it (a catalog has a few
    tags, and every price, date and label of every page asks for one)."""
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return None


def text_direction(tag: str) -> str:
    """"rtl" for a language written right to left (`ar`, `he`, `fa`), "ltr" otherwise."""
    locale = locale_of(tag)
    return locale.text_direction if locale else "ltr"


def suggestion(value: str) -> str | None:
    """The tag a contributor most likely meant: `es_ES` -> `es-ES`, `spanish` and
    `Español` -> `es`, `iw` (a retired code) -> `he`; None when nothing is close."""
    respelled = canonical(value.strip().replace("_", "-").replace(" ", "-"))
    if respelled:
        return respelled
    named = _tags_by_name().get(value.strip().casefold())
    if named:
        return named
    alias = get_global("language_aliases").get(value.strip().lower())
    return canonical(alias.replace("_", "-")) if alias else None


@lru_cache(maxsize=1)
def _tags_by_name() -> dict[str, str]:
    """Every language's English name and its own name (CLDR), folded -> its tag. Built only
    when a tag is wrong: it reads the data of every locale Babel has."""
    names = {name.casefold(): code for code, name in _ENGLISH.languages.items() if canonical(code)}
    for identifier in locale_identifiers():
        locale = Locale.parse(identifier)
        if locale.territory is None and locale.script is None and locale.language_name:
            names.setdefault(locale.language_name.casefold(), locale.language)
    return names


def check_language(document: Document) -> list[Problem]:
    """`language` must be a BCP 47 tag CLDR knows; the error says which tag was meant."""
    value = document.data.get("language")
    if not isinstance(value, str) or canonical(value):
        return []  # a wrong type is the schema's to explain
    guess = suggestion(value)
    fix = f"write `language: {guess}`" if guess else "write a BCP 47 language tag, e.g. en, es, fr-CA, ar"
    return [problem_at(document, ("language",), f"`{value}` is not a BCP 47 language tag", fix)]
