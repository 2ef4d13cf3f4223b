"""Credential pages of the rich fixture site, read as an educator sees them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import IDENTITY, SITE_NAME
from site_html import load_page, resolves

QWT = "credentials/questioning-wait-time/"
QWT_TITLE = 'Questioning & "Wait Time" Strategies'


def test_competency_comes_first_after_the_title(rich_site):
    page = load_page(rich_site, QWT)
    headings = [h.text() for h in page.main.find_all("h2")]
    assert headings[0] == "Competency"
    statement = page.main.find(class_="mc-competency__statement").text()
    assert statement.startswith("The educator asks planned higher-order questions")


def test_page_has_one_h1_with_the_escaped_title(rich_site):
    page = load_page(rich_site, QWT)
    assert page.h1s() == [QWT_TITLE]
    assert "<h1>Questioning &amp; &#34;Wait Time&#34; Strategies</h1>" in page.html


def test_title_with_ampersand_and_quotes_is_escaped_in_title_and_meta(rich_site):
    page = load_page(rich_site, QWT)
    assert page.title == f"{QWT_TITLE} - {SITE_NAME}"
    assert page.meta("og:title") == QWT_TITLE
    assert page.meta("twitter:title") == QWT_TITLE
    assert 'content="Questioning &amp; &#34;Wait Time&#34; Strategies"' in page.html


def test_page_names_its_issuer_with_a_link(rich_site):
    page = load_page(rich_site, QWT)
    link = page.main.find(class_="mc-eyebrow").find("a")
    assert link.text() == "Lakeside University School of Education"
    assert page.site_path(link.attrs["href"]) == "issuers/lakeside-university/"


def test_active_credential_is_marked_active(rich_site):
    page = load_page(rich_site, QWT)
    assert page.main.find(class_="mc-status--active").text() == "Active"
    assert not page.main.find_all(class_="mc-banner")


def test_retired_credential_says_so_and_links_its_replacement(rich_site):
    page = load_page(rich_site, "credentials/exit-slips/")
    banner = page.main.find(class_="mc-banner")
    assert "This micro-credential is retired." in banner.text()
    assert "replaced by Exit Tickets for Formative Assessment" in banner.text()
    assert page.site_path(banner.find("a").attrs["href"]) == "credentials/exit-tickets/"
    assert page.main.find(class_="mc-status--retired").text() == "Retired"


def test_retired_credential_offers_no_earn_button(rich_site):
    page = load_page(rich_site, "credentials/exit-slips/")
    assert not page.main.find_all("a", class_="md-button")
    assert "no longer accepts submissions" in page.main.find(class_="mc-earn").text()


def test_method_and_rationale_sections_show_the_definition(rich_site):
    page = load_page(rich_site, QWT)
    text = page.main.text()
    for heading in ("Key method", "Method components", "Supporting rationale"):
        assert heading in text
    assert "Plan three to five higher-order questions" in text  # markdown list rendered
    assert page.main.find("strong").text()  # markdown emphasis survives sanitising
    assert "Rowe (1986) found that teachers typically wait" in text


def test_research_is_a_numbered_reference_list_with_doi_links(rich_site):
    page = load_page(rich_site, QWT)
    references = page.main.find("ol", class_="mc-references").find_all("li")
    assert len(references) == 3
    assert references[0].text().startswith("Rowe, M. B. (1986). Wait time")
    assert references[0].find("a").attrs["href"] == "https://doi.org/10.1177/002248718603700110"


def test_research_without_doi_links_its_url(rich_site):
    page = load_page(rich_site, "credentials/exit-slips/")
    links = [li.find("a").attrs["href"] for li in page.main.find("ol", class_="mc-references").find_all("li")]
    assert links[-1] == "https://www.solutiontree.com/embedded-formative-assessment.html"


def test_resources_are_grouped_by_type(rich_site):
    page = load_page(rich_site, QWT)
    groups = {h.text(): h.attrs["id"] for h in page.main.find_all("h3") if h.attrs.get("id", "").startswith("resources-")}
    assert groups == {"Website": "resources-website", "Template": "resources-template", "Tool": "resources-tool"}
    assert 'href="https://credentials.lakeside.example.edu/resources/question-planner">Lakeside question-planning template<' in page.html


def test_each_submission_part_shows_kind_word_limit_and_instructions(rich_site):
    page = load_page(rich_site, QWT)
    parts = page.main.find_all("section", class_="mc-part")
    assert [p.find("h3").text() for p in parts] == [
        "Part 1: Overview questions", "Part 2: Evidence of practice", "Part 3: Reflection",
    ]
    assert "Kind: Introduction · Word limit: 300 words" in parts[0].text()
    assert "Kind: Evidence · Word limit: 500 words" in parts[1].text()
    assert "Tell us about your students and the lesson you planned." in parts[0].text()


def test_rubric_table_has_caption_scopes_and_what_passing_shows(rich_site):
    page = load_page(rich_site, QWT)
    table = page.main.find_all("section", class_="mc-part")[0].find("table")
    assert table.find("caption").text() == "Rubric for part 1, Overview questions"
    columns = [th.text() for th in table.find("thead").find_all("th")]
    assert columns == ["Criterion", "To reach Yes, the response shows"]
    assert all(th.attrs["scope"] == "col" for th in table.find("thead").find_all("th"))
    rows = table.find("tbody").find_all("tr")
    assert [row.find("th").attrs["scope"] for row in rows] == ["row", "row"]
    assert rows[0].find("th").text() == "Describe your class and how students usually take part in discussion."
    assert rows[1].find("td").text().startswith("At least three questions ask students")


def test_rubric_states_the_scale_once_and_no_row_repeats_filler(rich_site):
    page = load_page(rich_site, QWT)
    section = page.main.find("section", **{"aria-labelledby": "submission"})
    intro = section.find("p").text()
    assert "on the scale Yes (the passing level), Almost, Not yet, best first" in intro
    for label in ("Almost", "Not yet"):
        assert section.text().count(label) == 1, label
    assert "Below the passing level" not in page.html
    rows = [row for table in section.find_all("table") for row in table.find("tbody").find_all("tr")]
    assert rows and all(len(row.find_all("td")) == 1 for row in rows)


def test_how_to_earn_requires_every_criterion_and_links_the_issuer(rich_site):
    page = load_page(rich_site, QWT)
    earn = page.main.find("section", class_="mc-earn")
    assert "awarded when every criterion (5 in all) reaches the passing level, Yes" in earn.text()
    button = earn.find("a", class_="md-button")
    assert button.attrs["href"] == "https://credentials.lakeside.example.edu/earn/questioning-wait-time"
    assert "noopener" in button.attrs["rel"]


def test_earn_action_is_at_a_glance_and_at_the_end(rich_site):
    page = load_page(rich_site, QWT)
    glance = page.main.find("section", class_="mc-facts")
    [button] = glance.find_all("a", class_="md-button")
    assert button.text() == "Start earning with Lakeside University School of Education"
    assert button.attrs["href"] == page.main.find("section", class_="mc-earn").find("a", class_="md-button").attrs["href"]
    rubric_first = [a for a in glance.find_all("a") if a.text() == "Read the rubric first"]
    assert [a.attrs["href"] for a in rubric_first] == ["#submission"] and page.main.by_id("submission").tag == "h2"


def test_header_date_is_the_update_only_when_the_credential_has_one(rich_site):
    never_updated = load_page(rich_site, QWT).main.find(class_="mc-head__meta").text()
    updated = load_page(rich_site, "credentials/close-reading/").main.find(class_="mc-head__meta").text()
    assert never_updated == "Version 1.0.0 · published October 16, 2023"
    assert updated.endswith("· updated February 3, 2025")
    facts = load_page(rich_site, QWT).main.find("section", class_="mc-facts")
    assert "Updated" not in [dt.text() for dt in facts.find_all("dt")]


def test_table_of_contents_lists_the_sections_of_the_page(rich_site):
    page = load_page(rich_site, QWT)
    content = page.dom.find("div", class_="md-content")
    headings = [(h.attrs["id"], h.text()) for h in content.iter() if h.tag in ("h2", "h3") and h.attrs.get("id")]
    toc = page.dom.find("ul", **{"data-md-component": "toc"})
    entries = [(a.attrs["href"], a.text()) for a in toc.find_all("a")]
    assert entries == [("#" + ident, text) for ident, text in headings]
    assert entries[:3] == [("#competency", "Competency"), ("#facts", "At a glance"), ("#key-method", "Key method")]
    outline = page.main.find("nav", class_="mc-outline")  # the same entries, for narrow screens
    assert [(a.attrs["href"], a.text()) for a in outline.find_all("a")] == entries


def test_facts_box_lists_the_facts_with_human_labels(rich_site):
    page = load_page(rich_site, QWT)
    facts = page.main.find("section", class_="mc-facts").find("dl")
    pairs = dict(zip([dt.text() for dt in facts.find_all("dt")], [dd.text() for dd in facts.find_all("dd")]))
    assert pairs["Estimated time"] == "6 hours"
    assert pairs["Cost"] == "$25"
    assert pairs["Roles"] == "Teacher, Higher ed faculty"
    assert pairs["Grade bands"] == "Grades 3–5, Grades 6–8, Grades 9–12, Postsecondary"
    assert pairs["Subjects"] == "Assessment, Literacy, Science"
    assert pairs["Evidence"] == "Video, Lesson plan, Artifact"
    assert (pairs["Language"], pairs["Version"], pairs["Published"]) == ("English", "1.0.0", "October 16, 2023")


def test_free_credential_says_free(rich_site):
    page = load_page(rich_site, "credentials/exit-tickets/")
    assert "Free (no fee)" in page.main.find("section", class_="mc-facts").text()


def test_prerequisites_and_recommended_next_link_each_other(rich_site):
    before = load_page(rich_site, "credentials/data-driven-plc/")
    after = load_page(rich_site, "credentials/exit-tickets/")
    assert before.main.by_id("prerequisites").tag == "h3"
    assert "Exit Tickets for Formative Assessment" in before.main.find("section", **{"aria-labelledby": "sequence"}).text()
    recommended = after.main.find("section", **{"aria-labelledby": "sequence"})
    assert "Recommended next" in recommended.text()
    assert "Data-Driven PLC Meetings" in recommended.text()


def test_pathways_the_credential_belongs_to_are_listed(rich_site):
    page = load_page(rich_site, QWT)
    section = page.main.find("section", **{"aria-labelledby": "pathways"})
    hrefs = sorted(page.site_path(a.attrs["href"]) for a in section.find_all("a"))
    assert hrefs == ["pathways/assessment-for-learning/", "pathways/language-rich-classrooms/"]


def test_alignments_name_framework_code_and_link(rich_site):
    page = load_page(rich_site, QWT)
    section = page.main.find("section", **{"aria-labelledby": "alignments"})
    assert "InTASC Model Core Teaching Standards, Standard 8: Instructional Strategies" in section.text()


def test_credential_without_image_gets_a_generated_badge(rich_site):
    page = load_page(rich_site, QWT)
    img = page.main.find("img", class_="mc-head__badge")
    assert page.site_path(img.attrs["src"]) == "badges/questioning-wait-time.svg"
    assert img.attrs["alt"] == f"Badge of the micro-credential {QWT_TITLE}, issued by Lakeside University School of Education"
    svg = (rich_site / "badges/questioning-wait-time.svg").read_text(encoding="utf-8")
    badge = ET.fromstring(svg)  # well-formed XML, as browsers require of an SVG image
    assert badge.tag == "{http://www.w3.org/2000/svg}svg" and ">LUS<" in svg
    assert "Badge: Questioning &amp; &#34;Wait Time&#34; Strategies" in svg


def test_credential_with_image_uses_the_issuers_image(rich_site):
    page = load_page(rich_site, "credentials/exit-tickets/")
    img = page.main.find("img", class_="mc-head__badge")
    assert page.site_path(img.attrs["src"]) == "assets/catalog/northwind-schools/images/exit-tickets.svg"
    assert resolves(rich_site, page.site_path(img.attrs["src"]))
    assert not (rich_site / "badges/exit-tickets.svg").exists()


def test_edit_link_opens_the_yaml_definition(rich_site):
    page = load_page(rich_site, QWT)
    edits = [a.attrs["href"] for a in page.main.find_all("a", rel="edit")]
    assert edits and set(edits) == {
        f"{IDENTITY['repo_url']}/edit/main/catalog/lakeside-university/credentials/questioning-wait-time.yml"
    }
    assert "Edit this definition" in page.main.text()
