"""Pathway pages and the pathway list of the built sample site."""

from __future__ import annotations

from site_html import load_page, resolves

CHOOSE = "pathways/assessment-for-learning/"  # a choose stage, credentials of two issuers
CROSS = "pathways/language-rich-classrooms/"  # across issuers, no choice, a capstone


def totals(page) -> dict[str, list[str]]:
    rows = page.main.find("table", class_="mc-totals").find("tbody").find_all("tr")
    return {row.find("th").text(): [td.text() for td in row.find_all("td")] for row in rows}


def test_pathway_list_links_every_published_pathway(rich_site):
    page = load_page(rich_site, "pathways/")
    links = {page.site_path(a.attrs["href"]) for a in page.main.find_all("a")}
    assert links == {
        "pathways/assessment-for-learning/", "pathways/inclusive-project-design/", "pathways/language-rich-classrooms/",
    }
    assert page.h1s() == ["Pathways"]


def test_pathway_shows_goal_and_who_it_is_for(rich_site):
    page = load_page(rich_site, CHOOSE)
    section = page.main.find("section", **{"aria-labelledby": "goal"})
    assert section.find("h2").text() == "Goal and who it is for"
    assert "This pathway is for K–12 teachers" in section.text()


def test_stages_are_listed_in_order_with_choose_n_of(rich_site):
    page = load_page(rich_site, CHOOSE)
    stages = page.main.find("ol", class_="mc-stages").find_all("li", class_="mc-stage")
    assert [s.find("h3").text() for s in stages] == [
        "Stage 1: Check for understanding every day",
        "Stage 2: Make student thinking visible",
        "Stage 3: Act on the evidence together",
    ]
    assert stages[1].find(class_="mc-stage__choose").text() == "Choose 1 of 3 credentials."
    assert [a.text() for a in stages[1].find("ul", class_="mc-list").find_all("a")] == [
        'Questioning & "Wait Time" Strategies', "Number Talks", "Close Reading of Complex Texts",
    ]


def test_choose_pathway_totals_show_cheapest_and_longest_route(rich_site):
    assert totals(load_page(rich_site, CHOOSE)) == {
        "Cheapest route": ["3", "21 hours", "Free"],
        "Longest route": ["3", "23 hours", "25 USD"],
    }
    assert totals(load_page(rich_site, "pathways/inclusive-project-design/")) == {
        "Cheapest route": ["4", "34 hours", "25 USD"],
        "Longest route": ["4", "39 hours", "25 USD"],
    }


def test_pathway_without_choice_shows_one_total(rich_site):
    page = load_page(rich_site, CROSS)
    facts = page.main.find("section", class_="mc-facts").find("dl")
    pairs = dict(zip([dt.text() for dt in facts.find_all("dt")], [dd.text() for dd in facts.find_all("dd")]))
    assert pairs == {"Credentials": "4", "Total estimated time": "43 hours", "Total cost": "123 USD"}


def test_where_to_start_lists_credentials_without_prerequisites(rich_site):
    page = load_page(rich_site, CROSS)
    section = page.main.find("section", **{"aria-labelledby": "start"})
    assert [a.text() for a in section.find_all("a")] == [
        "Culturally Responsive Teaching", 'Questioning & "Wait Time" Strategies',
    ]


def test_cross_issuer_pathway_names_every_issuer_and_the_capstone(rich_site):
    page = load_page(rich_site, CROSS)
    eyebrow = page.main.find(class_="mc-eyebrow").text()
    assert "Lakeside University School of Education" in eyebrow and "Open Teaching Collective" in eyebrow
    capstone = page.main.find(class_="mc-capstone")
    assert capstone.text().startswith("Capstone: Sheltered Instruction")
    assert page.site_path(capstone.find("a").attrs["href"]) == "credentials/sheltered-instruction/"


def test_diagram_is_a_labelled_group_with_title_and_description(rich_site):
    page = load_page(rich_site, CHOOSE)
    svg = page.main.find("svg", class_="mc-diagram__svg")
    assert svg.attrs["role"] == "group"
    title_id, desc_id = svg.attrs["aria-labelledby"], svg.attrs["aria-describedby"]
    assert svg.find("title", id=title_id).text() == "Diagram of the pathway Assessment for Learning"
    assert "arrows lead from a prerequisite" in svg.find("desc", id=desc_id).text()
    notes = [t.text() for t in svg.find_all("text", class_="mc-diagram__note")]
    assert notes[1] == "Choose 1 of 3"


def test_diagram_nodes_link_to_existing_credential_pages_with_relative_urls(rich_site):
    for name in ("assessment-for-learning", "inclusive-project-design", "language-rich-classrooms"):
        page = load_page(rich_site, f"pathways/{name}/")
        links = page.main.find("svg", class_="mc-diagram__svg").find_all("a")
        assert links
        for link in links:
            href = link.attrs["href"]
            assert href.startswith("../../credentials/"), href
            assert resolves(rich_site, page.site_path(href)), href


def test_diagram_draws_prerequisite_arrows_inside_the_pathway(rich_site):
    page = load_page(rich_site, CHOOSE)
    assert len(page.main.find("svg", class_="mc-diagram__svg").find_all("path", class_="mc-diagram__edge")) == 1  # exit-tickets -> data-driven-plc


def test_diagram_has_an_equivalent_ordered_list_for_screen_readers(rich_site):
    page = load_page(rich_site, CHOOSE)
    items = page.main.find("figure").find("ol").find_all("li")
    assert len(items) == 3
    assert items[1].text().startswith('Stage 2, Make student thinking visible (choose 1 of 3): Questioning & "Wait Time" Strategies')
    assert "Data-Driven PLC Meetings (after Exit Tickets for Formative Assessment)" in items[2].text()


def test_pathway_capstone_is_marked_in_the_diagram(rich_site):
    page = load_page(rich_site, CROSS)
    assert page.main.find("svg", class_="mc-diagram__svg").find_all("rect", class_="mc-diagram__node--capstone")
    assert "(capstone)" in page.main.find("figure").find("ol").text()
