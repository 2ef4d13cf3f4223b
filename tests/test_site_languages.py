"""Every page and export says its language. The rich fixture site (English, as its theme
says) holds a Spanish credential, an Arabic one (written right to left, and a language
the interface has no catalog for), a Spanish issuer, and a Spanish credential with an
English edition (cooperative-learning is a translation_of aprendizaje-cooperativo)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from catalog_cases import PATHWAY, replaced
from conftest import FIXTURES, SITE_URL, built, make_project
from site_html import load_page

SPANISH = "credentials/tertulias-dialogicas/"
ARABIC = "credentials/qiraa-jahriya/"
ORIGINAL, EDITION = "aprendizaje-cooperativo", "cooperative-learning"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"


def lang(element) -> tuple[str | None, str | None]:
    return element.attrs.get("lang"), element.attrs.get("dir")


def facts(page) -> dict[str, str]:
    box = page.main.find("section", class_="mc-facts").find("dl")
    return {dt.text(): dd.text() for dt, dd in zip(box.find_all("dt"), box.find_all("dd"), strict=True)}


def test_a_spanish_credential_page_is_in_spanish_inside_the_english_site(rich_site):
    page = load_page(rich_site, SPANISH)
    assert page.dom.find("html").attrs["lang"] == "en"
    assert lang(page.main) == ("es", "ltr")
    assert [h.text() for h in page.main.find_all("h2")][:3] == ["Competencia", "De un vistazo", "Método clave"]


def test_a_spanish_credential_shows_its_rubric_labels_in_spanish(rich_site):
    rubric = load_page(rich_site, SPANISH).main.find("table", class_="mc-rubric")
    assert rubric.find("caption").text() == "Rúbrica de la parte 1, Su grupo"
    assert [th.text() for th in rubric.find("thead").find_all("th")] == ["Criterio", "Para alcanzar Logrado, la respuesta muestra"]


def test_prices_dates_and_language_names_are_the_pages_language(rich_site):
    spanish = facts(load_page(rich_site, SPANISH))
    assert (spanish["Coste"], spanish["Publicada"], spanish["Idioma"], spanish["Tiempo estimado"]) == (
        "40 US$", "10 de marzo de 2025", "Español", "8 horas")
    english = facts(load_page(rich_site, f"credentials/{EDITION}/"))
    assert (english["Cost"], english["Published"], english["Language"]) == ("€25", "February 17, 2025", "English")


def test_a_credential_in_a_language_without_a_catalog_marks_its_own_text_right_to_left(rich_site):
    page = load_page(rich_site, ARABIC)
    assert lang(page.main) == (None, None)  # the interface around it is the site's English
    assert page.main.find("h2").text() == "Competency"
    assert lang(page.main.find("h1")) == ("ar", "rtl")
    assert lang(page.main.find("p", class_="mc-competency__statement")) == ("ar", "rtl")
    assert lang(page.main.find("table", class_="mc-rubric").find("tbody").find("th")) == ("ar", "rtl")


def test_each_catalog_card_says_the_language_of_its_text(rich_site):
    cards = {card.attrs["data-mc-card"]: card for card in load_page(rich_site, "catalog/").main.find_all("article", class_="mc-card")}
    assert lang(cards["tertulias-dialogicas"].find("h3")) == ("es", "ltr")
    assert lang(cards["qiraa-jahriya"].find("p", class_="mc-card__summary")) == ("ar", "rtl")
    assert lang(cards["exit-tickets"].find("h3")) == (None, None)


def test_an_issuer_page_speaks_its_issuers_language_and_marks_an_english_credential(rich_site):
    page = load_page(rich_site, "issuers/red-escuelas-bilingues/")
    assert lang(page.main) == ("es", "ltr")
    assert page.main.find("h2").text() == "Microcredenciales"
    links = {a.text(): lang(a) for a in page.main.find("ul", class_="mc-list").find_all("a")}
    assert links == {"Aprendizaje cooperativo en el aula": (None, None), "Cooperative Learning in the Classroom": ("en", "ltr")}


def test_language_editions_link_each_other_both_ways_in_the_head_and_the_switcher(rich_site):
    for here, there, there_language, name in ((ORIGINAL, EDITION, "en", "English"), (EDITION, ORIGINAL, "es", "Español")):
        page = load_page(rich_site, f"credentials/{here}/")
        alternates = {link.attrs["hreflang"]: link.attrs["href"] for link in page.dom.find_all("link", rel="alternate") if "hreflang" in link.attrs}
        assert alternates == {"es": f"{SITE_URL}credentials/{ORIGINAL}/", "en": f"{SITE_URL}credentials/{EDITION}/"}
        (switch,) = page.main.find("nav", class_="mc-editions").find_all("a")
        assert (switch.text(), switch.attrs["hreflang"], page.site_path(switch.attrs["href"])) == (name, there_language, f"credentials/{there}/")


def test_a_credential_without_editions_has_no_switcher(rich_site):
    page = load_page(rich_site, SPANISH)
    assert not page.main.find_all("nav", class_="mc-editions")
    assert not [link for link in page.dom.find_all("link", rel="alternate") if "hreflang" in link.attrs]


def test_a_spanish_pathway_edition_speaks_spanish_and_links_its_original(tmp_path):
    spanish = replaced(PATHWAY, "title: Assessment Basics\nsummary: Two credentials on everyday formative assessment.",
                       "title: Evaluación básica\nsummary: Dos credenciales sobre la evaluación formativa diaria.")
    spanish = spanish.replace("status: active\n", "status: active\nlanguage: es\ntranslation_of: assessment-basics\n")
    root = make_project(tmp_path / "project", FIXTURES / "minimal")
    (root / "catalog/acme/pathways/evaluacion-basica.yml").write_text(spanish, encoding="utf-8")
    page = load_page(built(root), "pathways/evaluacion-basica/")
    assert lang(page.main) == ("es", "ltr")
    assert page.main.find("h2").text() == "De un vistazo"
    assert lang(page.main.find("ul", class_="mc-list").find("a")) == ("en", "ltr")  # an English credential in it
    (switch,) = page.main.find("nav", class_="mc-editions").find_all("a")
    assert (switch.text(), page.site_path(switch.attrs["href"])) == ("English", "pathways/assessment-basics/")


def load(site, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_the_api_gives_languages_and_links_editions_both_ways(rich_site):
    edition = load(rich_site, f"api/v1/credentials/{EDITION}.json")
    assert (edition["credential"]["language"], edition["credential"]["translation_of"], edition["issuer"]["language"]) == ("en", ORIGINAL, "es")
    assert edition["credential"]["urls"]["editions"] == [{
        "id": ORIGINAL, "language": "es", "page": f"{SITE_URL}credentials/{ORIGINAL}/",
        "api": f"{SITE_URL}api/v1/credentials/{ORIGINAL}.json",
    }]
    original = load(rich_site, f"api/v1/credentials/{ORIGINAL}.json")["credential"]
    assert original["translation_of"] is None and [e["id"] for e in original["urls"]["editions"]] == [EDITION]


def test_open_badges_relate_each_edition_with_its_language(rich_site):
    assert load(rich_site, f"ob3/{ORIGINAL}.json")["related"] == [
        {"id": f"{SITE_URL}ob3/{EDITION}.json", "type": ["Related"], "inLanguage": "en", "version": "1.0.0"}]
    assert [(r["id"], r["inLanguage"]) for r in load(rich_site, f"ob3/{EDITION}.json")["related"]] == [(f"{SITE_URL}ob3/{ORIGINAL}.json", "es")]
    assert "related" not in load(rich_site, "ob3/tertulias-dialogicas.json")


def test_feed_entries_say_their_language_and_relate_their_editions(rich_site):
    feed = ET.parse(rich_site / "feed.xml").getroot()
    entries = {entry.findtext(f"{ATOM}id"): entry for entry in feed.iter(f"{ATOM}entry")}
    assert feed.get(XML_LANG) == "en"
    assert entries[f"{SITE_URL}{ARABIC}"].get(XML_LANG) == "ar"
    original = entries[f"{SITE_URL}credentials/{ORIGINAL}/"]
    assert original.get(XML_LANG) == "es"
    related = [(link.get("hreflang"), link.get("href")) for link in original.iter(f"{ATOM}link") if link.get("rel") == "related"]
    assert related == [("en", f"{SITE_URL}credentials/{EDITION}/")]


def test_csv_and_ctdl_carry_each_language(rich_site):
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((rich_site / "api/v1/catalog.csv").read_text(encoding="utf-8-sig")))}
    assert (rows["qiraa-jahriya"]["language"], rows[ORIGINAL]["language"], rows["exit-tickets"]["language"]) == ("ar", "es", "en")
    issuer = load(rich_site, "ctdl/issuers/red-escuelas-bilingues.json")
    issuer = issuer["@graph"][0] if "@graph" in issuer else issuer
    assert issuer["ceterms:name"] == {"es": "Red de Escuelas Bilingües"}
