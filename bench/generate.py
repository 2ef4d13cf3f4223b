"""Synthetic catalogs for the benchmark: the sample's shape and text volume, any size.

Deterministic from a seed: the same size and seed give byte-identical files. Each
credential is about 4 KB of YAML with all three submission parts, 3-6 research
entries, resources, a rubric scale and vocabulary values from the schema, and its
`ctid`, as `make new` writes it; issuers have pathways of three stages, and some
credentials have a prerequisite.

`make_catalog` writes a project of ours (symlinks to the repo's config, templates,
schemas and code, like tests/conftest.make_project, plus the generated catalog/);
`make_plain` writes the same content as ordinary markdown pages in a plain
mkdocs-material project, the peer the build is compared with.

    python bench/generate.py 1000 /tmp/cat1000   # writes ours/ and plain/ there
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import uuid
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "overrides", "schema", "hooks", "docs")
CREDENTIALS_PER_PATHWAY = 50
SEED = 2026

WORDS = (
    "students explain reasoning evidence feedback rubric lesson classroom discussion peers "
    "formative assessment goals criteria revise reflect practice strategy model questions "
    "learning objectives data group instruction tasks routines writing reading number sense "
    "fractions science inquiry projects families community language scaffold vocabulary "
    "check understanding exit tickets wait time talk moves coaching cycle observation notes "
    "video transcript artifacts sample work progress growth mindset equity access support"
).split()
PART_KINDS = ("introduction", "evidence", "reflection")


def _schema_enums() -> dict[str, list[str]]:
    defs = json.loads((REPO / "schema" / "credential.schema.json").read_text())["$defs"]
    return {name: defs[name]["enum"] for name in ("role", "grade_band", "subject", "evidence_type", "resource_type")}


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(9, 16)) for _ in range(sentences))


def _credential(rng: random.Random, index: int, issuer: str, enums: dict, prerequisite: str | None) -> dict:
    title = f"{_sentence(rng, 3)[:-1].title()} {index}"
    parts = []
    for kind in PART_KINDS:
        parts.append({
            "id": kind,
            "kind": kind,
            "title": f"{kind.title()} {_sentence(rng, 2)[:-1].lower()}",
            "instructions": _paragraph(rng, 1),
            "word_limit": rng.choice((300, 400, 500)),
            "criteria": [
                {"id": f"{kind}-{n}", "prompt": _sentence(rng, 12), "passing": _sentence(rng, 16)}
                for n in range(1, rng.randint(1, 2) + 1)
            ],
        })
    credential = {
        "title": title,
        "status": "active",
        "version": f"1.{rng.randint(0, 5)}.0",
        "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "summary": _sentence(rng, 20),
        "competency": "The educator " + _sentence(rng, 18).lower(),
        "key_method": _paragraph(rng, 2),
        "method_components": "\n".join(f"{n}. **{_sentence(rng, 3)[:-1]}** {_sentence(rng, 12)}" for n in range(1, 5)),
        "supporting_rationale": _paragraph(rng, 3),
        "research": [
            {"citation": f"Author, A., & Writer, B. ({rng.randint(1990, 2023)}). {_sentence(rng, 10)} Journal of {_sentence(rng, 2)[:-1].title()}, {rng.randint(1, 60)}({rng.randint(1, 4)}), {rng.randint(1, 300)}-{rng.randint(301, 600)}.",
             "doi": f"10.{rng.randint(1000, 9999)}/bench.{index}.{n}"}
            for n in range(rng.randint(3, 6))
        ],
        "resources": [
            {"title": _sentence(rng, 5)[:-1], "url": f"https://resources.example.org/{issuer}/{index}/{n}", "type": rng.choice(enums["resource_type"])}
            for n in range(3)
        ],
        "submission": {
            "scale": [
                {"id": "meets", "label": "Yes", "passing": True},
                {"id": "almost", "label": "Almost"},
                {"id": "not-yet", "label": "Not yet"},
            ],
            "parts": parts,
        },
        "roles": rng.sample(enums["role"], 2),
        "grade_bands": rng.sample(enums["grade_band"], 2),
        "subjects": rng.sample(enums["subject"], 2),
        "tags": list(dict.fromkeys(rng.choice(WORDS) + " " + rng.choice(WORDS) for _ in range(3))),  # unique, as the schema asks
        "estimated_hours": rng.choice((2, 4, 6, 8, 12, 15)),
        "cost": {"amount": rng.choice((0, 0, 25, 49)), "currency": "USD"},
        "evidence_types": rng.sample(enums["evidence_type"], 2),
        "earn_url": f"https://earn.example.org/{issuer}/{index}",
    }
    if prerequisite:
        credential["prerequisites"] = [prerequisite]
    return credential


def _issuer(rng: random.Random, number: int) -> dict:
    return {
        "name": f"Bench Issuer {number}",
        "url": f"https://issuer{number}.example.org/",
        "email": f"credentials@issuer{number}.example.org",
        "description": _paragraph(rng, 4) + "\n\n" + _paragraph(rng, 3),
    }


def _pathway(rng: random.Random, number: int, stages: list[list[str]]) -> dict:
    return {
        "title": f"{_sentence(rng, 3)[:-1].title()} pathway {number}",
        "summary": _sentence(rng, 18),
        "status": "active",
        "description": _paragraph(rng, 3),
        "stages": [{"title": f"Stage {n + 1}", "description": _sentence(rng, 12), "credentials": ids} for n, ids in enumerate(stages)],
        "capstone": stages[-1][0],
    }


def _ctid(seed: int, item_id: str) -> str:
    """The item's Credential Engine id, written down as `make new` writes one (without it,
    every item gets a warning suggesting the id to write, on every load)."""
    return "ce-" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://bench.example.org/{seed}/{item_id}"))


def plan(size: int, seed: int = SEED) -> dict:
    """{issuer id: {"issuer": dict, "credentials": {id: dict}, "pathways": {id: dict}}}."""
    rng = random.Random(f"{seed}-{size}")
    enums = _schema_enums()
    issuers = max(3, size // 500)
    catalog = {}
    for number in range(1, issuers + 1):
        catalog[f"issuer-{number}"] = {"issuer": _issuer(rng, number), "credentials": {}, "pathways": {}}
    previous: dict[str, str] = {}
    for index in range(size):
        issuer = f"issuer-{index % issuers + 1}"
        # a prerequisite on the issuer's previous credential now and then: no cycles possible
        prerequisite = previous.get(issuer) if index % 7 == 3 else None
        cid = f"bench-credential-{index:05d}"
        catalog[issuer]["credentials"][cid] = {"ctid": _ctid(seed, cid), **_credential(rng, index, issuer, enums, prerequisite)}
        previous[issuer] = cid
    pathway_number = 0
    for content in catalog.values():
        # stages from credentials without prerequisites keep stage order trivially valid
        free = [cid for cid, c in content["credentials"].items() if "prerequisites" not in c]
        for start in range(0, len(free) - 3, CREDENTIALS_PER_PATHWAY * 3 // max(1, issuers)):
            if pathway_number * CREDENTIALS_PER_PATHWAY >= size:
                break
            pathway_number += 1
            stages = [free[start:start + 2], free[start + 2:start + 3], free[start + 3:start + 4]]
            pid = f"bench-pathway-{pathway_number:04d}"
            content["pathways"][pid] = {"ctid": _ctid(seed, pid), **_pathway(rng, pathway_number, stages)}
    return catalog


def _dump(data: dict, schema: str) -> str:
    header = f"# yaml-language-server: $schema=../../../schema/{schema}.schema.json\n" if schema != "issuer" else "# yaml-language-server: $schema=../../schema/issuer.schema.json\n"
    return header + yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)


def make_catalog(target: Path, content: dict) -> Path:
    """Our project: the repo's config and code by symlink, the generated catalog/ as files."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        (target / part).symlink_to(REPO / part)
    # a copy, not a link: `serve` resolves watched folders from the config's real place
    (target / "mkdocs.yml").unlink()
    shutil.copyfile(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for issuer, parts in content.items():
        folder = target / "catalog" / issuer
        (folder / "credentials").mkdir(parents=True)
        (folder / "pathways").mkdir()
        (folder / "issuer.yml").write_text(_dump(parts["issuer"], "issuer"))
        for cid, credential in parts["credentials"].items():
            (folder / "credentials" / f"{cid}.yml").write_text(_dump(credential, "credential"))
        for pid, pathway in parts["pathways"].items():
            (folder / "pathways" / f"{pid}.yml").write_text(_dump(pathway, "pathway"))
    return target


PLAIN_CONFIG = """site_name: Micro-credential Catalog
site_url: https://credentials.example.org/catalog/
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.tabs
    - navigation.top
plugins: []
not_in_nav: |
  /credentials/
  /pathways/
  /issuers/
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
  - attr_list
nav:
  - Home: index.md
"""


def _plain_credential(cid: str, c: dict, issuer: dict) -> str:
    lines = [
        "---", f"title: {json.dumps(c['title'])}", f"description: {json.dumps(c['summary'])}", "---", "",
        f"# {c['title']}", "", f"*Issued by {issuer['name']}* · version {c['version']} · published {c['published']}", "",
        "!!! abstract \"Competency\"", f"    {c['competency']}", "",
        "## Key method", "", c["key_method"], "", "## Method components", "", c["method_components"], "",
        "## Supporting rationale", "", c["supporting_rationale"], "", "## Research", "",
    ]
    lines += [f"{n}. {r['citation']} [doi:{r['doi']}](https://doi.org/{r['doi']})" for n, r in enumerate(c["research"], 1)]
    lines += ["", "## Resources", ""]
    lines += [f"- [{r['title']}]({r['url']}) ({r['type']})" for r in c["resources"]]
    lines += ["", "## Submission guidelines", ""]
    scale = c["submission"]["scale"]
    for part in c["submission"]["parts"]:
        lines += [f"### {part['title']}", "", part["instructions"], "", f"Word limit: {part['word_limit']}", ""]
        lines.append("| Criterion | " + " | ".join(level["label"] + (" (passing)" if level.get("passing") else "") for level in scale) + " |")
        lines.append("|---" * (len(scale) + 1) + "|")
        for criterion in part["criteria"]:
            lines.append(f"| {criterion['prompt']} | {criterion['passing']} |" + " |" * (len(scale) - 1))
        lines.append("")
    lines += [
        "## How to earn", "", "Every criterion must reach the passing level.", "",
        f"[Earn this credential]({c['earn_url']}){{ .md-button }}", "", "## Facts", "",
        "| | |", "|---|---|",
        f"| Estimated hours | {c['estimated_hours']} |", f"| Cost | {c['cost']['amount']} {c['cost']['currency']} |",
        f"| Roles | {', '.join(c['roles'])} |", f"| Grade bands | {', '.join(c['grade_bands'])} |",
        f"| Subjects | {', '.join(c['subjects'])} |", f"| Evidence | {', '.join(c['evidence_types'])} |",
        f"| Tags | {', '.join(c['tags'])} |", "",
    ]
    if c.get("prerequisites"):
        lines += ["## Prerequisites", "", *(f"- [{p}]({p}.md)" for p in c["prerequisites"]), ""]
    return "\n".join(lines)


def _plain_pathway(p: dict) -> str:
    lines = ["---", f"title: {json.dumps(p['title'])}", "---", "", f"# {p['title']}", "", p["summary"], "", p["description"], ""]
    for stage in p["stages"]:
        lines += [f"## {stage['title']}", "", stage["description"], "", *(f"- [{cid}](../credentials/{cid}.md)" for cid in stage["credentials"]), ""]
    return "\n".join(lines)


SEARCH_CONFIG = "mkdocs-search.yml"


def make_plain(target: Path, content: dict) -> Path:
    """The peer: the same content as ordinary markdown pages, the same theme, no hooks."""
    docs = target / "docs"
    for folder in ("credentials", "pathways", "issuers"):
        (docs / folder).mkdir(parents=True)
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG)
    # the same site with mkdocs-material's own search (lunr), the peer of our build with its index
    (target / SEARCH_CONFIG).write_text(PLAIN_CONFIG.replace("plugins: []", "plugins: [search]"))
    (docs / "index.md").write_text("# Micro-credential Catalog\n\nEvery credential, pathway and issuer.\n")
    for issuer, parts in content.items():
        listing = "\n".join(f"- [{c['title']}](../credentials/{cid}.md)" for cid, c in parts["credentials"].items())
        (docs / "issuers" / f"{issuer}.md").write_text(f"# {parts['issuer']['name']}\n\n{parts['issuer']['description']}\n\n## Credentials\n\n{listing}\n")
        for cid, credential in parts["credentials"].items():
            (docs / "credentials" / f"{cid}.md").write_text(_plain_credential(cid, credential, parts["issuer"]))
        for pid, pathway in parts["pathways"].items():
            (docs / "pathways" / f"{pid}.md").write_text(_plain_pathway(pathway))
    return target


def generate(size: int, target: Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write ours/ and plain/ under `target` for a catalog of `size` credentials."""
    content = plan(size, seed)
    return make_catalog(target / "ours", content), make_plain(target / "plain", content)


if __name__ == "__main__":
    ours, plain = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(ours, plain)
