"""The pathway diagram as Chromium draws it, for every pathway of the fixture catalogs, on a
laptop (1366×900: the across drawing) and a phone (390×844: the down drawing): the geometry
is read from the SVG the browser laid out with its own fonts."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, RICH, built, make_project, published_ids, serve

pytestmark = pytest.mark.browser

MINIMAL = FIXTURES / "minimal"
PATHWAYS = [("rich", p) for p in sorted(published_ids(RICH, "pathways"))] + [("minimal", p) for p in sorted(published_ids(MINIMAL, "pathways"))]
SCREENS = {"laptop": ((1366, 900), "across"), "phone": ((390, 844), "down")}

# The drawing shown, its scale on screen, and the boxes (in SVG units) of its texts and
# credential boxes; each text with the box of the credential it labels, if any.
GEOMETRY = """() => {
  const shown = [...document.querySelectorAll('.mc-diagram__svg')].filter(s => s.getBoundingClientRect().width > 0);
  const svg = shown[0];
  const box = b => [b.x, b.y, b.x + b.width, b.y + b.height];
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {
    shown: shown.map(s => s.classList.contains('mc-diagram__across') ? 'across' : 'down'),
    scale,
    right: svg.getBoundingClientRect().right,
    page: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    body: parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize),
    texts: [...svg.querySelectorAll('text')].map(t => ({
      text: t.textContent,
      box: box(t.getBBox()),
      px: parseFloat(getComputedStyle(t).fontSize) * scale,
      node: t.closest('a') ? box(t.closest('a').querySelector('rect').getBBox()) : null,
    })),
    nodes: [...svg.querySelectorAll('rect.mc-diagram__node')].map(r => box(r.getBBox())),
  };
}"""


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(inner, outer) -> bool:
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


@pytest.fixture(scope="module")
def minimal_url(tmp_path_factory):
    server, url = serve(built(make_project(tmp_path_factory.mktemp("minimal"), MINIMAL)))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def drawn(browser, rich_url, minimal_url) -> dict:
    """(pathway, screen name) -> what GEOMETRY reads, each page loaded once for the module."""
    urls = {"rich": rich_url, "minimal": minimal_url}
    found = {}
    for name, ((width, height), _) in SCREENS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        tab = context.new_page()
        for site, pathway in PATHWAYS:
            tab.goto(f"{urls[site]}pathways/{pathway}/")
            found[pathway, name] = tab.evaluate(GEOMETRY)
        context.close()
    return found


@pytest.fixture(params=[(pathway, name) for _, pathway in PATHWAYS for name in SCREENS], ids="-".join)
def geometry(request, drawn):
    pathway, name = request.param
    return pathway, SCREENS[name][1], drawn[request.param]


def test_one_drawing_is_shown_across_on_a_laptop_and_down_on_a_phone(geometry):
    pathway, drawing, shown = geometry
    assert shown["shown"] == [drawing], pathway


def test_diagram_is_drawn_at_full_size_inside_the_page(geometry):
    pathway, drawing, shown = geometry
    assert shown["scale"] == pytest.approx(1), (pathway, drawing)
    assert shown["right"] <= shown["page"] and shown["scrollWidth"] <= shown["page"], (pathway, drawing)


def test_diagram_text_is_at_least_as_large_as_the_body_text(geometry):
    pathway, drawing, shown = geometry
    small = [t["text"] for t in shown["texts"] if t["px"] < shown["body"]]
    assert not small, (pathway, drawing, shown["body"], small)


def test_no_two_labels_overlap(geometry):
    pathway, drawing, shown = geometry
    texts = shown["texts"]
    clashes = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlap(a["box"], b["box"])]
    assert not clashes, (pathway, drawing, clashes)


def test_every_label_is_inside_its_box_and_headings_are_outside_every_box(geometry):
    pathway, drawing, shown = geometry
    for text in shown["texts"]:
        if text["node"]:
            assert inside(text["box"], text["node"]), (pathway, drawing, text)
        else:
            assert not [n for n in shown["nodes"] if overlap(text["box"], n)], (pathway, drawing, text)


def test_no_boxes_overlap(geometry):
    pathway, drawing, shown = geometry
    nodes = shown["nodes"]
    assert not [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:] if overlap(a, b)], (pathway, drawing)


def test_no_label_is_cut_short_with_an_ellipsis(geometry):
    pathway, drawing, shown = geometry
    assert not [t["text"] for t in shown["texts"] if "…" in t["text"]], (pathway, drawing)
