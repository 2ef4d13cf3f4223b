"""Human-readable values for pages: vocabulary labels, money, hours and dates.

Pure functions handed to the templates, so every page formats a value the same way.
"""

from __future__ import annotations

import re
from datetime import date

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
