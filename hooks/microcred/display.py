"""Human-readable values for pages: vocabulary labels, money, hours, dates and languages.

Pure functions handed to the templates, so every page formats a value the same way.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError

_GRADES = re.compile(r"^(k|\d+)-(\d+)$")


def label(value: str) -> str:
    """A vocabulary id as a label: `student-work` -> "Student work", `3-5` -> "Grades 3–5"."""
    grades = _GRADES.match(value)
    if grades:
        low, high = grades.groups()
        return f"K–{high}" if low == "k" else f"Grades {low}–{high}"
    text = value.replace("-", " ")
    return text[:1].upper() + text[1:]


def number(value: float) -> str:
    """12 -> "12", 1.5 -> "1.5": no trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def money(amount: float, currency: str) -> str:
    if amount == 0:
        return "Free"
    whole = float(amount).is_integer()
    return f"{amount:,.0f} {currency}" if whole else f"{amount:,.2f} {currency}"


def hours(value: float) -> str:
    return f"{number(value)} hour" + ("" if value == 1 else "s")


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def hours_range(span: tuple[float, float]) -> str:
    """A pathway's hours, (fewest, most) of its routes: "21 to 23 hours", or "21 hours"."""
    low, high = span
    return hours(low) if low == high else f"{number(low)} to {hours(high)}"


def costs(totals) -> str:
    """(currency, amount) totals as one cost: "Free", "25 USD", "25 USD + 10 EUR"."""
    if all(amount == 0 for _, amount in totals):
        return money(0, "")
    return " + ".join(money(amount, currency) for currency, amount in totals if amount)


def costs_range(span) -> str:
    """A pathway's cost, (cheapest, dearest) of its routes: "Free to 25 USD", or "Free"."""
    low, high = span
    return costs(low) if low == high else f"{costs(low)} to {costs(high)}"


@lru_cache(maxsize=None)
def language_names(tag: str) -> tuple[str, ...]:
    """A BCP 47 tag's names, in English and in the language itself: `es` -> ("Spanish",
    "español"), `en` -> ("English",); a tag Babel does not know is its own name."""
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return (tag,)
    return tuple(dict.fromkeys((locale.get_display_name("en"), locale.get_display_name(locale))))


def language_name(tag: str) -> str:
    """`es` -> "Spanish", `fr-CA` -> "French (Canada)"."""
    return language_names(tag)[0]


# (singular, plural) of each credit type's unit, for "1.5 continuing-education units".
CREDIT_UNITS = {
    "continuing-education-units": ("continuing-education unit", "continuing-education units"),
    "clock-hours": ("clock hour", "clock hours"),
    "graduate-credit": ("graduate credit", "graduate credits"),
    "professional-development-points": ("professional-development point", "professional-development points"),
    "other": ("credit", "credits"),
}


def credit_amount(credit) -> str:
    """1.5 continuing-education units -> "1.5 continuing-education units"; 1 clock hour."""
    singular, plural = CREDIT_UNITS[credit.type]
    return f"{number(credit.value)} {singular if credit.value == 1 else plural}"


def credit_text(credit) -> str:
    """The amount and who recognises it: "1.5 continuing-education units, recognised by ..."."""
    recognised = f", recognised by {credit.recognized_by}" if credit.recognized_by else ""
    return credit_amount(credit) + recognised
