"""`make init`: turn a copy of this repository into an organisation's own catalog.

`plan_adoption` reads the repository and returns every change as data, or every reason
to change nothing; `apply_adoption` writes the plan. mkdocs.yml stays the one place for
the identity (DESIGN.md, "Repository layout"): init rewrites its four identity lines in
place and leaves every other line, comments included, for the adopter to review.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .discover import ID_FIX, ID_MAX_LENGTH, is_valid_id
from .identity import CONFIG_FILE, Identity, read_identity
from .problems import one_line
from .scaffold import Refusal, Scaffold, plan_scaffold, write_scaffold

CODEOWNERS = ".github/CODEOWNERS"
PULL_REQUEST_TEMPLATE = ".github/PULL_REQUEST_TEMPLATE.md"
GUIDE_SOURCE = "docs/contributing.md"
GUIDE_PAGE = "contributing/"  # where mkdocs serves GUIDE_SOURCE
# GitHub's rules: an owner is letters, digits and single inner hyphens; a repository name adds . and _.
_REPO = re.compile(r"^[A-Za-z0-9](?:-?[A-Za-z0-9])*/[A-Za-z0-9._-]+$")
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s|$)")
_GUIDE_LINE = re.compile(r"^<!--.*The guide:.*-->\s*$")


@dataclass(frozen=True)
class Adoption:
    identity: Identity  # repo_url and repo_name always set: the repository is on GitHub
    issuer: str  # the first issuer's id: its folder under catalog/

    @property
    def owner(self) -> str:
        return (self.identity.repo_name or "").split("/")[0]


@dataclass(frozen=True)
class FileText:
    path: str  # repository-relative, forward slashes
    text: str


@dataclass(frozen=True)
class Plan:
    adoption: Adoption
    rerun: bool  # mkdocs.yml already names this site and repository: init ran before
    removals: tuple[str, ...]  # folders under catalog/, deleted first
    issuer: Scaffold | None  # None: catalog/<issuer>/issuer.yml exists and is kept
    # mkdocs.yml comes last: a run that stops half-way leaves the old identity, so its
    # rerun does the whole adoption again instead of taking it for a finished one.
    writes: tuple[FileText, ...]


def slug(name: str) -> str:
    """An issuer id from a display name: "École des Lacs" -> "ecole-des-lacs"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))[:ID_MAX_LENGTH].strip("-")


def _site_url(url: str) -> str | Refusal:
    parts = urlsplit(url)
    absolute = parts.scheme in ("http", "https") and parts.netloc
    if not absolute or parts.query or parts.fragment or one_line(url) != url or " " in url:
        return Refusal(
            f"URL `{one_line(url)}` is not an absolute http(s) address",
            "give the site's public address, with its sub-path if any, e.g. URL=https://credentials.example.org/",
        )
    return url if url.endswith("/") else url + "/"


def _inputs(name: str, url: str, repo: str, issuer: str | None) -> Adoption | list[Refusal]:
    refusals: list[Refusal] = []
    name = name.strip()
    if not name or one_line(name) != name:
        refusals.append(Refusal(
            "NAME is empty or spans several lines", 'give the catalog\'s name on one line, e.g. NAME="Lakeshore Regional Micro-credentials"',
        ))
    site_url = _site_url(url)
    if isinstance(site_url, Refusal):
        refusals.append(site_url)
    if not _REPO.match(repo):
        refusals.append(Refusal(
            f"REPO `{one_line(repo)}` is not owner/name", "give the GitHub repository, e.g. REPO=lakeshore-regional/catalog",
        ))
    issuer = slug(name) if issuer is None else issuer
    if not is_valid_id(issuer):
        what = f"ISSUER `{one_line(issuer)}` is not a valid issuer id" if issuer else "no issuer id can be made from NAME"
        refusals.append(Refusal(what, f"give one: ISSUER=lakeshore-regional ({ID_FIX})"))
    if refusals or isinstance(site_url, Refusal):
        return refusals
    identity = Identity(site_name=name, site_url=site_url, repo_url=f"https://github.com/{repo}", repo_name=repo)
    return Adoption(identity, issuer)


def _entry(key: str, value: str | None) -> str:
    """One `key: value` line, the value quoted only when YAML needs it (a name like "Yes" or "A: B")."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=math.inf).rstrip("\n")


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def set_identity(config: str, identity: Identity) -> str:
    """`config` with its top-level identity entries replaced and every other line kept byte for byte.

    A line-based edit, not a YAML round trip: a round trip would drop the comments and
    the `!ENV`-style tags an adopter's mkdocs.yml may hold.
    """
    values = {
        "site_name": identity.site_name, "site_url": identity.site_url,
        "repo_url": identity.repo_url, "repo_name": identity.repo_name,
    }
    lines = config.splitlines(keepends=True)
    kept: list[str] = []
    found: set[str] = set()
    in_replaced = False
    for line in lines:
        if in_replaced and line[:1] in (" ", "\t"):
            continue  # the rest of a replaced value that was written over several lines
        match = _TOP_LEVEL_KEY.match(line)
        key = match.group(1) if match else None
        in_replaced = key in values
        if key is not None and in_replaced:
            found.add(key)
            kept.append(_entry(key, values[key]) + (_ending(line) or "\n"))
        else:
            kept.append(line)
    newline = _ending(lines[0]) if lines and _ending(lines[0]) else "\n"
    missing = [_entry(key, value) + newline for key, value in values.items() if key not in found]
    return "".join(missing + kept)


def codeowners(adoption: Adoption) -> str:
    owner, issuer = adoption.owner, adoption.issuer
    width = max(len("/schema/"), len(f"/catalog/{issuer}/")) + 2
    return "\n".join([
        "# Who reviews what. Each issuer folder is owned by that issuer's reviewers, so an",
        "# issuer approves changes to its own credentials; maintainers own everything else.",
        "# The last matching pattern wins. An owner is a user (@name) or a team (@org/team):",
        f"# if {owner} is an organisation, name its teams here, e.g. @{owner}/maintainers.",
        "",
        f"{'*':<{width}}@{owner}",
        "",
        f"# Replace @{owner} with the issuer's reviewers team, e.g. @{owner}/{issuer}-reviewers.",
        f"{f'/catalog/{issuer}/':<{width}}@{owner}",
        "",
        "# Schemas and vocabularies are the contract every issuer relies on.",
        f"{'/schema/':<{width}}@{owner}",
        "",
    ])


def pull_request_template(current: str, identity: Identity) -> str:
    """The current template with its guide line pointing at the new site (and the guide's source)."""
    guide = f"<!-- Thank you for contributing! The guide: {identity.site_url}{GUIDE_PAGE} (source: {GUIDE_SOURCE}) -->"
    lines = current.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if _GUIDE_LINE.match(line):
            return "".join([*lines[:number], guide + (_ending(line) or "\n"), *lines[number + 1:]])
    return guide + "\n\n" + current


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")  # bytes: CRLF line ends stay as they are
    except (OSError, UnicodeDecodeError):
        return None


def plan_adoption(root: Path, name: str, url: str, repo: str, issuer: str | None, today: datetime.date) -> Plan | list[Refusal]:
    """Every change init makes, or every reason it makes none."""
    adoption = _inputs(name, url, repo, issuer)
    if isinstance(adoption, list):
        return adoption
    config = _read(root / CONFIG_FILE)
    if config is None:
        return [Refusal(f"cannot read {CONFIG_FILE} in {root}", "run it from the repository root, or pass --root")]
    new = adoption.identity
    current = read_identity(root)
    # A rerun on an adopted repository: its catalog and reviewers are the adopter's now.
    rerun = isinstance(current, Identity) and (current.site_url, current.repo_url) == (new.site_url, new.repo_url)
    catalog = root / "catalog"
    issuer_folder = catalog / adoption.issuer
    removals = () if rerun or not catalog.is_dir() else tuple(
        f"catalog/{folder.name}" for folder in sorted(catalog.iterdir()) if folder.is_dir() and folder != issuer_folder
    )
    scaffold = None
    if not (issuer_folder / "issuer.yml").is_file():
        planned = plan_scaffold(root, "issuer", adoption.issuer, None, today, new)
        if isinstance(planned, Refusal):
            return [planned]
        scaffold = planned
    github = () if rerun else (
        FileText(CODEOWNERS, codeowners(adoption)),
        FileText(PULL_REQUEST_TEMPLATE, pull_request_template(_read(root / PULL_REQUEST_TEMPLATE) or "", new)),
    )
    return Plan(adoption, rerun, removals, scaffold, (*github, FileText(CONFIG_FILE, set_identity(config, new))))


def _replace(target: Path, text: str) -> None:
    # Written beside, then renamed: a symlinked file is replaced, never written through.
    staging = target.with_name(target.name + ".init")
    staging.parent.mkdir(parents=True, exist_ok=True)
    with open(staging, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(staging, target)


def apply_adoption(root: Path, plan: Plan) -> None:
    for folder in plan.removals:
        target = root / folder
        if target.is_symlink():
            target.unlink()
        else:
            shutil.rmtree(target)
    if plan.issuer:
        write_scaffold(root, plan.issuer)
    for write in plan.writes:
        _replace(root / write.path, write.text)


def report(plan: Plan) -> list[str]:
    """What init did, then what the adopter reviews before the first deploy."""
    identity, issuer, owner = plan.adoption.identity, plan.adoption.issuer, plan.adoption.owner
    done = [
        (f"{CONFIG_FILE}: site_name, site_url, repo_url and repo_name now name {identity.site_name} "
         f"at {identity.site_url} ({identity.repo_url})"),
    ]
    if plan.rerun:
        done.append("catalog/ and .github/ left as they are: mkdocs.yml already named this site and repository (init ran before)")
    if plan.removals:
        done.append(f"removed the sample catalog ({', '.join(plan.removals)}); it stays in git history")
    done.append(f"created {plan.issuer.path}" if plan.issuer else f"kept catalog/{issuer}/issuer.yml (it exists)")
    done += [f"wrote {write.path} for {identity.repo_name}" for write in plan.writes if write.path != CONFIG_FILE]
    checklist = [
        f"1. {CONFIG_FILE}: site_description, copyright and the theme (palette, logo).",
        "2. docs/index.md and docs/about.md: the home page and About wording.",
        (f"3. catalog/{issuer}/issuer.yml: replace every TODO (make validate lists them), "
         f"then add credentials: make new ISSUER={issuer} ID=..."),
        f"4. {CODEOWNERS}: replace @{owner} with your maintainers' and reviewers' teams.",
        "5. make validate, then make check (validation, strict build, links, accessibility).",
        f"6. GitHub: Settings → Pages → Source: GitHub Actions; then every push to main deploys {identity.site_url}",
    ]
    return ["Done:", *(f"- {line}" for line in done), "Before the first deploy, review:", *checklist]
