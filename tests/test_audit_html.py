"""Every built page is valid HTML by the Nu Html Checker (vnu), the W3C's own validator."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

import audit_exceptions
from audit_pages import AUDITED, built_file
from conftest import REPO, require

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def checked(rich_site) -> tuple[list[str], list[dict]]:
    """vnu over every built page, the audited ones first, in one JVM run (it is slow to start)."""
    require(shutil.which("java") is not None, "java (default-jre-headless)")
    require(VNU.is_file(), "vnu-jar (npm ci)")
    audited = [built_file(path) for path, _ in AUDITED.values()]
    others = sorted(str(p.relative_to(rich_site)) for p in rich_site.rglob("*.html"))
    files = list(dict.fromkeys([*audited, *others]))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        cwd=rich_site, capture_output=True, text=True, timeout=300,
    )
    # vnu writes its report to stderr and exits 1 when it found errors
    assert result.returncode in (0, 1), result.stderr
    return files, json.loads(result.stderr)["messages"]


def _where(message: dict) -> str:
    return message["url"].rsplit("/site/", 1)[-1] + f":{message.get('lastLine', '?')}"


def test_every_page_is_valid_html_apart_from_listed_theme_markup(checked):
    files, messages = checked
    errors = [m for m in messages if not any(e.matches(m["message"], m.get("extract", "")) for e in audit_exceptions.VNU)]
    assert not errors, f"{len(errors)} HTML error(s) in {len(files)} pages:\n" + "\n".join(
        f"  {_where(m)}: {m['message']}\n    {m.get('extract', '').strip()[:160]}" for m in errors
    )


def test_every_listed_theme_exception_still_occurs(checked):
    """An exception that matches nothing any more is stale: remove it from audit_exceptions.VNU."""
    _, messages = checked
    stale = [e.origin for e in audit_exceptions.VNU if not any(e.matches(m["message"], m.get("extract", "")) for m in messages)]
    assert not stale, f"audit_exceptions.VNU lists errors vnu no longer reports: {stale}"
