"""A Content-Security-Policy for every page, as strict as the theme allows.

The theme inlines two small scripts; one holds the page's relative base URL, so they
are allowed by hash, computed from each rendered page, instead of with 'unsafe-inline'.
Only those two are hashed, recognised by their exact text with the base URL set aside:
any other inline script or style in a page (one that slipped past sanitising, or a
template that starts inlining code) gets no hash and the browser blocks it. JSON data
blocks (`application/ld+json`, the theme's config) never run, so they need no hash.

The site's own scripts are ES modules from its own files (`<script type="module" src>`,
their imports, the search's module worker and Pagefind's script it imports): 'self' in
script-src allows them all (a worker falls back to script-src without worker-src), and
none is inline, so none needs a hash.

The preview (`mkdocs serve`) adds its live reload script to each page as it sends it,
after the build wrote the page and its policy; `allow_added_scripts` hashes exactly what
the server added into that page's policy. A built site never allows it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter

_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)
_SCRIPT_SOURCES = re.compile(r'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src [^;"]*)')
# The base URL as a JavaScript string: relative ("../..") or the site's path ("/catalog/",
# on 404.html). Quotes and backslashes are not in the class, so nothing can close the string.
_BASE_URL = re.compile(r'new URL\("[\w./:%~-]*",location\)')
_BASE_URL_PLACEHOLDER = "new URL(BASE_URL,location)"
# The inline scripts of mkdocs-material 9.8 (material/templates/), with the base URL
# replaced by the placeholder; update them when an upgrade of the theme changes them.
_THEME_SCRIPTS = frozenset({
    # partials/javascripts/base.html: the scope of the theme's localStorage keys
    '__md_scope=new URL(BASE_URL,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    # partials/javascripts/content.html: opens the content tab a link's #fragment names
    'var target=document.getElementById(location.hash.slice(1));'
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',
})

# Nothing is allowed unless listed: the site's own files only. Pagefind compiles its
# search index code with WebAssembly ('wasm-unsafe-eval' in script-src). form-action stays
# 'self' because the header search is a plain GET form to the catalog when JavaScript is
# off; there is no <base> on any page, so base-uri is 'none'. No inline style is the
# theme's (`font: false` drops its only one), so style-src is the site's files alone. A
# meta policy cannot set frame-ancestors (framing) or report-to: that needs a header.
_BASE_POLICY = (
    "default-src 'none'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _is_theme_script(body: str) -> bool:
    return _BASE_URL.sub(_BASE_URL_PLACEHOLDER, body, count=1) in _THEME_SCRIPTS


def policy_for(html: str) -> str:
    scripts = [_hash(m["body"]) for m in _INLINE_SCRIPT.finditer(html) if _is_theme_script(m["body"])]
    script_src = " ".join(["script-src 'self' 'wasm-unsafe-eval'", *dict.fromkeys(scripts)])
    return "; ".join([*_BASE_POLICY, script_src, "style-src 'self'"])


def allow_added_scripts(page: str, served: str) -> str:
    """`served` (`page` with inline scripts added as it is sent) with the added scripts'
    hashes in the page's policy: allowed in that response only, and nothing else with them."""
    added = Counter(m["body"] for m in _INLINE_SCRIPT.finditer(served)) - Counter(m["body"] for m in _INLINE_SCRIPT.finditer(page))
    if not added:
        return served
    hashes = " ".join(dict.fromkeys(_hash(body) for body in added))
    return _SCRIPT_SOURCES.sub(lambda m: f"{m[1]} {hashes}", served, count=1)


def add_policy(html: str) -> str:
    """The page with a CSP <meta> placed first in <head>, before any script runs."""
    match = _HEAD.search(html)
    if match is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + "\n    " + meta + html[match.end():]
