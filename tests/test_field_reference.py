"""The field reference on the site is generated from the schemas, so it cannot drift."""

from __future__ import annotations

import json

import pytest
import yaml

from microcred.field_reference import field_reference

from conftest import REPO, RICH
from site_html import load_page, resolves

SCHEMA = json.loads((REPO / "schema" / "credential.schema.json").read_text(encoding="utf-8"))


def test_every_field_of_every_schema_is_listed_with_its_required_flag():
    credential = next(kind for kind in field_reference(REPO / "schema") if kind.kind == "credential")
    rows = {field.name: field for field in credential.fields}
    assert set(SCHEMA["properties"]) <= set(rows)
    assert {name for name, field in rows.items() if "." not in name and field.required} == set(SCHEMA["required"])
    word_limit = rows["submission.parts[].word_limit"]
    assert (word_limit.type, word_limit.required, word_limit.limits) == ("whole number", False, "at least 1")


def test_vocabulary_values_carry_their_descriptions_from_the_schema():
    credential = next(kind for kind in field_reference(REPO / "schema") if kind.kind == "credential")
    roles = next(field for field in credential.fields if field.name == "roles")
    role = SCHEMA["$defs"]["role"]
    assert [(v.value, v.description) for v in roles.allowed] == list(zip(role["enum"], role["enumDescriptions"]))


def test_a_recursive_definition_is_listed_once_instead_of_recursing_forever(tmp_path):
    node = {"type": "object", "properties": {"name": {"type": "string"}, "child": {"$ref": "#/$defs/node"}}}
    for kind in ("issuer", "credential", "pathway"):
        (tmp_path / f"{kind}.schema.json").write_text(json.dumps({"$defs": {"node": node}, **node}), encoding="utf-8")
    credential = next(kind for kind in field_reference(tmp_path) if kind.kind == "credential")
    assert [field.name for field in credential.fields] == ["name", "child", "child.name", "child.child"]


def test_field_reference_page_shows_schema_descriptions_and_vocabularies(rich_site):
    page = load_page(rich_site, "contributing/fields/")
    assert page.h1s() == ["Field reference"]
    competency = page.dom.by_id("credential-competency")
    assert competency.find("th").text() == "competency"
    assert SCHEMA["properties"]["competency"]["description"].split("`")[0].strip() in competency.text()
    roles = page.dom.by_id("credential-roles").text()
    assert "instructional-coach: Instructional coach or teacher leader." in roles
    assert [h.text() for h in page.main.find_all("h2")] == ["Micro-credential", "Micro-credential pathway", "Micro-credential issuer"]


def test_contribute_page_links_the_field_reference_and_the_catalog_under_the_sub_path(rich_site):
    page = load_page(rich_site, "contributing/")
    assert [h.rstrip("¶") for h in page.h1s()] == ["Contribute a micro-credential"]  # ¶: the heading permalink
    hrefs = {a.text(): a.attrs["href"] for a in page.main.find_all("a") if "href" in a.attrs}
    assert page.site_path(hrefs["field reference"]) == "contributing/fields/"
    assert page.site_path(hrefs["catalog"]) == "catalog/" and resolves(rich_site, "catalog/")
    assert not any(href.startswith("/") for href in hrefs.values())


def test_generated_field_reference_has_no_edit_link_to_a_missing_markdown_file(rich_site):
    page = load_page(rich_site, "contributing/fields/")
    assert "docs/contributing/fields.md" not in page.html



@pytest.mark.parametrize("page_path", ["contributing/", "about/"])
def test_hand_written_pages_name_no_catalog_content(rich_site, page_path):
    """Docs stay true for any catalog: no id or title of the catalog being built appears in them."""
    definitions = [path for path in RICH.rglob("*.yml")]
    names = {path.stem for path in definitions if path.stem != "issuer"} | {folder.name for folder in RICH.iterdir()}
    titles = {yaml.safe_load(path.read_text(encoding="utf-8")).get("title") for path in definitions} - {None}
    text = load_page(rich_site, page_path).main.text()
    assert [name for name in names | titles if name in text] == []
