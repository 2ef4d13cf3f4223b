"""A Content-Security-Policy for every page, as strict as the theme allows.

The theme inlines a few small scripts whose text depends on the page (its relative
base URL), so they are allowed by hash, computed from each rendered page, instead of
with 'unsafe-inline'. Anything injected into a page that slipped past sanitising
would have a different hash and is blocked.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style>", re.S | re.I)
_DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.I)

# Nothing is allowed unless listed: the site's own files only. Pagefind compiles its
# search index code with WebAssembly ('wasm-unsafe-eval' in script-src). form-action stays
# 'self' because the header search is a plain GET form to the catalog when JavaScript is
# off; there is no <base> on any page, so base-uri is 'none'. A meta policy cannot set
# frame-ancestors (framing) or report-to: that needs a header from the host.
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


def policy_for(html: str) -> str:
    scripts = [
        _hash(m["body"])
        for m in _INLINE_SCRIPT.finditer(html)
        if not _SRC.search(m["attrs"]) and not _DATA_BLOCK.search(m["attrs"]) and m["body"].strip()
    ]
    styles = [_hash(m["body"]) for m in _INLINE_STYLE.finditer(html)]
    script_src = " ".join(["script-src 'self' 'wasm-unsafe-eval'", *dict.fromkeys(scripts)])
    style_src = " ".join(["style-src 'self'", *dict.fromkeys(styles)])
    return "; ".join([*_BASE_POLICY, script_src, style_src])


def add_policy(html: str) -> str:
    """The page with a CSP <meta> placed first in <head>, before any script runs."""
    match = _HEAD.search(html)
    if match is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + "\n    " + meta + html[match.end():]
