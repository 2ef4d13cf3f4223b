"""Open Badges 3.0 achievements, checked against 1EdTech's official JSON Schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator
from referencing import Registry, Resource

from microcred.exports import export_files
from microcred.markdown import render_markdown
from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL, minimal_text, project_with
from conftest import REPO, RICH, SHARED, SITE_URL, published_ids, require, run_build

OFFICIAL_SCHEMA = SHARED / "external" / "ob_v3p0_achievementcredential_schema.json"


@pytest.fixture(scope="module")
def achievement_validator() -> Draft201909Validator:
    require(OFFICIAL_SCHEMA.is_file(), f"the official OB3 schema {OFFICIAL_SCHEMA}")
    official = json.loads(OFFICIAL_SCHEMA.read_text(encoding="utf-8"))
    registry = Registry().with_resource(official["$id"], Resource.from_contents(official))
    return Draft201909Validator(
        {"$ref": f"{official['$id']}#/$defs/Achievement"},
        registry=registry,
        format_checker=Draft201909Validator.FORMAT_CHECKER,
    )


def achievement(site: Path, credential_id: str) -> dict:
    return json.loads((site / f"ob3/{credential_id}.json").read_text(encoding="utf-8"))


def errors(validator: Draft201909Validator, document: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_every_achievement_validates_against_the_official_schema(rich_site, achievement_validator):
    files = sorted((rich_site / "ob3").glob("*.json"))
    assert [f.stem for f in files] == sorted(published_ids(RICH, "credentials"))
    problems = {f.name: errors(achievement_validator, json.loads(f.read_text(encoding="utf-8"))) for f in files}
    assert {name: found for name, found in problems.items() if found} == {}


def test_official_schema_rejects_an_achievement_without_criteria(rich_site, achievement_validator):
    document = achievement(rich_site, "exit-tickets")
    del document["criteria"]
    assert errors(achievement_validator, document) == [": 'criteria' is a required property"]


def test_achievement_identifies_the_micro_credential(rich_site):
    document = achievement(rich_site, "questioning-wait-time")
    assert document["id"] == f"{SITE_URL}ob3/questioning-wait-time.json"
    assert (document["type"], document["achievementType"]) == (["Achievement"], "MicroCredential")
    assert document["name"] == 'Questioning & "Wait Time" Strategies'
    assert (document["humanCode"], document["version"], document["inLanguage"]) == ("questioning-wait-time", "1.0.0", "en")
    assert document["criteria"]["id"] == f"{SITE_URL}credentials/questioning-wait-time/"


def test_each_submission_part_is_scored_on_the_scale_with_the_passing_level_required(rich_site):
    document = achievement(rich_site, "exit-tickets")
    parts = document["resultDescription"]
    assert [p["name"] for p in parts] == ["Overview questions", "Evidence of student learning", "Reflection"]
    for part in parts:
        levels = part["rubricCriterionLevel"]
        assert part["resultType"] == "RubricCriterionLevel"
        assert [level["name"] for level in levels] == ["Yes", "Almost", "Not yet"]
        assert part["requiredLevel"] == levels[0]["id"]
    all_ids = [p["id"] for p in parts] + [level["id"] for p in parts for level in p["rubricCriterionLevel"]]
    assert len(set(all_ids)) == len(all_ids)


def test_criteria_narrative_states_competency_criteria_and_passing_rule(rich_site):
    narrative = achievement(rich_site, "exit-tickets")["criteria"]["narrative"]
    html = render_markdown(narrative).html
    assert "The educator uses exit tickets to gather evidence" in html
    assert "<h3>Evidence of student learning (at most 500 words)</h3>" in html
    assert "Every item is aligned to the goal" in html
    assert "awarded when every criterion reaches <strong>Yes</strong>" in html


def test_creator_is_the_issuer_profile_with_its_logo(rich_site):
    creator = achievement(rich_site, "exit-tickets")["creator"]
    assert creator["id"] == f"{SITE_URL}issuers/northwind-schools/"
    assert (creator["type"], creator["name"]) == (["Profile"], "Northwind Public Schools")
    assert creator["image"]["id"] == f"{SITE_URL}assets/catalog/northwind-schools/images/logo.svg"
    assert "image" not in achievement(rich_site, "close-reading")["creator"]  # Lakeside has no logo


def test_alignments_and_tags_come_from_the_definition(rich_site):
    document = achievement(rich_site, "exit-tickets")
    assert document["alignment"] == [{
        "type": ["Alignment"],
        "targetName": "Assessment",
        "targetFramework": "InTASC Model Core Teaching Standards",
        "targetCode": "Standard 6",
        "targetUrl": "https://ccsso.org/resource-library/intasc-model-core-teaching-standards-and-learning-progressions-teachers-10",
    }]
    assert document["tag"] == ["formative assessment", "exit tickets", "checking for understanding", "assessment", "mathematics"]


def test_alignment_without_url_points_at_the_credential_page(project, achievement_validator):
    definition = project / "catalog/acme/credentials/exit-tickets.yml"
    definition.write_text(definition.read_text() + "alignments:\n  - framework: Local standards\n    name: Checking for understanding\n")
    assert run_build(project).returncode == 0
    document = achievement(project / "site", "exit-tickets")
    assert document["alignment"][0]["targetUrl"] == f"{SITE_URL}credentials/exit-tickets/"
    assert errors(achievement_validator, document) == []


def test_issuer_text_stays_literal_in_the_criteria_narrative(project):
    definition = project / "catalog/acme/credentials/exit-tickets.yml"
    definition.write_text(definition.read_text().replace(
        "prompt: Describe your classroom context.", "prompt: 'Describe <b>your</b> *class* [here](page)'"
    ))
    assert run_build(project).returncode == 0
    html = render_markdown(achievement(project / "site", "exit-tickets")["criteria"]["narrative"]).html
    assert "Describe &lt;b&gt;your&lt;/b&gt; *class* [here](page)" in html


def test_raw_html_in_instructions_reaches_the_narrative_only_as_text(tmp_path):
    hostile = minimal_text(CREDENTIAL).replace(
        "instructions: Describe your class.", "instructions: 'Describe <script>alert(1)</script> your class, 3 < 5.'"
    )
    root = project_with(tmp_path, {CREDENTIAL: hostile})
    files = export_files(load_catalog(root).catalog, SITE_URL, REPO / "schema", datetime(2025, 1, 1, tzinfo=UTC), site_name="Test Catalog")
    narrative = json.loads(files["ob3/exit-tickets.json"])["criteria"]["narrative"]
    assert "<script" not in narrative
    assert "Describe &lt;script>alert(1)&lt;/script> your class, 3 &lt; 5." in narrative
    assert "Describe &lt;script&gt;alert(1)&lt;/script&gt; your class, 3 &lt; 5." in render_markdown(narrative).html
