"""The organisation's identity, read from `mkdocs.yml`: the one place an adopter sets it.

Every name and URL the site, its exports, the published schemas and the scaffold print
comes from here (DESIGN.md, "Repository layout"). Read without mkdocs, so the command
line tools and any later engine share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .problems import Problem, file_problem

CONFIG_FILE = "mkdocs.yml"
# `make serve`'s --dev-addr (PORT=... picks another port); mkdocs serve puts the site
# under site_url's sub-path there.
SERVE_HOST = "127.0.0.1"
SERVE_PORT = 8000


@dataclass(frozen=True)
class Identity:
    site_name: str
    site_url: str  # absolute, ends in "/"
    repo_url: str | None = None
    repo_name: str | None = None
    options: dict = field(default_factory=dict)  # extra.catalog

    @property
    def base_path(self) -> str:
        """The sub-path the site is served under: "/" or e.g. "/catalog/"."""
        return urlsplit(self.site_url).path or "/"

    @property
    def preview_url(self) -> str:
        """Where `make serve` shows the site: e.g. http://127.0.0.1:8000/catalog/."""
        return self.preview_at(SERVE_PORT)

    def preview_at(self, port: int) -> str:
        """Where `make serve PORT=<port>` shows the site."""
        return f"http://{SERVE_HOST}:{port}{self.base_path}"

    @property
    def source_branch(self) -> str:
        return str(self.options.get("source_branch", "main"))


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml: read at every load
    """mkdocs.yml may hold tags only mkdocs resolves (`!ENV`, `!!python/name:`); identity needs none of them."""


def _ignore_tag(loader, suffix, node):
    return None


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def identity_from(config: dict) -> Identity | Problem:
    """The identity in a parsed mkdocs configuration, or the one problem that keeps it from being read."""
    site_url = config.get("site_url")
    if not isinstance(site_url, str) or urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).netloc:
        return Problem(
            CONFIG_FILE, 1, 1, "site_url is missing or not an absolute http(s) URL", "$.site_url",
            "set site_url: https://<your-host>/<sub-path>/ (the exports and schemas publish absolute URLs from it)",
        )
    site_name = config.get("site_name")
    if not isinstance(site_name, str) or not site_name.strip():
        return Problem(CONFIG_FILE, 1, 1, "site_name is missing", "$.site_name", "set site_name: the catalog's name as educators should see it")
    extra = config.get("extra")
    extra = extra if isinstance(extra, dict) else {}
    options = extra.get("catalog")
    options = options if isinstance(options, dict) else {}
    return Identity(
        site_name=site_name.strip(),
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        repo_url=config.get("repo_url") or None,
        repo_name=config.get("repo_name") or None,
        options=dict(options),
    )


def read_identity(root: Path) -> Identity | Problem:
    path = Path(root) / CONFIG_FILE
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except OSError:
        return file_problem(CONFIG_FILE, "mkdocs.yml not found", "run the command from the repository root, where mkdocs.yml is")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Problem(CONFIG_FILE, line, column, f"mkdocs.yml is not valid YAML: {getattr(error, 'problem', error)}", "", "fix the YAML syntax at that line")
    return identity_from(config if isinstance(config, dict) else {})
