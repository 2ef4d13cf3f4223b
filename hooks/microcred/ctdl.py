"""The catalog in CTDL JSON-LD, the language of Credential Engine's Credential Registry.

The Registry's publish action reads `/ctdl/catalog.json`: one `@graph` of every issuer
(`ceterms:CredentialOrganization`), published credential (`ceterms:MicroCredential`) and
pathway (`ceterms:Pathway` with its `PathwayComponent`s). Each node's `@id` is the URL of
its own file under `/ctdl/`, as the action requires of graph entities; a pathway's file
is a graph of the pathway and its components, whose ids are fragments of it.

Value shapes follow Credential Engine's ingest examples (shared/external/ctdl/): texts
as language maps keyed by the text's language, references as arrays of URLs, statuses
and credit units as `CredentialAlignmentObject`s naming a CTDL concept. The context is
the published one, verbatim: the action accepts no other.
"""

from __future__ import annotations

from collections.abc import Iterator

from .ctid import ctid_or_derived, derived_ctid
from .display import CREDIT_UNITS, credit_amount, credit_text, label
from .jsonld import iso_duration
from .model import Catalog, Credential, Credit, Issuer, Pathway, Stage
from .plain_text import plain_text
from .site_urls import CTDL_CATALOG_PATH, REGISTRY_RESOURCE, SiteUrls, ctdl_path, schema_path

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
# The texts this module writes itself (vocabulary labels, concept names) are English;
# an issuer's, credential's or pathway's own texts are keyed by its `language`.
ENGLISH = "en"
_STATUS = {
    "active": ("Active", "Awards of the credential are ongoing."),
    "retired": ("Deprecated", "Awards of the credential are no longer offered."),
}
# Credit types with a concept in CTDL's CreditUnit scheme; the others are described in words.
_CREDIT_UNITS = {
    "continuing-education-units": ("ContinuingEducationUnit", "Continuing Education Unit"),
    "clock-hours": ("ClockHour", "Clock Hour"),
    "graduate-credit": ("DegreeCredit", "Degree Credit"),
}


# The catalog's graph is made a node at a time (graph_head, then "@graph": graph_nodes),
# so that it is written without all of its nodes in memory; each item's own file is one
# of the *_document functions.


def graph_head(urls: SiteUrls) -> dict:
    return {"@context": CONTEXT, "@id": urls.of(CTDL_CATALOG_PATH)}


def graph_nodes(catalog: Catalog, urls: SiteUrls) -> Iterator[dict]:
    yield from (issuer_node(i, catalog, urls) for i in catalog.issuers.values())
    yield from (credential_node(c, catalog, urls) for c in catalog.credentials.values())
    for pathway in catalog.pathways.values():
        yield from pathway_nodes(pathway, catalog, urls)


def issuer_document(issuer: Issuer, catalog: Catalog, urls: SiteUrls) -> tuple[str, dict]:
    return ctdl_path("issuers", issuer.id), {"@context": CONTEXT, **issuer_node(issuer, catalog, urls)}


def credential_document(credential: Credential, catalog: Catalog, urls: SiteUrls) -> tuple[str, dict]:
    return ctdl_path("credentials", credential.id), {"@context": CONTEXT, **credential_node(credential, catalog, urls)}


def pathway_document(pathway: Pathway, catalog: Catalog, urls: SiteUrls) -> tuple[str, dict]:
    return ctdl_path("pathways", pathway.id), {"@context": CONTEXT, "@graph": pathway_nodes(pathway, catalog, urls)}


def issuer_reference(issuer: Issuer, urls: SiteUrls) -> str:
    """Where credentials point for their owner: the Registry record of an issuer that has
    a CTID (so viewers reach the organisation the Registry knows), else its file here."""
    return REGISTRY_RESOURCE.format(ctid=issuer.ctid) if issuer.ctid else urls.ctdl("issuers", issuer.id)


def issuer_node(issuer: Issuer, catalog: Catalog, urls: SiteUrls) -> dict:
    credentials = [urls.ctdl("credentials", c.id) for c in catalog.credentials_of(issuer.id)]
    return _without_empty({
        "@id": urls.ctdl("issuers", issuer.id),
        "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": ctid_or_derived(issuer.ctid, urls.issuer_page(issuer.id)),
        "ceterms:name": {issuer.language: issuer.name},
        "ceterms:description": {issuer.language: issuer.plain_description},
        "ceterms:subjectWebpage": issuer.url,
        "ceterms:email": [issuer.email] if issuer.email else [],
        "ceterms:image": urls.logo(issuer),
        "ceterms:sameAs": [REGISTRY_RESOURCE.format(ctid=issuer.ctid)] if issuer.ctid else [],
        "ceterms:owns": credentials,
        "ceterms:offers": credentials,
    })


def credential_node(credential: Credential, catalog: Catalog, urls: SiteUrls) -> dict:
    c = credential
    language = c.language
    issuer = issuer_reference(catalog.issuers[c.issuer_id], urls)
    replacement = urls.ctdl("credentials", c.replaced_by) if c.replaced_by else None
    keywords = {language: list(c.tags)} if c.tags else {}
    # Grade bands are whom the educator teaches: no CTDL audience term fits, so they are
    # keywords educators search by (English labels, beside the tags' own language).
    keywords.setdefault(ENGLISH, []).extend(label(band) for band in c.grade_bands)
    return _without_empty({
        "@id": urls.ctdl("credentials", c.id),
        "@type": "ceterms:MicroCredential",
        "ceterms:ctid": ctid_or_derived(c.ctid, urls.credential_page(c.id)),
        "ceterms:name": {language: c.title},
        "ceterms:description": {language: c.summary},
        "ceterms:subjectWebpage": urls.credential_page(c.id),
        "ceterms:ownedBy": [issuer],
        "ceterms:offeredBy": [issuer],
        "ceterms:inLanguage": [language],
        "ceterms:credentialStatusType": _concept("CredentialStatus", "Credential Status", "credentialStat", *_STATUS[c.status]),
        "ceterms:latestVersion": replacement,
        "ceterms:versionIdentifier": [{
            "@type": "ceterms:IdentifierValue",
            "ceterms:identifierTypeName": {ENGLISH: "Version"},
            "ceterms:identifierValueCode": c.version,
        }],
        "ceterms:dateEffective": c.published.isoformat(),
        "ceterms:codedNotation": c.id,
        "ceterms:image": urls.badge(c),
        "ceterms:estimatedDuration": [{"@type": "ceterms:DurationProfile", "ceterms:exactDuration": iso_duration(c.estimated_hours)}],
        "ceterms:estimatedCost": [_cost(c)],
        "ceterms:keyword": keywords,
        "ceterms:subject": [_term(urls, "Subjects", subject) for subject in c.subjects],
        # The educator roles a credential is for are occupations.
        "ceterms:occupationType": [_term(urls, "Educator roles", role) for role in c.roles],
        "ceterms:requires": [_requirements(c, issuer)],
        # Credit toward licence renewal and the like: this credential counts toward another
        # goal, which is what CTDL's advanced-standing connection says, with its credit value.
        "ceterms:isAdvancedStandingFor": [_credit(credit) for credit in c.credit],
        "ceterms:isPartOf": [urls.ctdl("pathways", pid) for pid in catalog.pathways_of.get(c.id, ())],
    })


def _concept(scheme: str, scheme_name: str, prefix: str, concept: str, description: str) -> dict:
    """A concept of a CTDL vocabulary, shaped as in the ingest examples."""
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": f"https://credreg.net/ctdl/terms/{scheme}",
        "ceterms:targetNode": f"{prefix}:{concept}",
        "ceterms:frameworkName": {ENGLISH: scheme_name},
        "ceterms:targetNodeName": {ENGLISH: concept},
        "ceterms:targetNodeDescription": {ENGLISH: description},
    }


def _term(urls: SiteUrls, vocabulary: str, value: str) -> dict:
    """A value of the catalog's own vocabularies, which the published schema defines."""
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": urls.of(schema_path("credential.schema.json")),
        "ceterms:frameworkName": {ENGLISH: vocabulary},
        "ceterms:targetNodeName": {ENGLISH: label(value)},
        "ceterms:codedNotation": value,
    }


def _cost(credential: Credential) -> dict:
    cost = credential.cost
    return {
        "@type": "ceterms:CostProfile",
        "ceterms:description": {ENGLISH: "Free to earn." if cost.is_free else "The fee to earn the micro-credential."},
        "ceterms:costDetails": credential.earn_url,
        "ceterms:currency": cost.currency,
        "ceterms:price": cost.amount,
    }


def _requirements(credential: Credential, issuer: str) -> dict:
    """The competency, and every rubric criterion at the level it must reach."""
    passing = credential.submission.passing_level
    criteria = [
        f"{part.title} — {criterion.prompt} ({passing.label}: {criterion.passing})"
        for part in credential.submission.parts
        for criterion in part.criteria
    ]
    return {
        "@type": "ceterms:ConditionProfile",
        "ceterms:name": {ENGLISH: "Demonstrate the competency"},
        "ceterms:description": {credential.language: credential.competency},
        "ceterms:assertedBy": [issuer],
        "ceterms:condition": {credential.language: criteria},
        "ceterms:targetCompetency": [{
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:targetNodeName": {credential.language: credential.competency},
        }],
    }


def _credit(credit: Credit) -> dict:
    value = {"@type": "ceterms:ValueProfile", "schema:value": credit.value}
    if credit.type in _CREDIT_UNITS:
        concept, name = _CREDIT_UNITS[credit.type]
        value["ceterms:creditUnitType"] = [{
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:framework": "https://credreg.net/ctdl/terms/CreditUnit",
            "ceterms:targetNode": f"creditUnit:{concept}",
            "ceterms:frameworkName": {ENGLISH: "Credit Unit"},
            "ceterms:targetNodeName": {ENGLISH: name},
        }]
    else:
        value["schema:description"] = {ENGLISH: CREDIT_UNITS[credit.type][1]}
    return _without_empty({
        "@type": "ceterms:ConditionProfile",
        "ceterms:name": {ENGLISH: credit_amount(credit)},
        "ceterms:description": {ENGLISH: credit_text(credit) + "."},
        "ceterms:subjectWebpage": credit.url,
        "ceterms:creditValue": [value],
    })


def pathway_nodes(pathway: Pathway, catalog: Catalog, urls: SiteUrls) -> list[dict]:
    """The pathway, then a component per stage in order, each followed by a component per
    credential of the stage; a stage's condition says how many of them to earn."""
    pathway_id = urls.ctdl("pathways", pathway.id)
    stages = pathway.route_stages
    stage_ids = [f"{pathway_id}#stage-{number}" for number in range(1, len(stages) + 1)]
    nodes = [_without_empty({
        "@id": pathway_id,
        "@type": "ceterms:Pathway",
        "ceterms:ctid": ctid_or_derived(pathway.ctid, urls.pathway_page(pathway.id)),
        "ceterms:name": {pathway.language: pathway.title},
        "ceterms:description": {pathway.language: pathway.summary},
        "ceterms:inLanguage": [pathway.language],
        "ceterms:ownedBy": [issuer_reference(catalog.issuers[pathway.issuer_id], urls)],
        "ceterms:offeredBy": [issuer_reference(catalog.issuers[pathway.issuer_id], urls)],
        "ceterms:subjectWebpage": urls.pathway_page(pathway.id),
        "ceasn:hasChild": stage_ids,
        # Completing the last stage completes the pathway (its capstone, when it has one).
        "ceasn:hasDestinationComponent": [stage_ids[-1]],
    })]
    for index, stage in enumerate(stages):
        nodes += _stage_nodes(stage, index, stage_ids, pathway, catalog, urls)
    return nodes


def _stage_nodes(stage: Stage, index: int, stage_ids: list[str], pathway: Pathway, catalog: Catalog, urls: SiteUrls) -> list[dict]:
    pathway_id = urls.ctdl("pathways", pathway.id)
    stage_id = stage_ids[index]
    members = [catalog.credentials[cid] for cid in stage.credentials]
    member_ids = [f"{stage_id}-{credential.id}" for credential in members]
    rule = f"Earn all {len(members)}" if stage.choose is None else f"Earn {stage.required_count} of {len(members)}"
    stage_node = _without_empty({
        "@id": stage_id,
        "@type": "ceterms:BasicComponent",
        "ceterms:ctid": derived_ctid(stage_id),
        "ceterms:name": {pathway.language: f"Stage {index + 1}: {stage.title}"},
        "ceterms:description": {pathway.language: plain_text(stage.description.html)} if stage.description else {ENGLISH: f"{rule} micro-credentials."},
        "ceasn:isChildOf": [pathway_id],
        "ceasn:hasChild": member_ids,
        "ceasn:hasCondition": [{
            "@type": "ceterms:ComponentCondition",
            "ceterms:name": {ENGLISH: rule},
            "ceterms:requiredNumber": stage.required_count,
            "ceterms:targetComponent": member_ids,
        }],
        "ceterms:preceeds": stage_ids[index + 1:index + 2],
        "ceasn:isDestinationComponentOf": [pathway_id] if index == len(stage_ids) - 1 else [],
    })
    return [stage_node, *(
        {
            "@id": member_id,
            "@type": "ceterms:CredentialComponent",
            "ceterms:ctid": derived_ctid(member_id),
            "ceterms:name": {credential.language: credential.title},
            "ceterms:description": {credential.language: credential.summary},
            "ceterms:inLanguage": [credential.language],
            "ceasn:isChildOf": [stage_id],
            "ceterms:sourceData": urls.ctdl("credentials", credential.id),
            "ceterms:subjectWebpage": urls.credential_page(credential.id),
        }
        for credential, member_id in zip(members, member_ids, strict=True)
    )]


def _without_empty(node: dict) -> dict:
    """Optional properties are left out rather than null or empty, as in the examples."""
    return {key: value for key, value in node.items() if value not in (None, [], {})}
