"""/api/v1/catalog.csv: one row per published credential, for spreadsheets and annual reviews."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from microcred.exports import export_files
from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL, project_with, replaced
from conftest import REPO, RICH, SITE_URL, published_ids

CSV_PATH = "api/v1/catalog.csv"
COLUMNS = [
    "id", "title", "issuer", "status", "language", "estimated_hours", "cost", "currency",
    "roles", "grade_bands", "subjects", "credit", "page_url", "earn_url", "updated",
]


def rows(raw: bytes) -> list[dict[str, str]]:
    """The file as a spreadsheet reads it: UTF-8 after its byte-order mark, RFC 4180 records."""
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def fixture(credential_id: str) -> dict:
    [path] = RICH.glob(f"*/credentials/{credential_id}.yml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def csv_of(root: Path) -> bytes:
    files = export_files(load_catalog(root).catalog, SITE_URL, REPO / "schema", datetime(2025, 1, 1, tzinfo=UTC), site_name="Test Catalog")
    return files[CSV_PATH]


def test_csv_starts_with_a_byte_order_mark_and_the_contract_columns(rich_site):
    raw = (rich_site / CSV_PATH).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").split("\r\n", 1)[0] == ",".join(COLUMNS)


def test_csv_has_one_row_per_published_credential(rich_site):
    ids = [row["id"] for row in rows((rich_site / CSV_PATH).read_bytes())]
    assert sorted(ids) == sorted(published_ids(RICH, "credentials"))


def test_records_end_in_crlf_and_quotes_are_doubled(rich_site):
    text = (rich_site / CSV_PATH).read_bytes().decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    title = fixture("questioning-wait-time")["title"]
    assert '"' in title and '"' + title.replace('"', '""') + '"' in text


def test_list_fields_are_joined_by_semicolons(rich_site):
    row = next(r for r in rows((rich_site / CSV_PATH).read_bytes()) if r["id"] == "exit-tickets")
    definition = fixture("exit-tickets")
    assert row["roles"] == "; ".join(definition["roles"])
    assert row["grade_bands"] == "; ".join(definition["grade_bands"])
    assert row["subjects"] == "; ".join(definition["subjects"])


def test_row_carries_hours_cost_credit_and_urls_of_the_definition(rich_site):
    row = next(r for r in rows((rich_site / CSV_PATH).read_bytes()) if r["id"] == "exit-tickets")
    definition = fixture("exit-tickets")
    assert (row["estimated_hours"], row["cost"], row["currency"]) == (
        str(definition["estimated_hours"]), str(definition["cost"]["amount"]), definition["cost"]["currency"])
    first, second = definition["credit"]
    assert row["credit"] == f"{first['value']} continuing-education units, recognised by {first['recognized_by']}; {second['value']} clock hours"
    assert (row["page_url"], row["earn_url"]) == (f"{SITE_URL}credentials/exit-tickets/", definition["earn_url"])
    assert row["updated"] == str(definition["updated"])


def test_retired_credential_is_listed_with_its_status(rich_site):
    row = next(r for r in rows((rich_site / CSV_PATH).read_bytes()) if r["id"] == "exit-slips")
    assert row["status"] == "retired"


def test_accents_survive_in_utf8(solo_site):
    [row] = rows((solo_site / CSV_PATH).read_bytes())
    assert row["language"] == "fr" and "Ministère" in row["credit"]


HOSTILE_TITLES = {
    "equals": "=HYPERLINK(\"https://evil.example\",\"Click\")",
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+9)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
}


@pytest.mark.parametrize("title", HOSTILE_TITLES.values(), ids=HOSTILE_TITLES.keys())
def test_a_title_a_spreadsheet_would_run_as_a_formula_stays_text(tmp_path, title):
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'
    root = project_with(tmp_path, {CREDENTIAL: replaced(CREDENTIAL, "title: Exit Tickets", f"title: {quoted}")})
    row = next(r for r in rows(csv_of(root)) if r["id"] == "exit-tickets")
    assert row["title"] == "'" + title


def test_ordinary_text_is_left_as_written(tmp_path):
    root = project_with(tmp_path, {CREDENTIAL: replaced(CREDENTIAL, "title: Exit Tickets", 'title: "Exit Tickets, = and - inside"')})
    row = next(r for r in rows(csv_of(root)) if r["id"] == "exit-tickets")
    assert row["title"] == "Exit Tickets, = and - inside"
