"""Whether an issuer's SVG image is safe to publish as is.

The site copies badge images and logos unchanged, and an SVG opened on its own runs like
a page (a meta CSP does not reach it), so an SVG may hold drawing only: no scripts, event
handlers, embedded documents or links to other files.
"""

from __future__ import annotations

import re
from xml.parsers import expat

_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
_UNSAFE_FIX = "remove scripts, event handlers and external links from the SVG, or use a PNG"
# Elements that run code or embed another document (handler and listener: SVG Tiny 1.2).
_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform"}
_ANIMATED_LINK_OR_HANDLER = re.compile(r"\s*((\w+:)?href\s*$|on)", re.I)
# What an SVG may point at: its own fragments and embedded raster images.
_LOCAL_TARGET = re.compile(r"#|data:image/(png|jpeg|gif|webp)[;,]", re.I)
_CSS_REFERENCE = re.compile(r"""@import|url\(\s*['"]?\s*(?P<target>[^'")\s]*)""", re.I)
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers ignore these inside a URL: `java\tscript:` runs


class _Unsafe(Exception):
    """Stops expat at the first unsafe construct: its callbacks cannot return a value."""


def svg_hazard(data: bytes) -> tuple[int, str, str] | None:
    """(line, what is wrong, how to fix) of the first thing that makes the file no SVG, runs
    code or loads another file; None when the SVG is safe to publish."""
    parser = expat.ParserCreate(namespace_separator=" ")
    seen_root = False
    style_text: list[str] | None = None  # the text of the <style> element being read

    def unsafe(what: str, fix: str = _UNSAFE_FIX):
        raise _Unsafe(parser.CurrentLineNumber, what, fix)

    def start(name: str, attributes: dict):
        nonlocal seen_root, style_text
        namespace, _, element = name.rpartition(" ")
        if not seen_root and name != f"{_SVG_NAMESPACE} svg":
            outside = " outside the SVG namespace" if element == "svg" else ""
            unsafe(f"is not an SVG: it starts with <{element}>{outside}", f'start it with <svg xmlns="{_SVG_NAMESPACE}">, or use a PNG')
        seen_root = True
        if namespace == _XHTML_NAMESPACE or element.lower() in _ACTIVE_ELEMENTS:
            unsafe(f"has a <{element}> element")
        for attribute, value in attributes.items():
            what = _attribute_hazard(element.lower(), attribute.rpartition(" ")[2].lower(), value)
            if what:
                unsafe(what)
        if element == "style":
            style_text = []

    def text(data: str):
        if style_text is not None:
            style_text.append(data)

    def end(name: str):
        nonlocal style_text
        if style_text is not None and name == f"{_SVG_NAMESPACE} style":
            what = _css_hazard("".join(style_text))
            if what:
                unsafe(what)
            style_text = None

    def instruction(target: str, data: str):
        if target.lower() == "xml-stylesheet":
            unsafe("has an <?xml-stylesheet?> link")

    parser.StartElementHandler, parser.CharacterDataHandler, parser.EndElementHandler = start, text, end
    parser.ProcessingInstructionHandler = instruction
    # Entities can hide markup from this check and expand without bound ("billion laughs").
    parser.EntityDeclHandler = lambda *_: unsafe("has an entity declaration (<!ENTITY>)", "remove the `[...]` part of its <!DOCTYPE>, or use a PNG")
    try:
        parser.Parse(data, True)
    except _Unsafe as found:
        return found.args
    except expat.ExpatError as error:
        return error.lineno, f"is not well-formed XML: {expat.ErrorString(error.code)}", "export it again from your drawing program, or use a PNG"
    return None


def _attribute_hazard(element: str, attribute: str, value: str) -> str | None:
    if attribute.startswith("on"):
        return f"has an event handler `{attribute}`"
    compact = _URL_NOISE.sub("", value).lower()
    for scheme in ("javascript:", "vbscript:"):
        if scheme in compact:
            return f"has a `{scheme}` URL"
    if attribute in ("href", "src") and not _LOCAL_TARGET.match(value.strip()):
        return f"has a link to `{value}`"
    if element in _ANIMATIONS and attribute == "attributename" and _ANIMATED_LINK_OR_HANDLER.match(value):
        return f"has an animation that changes `{value.strip()}`"
    return _css_hazard(value)


def _css_hazard(css: str) -> str | None:
    for match in _CSS_REFERENCE.finditer(css):
        if match["target"] is None:
            return "has a stylesheet `@import`"
        if not _LOCAL_TARGET.match(match["target"]):
            return f"has a link to `{match['target']}`"
    return None
