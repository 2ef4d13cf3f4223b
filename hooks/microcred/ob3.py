"""A credential as an Open Badges 3.0 `Achievement`, so badge platforms can issue it.

Each submission part becomes a `ResultDescription` scored on the credential's scale
(`RubricCriterionLevel`s), with the passing level as `requiredLevel`. The document must
satisfy `$defs/Achievement` of 1EdTech's official JSON Schema (checked by the tests).
"""

from __future__ import annotations

import re

from .ctid import ctid_or_derived
from .model import Alignment, Credential, Issuer, SubmissionPart
from .site_urls import SiteUrls

# VC data model 2.0 plus the Open Badges 3.0 vocabulary, as in 1EdTech's examples.
CONTEXT = (
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
)
# Characters that would turn an issuer's plain text into markdown syntax or raw HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def achievement(credential: Credential, issuer: Issuer, urls: SiteUrls, editions: tuple[Credential, ...] = ()) -> dict:
    """The achievement; `editions` are the credential's other language editions, each
    `related` with its language."""
    ob3_url = urls.ob3(credential.id)
    page_url = urls.credential_page(credential.id)
    document = {
        "@context": list(CONTEXT),
        "id": ob3_url,
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": credential.title,
        "description": credential.summary,
        "humanCode": credential.id,
        "version": credential.version,
        "inLanguage": credential.language,
        "related": [
            {"id": urls.ob3(e.id), "type": ["Related"], "inLanguage": e.language, "version": e.version} for e in editions
        ],
        "image": {"id": urls.badge(credential), "type": "Image", "caption": f"Badge: {credential.title}"},
        "criteria": {"id": page_url, "narrative": criteria_narrative(credential)},
        "creator": _profile(issuer, urls),
        "alignment": [_alignment(a, page_url) for a in credential.alignments],
        "tag": list(dict.fromkeys(credential.tags + credential.subjects)),
        # OB3 has one number for credit: the first credit the issuer lists.
        "creditsAvailable": credential.credit[0].value if credential.credit else None,
        # The Credential Registry's id, so a badge can be matched to its Registry record.
        "otherIdentifier": [{
            "type": "IdentifierEntry",
            "identifier": ctid_or_derived(credential.ctid, page_url),
            "identifierType": "ext:CTID",
        }],
        "resultDescription": [
            _result_description(part, credential, ob3_url) for part in credential.submission.parts
        ],
    }
    return _without_empty(document)


def criteria_narrative(credential: Credential) -> str:
    """Markdown: the competency, what each part must show, and how it is scored."""
    scale = credential.submission.scale
    passing = credential.submission.passing_level
    lines = [
        f"**Competency:** {_plain(credential.competency)}",
        "",
        f"**Key method:** {_plain(credential.key_method)}",
        "",
        f"**How it is scored:** an assessor scores every criterion as "
        f"{' / '.join(_plain(level.label) for level in scale)}. The micro-credential is "
        f"awarded when every criterion reaches **{_plain(passing.label)}**.",
    ]
    for part in credential.submission.parts:
        limit = f" (at most {part.word_limit} words)" if part.word_limit else ""
        lines += ["", f"### {_plain(part.title)}{limit}", "", _without_raw_html(part.instructions.source), ""]
        lines += [
            f"- {_plain(criterion.prompt)} *{_plain(passing.label)}:* {_plain(criterion.passing)}"
            for criterion in part.criteria
        ]
    return "\n".join(lines) + "\n"


def _without_raw_html(markdown: str) -> str:
    """Issuer markdown with raw HTML turned into text: badge platforms render the narrative,
    and not all of them sanitise it as the site does. `&lt;` still reads as `<`."""
    return markdown.strip().replace("<", "&lt;")


def _plain(text: str) -> str:
    """Issuer plain text as literal markdown: one line, syntax characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _profile(issuer: Issuer, urls: SiteUrls) -> dict:
    profile = {
        "id": urls.issuer_page(issuer.id),
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
        "description": issuer.plain_description,
        "image": {"id": logo, "type": "Image", "caption": f"Logo: {issuer.name}"} if (logo := urls.logo(issuer)) else None,
    }
    return _without_empty(profile)


def _alignment(alignment: Alignment, page_url: str) -> dict:
    document = {
        "type": ["Alignment"],
        "targetName": alignment.name,
        "targetFramework": alignment.framework,
        "targetCode": alignment.code,
        # OB3 requires a URL; the credential page shows the alignment when the issuer gave none.
        "targetUrl": alignment.url or page_url,
    }
    return _without_empty(document)


def _result_description(part: SubmissionPart, credential: Credential, ob3_url: str) -> dict:
    part_url = f"{ob3_url}#{part.id}"
    passing = credential.submission.passing_level
    return {
        "id": part_url,
        "type": ["ResultDescription"],
        "name": part.title,
        "resultType": "RubricCriterionLevel",
        "rubricCriterionLevel": [
            {
                "id": f"{part_url}.{level.id}",
                "type": ["RubricCriterionLevel"],
                "name": level.label,
                **({"description": "The passing level: every criterion must reach it."} if level.passing else {}),
            }
            for level in credential.submission.scale
        ],
        "requiredLevel": f"{part_url}.{passing.id}",
    }


def _without_empty(document: dict) -> dict:
    """OB3 optional properties are left out rather than null or empty."""
    return {key: value for key, value in document.items() if value not in (None, [])}
