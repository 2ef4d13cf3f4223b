"""The catalog as a spreadsheet: one row per published credential, at /api/v1/catalog.csv.

RFC 4180 as Python's csv module writes it (CRLF line ends, quotes only where needed),
in UTF-8 with a byte-order mark, without which Excel reads the file as the machine's
legacy code page and garbles every accent. Lists are joined by "; ".

Every text cell that a spreadsheet would read as a formula (starting with =, +, -, @,
a tab or a carriage return) is neutralised with a leading apostrophe, as OWASP advises
against CSV injection: issuer text must never run in the reader's spreadsheet.
"""

from __future__ import annotations

import csv
import io

from .display import credit_text
from .model import Catalog, Credential
from .site_urls import SiteUrls

COLUMNS = (
    "id", "title", "issuer", "status", "language", "estimated_hours", "cost", "currency",
    "roles", "grade_bands", "subjects", "credit", "page_url", "earn_url", "updated",
)
LIST_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def catalog_csv(catalog: Catalog, urls: SiteUrls) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for credential in catalog.credentials.values():
        writer.writerow([neutralised(cell) for cell in _row(credential, catalog, urls)])
    return buffer.getvalue().encode("utf-8-sig")


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet shows and never evaluates."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _number(value: float) -> str:
    """6 -> "6", 7.5 -> "7.5": what a spreadsheet reads as a number, without a thousands separator."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _row(credential: Credential, catalog: Catalog, urls: SiteUrls) -> list[str]:
    c = credential
    return [
        c.id,
        c.title,
        catalog.issuers[c.issuer_id].name,
        c.status,
        c.language,
        _number(c.estimated_hours),
        _number(c.cost.amount),
        c.cost.currency,
        LIST_SEPARATOR.join(c.roles),
        LIST_SEPARATOR.join(c.grade_bands),
        LIST_SEPARATOR.join(c.subjects),
        LIST_SEPARATOR.join(credit_text(credit) for credit in c.credit),
        urls.credential_page(c.id),
        c.earn_url,
        c.last_changed.isoformat(),
    ]
