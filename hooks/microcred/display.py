"""Human-readable values for pages: vocabulary labels, money, hours, dates and languages.

Pure functions handed to the templates, so every page formats a value the same way, in
the language of the interface it is given (i18n.Interface): words from its gettext
catalog, numbers, dates, currencies and language names from CLDR (Babel). Without one
they speak the message ids' English, as the exports do.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from .i18n import SOURCE, Interface, Nn_
from .languages import locale_of, primary

_GRADES = re.compile(r"^(k|\d+)-(\d+)$")


def label(value: str, ui: Interface = SOURCE) -> str:
    """A vocabulary value's label in the interface's language."""
    return ui.gettext(source_label(value))


def source_label(value: str) -> str:
    """A vocabulary id as a label, the message id of its translations: `student-work` ->
    "Student work", `3-5` -> "Grades 3–5"."""
    grades = _GRADES.match(value)
    if grades:
        low, high = grades.groups()
        return f"K–{high}" if low == "k" else f"Grades {low}–{high}"
    text = value.replace("-", " ")
    return text[:1].upper() + text[1:]


# CLDR's formatting costs tens of microseconds a value, and every card and page of a large
# catalog asks for the same few hours, prices and dates: each is formatted once per language.

def number(value: float, ui: Interface = SOURCE) -> str:
    """12 -> "12", 1.5 -> "1.5" ("1,5" in Spanish): no trailing zeros."""
    return _number(value, ui.locale)


@cache
def _number(value: float, locale: Locale) -> str:
    return format_decimal(value, locale=locale)


# The decimals of a currency pattern, dropped for a whole amount: "$40", not "$40.00".
_DECIMALS = re.compile(r"\.0+")


def money(amount: float, currency: str, ui: Interface = SOURCE) -> str:
    """40 USD -> "$40" in English, "40 US$" in Spanish; 12.5 EUR -> "€12.50"; 0 -> "Free"."""
    return ui.gettext("Free") if amount == 0 else _money(amount, currency, ui.locale)


@cache
def _money(amount: float, currency: str, locale: Locale) -> str:
    if not float(amount).is_integer():
        return format_currency(amount, currency, locale=locale)
    whole = _DECIMALS.sub("", locale.currency_formats["standard"].pattern)
    return format_currency(amount, currency, format=whole, locale=locale, currency_digits=False)


def hours(value: float, ui: Interface = SOURCE) -> str:
    return ui.ngettext("%(num)s hour", "%(num)s hours", value) % {"num": number(value, ui)}


def long_date(value: date, ui: Interface = SOURCE) -> str:
    """"March 3, 2025" in English, "3 de marzo de 2025" in Spanish."""
    return _long_date(value, ui.locale)


@cache
def _long_date(value: date, locale: Locale) -> str:
    return format_date(value, "long", locale=locale)


def hours_range(span: tuple[float, float], ui: Interface = SOURCE) -> str:
    """A pathway's hours, (fewest, most) of its routes: "21 to 23 hours", or "21 hours"."""
    low, high = span
    if low == high:
        return hours(low, ui)
    return ui.ngettext("%(low)s to %(high)s hour", "%(low)s to %(high)s hours", high) % {
        "low": number(low, ui), "high": number(high, ui)}


def costs(totals, ui: Interface = SOURCE) -> str:
    """(currency, amount) totals as one cost: "Free", "$25", "$25 + €10"."""
    if all(amount == 0 for _, amount in totals):
        return money(0, "", ui)
    return " + ".join(money(amount, currency, ui) for currency, amount in totals if amount)


def costs_range(span, ui: Interface = SOURCE) -> str:
    """A pathway's cost, (cheapest, dearest) of its routes: "Free to $25", or "Free"."""
    low, high = span
    if low == high:
        return costs(low, ui)
    return ui.gettext("%(low)s to %(high)s") % {"low": costs(low, ui), "high": costs(high, ui)}


@cache
def language_names(tag: str) -> tuple[str, ...]:
    """A BCP 47 tag's names, in English and in the language itself: `es` -> ("Spanish",
    "español"), `en` -> ("English",); a tag Babel does not know is its own name."""
    locale = locale_of(tag)
    if locale is None:
        return (tag,)
    names = (locale.get_display_name("en"), locale.get_display_name(locale))
    return tuple(dict.fromkeys(name for name in names if name))


def language_name(tag: str, ui: Interface = SOURCE) -> str:
    """A language's name in the interface's language, as a label: `es` -> "Spanish"
    ("Español" in Spanish), `fr-CA` -> "French (Canada)"."""
    locale = locale_of(tag)
    name = locale.get_display_name(ui.locale) if locale else ui.locale.languages.get(primary(tag), tag)
    return _as_label(name or tag)


def autonym(tag: str) -> str:
    """A language's name in that language, as a label: `es` -> "Español", `ar` -> "العربية"."""
    locale = locale_of(tag)
    return _as_label(locale.get_display_name(locale) or tag) if locale else language_name(tag)


def alphabetical(text: str) -> str:
    """A key that sorts labels as a reader looks them up: case and accents aside, so that
    "Árabe" comes before "Español" (Unicode's decomposition, not a collation table)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(ch))


def _as_label(name: str) -> str:
    # CLDR writes names as they stand in a sentence ("español"); alone, a label starts
    # with a capital, as English names do. Scripts without case are left as they are.
    return name[:1].upper() + name[1:]


# Each credit type's unit, singular and plural, for "1.5 continuing-education units".
CREDIT_UNITS = {
    "continuing-education-units": Nn_("continuing-education unit", "continuing-education units"),
    "clock-hours": Nn_("clock hour", "clock hours"),
    "graduate-credit": Nn_("graduate credit", "graduate credits"),
    "professional-development-points": Nn_("professional-development point", "professional-development points"),
    "other": Nn_("credit", "credits"),
}


def credit_amount(credit, ui: Interface = SOURCE) -> str:
    """1.5 continuing-education units -> "1.5 continuing-education units"; 1 clock hour."""
    singular, plural = CREDIT_UNITS[credit.type]
    return f"{number(credit.value, ui)} {ui.ngettext(singular, plural, credit.value)}"


def credit_text(credit) -> str:
    """The amount and who recognises it: "1.5 continuing-education units, recognised by ..."."""
    recognised = f", recognised by {credit.recognized_by}" if credit.recognized_by else ""
    return credit_amount(credit) + recognised
