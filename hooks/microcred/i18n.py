"""The interface in one language: its strings from a gettext catalog (Babel), for the
templates in overrides/ (Jinja2's i18n extension) and the few phrases made in Python.

Catalogs are `locales/<tag>/LC_MESSAGES/messages.po` beside this module, extracted from
the templates, the Python sources and the schemas' vocabularies by `make translations`.
The build compiles them in memory when it starts, so there is no .mo file to commit or
to forget to compile. Message ids are English, the language a string is written in
first; a language without a catalog is spoken in the site's language.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from .languages import DEFAULT, locale_of, primary, text_direction

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """N_ for a message with a plural, to hand to ngettext where it is shown."""
    return singular, plural


@dataclass(frozen=True)
class Interface:
    """The interface spoken in one language: `tag` is the language its strings are in."""

    tag: str
    translations: NullTranslations = field(default_factory=NullTranslations, compare=False)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: float) -> str:
        return self.translations.ngettext(singular, plural, self._whole(n))

    def _whole(self, n: float) -> int:
        """gettext's plural formulas count whole things: a fraction takes the form of a
        whole number CLDR puts in its plural category ("1.5 hours", but "1,5 heure")."""
        if float(n).is_integer():
            return int(n)
        rule = self.locale.plural_form
        return _plural_samples(rule).get(rule(n), math.ceil(n))

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """A counted message in each CLDR plural category of the language (`one`, `other`
        ...), for a script that picks one with Intl.PluralRules."""
        rule = self.locale.plural_form
        return {category: self.translations.ngettext(singular, plural, n) for category, n in _plural_samples(rule).items()}

    @property
    def locale(self) -> Locale:
        """CLDR's data for numbers, dates, currencies and language names."""
        return locale_of(self.tag) or Locale.parse(DEFAULT)

    @property
    def direction(self) -> str:
        return text_direction(self.tag)


@cache
def _plural_samples(rule) -> dict[str, int]:
    """A whole number in each plural category that has one (`many` in Spanish is a million)."""
    samples: dict[str, int] = {}
    for n in (*range(200), 1000, 10**6):
        samples.setdefault(rule(n), n)
    return samples


SOURCE = Interface(DEFAULT)  # the message ids as written: exports and checks speak it


@dataclass(frozen=True)
class Interfaces:
    """The site's interface and every language a catalog exists for."""

    site: Interface
    available: Mapping[str, Interface]

    def for_text(self, tag: str) -> Interface:
        """The interface around a text in `tag`: its own language's catalog (`es-MX` is
        spoken in `es`), else the site's."""
        return self.available.get(tag) or self.available.get(primary(tag)) or self.site


def compiled(po_file: Path) -> Translations:
    """A `.po` catalog compiled in memory, as `pybabel compile` would write it."""
    with po_file.open("rb") as source:
        catalog = read_po(source)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def interfaces(site_language: str, locales: Path = LOCALES) -> Interfaces:
    """One interface per catalog under `locales`, and the site's (`theme.language` in
    mkdocs.yml): its catalog's, or without one its CLDR formats with the message ids'
    English words (`make translations ADD=<tag>` starts a catalog)."""
    available = {tag: Interface(tag, compiled(po)) for tag, po in ((catalog_tag(po), po) for po in catalogs(locales))}
    site = Interfaces(Interface(site_language), available).for_text(site_language)
    return Interfaces(site, available)


def catalogs(locales: Path = LOCALES) -> list[Path]:
    """Every catalog's `.po` file, in the order of their language tags."""
    return sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def catalog_tag(po_file: Path) -> str:
    """The BCP 47 tag of a catalog: Babel names its folder `pt_BR` for `pt-BR`."""
    return po_file.parents[1].name.replace("_", "-")


@dataclass(frozen=True)
class CatalogStatus:
    """How complete a catalog is, and what would break it (a placeholder a translation
    lost or misspelt, which would fail at the page that shows it)."""

    path: Path
    translated: int
    total: int
    errors: tuple[str, ...]

    def as_text(self) -> str:
        share = 100 * self.translated // self.total if self.total else 100
        lines = [f"{self.path}: {self.translated} of {self.total} messages translated ({share}%)"]
        return "\n".join(lines + [f"{self.path}: error: {error}" for error in self.errors])


def catalog_status(po_file: Path) -> CatalogStatus:
    with po_file.open("rb") as source:
        catalog = read_po(source)
    messages = [message for message in catalog if message.id]
    done = [message for message in messages if _translated(message)]
    errors = tuple(f"{message.id!r}: {error}" for message, found in catalog.check() for error in found)
    return CatalogStatus(po_file, len(done), len(messages), errors)


def fill_source(po_file: Path) -> None:
    """The source language's catalog says each new message as its id, so that it is
    complete and a wording can be changed there without touching a template."""
    with po_file.open("rb") as source:
        catalog = read_po(source)
    for message in catalog:
        if message.id and not _translated(message):
            message.string = message.id
            message.flags.discard("fuzzy")
    with po_file.open("wb") as target:
        write_po(target, catalog, sort_output=True, include_previous=False)


def _translated(message) -> bool:
    """Every form of the message has a translation, and no translator doubts it (fuzzy)."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms) and not message.fuzzy


def install(env, site: Interface) -> None:
    """Jinja2's i18n extension on an environment, speaking the site's language wherever a
    page does not say otherwise (a page's context may carry its own gettext/ngettext);
    `site_ui` is the site's interface, for the chrome around any page's content.
    `{% trans %}` blocks are trimmed, so a sentence may wrap over template lines."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(site.gettext, site.ngettext, newstyle=False)
    env.globals["site_ui"] = site


def extract_vocabulary(fileobj, keywords, comment_tags, options):
    """Babel extractor for a JSON Schema: each vocabulary value's label (`display.label`),
    so that a value added to a schema enum is offered to translators by `make translations`."""
    from .display import source_label  # display imports this module

    schema = json.load(fileobj)
    for values in _enums(schema):
        for value in values:
            if isinstance(value, str):
                yield 1, "gettext", source_label(value), [f"vocabulary value `{value}`"]


def _enums(node):
    if isinstance(node, dict):
        if "enum" in node:
            yield node["enum"]
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)
