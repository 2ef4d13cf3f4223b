"""Checks across files: references, cycles, pathway order, choose, images, ids inside a credential."""

from __future__ import annotations

import pytest

from catalog_cases import CREDENTIAL, ISSUER, PATHWAY, errors, minimal_text, project_with, replaced

C, P = CREDENTIAL, PATHWAY
FEEDBACK = "catalog/acme/credentials/feedback-loops.yml"
CASES = {
    "missing credential in a stage": (
        {P: replaced(P, "credentials: [exit-tickets]", "credentials: [exit-tikets]")},
        f"{P}:7:19: error: credential `exit-tikets` does not exist ($.stages[0].credentials[0]) — did you mean `exit-tickets`?",
    ),
    "prerequisite is a draft": (
        {C: replaced(C, "status: active", "status: draft")},
        f"{FEEDBACK}:5:17: error: prerequisite `exit-tickets` is a draft and will not be published ($.prerequisites[0]) — publish {C} first, or remove the reference",
    ),
    "stage lists a draft": (
        {C: replaced(C, "status: active", "status: draft")},
        f"{P}:7:19: error: credential `exit-tickets` is a draft and will not be published ($.stages[0].credentials[0]) — publish {C} first, or remove the reference",
    ),
    "prerequisite cycle": (
        {C: replaced(C, "status: active\n", "status: active\nprerequisites: [feedback-loops]\n")},
        f"{C}:3:17: error: prerequisite cycle: exit-tickets → feedback-loops → exit-tickets ($.prerequisites[0]) — remove one of these prerequisites so the chain has a start",
    ),
    "stage before its prerequisite": (
        {P: replaced(P, "credentials: [exit-tickets]", "credentials: [feedback-loops]").replace("credentials: [feedback-loops]\ncapstone", "credentials: [exit-tickets]\ncapstone")},
        f"{P}:7:19: error: `feedback-loops` in stage 1 comes before its prerequisite `exit-tickets` in stage 2 ($.stages[0].credentials[0]) — move `exit-tickets` to stage 1 or earlier, or `feedback-loops` later",
    ),
    "choose out of range": (
        {P: replaced(P, "  - title: Start\n", "  - title: Start\n    choose: 2\n")},
        f"{P}:7:13: error: `choose` is 2 but the stage lists 1 credential ($.stages[0].choose) — set `choose` between 1 and 1, or omit it to require all",
    ),
    "image with ..": (
        {C: replaced(C, "status: active\n", "status: active\nimage: ../other/x.png\n")},
        f"{C}:3:8: error: `../other/x.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>",
    ),
    "absolute image path": (
        {C: replaced(C, "status: active\n", "status: active\nimage: /etc/passwd.png\n")},
        f"{C}:3:8: error: `/etc/passwd.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>",
    ),
    "Windows drive letter": (
        {C: replaced(C, "status: active\n", "status: active\nimage: 'C:\\..\\badge.png'\n")},
        f"{C}:3:8: error: `C:\\..\\badge.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>",
    ),
    "missing image": (
        {C: replaced(C, "status: active\n", "status: active\nimage: images/badge.png\n")},
        f"{C}:3:8: error: image `images/badge.png` not found ($.image) — add catalog/acme/images/badge.png, or remove `image` to use a generated badge",
    ),
    "criterion id used twice": (
        {C: replaced(C, "- id: samples", "- id: context")},
        f"{C}:39:15: error: id `context` is used twice in this credential (first at line 31) ($.submission.parts[1].criteria[0].id) — give every scale level, part and criterion its own id; page anchors and exports are built from them",
    ),
    "part id same as a scale level id": (
        {C: replaced(C, "- id: overview", "- id: almost")},
        f"{C}:25:11: error: id `almost` is used twice in this credential (first at line 22) ($.submission.parts[0].id) — give every scale level, part and criterion its own id; page anchors and exports are built from them",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_cross_file_problem_names_the_referring_line(tmp_path, files, expected):
    assert expected in errors(project_with(tmp_path, files))


def test_image_symlinked_outside_the_issuer_folder_is_refused(tmp_path):
    root = project_with(tmp_path, {C: replaced(C, "status: active\n", "status: active\nimage: images/badge.png\n")})
    (root / "catalog/acme/images").mkdir()
    (root / "catalog/acme/images/badge.png").symlink_to("/etc/hostname")
    assert f"{C}:3:8: error: `images/badge.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>" in errors(root)


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n{}\n</svg>\n'
UNSAFE_FIX = "remove scripts, event handlers and external links from the SVG, or use a PNG"
WITH_BADGE = replaced(C, "status: active\n", "status: active\nimage: images/badge.svg\n")


def svg_errors(tmp_path, svg: str) -> list[str]:
    return errors(project_with(tmp_path, {C: WITH_BADGE, "catalog/acme/images/badge.svg": svg}))


def test_svg_image_with_a_script_is_refused(tmp_path):
    assert svg_errors(tmp_path, SVG.format('<script>alert("pwned")</script>')) == [
        f"{C}:3:8: error: image `images/badge.svg` has a <script> element (line 2 of the SVG) ($.image) — {UNSAFE_FIX}",
    ]


SVG_HAZARDS = {
    "event handler": ('<circle r="4" onload="alert(1)"/>', "has an event handler `onload`"),
    "javascript: link": ('<a href="javascript:alert(1)"><text>x</text></a>', "has a `javascript:` URL"),
    "javascript: hidden by an entity and a tab": ('<a xlink:href="jav&#x09;ascript:alert(1)"/>', "has a `javascript:` URL"),
    "foreignObject": ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>', "has a <foreignObject> element"),
    "HTML element": ('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>', "has a <iframe> element"),
    "external image": ('<image href="https://evil.example/track.png"/>', "has a link to `https://evil.example/track.png`"),
    "protocol-relative use": ('<use xlink:href="//evil.example/a.svg#x"/>', "has a link to `//evil.example/a.svg#x`"),
    "external url() in a style attribute": ('<rect style="fill:url(https://evil.example/p)"/>', "has a link to `https://evil.example/p`"),
    "stylesheet import": ("<style>@import 'https://evil.example/a.css';</style>", "has a stylesheet `@import`"),
    "animation that rewrites a link": ('<a href="#x"><set attributeName="href" to="https://evil.example/"/></a>', "has an animation that changes `href`"),
}


@pytest.mark.parametrize("body, what", SVG_HAZARDS.values(), ids=SVG_HAZARDS.keys())
def test_svg_image_that_runs_code_or_loads_another_site_is_refused(tmp_path, body, what):
    assert svg_errors(tmp_path, SVG.format(body)) == [
        f"{C}:3:8: error: image `images/badge.svg` {what} (line 2 of the SVG) ($.image) — {UNSAFE_FIX}",
    ]


def test_svg_logo_with_a_script_is_refused(tmp_path):
    root = project_with(tmp_path, {
        ISSUER: minimal_text(ISSUER) + "logo: images/logo.svg\n",
        "catalog/acme/images/logo.svg": SVG.format("<script>alert(1)</script>"),
    })
    assert f"{ISSUER}:5:7: error: image `images/logo.svg` has a <script> element (line 2 of the SVG) ($.logo) — {UNSAFE_FIX}" in errors(root)


def test_svg_with_an_entity_declaration_is_refused(tmp_path):
    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "&#60;script&#62;">]>\n' + SVG.format("<text>&a;</text>")
    assert svg_errors(tmp_path, svg) == [
        f"{C}:3:8: error: image `images/badge.svg` has an entity declaration (<!ENTITY>) (line 2 of the SVG) ($.image) — remove the `[...]` part of its <!DOCTYPE>, or use a PNG",
    ]


def test_svg_with_an_external_stylesheet_instruction_is_refused(tmp_path):
    svg = '<?xml-stylesheet href="https://evil.example/a.css"?>\n' + SVG.format("")
    assert svg_errors(tmp_path, svg) == [
        f"{C}:3:8: error: image `images/badge.svg` has an <?xml-stylesheet?> link (line 1 of the SVG) ($.image) — {UNSAFE_FIX}",
    ]


def test_html_file_named_svg_is_refused(tmp_path):
    assert svg_errors(tmp_path, '<html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>') == [
        f'{C}:3:8: error: image `images/badge.svg` is not an SVG: it starts with <html> (line 1 of the SVG) ($.image) — start it with <svg xmlns="http://www.w3.org/2000/svg">, or use a PNG',
    ]


def test_malformed_svg_is_refused_with_the_line_of_the_xml_error(tmp_path):
    assert svg_errors(tmp_path, SVG.format("<circle r='4'>")) == [
        f"{C}:3:8: error: image `images/badge.svg` is not well-formed XML: mismatched tag (line 3 of the SVG) ($.image) — export it again from your drawing program, or use a PNG",
    ]


def test_clean_svg_with_gradients_fragments_and_embedded_png_passes(tmp_path):
    body = (
        '<!-- drawn by hand -->\n<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<circle id="dot" r="2"/></defs>\n<style>.a { fill: url(#g) }</style>\n<title>Badge</title>\n'
        '<rect class="a" width="10" height="10" fill="url(#g)"/><use href="#dot"/>\n'
        '<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'
    )
    assert svg_errors(tmp_path, SVG.format(body)) == []
