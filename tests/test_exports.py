"""The JSON API, the published schemas and the sitemap, read from the built sample site."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import conftest
from conftest import REPO, RICH, SITE_URL, run_build

DRAFT = "student-self-assessment"
CREDENTIAL_KEYS = [
    "id", "issuer", "title", "status", "version", "published", "updated", "summary",
    "competency", "key_method", "method_components", "supporting_rationale", "research",
    "resources", "submission", "roles", "grade_bands", "subjects", "tags", "estimated_hours",
    "cost", "evidence_types", "alignments", "prerequisites", "earn_url", "image",
    "replaced_by", "language", "translation_of", "ctid", "credit", "changes", "urls",
]


def published_ids(kind: str) -> set[str]:
    return conftest.published_ids(RICH, kind)


def load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def export_files(site: Path) -> list[Path]:
    return [p for part in ("api", "ob3") for p in (site / part).rglob("*.json")] + [site / "feed.xml"]


def test_catalog_json_counts_every_published_definition_once(rich_site):
    catalog = load(rich_site, "api/v1/catalog.json")
    expected = (len(published_ids("credentials")), len(published_ids("pathways")), len(list(RICH.iterdir())))
    assert (len(catalog["credentials"]), len(catalog["pathways"]), len(catalog["issuers"])) == expected


def test_catalog_json_holds_every_published_id(rich_site):
    catalog = load(rich_site, "api/v1/catalog.json")
    assert {c["id"] for c in catalog["credentials"]} == published_ids("credentials")
    assert {p["id"] for p in catalog["pathways"]} == published_ids("pathways")
    assert {i["id"] for i in catalog["issuers"]} == {p.name for p in RICH.iterdir()}


def test_every_published_credential_and_pathway_has_its_own_api_file(rich_site):
    for kind, singular in (("credentials", "credential"), ("pathways", "pathway")):
        for item_id in published_ids(kind):
            document = load(rich_site, f"api/v1/{kind}/{item_id}.json")
            assert document[singular]["id"] == item_id
            assert document["issuer"]["id"] == document[singular]["issuer"]


def test_documents_state_api_version_and_generation_time(rich_site):
    for path in ("api/v1/catalog.json", "api/v1/credentials/exit-tickets.json", "api/v1/pathways/assessment-for-learning.json"):
        document = load(rich_site, path)
        assert document["api_version"] == "1"
        assert document["generated_at"].endswith("Z")


def test_retired_credential_is_exported_with_its_status_and_replacement(rich_site):
    retired = load(rich_site, "api/v1/credentials/exit-slips.json")["credential"]
    assert (retired["status"], retired["replaced_by"]) == ("retired", "exit-tickets")


def test_draft_appears_in_no_export_file(rich_site):
    leaks = [p for p in export_files(rich_site) if DRAFT in p.read_text(encoding="utf-8")]
    assert leaks == []
    assert not (rich_site / f"api/v1/credentials/{DRAFT}.json").exists()


def test_markdown_fields_carry_source_and_sanitised_html(rich_site):
    credential = load(rich_site, "api/v1/credentials/exit-tickets.json")["credential"]
    field = credential["method_components"]
    assert field["markdown"].startswith("1. **Name one learning goal**")
    assert field["html"].startswith("<ol>\n<li><strong>Name one learning goal</strong>")


def test_credential_urls_are_absolute_and_point_at_published_files(rich_site):
    for credential in load(rich_site, "api/v1/catalog.json")["credentials"]:
        urls = credential["urls"]
        assert urls["page"] == f"{SITE_URL}credentials/{credential['id']}/"
        for url in (urls["api"], urls["ob3"], urls["page"] + "index.html"):
            assert (rich_site / url.removeprefix(SITE_URL)).is_file(), url


def test_image_urls_use_the_issuer_image_or_the_generated_badge(rich_site):
    credentials = {c["id"]: c for c in load(rich_site, "api/v1/catalog.json")["credentials"]}
    issuer_image = credentials["exit-tickets"]["urls"]["image"]
    assert issuer_image == f"{SITE_URL}assets/catalog/northwind-schools/images/exit-tickets.svg"
    assert (rich_site / issuer_image.removeprefix(SITE_URL)).is_file()
    assert credentials["number-talks"]["urls"]["image"] == f"{SITE_URL}badges/number-talks.svg"


def test_issuer_logo_url_points_at_the_published_logo(rich_site):
    issuers = {i["id"]: i for i in load(rich_site, "api/v1/catalog.json")["issuers"]}
    logo = issuers["northwind-schools"]["urls"]["logo"]
    assert (rich_site / logo.removeprefix(SITE_URL)).is_file()
    assert issuers["lakeside-university"]["urls"]["logo"] is None


def test_credentials_follow_the_contract_key_order(rich_site):
    for credential in load(rich_site, "api/v1/catalog.json")["credentials"]:
        assert list(credential) == CREDENTIAL_KEYS


def test_json_is_utf8_with_one_trailing_newline(rich_site):
    for path in export_files(rich_site):
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert raw.endswith(b"\n") and not raw.endswith(b"\n\n"), path
    title = load(rich_site, "api/v1/credentials/questioning-wait-time.json")["credential"]["title"]
    assert title == 'Questioning & "Wait Time" Strategies'
    assert "–" in (rich_site / "api/v1/credentials/exit-tickets.json").read_text(encoding="utf-8")


def test_published_schemas_are_the_repositorys_with_their_id_on_this_site(rich_site):
    for kind in ("issuer", "credential", "pathway"):
        published = json.loads((rich_site / f"schema/v1/{kind}.schema.json").read_text(encoding="utf-8"))
        source = json.loads((REPO / f"schema/{kind}.schema.json").read_text(encoding="utf-8"))
        assert published.pop("$id") == f"{SITE_URL}schema/v1/{kind}.schema.json"
        assert published == source and "$id" not in source


def test_sitemap_lists_every_credential_pathway_and_issuer_page(rich_site):
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ET.parse(rich_site / "sitemap.xml").getroot().iterfind("sm:url/sm:loc", namespace)}
    expected = (
        {f"{SITE_URL}credentials/{i}/" for i in published_ids("credentials")}
        | {f"{SITE_URL}pathways/{i}/" for i in published_ids("pathways")}
        | {f"{SITE_URL}issuers/{p.name}/" for p in RICH.iterdir()}
    )
    assert expected <= listed
    assert f"{SITE_URL}credentials/{DRAFT}/" not in listed


def test_two_builds_with_source_date_epoch_are_byte_identical(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01T00:00:00Z
    builds = [project / "first", project / "second"]
    for site in builds:
        result = run_build(project, site)
        assert result.returncode == 0, result.stderr
    first, second = ({p.relative_to(site): p.read_bytes() for p in export_files(site)} for site in builds)
    assert first == second
    assert load(builds[0], "api/v1/catalog.json")["generated_at"] == "2025-01-01T00:00:00Z"
