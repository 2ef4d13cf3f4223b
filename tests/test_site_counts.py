"""Counts the site prints: in the right grammatical number, the same on every page, and
never a heading over an empty section.

The rule every page follows: "micro-credentials" are the active ones; retired ones are
counted apart, as "N retired", wherever they are listed; drafts count nowhere. Expected
numbers come from the fixture files, so the tests hold for any fixture catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from conftest import RICH, SOLO
from site_html import Element, load_page, resolves

PUBLISHED = ("active", "retired")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CONTENT = "content"  # what `reading_order` yields for anything a reader sees besides headings


@dataclass(frozen=True)
class IssuerCounts:
    name: str
    active: int
    retired: int
    pathways: int
    language: str = "en"  # its page speaks it (test_site_languages.py): counted in its words


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def issuer_counts(fixture: Path) -> dict[str, IssuerCounts]:
    """Per issuer folder of a fixture catalog: its active and retired credentials, its published pathways."""
    counts = {}
    for folder in sorted(p for p in fixture.iterdir() if (p / "issuer.yml").is_file()):
        statuses = [read(f)["status"] for f in (folder / "credentials").glob("*.yml")]
        pathways = [f for f in (folder / "pathways").glob("*.yml") if read(f)["status"] in PUBLISHED]
        issuer = read(folder / "issuer.yml")
        counts[folder.name] = IssuerCounts(issuer["name"], statuses.count("active"), statuses.count("retired"), len(pathways), issuer.get("language", "en"))
    return counts


def plural(n: int, singular: str, plural: str) -> str:
    """A count as a reader expects it: "1 pathway", "0 pathways", "2 pathways"."""
    return f"{n} {singular if n == 1 else plural}"


def credential_counts(issuer: IssuerCounts) -> str:
    retired = f" · {issuer.retired} retired" if issuer.retired else ""
    return plural(issuer.active, "micro-credential", "micro-credentials") + retired


def leading_number(text: str) -> int:
    return int(text.split()[0])


def page_paths(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))


def reading_order(element: Element):
    """Headings (as elements) and CONTENT for each piece of visible text or image, in
    document order; hidden parts (shown only by the search script) are left out."""
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                yield CONTENT
        elif "hidden" in child.attrs:
            continue
        elif child.tag in HEADINGS:
            yield child
        elif child.tag == "img":
            yield CONTENT
        else:
            yield from reading_order(child)


def level(item) -> int | None:
    """2 for an h2 ..., None for anything but a heading."""
    return int(item.tag[1]) if isinstance(item, Element) and item.tag in HEADINGS else None


def shows_something(item) -> bool:
    """Whether a reader sees anything in `item` (text or an image) that is not a heading."""
    return item is not None and CONTENT in reading_order(Element("div", {}, [item]))


def headings_over_nothing(element: Element) -> list[str]:
    """The h2 and h3 headings followed by nothing a reader sees (an empty list, no sibling
    at all ...); a subheading is something, as it is checked in turn."""
    empty = []
    for parent in (element, *element.iter()):
        children = [c for c in parent.children if not (isinstance(c, str) and not c.strip())]
        for child, after in zip(children, [*children[1:], None]):
            if level(child) in (2, 3) and not (shows_something(after) or (level(after) or 0) > level(child)):
                empty.append(child.text())
    return empty


SITES = {"solo_site": SOLO, "rich_site": RICH}


@pytest.fixture(params=SITES)
def site_and_counts(request) -> tuple[Path, dict[str, IssuerCounts]]:
    """Each fixture site built, with the counts read from its catalog's files."""
    return request.getfixturevalue(request.param), issuer_counts(SITES[request.param])


def test_home_counts_active_credentials_and_issuers_in_the_singular_or_plural(site_and_counts):
    site, counts = site_and_counts
    active = sum(issuer.active for issuer in counts.values())
    lead = load_page(site, "").main.find("p", class_="mc-lead").text()
    assert lead.startswith(f"{plural(active, 'micro-credential', 'micro-credentials')} from {plural(len(counts), 'issuer', 'issuers')},")


def test_home_has_no_featured_pathways_section_without_pathways(solo_site):
    assert not any(issuer.pathways for issuer in issuer_counts(SOLO).values())
    page = load_page(solo_site, "")
    assert "Featured pathways" not in [h.text() for h in page.main.find_all("h2")]
    assert not page.main.find_all("section", **{"aria-labelledby": "featured"})


def test_home_sends_no_one_to_pathways_when_there_are_none(solo_site):
    page = load_page(solo_site, "")
    assert "pathways/" not in {page.site_path(a.attrs["href"]) for a in page.main.find_all("a")}


def test_pathways_page_without_pathways_says_so_and_tells_how_to_add_one(solo_site):
    page = load_page(solo_site, "pathways/")
    assert page.h1s() == ["Pathways"]
    text = page.main.text()
    assert "No pathway has been published yet." in text
    assert "catalog/<issuer-id>/pathways/<id>.yml" in text
    assert "make new-pathway ISSUER=<issuer-id> ID=<id>" in text
    links = {a.text(): page.site_path(a.attrs["href"]) for a in page.main.find_all("a")}
    assert links["Contribute"] == "contributing/" and resolves(solo_site, "contributing/")


def test_pathway_cards_count_stages_and_credentials_in_the_singular_or_plural(rich_site):
    expected = {}
    for issuer_id, issuer in issuer_counts(RICH).items():
        for file in (RICH / issuer_id / "pathways").glob("*.yml"):
            doc = read(file)
            # The capstone counts once, whether or not a stage lists it.
            ids = [cid for stage in doc["stages"] for cid in stage["credentials"]] + [doc.get("capstone")]
            credentials = len(set(ids) - {None})
            expected[f"pathways/{file.stem}/"] = (
                f"{plural(len(doc['stages']), 'stage', 'stages')} · {plural(credentials, 'credential', 'credentials')} · from {issuer.name}"
            )
    page = load_page(rich_site, "pathways/")
    shown = {
        page.site_path(card.find("a").attrs["href"]): card.find("p", class_="mc-list__meta").text()
        for card in page.main.find_all("li", class_="mc-card")
    }
    assert shown == expected


def test_issuer_index_counts_active_credentials_then_retired_then_pathways(site_and_counts):
    site, counts = site_and_counts
    page = load_page(site, "issuers/")
    shown = {
        page.site_path(card.find("a").attrs["href"]): card.find("p", class_="mc-list__meta").text()
        for card in page.main.find_all("li", class_="mc-card")
    }
    assert shown == {
        f"issuers/{issuer_id}/": credential_counts(issuer)
        + (f" · {plural(issuer.pathways, 'pathway', 'pathways')}" if issuer.pathways else "")
        for issuer_id, issuer in counts.items()
    }


def test_issuer_page_counts_and_labels_retired_credentials_as_the_issuer_index_does(site_and_counts):
    site, counts = site_and_counts
    index = {
        card.find("a").text(): card.find("p", class_="mc-list__meta").text()
        for card in load_page(site, "issuers/").main.find_all("li", class_="mc-card")
    }
    for issuer_id, issuer in counts.items():
        section = load_page(site, f"issuers/{issuer_id}/").main.find("section", **{"aria-labelledby": "credentials"})
        line = section.find("p", class_="mc-list__meta").text()
        if issuer.language != "en":  # the same numbers, in the issuer's language
            assert leading_number(line) == leading_number(index[issuer.name]) == issuer.active, issuer_id
            continue
        assert line == credential_counts(issuer) and index[issuer.name].startswith(line), issuer_id
        assert len(section.find("ul", class_="mc-list").find_all("li")) == issuer.active + issuer.retired, issuer_id
        assert [s.text() for s in section.find_all("span", class_="mc-status--retired")] == ["Retired"] * issuer.retired, issuer_id


def test_home_issuer_index_and_catalog_count_the_same_active_credentials(rich_site):
    active = sum(issuer.active for issuer in issuer_counts(RICH).values())
    home = leading_number(load_page(rich_site, "").main.find("p", class_="mc-lead").text())
    issuer_index = sum(
        leading_number(meta.text()) for meta in load_page(rich_site, "issuers/").main.find_all("p", class_="mc-list__meta")
    )
    catalog = load_page(rich_site, "catalog/").main.find("section", **{"aria-labelledby": "mc-active"})
    assert home == issuer_index == len(catalog.find_all("article", class_="mc-card")) == active
    assert catalog.find("h2").text() == f"Active micro-credentials ({active})"


def test_catalog_with_one_credential_lists_it_without_a_retired_section(solo_site):
    (issuer,) = issuer_counts(SOLO).values()
    page = load_page(solo_site, "catalog/")
    active = page.main.find("section", **{"aria-labelledby": "mc-active"})
    assert active.find("h2").text() == f"Active micro-credentials ({issuer.active})"
    assert len(active.find_all("article", class_="mc-card")) == issuer.active
    assert not page.main.find_all("section", **{"aria-labelledby": "mc-retired"})


def test_issuer_page_without_pathways_has_no_pathways_section(solo_site):
    for issuer_id in issuer_counts(SOLO):
        page = load_page(solo_site, f"issuers/{issuer_id}/")
        assert not page.main.find_all("section", **{"aria-labelledby": "issuer-pathways"}), issuer_id
        assert "Pathways" not in [h.text() for h in page.main.find_all("h2")], issuer_id


def test_no_heading_of_the_smallest_catalog_stands_over_nothing(solo_site):
    for path in page_paths(solo_site):
        assert headings_over_nothing(load_page(solo_site, path).main) == [], path


def test_every_page_of_the_smallest_catalog_has_one_h1_and_no_skipped_heading_level(solo_site):
    for path in page_paths(solo_site):
        page = load_page(solo_site, path)
        assert len(page.h1s()) == 1, path
        levels = [level(item) for item in reading_order(page.main) if level(item)]
        assert all(b <= a + 1 for a, b in pairwise(levels)), (path, levels)
