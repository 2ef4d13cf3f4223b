"""The quality lint: warnings beyond the schema, errors with --strict."""

from __future__ import annotations

from pathlib import Path

import yaml

from microcred.pipeline import load_catalog

from conftest import run_validate

EXIT_TICKETS = "catalog/acme/credentials/exit-tickets.yml"


def edit(project: Path, **fields) -> None:
    """Rewrite the fixture credential with some fields changed (None removes one)."""
    path = project / EXIT_TICKETS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in fields.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def warnings_for(project: Path, json_path_start: str) -> list[str]:
    result = load_catalog(project)
    return [
        p.as_text() for p in result.problems
        if p.path == EXIT_TICKETS and p.severity == "warning" and p.json_path.startswith(json_path_start)
    ]


def data(project: Path) -> dict:
    return yaml.safe_load((project / EXIT_TICKETS).read_text(encoding="utf-8"))


def test_competency_must_start_with_the_educator_or_the_learner(project):
    edit(project, competency="Teachers use exit tickets to adjust the next lesson.")
    assert warnings_for(project, "$.competency") == [
        f'{EXIT_TICKETS}:6:13: warning: competency does not start with "The educator" or "The learner" '
        '($.competency) — state what the educator (or learner) can do, e.g. "The educator uses exit tickets to ..."'
    ]


def test_competency_of_the_learner_is_accepted(project):
    edit(project, competency="The learner explains a fraction on a number line.")
    assert warnings_for(project, "$.competency") == []


def test_competency_of_two_sentences_is_flagged(project):
    edit(project, competency="The educator uses exit tickets. The educator adjusts the next lesson.")
    assert warnings_for(project, "$.competency") == [
        f"{EXIT_TICKETS}:6:13: warning: competency is more than one sentence ($.competency) — a micro-credential "
        "verifies one competency: state it in one sentence and move the rest to key_method"
    ]


def test_competency_with_a_decimal_or_abbreviation_mid_sentence_is_one_sentence(project):
    edit(project, competency="The educator uses e.g. exit tickets to reach 2.5 times more students.")
    assert warnings_for(project, "$.competency") == []


def test_fewer_than_two_research_entries_is_flagged(project):
    assert warnings_for(project, "$.research") == [
        f"{EXIT_TICKETS}:13:3: warning: 1 research entry; a key method should rest on at least 2 ($.research) "
        "— add another peer-reviewed study or practice guide with its doi or url"
    ]
    research = data(project)["research"]
    edit(project, research=[*research, {"citation": "Wiliam, D. (2011). Embedded formative assessment.", "url": "https://example.org/efa"}])
    assert warnings_for(project, "$.research") == []


def test_part_without_word_limit_is_flagged_by_its_id(project):
    assert [w.split(": warning: ")[1] for w in warnings_for(project, "$.submission")] == [
        "part `evidence` has no word_limit ($.submission.parts[1]) — set word_limit so educators know how "
        "much to write (for evidence: the written commentary)"
    ]


def test_duplicate_resource_urls_are_flagged_on_the_repeat(project):
    first = data(project)["resources"][0]
    edit(project, resources=[first, {**first, "title": "Again", "url": first["url"].upper() + "/"}])
    assert [w.split(": warning: ")[1] for w in warnings_for(project, "$.resources")] == [
        "resource URL repeats resource 1: HTTPS://WWW.EDUTOPIA.ORG/EXIT-TICKETS/ ($.resources[1].url) "
        "— list each resource once; merge the two entries"
    ]


def test_summary_longer_than_a_card_shows_is_flagged(project):
    edit(project, summary="x" * 200)
    assert warnings_for(project, "$.summary") == []
    edit(project, summary="x" * 201)
    assert [w.split(": warning: ")[1] for w in warnings_for(project, "$.summary")] == [
        "summary is 201 characters; catalog cards show about 200 ($.summary) — shorten it to 200 characters "
        "or fewer; details belong in the competency and key method"
    ]


def test_warnings_do_not_stop_the_catalog_from_building(project):
    result = load_catalog(project)
    assert any(p.severity == "warning" for p in result.problems)
    assert result.ok and "exit-tickets" in result.catalog.credentials


def test_validate_prints_warnings_and_succeeds(project):
    result = run_validate(project)
    assert result.returncode == 0
    assert f"{EXIT_TICKETS}:34:7: warning: part `evidence` has no word_limit" in result.stdout
    assert result.stderr.strip() == "0 errors, 7 warnings in 3 files"  # 3 of them: no ctid


def test_strict_turns_warnings_into_errors(project):
    result = run_validate(project, "--strict")
    assert result.returncode == 1
    assert f"{EXIT_TICKETS}:34:7: error: part `evidence` has no word_limit" in result.stdout
    assert "warning:" not in result.stdout
    assert result.stderr.strip() == "7 errors, 0 warnings in 3 files"


def test_placeholder_left_in_a_value_is_an_error(project):
    edit(project, key_method="TODO: The educator plans ...")
    result = load_catalog(project)
    assert not result.ok
    assert [p.as_text() for p in result.problems if p.is_error] == [
        f"{EXIT_TICKETS}:7:13: error: placeholder `TODO` left in `key_method`: TODO: The educator plans ... "
        "($.key_method) — replace it with the real value; the comment above the field explains it"
    ]


def test_lint_of_a_schema_invalid_file_reports_schema_errors_without_crashing(project):
    edit(project, research="Black and Wiliam", resources=[1, "x"], submission={"parts": 5}, competency=7, summary=None)
    result = run_validate(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert f"{EXIT_TICKETS}:" in result.stdout
