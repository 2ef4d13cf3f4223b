"""Safe loading: every refusal names the file, line and column and says what to do."""

from __future__ import annotations

import pytest

from microcred.pipeline import load_catalog

from catalog_cases import CREDENTIAL, errors, minimal_text, project_with, replaced

F = CREDENTIAL
CASES = {
    "duplicate key": (
        replaced(F, "status: active\n", "status: active\nstatus: retired\n"),
        f"{F}:3:1: error: duplicate field `status` (first at line 2) ($.status) — remove one of the two; YAML would silently keep only the last",
    ),
    "python tag": (
        replaced(F, "title: Exit Tickets", "title: !!python/object/apply:os.system ['echo hi']"),
        f"{F}:1:8: error: tag `!!python/object/apply:os.system` is not allowed ($.title) — remove the tag; definitions hold plain text, numbers, dates, lists and mappings",
    ),
    "custom tag": (
        replaced(F, "title: Exit Tickets", "title: !secret Exit"),
        f"{F}:1:8: error: tag `!secret` is not allowed ($.title) — remove the tag; definitions hold plain text, numbers, dates, lists and mappings",
    ),
    "alias bomb": (
        minimal_text(F) + "x: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(6)),
        f"{F}:62:17: error: file expands to more than 50,000 values (alias or anchor bomb?) — write the values out without `&anchors` and `*aliases`",
    ),
    "file over 1 MB": (
        b"title: x\n# " + b"a" * 1_100_000 + b"\n",
        f"{F}:1:1: error: file is 1,100,012 bytes; the limit is 1,000,000 — split it up or remove the bulk; a credential is usually under 20 KB",
    ),
    "nesting too deep": (
        minimal_text(F) + "extra: " + "[" * 30 + "]" * 30 + "\n",
        f"{F}:58:28: error: values are nested more than 20 levels deep — flatten the structure; definitions need only a few levels",
    ),
    "empty file": ("", f"{F}:1:1: error: file is empty — fill in the fields; `make new` writes a template to start from"),
    "only comments": ("# title: later\n", f"{F}:1:1: error: file is empty — fill in the fields; `make new` writes a template to start from"),
    "list document": (
        "- a\n- b\n",
        f"{F}:1:1: error: the file must be a mapping of `field: value` lines — start with `title: ...` (or `name: ...` for issuer.yml) at the beginning of a line",
    ),
    "invalid UTF-8": (
        minimal_text(F).encode().replace(b"published: 2025", b"published: \xff2025"),
        f"{F}:4:12: error: file is not valid UTF-8 (byte 0xff) — save the file with UTF-8 encoding",
    ),
    "syntax error": (
        replaced(F, "title: Exit Tickets", "title: [Exit Tickets"),
        f"{F}:2:7: error: YAML syntax error: did not find expected ',' or ']' — check the indentation and quoting on this line and the one above",
    ),
    "two documents": (
        minimal_text(F) + "---\ntitle: again\n",
        f"{F}:58:1: error: file holds more than one YAML document — remove the `---` line and everything after it, or move it to its own file",
    ),
    "control character": (
        replaced(F, "title: Exit Tickets", 'title: "Exit\\0Tickets"'),
        f"{F}:1:8: error: text contains the control character U+0000 ($.title) — remove it; only printable text, tabs and line breaks are allowed",
    ),
    "NaN": (
        replaced(F, "estimated_hours: 3", "estimated_hours: .nan"),
        f"{F}:54:18: error: `.nan` is not a finite number ($.estimated_hours) — write a finite number such as 2.5",
    ),
    "infinity in a nested mapping": (
        replaced(F, "cost: {amount: 0,", "cost: {amount: .inf,"),
        f"{F}:55:16: error: `.inf` is not a finite number ($.cost.amount) — write a finite number such as 2.5",
    ),
    "float that overflows to infinity": (
        replaced(F, "estimated_hours: 3", "estimated_hours: 1.0e+400"),
        f"{F}:54:18: error: `1.0e+400` is not a finite number ($.estimated_hours) — write a finite number such as 2.5",
    ),
    "integer too large for a float": (
        replaced(F, "cost: {amount: 0,", "cost: {amount: 1" + "0" * 400 + ","),
        f"{F}:55:16: error: `{'1' + '0' * 38}…` is not a finite number ($.cost.amount) — write a finite number such as 2.5",
    ),
}


@pytest.mark.parametrize("content, expected", CASES.values(), ids=CASES.keys())
def test_refusal_names_file_line_and_fix(tmp_path, content, expected):
    assert expected in errors(project_with(tmp_path, {F: content}))


@pytest.mark.parametrize("edit, expected", [
    (("estimated_hours: 3", "estimated_hours: .inf"), f"{F}:54:18: error: `.inf` is not a finite number ($.estimated_hours) — write a finite number such as 2.5"),
    (("estimated_hours: 3", "estimated_hours: -.inf"), f"{F}:54:18: error: `-.inf` is not a finite number ($.estimated_hours) — write a finite number such as 2.5"),
    (("word_limit: 300", "word_limit: -.Inf"), f"{F}:29:19: error: `-.Inf` is not a finite number ($.submission.parts[0].word_limit) — write a finite number such as 2.5"),
], ids=["above the maximum", "below the minimum", "where a whole number belongs"])
def test_infinity_is_reported_once_not_again_by_the_schema(tmp_path, edit, expected):
    assert errors(project_with(tmp_path, {F: replaced(F, *edit)})) == [expected]


def test_infinity_where_text_belongs_also_says_text_is_expected(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "roles: [teacher]", "roles: [teacher]\ntags: [.inf]")})
    assert errors(root) == [
        f"{F}:52:8: error: `.inf` is not a finite number ($.tags[0]) — write a finite number such as 2.5",
        f"{F}:52:8: error: `tags` must be text, not a number ($.tags[0]) — write text for `tags`",
    ]


def test_byte_order_mark_is_accepted(tmp_path):
    root = project_with(tmp_path, {F: b"\xef\xbb\xbf" + minimal_text(F).encode()})
    assert errors(root) == []


def test_twelve_megabyte_file_is_refused_by_size_without_reading(tmp_path, monkeypatch):
    root = project_with(tmp_path, {})
    with (root / F).open("r+b") as handle:
        handle.truncate(12_000_000)  # sparse: 12 MB on stat, nothing to parse
    from pathlib import Path

    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self.name) or real_open(self, *a, **k))
    assert f"{F}:1:1: error: file is 12,000,000 bytes; the limit is 1,000,000 — split it up or remove the bulk; a credential is usually under 20 KB" in errors(root)
    assert "exit-tickets.yml" not in opened


def test_rechecking_an_edited_file_keeps_only_its_latest_version_cached(project):
    from microcred import pipeline

    credential = project / "catalog/acme/credentials/exit-tickets.yml"
    text = credential.read_text(encoding="utf-8")
    for hours in range(1, 6):  # five saves, as under `make serve`
        credential.write_text(text.replace("estimated_hours: 3", f"estimated_hours: {hours}"), encoding="utf-8")
        assert load_catalog(project).ok
    cached = [key for key in pipeline._checked if key[0] == str(credential.absolute())]
    assert len(cached) == 1
