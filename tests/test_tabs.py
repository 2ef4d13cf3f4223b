"""A TAB where YAML counts spaces is named as a tab, on its own line and column, wherever it is.

libyaml stops on the tab in every such place but names it only in some; elsewhere it says
"found character that cannot start any token", which sends a contributor looking for a
stray `@`. Tabs YAML accepts (between a value and its `:` or `,`, inside flow
collections) change nothing and are not reported.
"""

from __future__ import annotations

import pytest

from catalog_cases import CREDENTIAL, errors, project_with, replaced

F = CREDENTIAL
TAB = "error: YAML syntax error: a tab character where YAML allows only spaces — replace the tab with spaces: YAML indents with spaces, never tabs (set your editor to insert spaces for Tab)"

# construct: (text replaced, replacement, line:column of the tab)
REFUSED = {
    "before the first key": ("title: Exit Tickets\n", "\ttitle: Exit Tickets\n", "1:1"),
    "before a top-level key": ("status: active\n", "\tstatus: active\n", "2:1"),
    "before a nested key": ("      word_limit: 300\n", "\tword_limit: 300\n", "29:1"),
    "after spaces before a nested key": ("      word_limit: 300\n", "      \tword_limit: 300\n", "29:7"),
    "before a key inside a list item": ("    url: https://www.edutopia.org/exit-tickets\n", "   \turl: https://www.edutopia.org/exit-tickets\n", "17:4"),
    "before a key that opens a mapping": ("  scale:\n", "\tscale:\n", "20:1"),
    "after spaces before a key that opens a mapping": ("  scale:\n", "  \tscale:\n", "20:3"),
    "before a list item": ("    - id: evidence\n", "\t- id: evidence\n", "34:1"),
    "before the first item of a list": ("research:\n  - citation", "research:\n\t- citation", "13:1"),
    "after a list dash": ("    - id: evidence\n", "    -\tid: evidence\n", "34:6"),
    "after a list dash and a space": ("    - id: evidence\n", "    - \tid: evidence\n", "34:7"),
    "after a list dash before a flow mapping": ('    - {id: almost, label: "Almost"}\n', '    -\t{id: almost, label: "Almost"}\n', "22:6"),
    "after an explicit key's ?": ("status: active\n", "?\tstatus\n: active\n", "2:2"),
    "before a quoted key": ("status: active\n", '\t"status": active\n', "2:1"),
    "indenting a value on the line after its colon": ("status: active\n", "status:\n\tactive\n", "3:1"),
    "indenting a mapping on the line after its colon": ("cost: {amount: 0, currency: USD}\n", "cost:\n\tamount: 0\n\tcurrency: USD\n", "56:1"),
    "indenting a list on the line after its colon": ("roles: [teacher]\n", "roles:\n\t- teacher\n", "52:1"),
    "before the closing bracket of a flow list": ("roles: [teacher]\n", "roles: [teacher\n\t]\n", "52:1"),
    "indenting a block scalar's first line": ("  1. Write one question tied to the objective.\n", "\t1. Write one question tied to the objective.\n", "9:1"),
    "indenting a block scalar's later line": ("  2. Sort responses into three piles.\n", "\t2. Sort responses into three piles.\n", "10:1"),
    "indenting a plain value's continuation line": ("summary: Use exit tickets to check understanding at the end of a lesson.\n", "summary: Use exit tickets\n\tto check understanding.\n", "6:1"),
    "alone on a blank line": ("status: active\n", "status: active\n\t\n", "3:1"),
    "before a comment line": ("status: active\n", "status: active\n\t# checked by the issuer\n", "3:1"),
    "before a key in a file with Windows line ends": ("status: active\n", "status: active\r\n\tversion: x\r\n", "3:1"),
}

# construct: (text replaced, replacement): YAML reads these as if the tab were a space.
ACCEPTED = {
    "after a colon": ("status: active\n", "status:\tactive\n"),
    "after a nested colon": ("      word_limit: 300\n", "      word_limit:\t300\n"),
    "between a key and its colon": ("      word_limit: 300\n", "      word_limit\t: 300\n"),
    "after a colon that opens a block": ("submission:\n", "submission:\t\n"),
    "inside a flow list": ("subjects: [mathematics, assessment]\n", "subjects: [\tmathematics,\tassessment]\n"),
    "inside a flow mapping": ("cost: {amount: 0, currency: USD}\n", "cost: {amount:\t0,\tcurrency: USD}\n"),
    "indenting a flow list's continuation line": ("subjects: [mathematics, assessment]\n", "subjects: [mathematics,\n\t\tassessment]\n"),
    "before a trailing comment": ("status: active\n", "status: active\t# checked\n"),
}


@pytest.mark.parametrize("old, new, where", REFUSED.values(), ids=REFUSED.keys())
def test_tab_is_named_on_its_line_and_column(tmp_path, old, new, where):
    file_errors = [e for e in errors(project_with(tmp_path, {F: replaced(F, old, new)})) if e.startswith(F)]
    assert file_errors == [f"{F}:{where}: {TAB}"]


@pytest.mark.parametrize("old, new", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_tab_yaml_reads_as_a_space_is_not_reported(tmp_path, old, new):
    assert errors(project_with(tmp_path, {F: replaced(F, old, new)})) == []


def test_tab_inside_text_stays_text(tmp_path):
    root = project_with(tmp_path, {F: replaced(F, "title: Exit Tickets", 'title: "Exit\tTickets"')})
    assert errors(root) == []

