"""The pure parts of pathway pages, on the rich fixture catalog: routes and totals, whom a
pathway is for, the diagram's geometry, text widths, page outlines and "New" badges."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from microcred.diagram import FITS, FONT_SIZE, Layout, layout
from microcred.freshness import RECENT_DAYS, freshness
from microcred.model import Cost, Stage
from microcred.outline import outline
from microcred.pathway_plan import FACETS_ABOVE, pathway_facets, plan
from microcred.pathway_routes import cheapest_route, longest_route, requirement, totals, where_to_start
from microcred.pipeline import load_catalog
from microcred.search_index import vocabulary_order
from microcred.text_width import text_width, wrap

from conftest import FIXTURES, REPO, make_project

CHOOSE, CROSS, DESIGN = "assessment-for-learning", "language-rich-classrooms", "inclusive-project-design"
RICHEST = "family-community-partnerships"


@pytest.fixture(scope="module")
def minimal(tmp_path_factory):
    return load_catalog(make_project(tmp_path_factory.mktemp("minimal"), FIXTURES / "minimal")).catalog


@pytest.fixture(scope="module")
def vocabularies(rich_project):
    return vocabulary_order(rich_project / "schema")


def with_credentials(catalog, changes: dict[str, dict]):
    """The catalog's credentials, some with other values: {id: {field: value}}."""
    return {**catalog.credentials, **{cid: replace(catalog.credentials[cid], **fields) for cid, fields in changes.items()}}


# --- routes and totals ----------------------------------------------------------------


def test_cheapest_route_takes_the_cheapest_then_shortest_choice(catalog):
    route = cheapest_route(catalog.pathways[CHOOSE], catalog.credentials)
    assert route.credential_ids == ("exit-tickets", "number-talks", "data-driven-plc")
    assert (route.hours, route.costs) == (21, (("USD", 0),))


def test_longest_route_takes_the_choice_with_most_hours(catalog):
    route = longest_route(catalog.pathways[CHOOSE], catalog.credentials)
    assert route.credential_ids == ("exit-tickets", "close-reading", "data-driven-plc")
    assert (route.hours, route.costs) == (23, (("USD", 25),))


def test_totals_run_from_the_lightest_choices_to_the_heaviest(catalog):
    result = totals(catalog.pathways[RICHEST], catalog.credentials)
    assert (result.credentials, result.hours, result.costs) == (7, (49, 74), ((("USD", 49),), (("USD", 148),)))


def test_totals_of_a_pathway_without_choice_are_single_values(catalog):
    result = totals(catalog.pathways[CROSS], catalog.credentials)
    assert (result.credentials, result.hours, result.costs) == (4, (43, 43), ((("USD", 123),), (("USD", 123),)))


def test_totals_keep_each_currency_apart(catalog):
    credentials = with_credentials(catalog, {"number-talks": {"cost": Cost(10, "EUR")}})
    assert totals(catalog.pathways[CHOOSE], credentials).costs[0] == (("EUR", 10), ("USD", 0))


def test_capstone_in_a_choose_stage_is_one_of_the_chosen(catalog):
    pathway = catalog.pathways[CHOOSE]
    stages = (*pathway.stages[:2], replace(pathway.stages[2], credentials=("family-conferences", "data-driven-plc"), choose=1))
    capstoned = replace(pathway, stages=stages, capstone="data-driven-plc")  # not the cheapest of its stage
    for route in (cheapest_route(capstoned, catalog.credentials), longest_route(capstoned, catalog.credentials)):
        assert route.credential_ids[-1] == "data-driven-plc" and len(route.credential_ids) == 3


def test_retired_credential_is_chosen_only_when_a_stage_leaves_no_other(catalog):
    credentials = with_credentials(catalog, {"number-talks": {"status": "retired"}})
    assert "number-talks" not in cheapest_route(catalog.pathways[CHOOSE], credentials).credential_ids


def test_where_to_start_is_the_first_stage_whatever_the_prerequisites(catalog):
    assert where_to_start(catalog.pathways[RICHEST], catalog.credentials) == ("culturally-responsive-teaching", "sel-check-ins")
    assert where_to_start(catalog.pathways[CHOOSE], catalog.credentials) == ("exit-tickets",)


def test_where_to_start_leaves_out_a_retired_credential(catalog):
    credentials = with_credentials(catalog, {"sel-check-ins": {"status": "retired"}})
    assert where_to_start(catalog.pathways[RICHEST], credentials) == ("culturally-responsive-teaching",)


@pytest.mark.parametrize("credentials, choose, text", [
    (("a",), None, "Earn this credential"),
    (("a", "b"), None, "Earn both credentials"),
    (("a", "b", "c"), None, "Earn all 3 credentials"),
    (("a", "b", "c"), 3, "Earn all 3 credentials"),
    (("a", "b", "c"), 1, "Choose 1 of 3 credentials"),
])
def test_requirement_says_what_a_stage_asks(credentials, choose, text):
    assert requirement(Stage("Stage", credentials, choose)) == text


# --- whom a pathway is for ----------------------------------------------------------------


def test_roles_and_grade_bands_are_those_that_can_earn_every_stage(catalog, vocabularies):
    result = plan(catalog.pathways[CHOOSE], catalog.credentials, vocabularies)
    # a librarian finds close-reading in stage 2, but neither stage 1 nor stage 3 is for them
    assert result.roles == ("teacher", "instructional-coach")
    assert result.grade_bands == ("k-2", "3-5", "6-8", "9-12")  # in the schema's order


def test_a_role_needs_enough_credentials_in_a_choose_stage(catalog, vocabularies):
    # stage 3 asks for 2 of 4; only number-talks of them is meant for kindergarten
    assert "k-2" not in plan(catalog.pathways[RICHEST], catalog.credentials, vocabularies).grade_bands


def test_subjects_are_every_subject_the_pathway_covers(catalog, vocabularies):
    result = plan(catalog.pathways[CHOOSE], catalog.credentials, vocabularies)
    assert set(result.subjects) == {s for cid in catalog.pathways[CHOOSE].credential_ids for s in catalog.credentials[cid].subjects}


def test_facet_tokens_name_each_value_with_its_catalog_key(catalog, vocabularies):
    tokens = plan(catalog.pathways[CROSS], catalog.credentials, vocabularies).facet_tokens.split()
    assert "role:teacher" in tokens and "grade:3-5" in tokens and "subject:english-learners" in tokens


def test_pathways_page_has_facets_only_above_a_glance(catalog, vocabularies):
    assert len(catalog.pathways) <= FACETS_ABOVE and pathway_facets(catalog, vocabularies) == ()
    many = {f"copy-{n}": replace(catalog.pathways[CROSS], id=f"copy-{n}") for n in range(FACETS_ABOVE + 1)}
    facets = pathway_facets(replace(catalog, pathways=many), vocabularies)
    assert [(f.key, f.legend) for f in facets] == [("role", "Role"), ("grade", "Grade band"), ("subject", "Subject")]
    assert [v.label for v in facets[1].values] == ["Grades 3–5", "Grades 6–8", "Grades 9–12"]


# --- the diagram's geometry, for every fixture pathway and both drawings ------------------


@pytest.fixture(scope="module")
def drawings(catalog, minimal) -> list[tuple]:
    """(its catalog, pathway id, drawing) of both drawings of every fixture pathway."""
    found = []
    for each in (catalog, minimal):
        for pid, pathway in each.pathways.items():
            diagram = layout(pathway, each.credentials)
            found += [(each, pid, drawing) for drawing in (diagram.down, diagram.across) if drawing]
    return found


ASCENT, DESCENT = 0.93, 0.24  # of DejaVu Sans, in ems: a line's box as a browser measures it


def text_boxes(drawing: Layout):
    """(x0, y0, x1, y1) of every line of text, headings and box labels alike."""
    lines = [*drawing.headings, *(line for node in drawing.nodes for line in node.lines)]
    return [(line.x, line.y - ASCENT * FONT_SIZE, line.x + line.width, line.y + DESCENT * FONT_SIZE) for line in lines]


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_no_two_boxes_or_lines_of_text_overlap(drawings):
    for _, pid, drawing in drawings:
        boxes = [(n.x, n.y, n.x + n.width, n.y + n.height) for n in drawing.nodes]
        headings = text_boxes(replace(drawing, nodes=()))
        for shapes in (boxes, text_boxes(drawing), boxes + headings):
            for i, a in enumerate(shapes):
                assert not [b for b in shapes[i + 1:] if overlap(a, b)], (pid, drawing.direction, a)


def test_every_label_fits_its_box_and_the_drawing(drawings):
    for _, pid, drawing in drawings:
        for node in drawing.nodes:
            for line in node.lines:
                assert node.x < line.x and line.x + line.width < node.x + node.width, (pid, drawing.direction, line)
                assert node.y < line.y - FONT_SIZE and line.y < node.y + node.height, (pid, drawing.direction, line)
        for x0, y0, x1, y1 in text_boxes(drawing):
            assert 0 <= x0 and x1 <= drawing.width and 0 <= y0 and y1 <= drawing.height, (pid, drawing.direction)


def test_labels_are_whole_titles_never_cut_short(drawings):
    for each, pid, drawing in drawings:
        for node in drawing.nodes:
            label = " ".join(line.text for line in node.lines if line.style == "label")
            assert label == each.credentials[node.credential_id].title and "…" not in label, (pid, drawing.direction)


def test_stage_arrows_lead_from_each_stage_to_the_next(drawings):
    for each, pid, drawing in drawings:
        assert len(drawing.stage_arrows) == len(each.pathways[pid].route_stages) - 1, pid


def test_arrows_stay_clear_of_text(drawings):
    """The straight parts of every arrow (stage order and prerequisites) cross no line of text."""
    for _, pid, drawing in drawings:
        for path in (*drawing.stage_arrows, *(edge.path for edge in drawing.edges)):
            for segment in straight_segments(path):
                assert not [t for t in text_boxes(drawing) if overlap(segment, t)], (pid, drawing.direction, path)


def straight_segments(path: str):
    """Boxes of the horizontal (H, L) and vertical (V) segments of path data."""
    x = y = 0.0
    for command, args in re.findall(r"([MHVLC])([^MHVLC]*)", path):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", args)]
        if command in "MC":
            x, y = numbers[-2:]
            continue
        nx, ny = (numbers[0], y) if command == "H" else (x, numbers[0]) if command == "V" else tuple(numbers)
        yield (min(x, nx), min(y, ny) - 0.5, max(x, nx), max(y, ny) + 0.5)
        x, y = nx, ny


def test_across_drawing_is_offered_only_where_a_container_holds_it(catalog):
    for pathway in catalog.pathways.values():
        diagram = layout(pathway, catalog.credentials)
        assert diagram.fits in FITS and diagram.across.width <= diagram.fits
    wide = replace(catalog.pathways[CHOOSE], stages=catalog.pathways[CHOOSE].stages * 3)
    assert layout(wide, catalog.credentials).across is None  # nine stages: the down drawing everywhere


def test_stylesheet_shows_the_across_drawing_from_each_width_it_may_need():
    css = (REPO / "overrides" / "assets" / "stylesheets" / "catalog.css").read_text(encoding="utf-8")
    rules = re.findall(r"@container mc-diagram \(min-width: (\d+)px\) \{ \.mc-diagram--fits-(\d+) ", css)
    assert [(int(a), int(b)) for a, b in rules] == [(width, width) for width in FITS]


def test_capstone_outside_the_stages_is_the_last_stage_of_routes_and_diagram(catalog):
    pathway = catalog.pathways[RICHEST]
    assert all(pathway.capstone not in stage.credentials for stage in pathway.stages)
    assert cheapest_route(pathway, catalog.credentials).credential_ids[-1] == pathway.capstone
    diagram = layout(pathway, catalog.credentials)
    assert [line.text for line in diagram.down.headings[-2:]] == ["Stage 5", "Capstone"]
    assert [n.capstone for n in diagram.down.nodes][-1] and [n.lines[0].text for n in diagram.down.nodes if n.capstone] == ["Capstone"]


def test_legend_facts_follow_what_is_drawn(catalog):
    choose, cross = (layout(catalog.pathways[pid], catalog.credentials) for pid in (CHOOSE, CROSS))
    assert (choose.stages, choose.has_prerequisites, choose.has_capstone) == (3, True, False)
    alone = replace(catalog.pathways[CHOOSE], stages=catalog.pathways[CHOOSE].stages[1:2])
    assert not layout(alone, catalog.credentials).has_prerequisites and cross.has_capstone


# --- text widths, outlines, freshness -----------------------------------------------------


def test_wrapped_lines_never_exceed_the_width():
    title = "Co-Created Classroom Norms and Daily Check-Ins for Supercalifragilisticexpialidocious Learners"
    for width in (60, 120, 164, 290):
        lines = wrap(title, width, FONT_SIZE)
        assert all(text_width(line, FONT_SIZE) <= width for line in lines), width
        assert "".join(lines).replace(" ", "") == title.replace(" ", "")


def test_accented_letters_measure_as_their_letters():
    assert text_width("Tertulias dialógicas", FONT_SIZE) == text_width("Tertulias dialogicas", FONT_SIZE)


def test_outline_nests_h3_under_h2_and_keeps_names_escaped():
    html = '<h1>T</h1><h2 id="a">Key &amp; <em>method</em></h2><h3 id="b">Parts</h3><h3>no id</h3><h2 id="c">C</h2>'
    assert outline(html) == [
        {"level": 2, "id": "a", "name": "Key &amp; method", "children": [{"level": 3, "id": "b", "name": "Parts", "children": []}]},
        {"level": 2, "id": "c", "name": "C", "children": []},
    ]


def test_freshness_marks_new_then_updated_within_the_window(catalog):
    credential = catalog.credentials["close-reading"]  # published 2024-03-11, updated 2025-02-03
    assert freshness(credential, credential.published + timedelta(days=RECENT_DAYS)) == "new"
    assert freshness(credential, credential.updated) == "updated"
    assert freshness(credential, credential.updated + timedelta(days=RECENT_DAYS)) == "updated"
    assert freshness(credential, credential.updated + timedelta(days=RECENT_DAYS + 1)) is None
    assert freshness(replace(credential, status="retired"), credential.published) is None
