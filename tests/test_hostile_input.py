"""Hostile and broken input: the usual `file:line:col: error:` line, a non-zero exit, never a traceback.

Each case is a tiny catalog (the minimal fixture with one change) checked by both
`python -m microcred validate` and `mkdocs build`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalog_cases import CREDENTIAL, ISSUER, PATHWAY, minimal_text, project_with, replaced
from conftest import run_build, run_validate
from site_html import load_page

C = CREDENTIAL
CONTROL_FIX = "remove it; only printable text, tabs and line breaks are allowed"


def _with(files):
    return lambda tmp_path: project_with(tmp_path, files)


def _unreadable(tmp_path: Path) -> Path:
    root = project_with(tmp_path, {"catalog/acme/credentials/unreadable.yml": minimal_text(C)})
    target = root / "catalog/acme/credentials/unreadable.yml"
    target.chmod(0)
    if os.access(target, os.R_OK):  # running as root: permissions do not stop reads
        target.unlink()
        target.mkdir()
    return root


def _symlink(target: str, name: str = "catalog/acme/credentials/linked.yml"):
    def make(tmp_path: Path) -> Path:
        root = project_with(tmp_path, {})
        (root / name).symlink_to(target)
        return root
    return make


def _issuer_linked_from_outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside" / "issuer.yml"  # a valid issuer, so only the link is wrong
    outside.parent.mkdir()
    outside.write_text(minimal_text(ISSUER), encoding="utf-8")
    root = project_with(tmp_path, {ISSUER: None})
    (root / ISSUER).symlink_to(outside)
    return root


def _sparse(size: int):
    def make(tmp_path: Path) -> Path:
        root = project_with(tmp_path, {})
        with (root / C).open("r+b") as handle:
            handle.truncate(size)
        return root
    return make


def _unreadable_message() -> str:
    reason = "is a directory" if os.geteuid() == 0 else "permission denied"
    return f"catalog/acme/credentials/unreadable.yml:1:1: error: cannot read file: {reason} — check that the file exists and is readable"


BOMB = minimal_text(C) + "x: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))

CASES = {
    "malformed YAML": (
        _with({C: replaced(C, "title: Exit Tickets", "title: [Exit Tickets")}),
        f"{C}:2:7: error: YAML syntax error: did not find expected ',' or ']' — check the indentation and quoting on this line and the one above",
    ),
    "tab indentation": (
        _with({C: replaced(C, "status: active", "status:\tactive\n\tversion: x")}),
        f"{C}:3:1: error: YAML syntax error: a tab character where YAML allows only spaces — replace the tab with spaces: YAML indents with spaces, never tabs (set your editor to insert spaces for Tab)",
    ),
    "list where the document mapping belongs": (
        _with({ISSUER: "- name: Acme\n"}),
        f"{ISSUER}:1:1: error: the file must be a mapping of `field: value` lines — start with `title: ...` (or `name: ...` for issuer.yml) at the beginning of a line",
    ),
    "list where a nested mapping belongs": (
        _with({C: replaced(C, "cost: {amount: 0, currency: USD}", "cost: [0, USD]")}),
        f"{C}:55:7: error: `cost` must be a mapping, not a list ($.cost) — write a mapping for `cost`",
    ),
    "text where a list belongs": (
        _with({C: replaced(C, "      criteria:\n        - id: context\n          prompt: Describe your classroom context.\n          passing: Names the grade, subject and learner needs.\n", "      criteria: just text\n")}),
        f"{C}:30:17: error: `criteria` must be a list, not text ($.submission.parts[0].criteria) — write a list for `criteria`",
    ),
    "mapping where text belongs": (
        _with({C: replaced(C, "title: Exit Tickets", "title: {a: 1}")}),
        f"{C}:1:8: error: `title` must be text, not a mapping ($.title) — write text for `title`",
    ),
    "list as a field name": (
        _with({C: replaced(C, "title: Exit Tickets", "? [a, b]\n: c\ntitle: Exit Tickets")}),
        f"{C}:1:3: error: a field name must be plain text — write `name: value`, with the name as a plain word",
    ),
    "unreadable file": (_unreadable, _unreadable_message()),
    "symlink to a file outside the catalog": (
        _symlink("/etc/passwd"),
        "catalog/acme/credentials/linked.yml:1:1: error: symlink points outside the catalog — replace the link with the file itself",
    ),
    "symlink to an issuer folder outside the catalog": (
        _symlink("/etc", "catalog/outside"),
        "catalog/outside:1:1: error: symlink points outside the catalog — replace the link with the folder itself",
    ),
    "broken symlink": (
        _symlink("nowhere.yml"),
        "catalog/acme/credentials/linked.yml:1:1: error: cannot read file: no such file or directory — check that the file exists and is readable",
    ),
    "12 MB file": (
        _sparse(12_000_000),
        f"{C}:1:1: error: file is 12,000,000 bytes; the limit is 1,000,000 — split it up or remove the bulk; a credential is usually under 20 KB",
    ),
    "deep nesting": (
        _with({C: minimal_text(C) + "extra: " + "[" * 5000 + "]" * 5000 + "\n"}),
        f"{C}:58:28: error: values are nested more than 20 levels deep — flatten the structure; definitions need only a few levels",
    ),
    "unknown tag": (
        _with({C: replaced(C, "title: Exit Tickets", "title: !!python/name:os.system")}),
        f"{C}:1:8: error: tag `!!python/name:os.system` is not allowed ($.title) — remove the tag; definitions hold plain text, numbers, dates, lists and mappings",
    ),
    "billion laughs": (
        _with({C: BOMB}),
        f"{C}:62:17: error: file expands to more than 50,000 values (alias or anchor bomb?) — write the values out without `&anchors` and `*aliases`",
    ),
    "merge key": (
        _with({C: replaced(C, "title: Exit Tickets", "base: &b {x: 1}\n<<: *b\ntitle: Exit Tickets")}),
        f"{C}:2:1: error: merge keys (`<<:`) are not supported — write the fields out in full",
    ),
    "undefined alias": (
        _with({C: replaced(C, "title: Exit Tickets", "title: *nothing")}),
        f"{C}:1:8: error: alias `*nothing` refers to an anchor that is not defined before it — define `&name` before using `*name`, or write the value out",
    ),
    "NUL byte in the file": (
        _with({C: minimal_text(C).encode().replace(b"Exit Tickets", b"Exit\x00Tickets")}),
        f"{C}:1:12: error: file contains the control character U+0000 — {CONTROL_FIX}",
    ),
    "escaped control character in a string": (
        _with({C: replaced(C, "title: Exit Tickets", 'title: "Exit\\x1b[31mTickets"')}),
        f"{C}:1:8: error: text contains the control character U+001B ($.title) — {CONTROL_FIX}",
    ),
    "invalid UTF-8": (
        _with({C: minimal_text(C).encode().replace(b"Exit Tickets", b"Exit \xc3\x28Tickets")}),
        f"{C}:1:13: error: file is not valid UTF-8 (byte 0xc3) — save the file with UTF-8 encoding",
    ),
    "empty file": (
        _with({PATHWAY: "\n\n"}),
        f"{PATHWAY}:1:1: error: file is empty — fill in the fields; `make new` writes a template to start from",
    ),
    "very long line": (
        _with({C: replaced(C, "title: Exit Tickets", "title: " + "x" * 200_000)}),
        f"{C}:1:8: error: `title` is 200000 characters; the limit is 120 ($.title) — shorten it; the full text belongs in the markdown fields",
    ),
    "NaN hours": (
        _with({C: replaced(C, "estimated_hours: 3", "estimated_hours: .nan")}),
        f"{C}:54:18: error: `.nan` is not a finite number ($.estimated_hours) — write a finite number such as 2.5",
    ),
    "infinite cost": (
        _with({C: replaced(C, "cost: {amount: 0,", "cost: {amount: .inf,")}),
        f"{C}:55:16: error: `.inf` is not a finite number ($.cost.amount) — write a finite number such as 2.5",
    ),
    "symlinked issuer.yml outside the catalog": (
        _issuer_linked_from_outside,
        f"{ISSUER}:1:1: error: symlink points outside the catalog — replace the link with the file itself",
    ),
    "two unknown fields": (
        _with({C: replaced(C, "title: Exit Tickets", "titel: Exit Tickets\ntitle: Exit Tickets\nstaus: active")}),
        (f"{C}:1:1: error: unknown field `titel` ($.titel) — did you mean `title`?",
         f"{C}:3:1: error: unknown field `staus` ($.staus) — did you mean `status`?"),
    ),
    "newline in a field name": (
        _with({C: replaced(C, "title: Exit Tickets", '"titl\\ne": x\ntitle: Exit Tickets')}),
        f"{C}:1:1: error: unknown field `titl\\ne` ($.titl\\ne) — did you mean `title`?",
    ),
}
EMOJI_TITLE = "Exit Tickets \U0001F600 \U0001D4DC \U0001F469\u200d\U0001F3EB"
# Unusual but valid input: it must validate and build the credential page with its title.
ACCEPTED = {
    "emoji title": (_with({C: replaced(C, "title: Exit Tickets", f"title: {EMOJI_TITLE}")}), EMOJI_TITLE),
}


@pytest.mark.parametrize("make, expected", CASES.values(), ids=CASES.keys())
def test_hostile_input_gets_one_line_and_no_traceback(tmp_path, make, expected):
    lines = {expected} if isinstance(expected, str) else set(expected)  # a tuple: every one of its lines
    root = make(tmp_path)
    checked = run_validate(root)
    assert checked.returncode == 1
    assert lines <= set(checked.stdout.splitlines())
    built = run_build(root, tmp_path / "site")
    assert built.returncode == 1
    assert lines <= set(built.stderr.splitlines())
    for output in (checked, built):
        assert "Traceback" not in output.stdout + output.stderr


@pytest.mark.parametrize("make, title", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_unusual_valid_input_validates_and_builds(tmp_path, make, title):
    root = make(tmp_path)
    checked = run_validate(root)
    assert checked.returncode == 0, checked.stdout
    built = run_build(root, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert load_page(tmp_path / "site", "credentials/exit-tickets/").h1s() == [title]
    for output in (checked, built):
        assert "Traceback" not in output.stdout + output.stderr


def test_missing_catalog_folder_is_reported_by_validate_and_build(tmp_path):
    root = project_with(tmp_path, {})
    shutil.rmtree(root / "catalog")
    checked, built = run_validate(root), run_build(root, tmp_path / "site")
    assert (checked.returncode, built.returncode) == (1, 1)
    assert checked.stdout.splitlines() == ["catalog/:1:1: error: catalog folder not found — create catalog/<issuer-id>/issuer.yml"]
    # mkdocs refuses first: the catalog folder is in its `watch` list
    assert f"Config value 'watch': The path '{root / 'catalog'}' isn't an existing file or directory." in built.stderr
    assert "Traceback" not in checked.stderr + built.stdout + built.stderr
