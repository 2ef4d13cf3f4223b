"""Pathway pages and the pathway list of the rich fixture site, read as an educator or a
school leader planning a year of learning reads them."""

from __future__ import annotations

import pytest

from conftest import RICH, SITE_URL, published_ids
from site_html import load_page, resolves

CHOOSE = "pathways/assessment-for-learning/"  # a choose stage, credentials of two issuers
CROSS = "pathways/language-rich-classrooms/"  # across issuers, no choice, a capstone
# Five stages (the capstone outside them), two choose stages, a prerequisite inside a stage
# and two that skip stages: the fixture pathway that asks the most of a page.
RICHEST = "pathways/family-community-partnerships/"
PATHWAYS = sorted(f"pathways/{pid}/" for pid in published_ids(RICH, "pathways"))


def facts(section) -> dict[str, str]:
    dl = section.find("dl")
    return dict(zip([dt.text() for dt in dl.find_all("dt")], [dd.text() for dd in dl.find_all("dd")], strict=True))


def stage_titles(page) -> list[list[str]]:
    """The credential titles of each stage, as the page's stage list shows them."""
    stages = page.main.find("ol", class_="mc-stages").find_all("li", class_="mc-stage")
    return [[a.text() for a in stage.find("ul", class_="mc-list").find_all("a")] for stage in stages]


def test_pathway_list_links_every_published_pathway(rich_site):
    page = load_page(rich_site, "pathways/")
    links = {page.site_path(a.attrs["href"]) for a in page.main.find_all("a")}
    assert links == set(PATHWAYS)
    assert page.h1s() == ["Pathways"]


def test_pathway_list_says_stages_are_earned_in_order(rich_site):
    lead = load_page(rich_site, "pathways/").main.find("p", class_="mc-lead").text()
    assert "Earn the stages in order, starting with the first" in lead


def test_pathway_card_shows_credentials_to_earn_hours_and_cost_ranges_roles_and_grade_bands(rich_site):
    page = load_page(rich_site, "pathways/")
    [card] = [c for c in page.main.find_all("li", class_="mc-card") if page.site_path(c.find("a").attrs["href"]) == CHOOSE]
    assert facts(card) == {
        "Earn": "3 credentials",
        "Time": "21 to 23 hours",
        "Cost": "Free to $25",
        "Roles": "Teacher, Instructional coach",
        "Grades": "K–2, Grades 3–5, Grades 6–8, Grades 9–12",
    }


def test_pathway_card_without_choice_shows_single_totals(rich_site):
    page = load_page(rich_site, "pathways/")
    [card] = [c for c in page.main.find_all("li", class_="mc-card") if page.site_path(c.find("a").attrs["href"]) == CROSS]
    assert (facts(card)["Time"], facts(card)["Cost"]) == ("43 hours", "$123")


def test_pathway_shows_goal_and_who_it_is_for(rich_site):
    page = load_page(rich_site, CHOOSE)
    section = page.main.find("section", **{"aria-labelledby": "goal"})
    assert section.find("h2").text() == "Goal and who it is for"
    assert "This pathway is for K–12 teachers" in section.text()


def test_pathway_at_a_glance_gives_ranges_when_a_stage_offers_a_choice(rich_site):
    section = load_page(rich_site, CHOOSE).main.find("section", class_="mc-facts")
    assert facts(section) == {
        "Credentials to earn": "3 credentials",
        "Estimated time": "21 to 23 hours",
        "Cost": "Free to $25",
        "Roles": "Teacher, Instructional coach",
        "Grade bands": "K–2, Grades 3–5, Grades 6–8, Grades 9–12",
        "Subjects": "Literacy, Mathematics, Science, Assessment, Leadership",
    }
    assert "depend on the credentials you choose" in section.text()


def test_pathway_at_a_glance_counts_only_the_credentials_a_route_earns(rich_site):
    section = load_page(rich_site, RICHEST).main.find("section", class_="mc-facts")
    # 2 + 1 + choose 2 + choose 1 + the capstone; the cheapest choices are free
    assert facts(section)["Credentials to earn"] == "7 credentials"
    assert facts(section)["Estimated time"] == "49 to 74 hours"
    assert facts(section)["Cost"] == "$49 to $148"


def test_pathway_without_choice_shows_one_total_and_no_range_note(rich_site):
    section = load_page(rich_site, CROSS).main.find("section", class_="mc-facts")
    shown = facts(section)
    assert (shown["Credentials to earn"], shown["Estimated time"], shown["Cost"]) == ("4 credentials", "43 hours", "$123")
    assert "depend on the credentials you choose" not in section.text()


def test_stages_are_listed_in_order_with_what_each_asks(rich_site):
    page = load_page(rich_site, CHOOSE)
    stages = page.main.find("ol", class_="mc-stages").find_all("li", class_="mc-stage")
    assert [s.find("h3").text() for s in stages] == [
        "Stage 1: Check for understanding every day",
        "Stage 2: Make student thinking visible",
        "Stage 3: Act on the evidence together",
    ]
    assert [s.find(class_="mc-stage__choose").text() for s in stages] == [
        "Earn this credential.", "Choose 1 of 3 credentials.", "Earn this credential.",
    ]
    assert stage_titles(page)[1] == ['Questioning & "Wait Time" Strategies', "Number Talks", "Close Reading of Complex Texts"]


def test_where_to_start_is_the_first_stage_and_states_its_rule(rich_site):
    page = load_page(rich_site, RICHEST)
    section = page.main.find("section", **{"aria-labelledby": "start"})
    assert section.find("p").text().startswith(
        "Start with stage 1, See students' identities in their learning, their families and their communities: "
        "earn both credentials, in any order."
    )
    assert [a.text() for a in section.find_all("a")] == stage_titles(page)[0]


def test_where_to_start_offers_no_later_credential_even_without_prerequisites(rich_site):
    page = load_page(rich_site, CHOOSE)
    section = page.main.find("section", **{"aria-labelledby": "start"})
    # number-talks and close-reading have no prerequisite, but stage 2 comes after stage 1
    assert [a.text() for a in section.find_all("a")] == ["Exit Tickets for Formative Assessment"]
    assert "earn this credential" in section.find("p").text()


def test_cross_issuer_pathway_names_every_issuer_and_the_capstone(rich_site):
    page = load_page(rich_site, CROSS)
    eyebrow = page.main.find(class_="mc-eyebrow").text()
    assert "Lakeside University School of Education" in eyebrow and "Open Teaching Collective" in eyebrow
    capstone = page.main.find(class_="mc-capstone")
    assert capstone.text().startswith("Capstone: Sheltered Instruction")
    assert page.site_path(capstone.find("a").attrs["href"]) == "credentials/sheltered-instruction/"


def test_capstone_outside_the_stages_is_the_last_stage(rich_site):
    page = load_page(rich_site, RICHEST)
    assert page.main.find("ol", class_="mc-stages").find_all("h3")[-1].text() == "Stage 5: Capstone"
    assert stage_titles(page)[-1] == ["Sheltered Instruction for English Learners"]


@pytest.mark.parametrize("path", PATHWAYS)
def test_stages_diagram_staff_plan_and_jsonld_give_one_order(rich_site, path):
    page = load_page(rich_site, path)
    order = [title for stage in stage_titles(page) for title in stage]
    for svg in page.main.find_all("svg", class_="mc-diagram__svg"):
        labels = [" ".join(t.text() for t in a.find_all("text") if "mc-diagram__label" in t.attrs["class"]) for a in svg.find_all("a")]
        assert labels == order, svg.attrs["class"]
    plan = page.main.find("table", class_="mc-staff-plan__table").find_all("th", scope="row")
    assert [th.text().removesuffix(" (capstone)") for th in plan] == order
    assert [item["name"] for item in page.jsonld()["itemListElement"]] == order


def test_diagram_has_an_across_and_a_down_drawing_each_labelled(rich_site):
    page = load_page(rich_site, CHOOSE)
    drawings = page.main.find_all("svg", class_="mc-diagram__svg")
    assert [d.attrs["class"].split()[1] for d in drawings] == ["mc-diagram__across", "mc-diagram__down"]
    for svg in drawings:
        assert svg.attrs["role"] == "group"
        assert svg.find("title", id=svg.attrs["aria-labelledby"]).text() == "Diagram of the pathway Assessment for Learning"
        desc = svg.find("desc", id=svg.attrs["aria-describedby"]).text()
        assert "arrows lead from each stage to the next" in desc and "dashed arrows lead from a prerequisite" in desc
        assert "capstone" not in desc


def test_diagram_heads_each_stage_with_its_number_title_and_rule(rich_site):
    svg = load_page(rich_site, CHOOSE).main.find("svg", class_="mc-diagram__down")
    lines = [(t.attrs["class"], t.text()) for t in svg.find_all("text") if t.attrs["class"] != "mc-diagram__label"]
    assert lines == [
        ("mc-diagram__stage", "Stage 1"), ("mc-diagram__title", "Check for understanding every day"),
        ("mc-diagram__stage", "Stage 2"), ("mc-diagram__title", "Make student thinking visible"), ("mc-diagram__rule", "Choose 1 of 3 credentials"),
        ("mc-diagram__stage", "Stage 3"), ("mc-diagram__title", "Act on the evidence together"),
    ]


def test_diagram_draws_stage_order_and_prerequisite_arrows(rich_site):
    for svg in load_page(rich_site, CHOOSE).main.find_all("svg", class_="mc-diagram__svg"):
        assert len(svg.find_all("path", class_="mc-diagram__order")) == 2  # stage 1 -> 2 -> 3
        assert len(svg.find_all("path", class_="mc-diagram__edge")) == 1  # exit-tickets -> data-driven-plc


def test_diagram_nodes_link_to_existing_credential_pages_with_relative_urls(rich_site):
    for path in PATHWAYS:
        page = load_page(rich_site, path)
        links = page.main.find("svg", class_="mc-diagram__svg").find_all("a")
        assert links
        for link in links:
            href = link.attrs["href"]
            assert href.startswith("../../credentials/"), href
            assert resolves(rich_site, page.site_path(href)), href


def test_diagram_legend_lists_only_what_is_drawn(rich_site):
    legend = {path: [li.text().split(":")[0] for li in load_page(rich_site, path).main.find("ul", class_="mc-diagram__legend").find_all("li")]
              for path in (CHOOSE, CROSS)}
    assert legend == {CHOOSE: ["Stage order", "Prerequisite"], CROSS: ["Stage order", "Prerequisite", "Capstone"]}


def test_diagram_marks_the_capstone_in_its_box(rich_site):
    svg = load_page(rich_site, CROSS).main.find("svg", class_="mc-diagram__down")
    [capstone] = [a for a in svg.find_all("a") if a.find_all("rect", class_="mc-diagram__node--capstone")]
    assert [t.text() for t in capstone.find_all("text")][0] == "Capstone"
    assert "(capstone)" in load_page(rich_site, CROSS).main.find("figure").find("ol").text()


def test_diagram_has_an_equivalent_ordered_list_for_screen_readers(rich_site):
    items = load_page(rich_site, CHOOSE).main.find("figure").find("ol").find_all("li")
    assert len(items) == 3
    assert items[1].text().startswith('Stage 2, Make student thinking visible (choose 1 of 3 credentials): Questioning & "Wait Time" Strategies')
    assert "Data-Driven PLC Meetings (after Exit Tickets for Formative Assessment)" in items[2].text()


def test_staff_plan_lists_each_stage_with_check_boxes_and_hours(rich_site):
    plan = load_page(rich_site, CHOOSE).main.find("section", class_="mc-staff-plan")
    groups = plan.find("table").find_all("tbody")
    assert [g.find("th", scope="rowgroup").text() for g in groups] == [
        "Stage 1: Check for understanding every day · Earn this credential",
        "Stage 2: Make student thinking visible · Choose 1 of 3 credentials",
        "Stage 3: Act on the evidence together · Earn this credential",
    ]
    rows = groups[1].find_all("tr")[1:]
    assert [row.find("td", class_="mc-staff-plan__box").text() for row in rows] == ["☐"] * 3
    assert [row.find_all("td")[2].text() for row in rows] == ["6 hours", "6 hours", "8 hours"]
    assert plan.find("caption").text() == "Assessment for Learning: 3 credentials to earn, 21 to 23 hours"


def test_pathway_jsonld_lists_its_credentials_in_stage_order_with_absolute_urls(rich_site):
    items = load_page(rich_site, RICHEST).jsonld()["itemListElement"]
    assert items[0]["url"] == SITE_URL + "credentials/culturally-responsive-teaching/"
    assert items[-1]["url"] == SITE_URL + "credentials/sheltered-instruction/"
