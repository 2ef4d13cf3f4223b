"""CTDL JSON-LD for Credential Engine's Credential Registry, read from the built rich fixture.

Checked against Credential Engine's own material in shared/external/ctdl/: the property
names its registry schemas allow and require, the value shapes of its ingest examples, and
JSON-LD expansion (PyLD, offline: the published context is replaced by a local stand-in,
tests/ctdl_context.json, that maps the prefixes and language maps the examples use).
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from pathlib import Path

import pytest
import yaml

from conftest import REPO, RICH, SHARED, SITE_URL, published_ids, require

EXTERNAL = SHARED / "external" / "ctdl"
CONTEXT_URL = "https://credreg.net/ctdl/schema/context/json"
LOCAL_CONTEXT = json.loads((REPO / "tests" / "ctdl_context.json").read_text(encoding="utf-8"))
REGISTRY = "https://credentialengineregistry.org/resources/"
CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Properties whose values name another node: of the graph, or a Registry record.
NODE_REFERENCES = {
    "ceterms:ownedBy", "ceterms:offeredBy", "ceterms:assertedBy", "ceterms:owns", "ceterms:offers",
    "ceterms:isPartOf", "ceterms:latestVersion", "ceterms:sourceData", "ceterms:preceeds",
    "ceterms:targetComponent", "ceasn:hasChild", "ceasn:isChildOf", "ceasn:hasDestinationComponent",
    "ceasn:isDestinationComponentOf", "ceterms:sameAs",
}


def external(name: str) -> dict:
    path = EXTERNAL / name
    require(path.is_file(), f"Credential Engine's reference file {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def graph(site: Path) -> list[dict]:
    return load(site, "ctdl/catalog.json")["@graph"]


def nodes_of(site: Path, node_type: str) -> dict[str, dict]:
    return {node["@id"]: node for node in graph(site) if node["@type"] == node_type}


def fixture(kind: str, item_id: str) -> dict:
    [path] = RICH.glob(f"*/{kind}/{item_id}.yml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def ctdl_url(kind: str, item_id: str) -> str:
    return f"{SITE_URL}ctdl/{kind}/{item_id}.json"


def rule_of(node: dict) -> str:
    """Which of registry-properties.json's classes a node answers to."""
    return "ceterms:PathwayComponent" if node["@type"].endswith("Component") else node["@type"]


def offline_loader(url, options=None):
    """PyLD's document loader: only the CTDL context, from the local stand-in; no network."""
    if url != CONTEXT_URL:
        raise AssertionError(f"JSON-LD expansion tried to fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}


def expand(document: dict) -> list[dict]:
    from pyld import jsonld

    return jsonld.expand(copy.deepcopy(document), {"documentLoader": offline_loader})


def compact_keys(document: dict) -> set[str]:
    """Every property name used anywhere in a document, JSON-LD keywords left out."""
    found = set()
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if not key.startswith("@") or key == "@graph":
                    found.add(key)
                if not (isinstance(value, dict) and all(re.fullmatch(r"[a-z]{2}(-[A-Za-z0-9]+)*", k) for k in value)):
                    stack.append(value)  # a language map's keys are languages, not properties
        elif isinstance(item, list):
            stack.extend(item)
    return found - {"@graph"}


def expanded_keys(expanded) -> set[str]:
    found, stack = set(), [expanded]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found |= {key for key in item if not key.startswith("@")}
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def full_iri(name: str) -> str:
    prefix, local = name.split(":", 1)
    return LOCAL_CONTEXT["@context"][prefix] + local


def test_graph_holds_every_published_credential_pathway_and_issuer(rich_site):
    document = load(rich_site, "ctdl/catalog.json")
    assert document["@context"] == CONTEXT_URL
    assert set(nodes_of(rich_site, "ceterms:MicroCredential")) == {ctdl_url("credentials", i) for i in published_ids(RICH, "credentials")}
    assert set(nodes_of(rich_site, "ceterms:Pathway")) == {ctdl_url("pathways", i) for i in published_ids(RICH, "pathways")}
    assert set(nodes_of(rich_site, "ceterms:CredentialOrganization")) == {ctdl_url("issuers", p.name) for p in RICH.iterdir()}


def test_every_item_has_its_own_file_holding_its_node(rich_site):
    nodes = {node["@id"]: node for node in graph(rich_site)}
    for node_type in ("ceterms:MicroCredential", "ceterms:CredentialOrganization"):
        for node_id in nodes_of(rich_site, node_type):
            document = load(rich_site, node_id.removeprefix(SITE_URL))
            assert document == {"@context": CONTEXT_URL, **nodes[node_id]}
    for node_id in nodes_of(rich_site, "ceterms:Pathway"):
        document = load(rich_site, node_id.removeprefix(SITE_URL))
        assert document["@context"] == CONTEXT_URL
        assert document["@graph"][0] == nodes[node_id]
        assert all(nodes[component["@id"]] == component for component in document["@graph"])


@pytest.mark.parametrize("rule", ["ceterms:MicroCredential", "ceterms:Pathway", "ceterms:PathwayComponent"])
def test_nodes_use_only_registry_properties_and_every_required_one(rich_site, rule):
    properties = external("registry-properties.json")[rule]
    nodes = [node for node in graph(rich_site) if rule_of(node) == rule]
    assert nodes
    for node in nodes:
        assert set(node) <= set(properties["properties"]), (node["@id"], set(node) - set(properties["properties"]))
        assert set(properties["required"]) <= set(node), (node["@id"], set(properties["required"]) - set(node))


def test_credential_values_have_the_shapes_of_the_ingest_example(rich_site):
    example = external("Credential_1_Credential-1.json")
    for node in nodes_of(rich_site, "ceterms:MicroCredential").values():
        assert CTID.match(node["ceterms:ctid"]) and CTID.match(example["ceterms:ctid"])
        for text in ("ceterms:name", "ceterms:description"):  # language maps, as in the example
            [(language, value)] = node[text].items()
            assert isinstance(example[text], dict) and isinstance(value, str) and language in node["ceterms:inLanguage"]
        for reference in ("ceterms:ownedBy", "ceterms:offeredBy"):
            assert isinstance(node[reference], list) and all(isinstance(url, str) for url in node[reference])
        status, example_status = node["ceterms:credentialStatusType"], example["ceterms:credentialStatusType"]
        assert set(status) == set(example_status) and status["ceterms:framework"] == example_status["ceterms:framework"]
        assert isinstance(node["ceterms:inLanguage"], list) and node["ceterms:subjectWebpage"].startswith("https://")


def test_organisation_values_have_the_shapes_of_the_ingest_example(rich_site):
    example = external("Organization_1_Organization-1.json")
    for node in nodes_of(rich_site, "ceterms:CredentialOrganization").values():
        assert set(node) & set(example) >= {"@id", "@type", "ceterms:name", "ceterms:description", "ceterms:ctid", "ceterms:subjectWebpage"}
        assert all(isinstance(node[text], dict) for text in ("ceterms:name", "ceterms:description"))
        assert isinstance(node.get("ceterms:email", []), list)


def test_every_reference_resolves_to_a_node_of_the_graph_or_a_published_url(rich_site):
    ids = {node["@id"] for node in graph(rich_site)}
    issuer_records = {REGISTRY + yaml.safe_load(p.read_text(encoding="utf-8")).get("ctid", "") for p in RICH.glob("*/issuer.yml")}
    unresolved = []
    stack = list(graph(rich_site))
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            stack.append(value)
            if key in NODE_REFERENCES:
                urls = value if isinstance(value, list) else [value]
                unresolved += [(key, url) for url in urls if url not in ids and url not in issuer_records]
            elif key == "ceterms:subjectWebpage" and value.startswith(SITE_URL):
                if not (rich_site / value.removeprefix(SITE_URL) / "index.html").is_file():
                    unresolved.append((key, value))
            elif key in ("ceterms:image", "ceterms:framework") and value.startswith(SITE_URL):
                if not (rich_site / value.removeprefix(SITE_URL)).is_file():
                    unresolved.append((key, value))
    assert unresolved == []


def test_published_context_is_never_fetched_and_expansion_keeps_every_property(rich_site):
    require(_has_pyld(), "PyLD (pip install -r requirements-dev.txt)")
    documents = [load(rich_site, "ctdl/catalog.json")] + [load(rich_site, p.relative_to(rich_site).as_posix()) for p in sorted((rich_site / "ctdl").glob("*/*.json"))]
    for document in documents:
        expanded = expand(document)
        assert expanded, document.get("@id")
        assert {full_iri(key) for key in compact_keys(document)} == expanded_keys(expanded)


def test_local_context_keeps_every_property_of_credential_engines_examples():
    """The stand-in context is faithful enough: the ingest examples lose nothing either."""
    require(_has_pyld(), "PyLD (pip install -r requirements-dev.txt)")
    for name in ("Credential_1_Credential-1.json", "Credential_1_Credential-1-graph.json", "Organization_1_Organization-1.json"):
        document = external(name)
        assert {full_iri(key) for key in compact_keys(document)} == expanded_keys(expand(document)), name


def test_names_expand_to_strings_tagged_with_the_credentials_language(rich_site):
    require(_has_pyld(), "PyLD (pip install -r requirements-dev.txt)")
    [node] = expand(load(rich_site, "ctdl/credentials/tertulias-dialogicas.json"))
    assert node["@type"] == ["https://purl.org/ctdl/terms/MicroCredential"]
    assert node["https://purl.org/ctdl/terms/name"] == [{"@value": fixture("credentials", "tertulias-dialogicas")["title"], "@language": "es"}]
    assert node["https://purl.org/ctdl/terms/credentialStatusType"][0]["https://purl.org/ctdl/terms/targetNode"] == [
        {"@id": "https://purl.org/ctdl/vocabs/credentialStat/Active"}
    ]


def test_written_ctid_is_kept_and_a_missing_one_is_derived_from_the_page_url(rich_site):
    credentials = nodes_of(rich_site, "ceterms:MicroCredential")
    assert credentials[ctdl_url("credentials", "exit-tickets")]["ceterms:ctid"] == fixture("credentials", "exit-tickets")["ctid"]
    assert "ctid" not in fixture("credentials", "number-talks")
    page = f"{SITE_URL}credentials/number-talks/"
    assert credentials[ctdl_url("credentials", "number-talks")]["ceterms:ctid"] == f"ce-{uuid.uuid5(uuid.NAMESPACE_URL, page)}"


def test_every_ctid_of_the_graph_is_distinct(rich_site):
    ctids = [node["ceterms:ctid"] for node in graph(rich_site)]
    assert len(ctids) == len(set(ctids)) and all(CTID.match(ctid) for ctid in ctids)


def test_retired_credential_is_deprecated_and_points_at_its_replacement(rich_site):
    node = nodes_of(rich_site, "ceterms:MicroCredential")[ctdl_url("credentials", "exit-slips")]
    assert node["ceterms:credentialStatusType"]["ceterms:targetNode"] == "credentialStat:Deprecated"
    assert node["ceterms:latestVersion"] == ctdl_url("credentials", fixture("credentials", "exit-slips")["replaced_by"])


def test_issuer_with_a_ctid_is_referenced_by_its_registry_record_the_others_by_their_file(rich_site):
    credentials = nodes_of(rich_site, "ceterms:MicroCredential")
    northwind = yaml.safe_load((RICH / "northwind-schools/issuer.yml").read_text(encoding="utf-8"))
    assert credentials[ctdl_url("credentials", "exit-tickets")]["ceterms:ownedBy"] == [REGISTRY + northwind["ctid"]]
    assert "ctid" not in yaml.safe_load((RICH / "lakeside-university/issuer.yml").read_text(encoding="utf-8"))
    assert credentials[ctdl_url("credentials", "close-reading")]["ceterms:offeredBy"] == [ctdl_url("issuers", "lakeside-university")]


def test_credit_is_a_credit_value_with_its_ctdl_unit(rich_site):
    node = nodes_of(rich_site, "ceterms:MicroCredential")[ctdl_url("credentials", "exit-tickets")]
    credit = fixture("credentials", "exit-tickets")["credit"]
    values = [profile["ceterms:creditValue"][0] for profile in node["ceterms:isAdvancedStandingFor"]]
    assert [v["schema:value"] for v in values] == [c["value"] for c in credit]
    assert [v["ceterms:creditUnitType"][0]["ceterms:targetNode"] for v in values] == ["creditUnit:ContinuingEducationUnit", "creditUnit:ClockHour"]


def test_requirements_carry_the_competency_and_every_rubric_criterion(rich_site):
    node = nodes_of(rich_site, "ceterms:MicroCredential")[ctdl_url("credentials", "exit-tickets")]
    definition = fixture("credentials", "exit-tickets")
    [condition] = node["ceterms:requires"]
    assert condition["ceterms:description"] == {"en": definition["competency"]}
    criteria = [c for part in definition["submission"]["parts"] for c in part["criteria"]]
    assert len(condition["ceterms:condition"]["en"]) == len(criteria)
    assert all(c["prompt"] in text for c, text in zip(criteria, condition["ceterms:condition"]["en"], strict=True))


def test_credentials_name_the_pathways_they_are_part_of(rich_site):
    credentials = nodes_of(rich_site, "ceterms:MicroCredential")
    for pathway_id in published_ids(RICH, "pathways"):
        stages = fixture("pathways", pathway_id)["stages"]
        for credential_id in {cid for stage in stages for cid in stage["credentials"]}:
            assert ctdl_url("pathways", pathway_id) in credentials[ctdl_url("credentials", credential_id)]["ceterms:isPartOf"]


def test_pathway_components_follow_the_stages_and_a_choice_is_a_component_condition(rich_site):
    for pathway_id in published_ids(RICH, "pathways"):
        definition = fixture("pathways", pathway_id)
        document = load(rich_site, f"ctdl/pathways/{pathway_id}.json")["@graph"]
        pathway, components = document[0], {node["@id"]: node for node in document[1:]}
        stages = [components[stage_id] for stage_id in pathway["ceasn:hasChild"]]
        assert [s["ceterms:name"]["en"].split(": ", 1)[1] for s in stages][: len(definition["stages"])] == [s["title"] for s in definition["stages"]]
        assert [s.get("ceterms:preceeds") for s in stages] == [[later["@id"]] for later in stages[1:]] + [None]
        assert pathway["ceasn:hasDestinationComponent"] == [stages[-1]["@id"]]
        for stage, written in zip(stages, definition["stages"], strict=False):  # a capstone may add a stage
            [condition] = stage["ceasn:hasCondition"]
            assert condition["ceterms:requiredNumber"] == written.get("choose", len(written["credentials"]))
            members = [components[member] for member in condition["ceterms:targetComponent"]]
            assert [m["ceterms:sourceData"] for m in members] == [ctdl_url("credentials", cid) for cid in written["credentials"]]


def test_a_french_credential_is_described_in_french(solo_site):
    [path] = (solo_site / "ctdl/credentials").glob("*.json")
    node = json.loads(path.read_text(encoding="utf-8"))
    assert node["ceterms:inLanguage"] == ["fr"]
    assert set(node["ceterms:name"]) == set(node["ceterms:description"]) == {"fr"}


def _has_pyld() -> bool:
    try:
        import pyld  # noqa: F401
    except ImportError:
        return False
    return True
