"""Languages in the data: BCP 47 tags checked by Babel with the tag that was meant,
`translation_of` between language editions, and wording rules only in their language."""

from __future__ import annotations

import pytest

from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL, ISSUER, PATHWAY, errors, minimal_text, project_with, replaced

C, P = CREDENTIAL, PATHWAY
F = "catalog/acme/credentials/feedback-loops.yml"
G = "catalog/acme/credentials/retroalimentacion.yml"


def with_fields(relative: str, fields: str) -> str:
    """The file with `fields` (YAML lines) written right after its `status` line (line 3)."""
    return replaced(relative, "status: active\n", f"status: active\n{fields}")


def edition(language: str, of: str) -> str:
    """Another credential: a `language` edition of `of`."""
    return with_fields(F, f"language: {language}\ntranslation_of: {of}\n")


BAD_TAGS = {
    "a language's English name": (C, "spanish", "es"),
    "a language's own name": (C, "Español", "es"),
    "an underscore": (C, "es_ES", "es-ES"),
    "a retired code": (C, "iw", "he"),
    "a pathway's tag": (P, "fr_CA", "fr-CA"),
}


@pytest.mark.parametrize("relative, tag, meant", BAD_TAGS.values(), ids=BAD_TAGS.keys())
def test_an_invalid_language_tag_is_an_error_on_its_line_with_the_tag_meant(tmp_path, relative, tag, meant):
    root = project_with(tmp_path, {relative: replaced(relative, "status: active\n", f"status: active\nlanguage: {tag}\n")})
    line = 4 if relative == P else 3  # a pathway's status is its third line
    assert errors(root) == [f"{relative}:{line}:11: error: `{tag}` is not a BCP 47 language tag ($.language) — write `language: {meant}`"]


def test_an_issuer_language_is_checked_too(tmp_path):
    root = project_with(tmp_path, {ISSUER: minimal_text(ISSUER) + "language: english\n"})
    assert errors(root) == [f"{ISSUER}:5:11: error: `english` is not a BCP 47 language tag ($.language) — write `language: en`"]


def test_a_tag_nothing_resembles_says_what_a_tag_looks_like(tmp_path):
    root = project_with(tmp_path, {C: with_fields(C, "language: klingonese\n")})
    assert errors(root) == [f"{C}:3:11: error: `klingonese` is not a BCP 47 language tag ($.language) — write a BCP 47 language tag, e.g. en, es, fr-CA, ar"]


@pytest.mark.parametrize("tag, stored", [("es", "es"), ("ES", "es"), ("es-419", "es-419"), ("zh-hant-tw", "zh-Hant-TW"), ("ar", "ar")])
def test_a_valid_tag_in_any_case_is_accepted_and_kept_in_its_canonical_form(tmp_path, tag, stored):
    result = load_catalog(project_with(tmp_path, {C: with_fields(C, f"language: {tag}\n")}))
    assert result.ok, [p.as_text() for p in result.problems]
    assert result.catalog.credentials["exit-tickets"].language == stored


def test_issuers_and_pathways_are_in_english_unless_they_say_otherwise(tmp_path):
    root = project_with(tmp_path, {ISSUER: minimal_text(ISSUER) + "language: fr\n"})
    catalog = load_catalog(root).catalog
    assert (catalog.issuers["acme"].language, catalog.pathways["assessment-basics"].language) == ("fr", "en")


EDITION_ERRORS = {
    "itself": (
        {F: edition("es", "feedback-loops")},
        f"{F}:4:17: error: a credential cannot be a translation of itself ($.translation_of) — name the credential this file translates, or remove `translation_of`",
    ),
    "a missing id": (
        {F: edition("es", "exit-tikets")},
        f"{F}:4:17: error: translation_of `exit-tikets` does not exist ($.translation_of) — did you mean `exit-tickets`?",
    ),
    "a draft": (
        {F: edition("es", "exit-tickets"), C: replaced(C, "status: active", "status: draft")},
        f"{F}:4:17: error: translation_of `exit-tickets` ({C}) is a draft and will not be published ($.translation_of) — publish {C} first, or remove `translation_of`",
    ),
    "the same language": (
        {F: edition("en", "exit-tickets")},
        f"{F}:4:17: error: translation_of `exit-tickets` ({C}) is in the same language, `en` ($.translation_of) — set this file's `language` to the language it is written in, or remove `translation_of`",
    ),
    "an edition (a chain)": (
        {F: edition("es", "exit-tickets"), G: edition("fr", "feedback-loops")},
        f"{G}:4:17: error: translation_of `feedback-loops` ({F}) is itself a translation of `exit-tickets` ($.translation_of) — point at the original: `translation_of: exit-tickets`",
    ),
    "a second edition in one language": (
        {F: edition("es", "exit-tickets"), G: edition("es", "exit-tickets")},
        f"{G}:4:17: error: `exit-tickets` already has an edition in `es`: {F} ($.translation_of) — give this file another `language`, or remove `translation_of` from one of the two",
    ),
    "another kind": (
        {P: replaced(P, "status: active\n", "status: active\nlanguage: es\ntranslation_of: exit-tickets\n")},
        f"{P}:5:17: error: translation_of `exit-tickets` is a credential ({C}), not a pathway ($.translation_of) — use the file name (without .yml) of the original pathway",
    ),
}


@pytest.mark.parametrize("files, expected", EDITION_ERRORS.values(), ids=EDITION_ERRORS.keys())
def test_translation_of_pointing_at_the_wrong_credential_is_an_error_naming_both_files(tmp_path, files, expected):
    assert expected in errors(project_with(tmp_path, files))


def test_editions_know_each_other_the_original_first(tmp_path):
    catalog = load_catalog(project_with(tmp_path, {F: edition("es", "exit-tickets"), G: edition("fr", "exit-tickets")})).catalog
    group = ("exit-tickets", "feedback-loops", "retroalimentacion")
    assert {cid: catalog.editions[cid] for cid in group} == dict.fromkeys(group, group)
    assert catalog.credentials["retroalimentacion"].translation_of == "exit-tickets"


def test_a_pathway_edition_is_linked_to_its_original(tmp_path):
    spanish = replaced(P, "status: active\n", "status: active\nlanguage: es\ntranslation_of: assessment-basics\n")
    catalog = load_catalog(project_with(tmp_path, {"catalog/acme/pathways/evaluacion-basica.yml": spanish})).catalog
    assert catalog.editions["evaluacion-basica"] == ("assessment-basics", "evaluacion-basica")


def warnings(root) -> list[str]:
    return [p.message for p in load_catalog(root).problems if not p.is_error]


def competency(text: str, language: str) -> str:
    return with_fields(C, f"language: {language}\n").replace(
        "competency: The educator uses exit tickets to adjust the next lesson.", f"competency: {text}")


def test_a_spanish_competency_opening_el_docente_passes(tmp_path):
    root = project_with(tmp_path, {C: competency("El docente usa tickets de salida para ajustar la clase.", "es")})
    assert not [w for w in warnings(root) if "competency" in w]


def test_a_spanish_competency_is_held_to_the_spanish_opening(tmp_path):
    root = project_with(tmp_path, {C: competency("Usar tickets de salida para ajustar la clase.", "es-MX")})
    assert 'competency does not start with "El docente" or "La docente"' in warnings(root)


@pytest.mark.parametrize("language, text", [
    ("fr", "L'enseignant utilise des billets de sortie pour ajuster la leçon."),
    ("ar", "يستخدم المعلم بطاقات الخروج لتعديل الدرس التالي."),
])
def test_a_competency_in_a_language_without_a_rule_gets_no_wording_warning(tmp_path, language, text):
    assert not [w for w in warnings(project_with(tmp_path, {C: competency(text, language)})) if "competency" in w]
