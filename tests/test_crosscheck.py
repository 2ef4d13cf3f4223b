"""Checks across files: references, cycles, pathway order, choose, images, ids inside a credential."""

from __future__ import annotations

import pytest

from catalog_cases import CREDENTIAL, PATHWAY, errors, project_with, replaced

C, P = CREDENTIAL, PATHWAY
FEEDBACK = "catalog/acme/credentials/feedback-loops.yml"
CASES = {
    "missing credential in a stage": (
        {P: replaced(P, "credentials: [exit-tickets]", "credentials: [exit-tikets]")},
        f"{P}:7:19: error: credential `exit-tikets` does not exist ($.stages[0].credentials[0]) — did you mean `exit-tickets`?",
    ),
    "prerequisite is a draft": (
        {C: replaced(C, "status: active", "status: draft")},
        f"{FEEDBACK}:5:17: error: prerequisite `exit-tickets` is a draft and will not be published ($.prerequisites[0]) — publish {C} first, or remove the reference",
    ),
    "stage lists a draft": (
        {C: replaced(C, "status: active", "status: draft")},
        f"{P}:7:19: error: credential `exit-tickets` is a draft and will not be published ($.stages[0].credentials[0]) — publish {C} first, or remove the reference",
    ),
    "prerequisite cycle": (
        {C: replaced(C, "status: active\n", "status: active\nprerequisites: [feedback-loops]\n")},
        f"{C}:3:17: error: prerequisite cycle: exit-tickets → feedback-loops → exit-tickets ($.prerequisites[0]) — remove one of these prerequisites so the chain has a start",
    ),
    "stage before its prerequisite": (
        {P: replaced(P, "credentials: [exit-tickets]", "credentials: [feedback-loops]").replace("credentials: [feedback-loops]\ncapstone", "credentials: [exit-tickets]\ncapstone")},
        f"{P}:7:19: error: `feedback-loops` in stage 1 comes before its prerequisite `exit-tickets` in stage 2 ($.stages[0].credentials[0]) — move `exit-tickets` to stage 1 or earlier, or `feedback-loops` later",
    ),
    "choose out of range": (
        {P: replaced(P, "  - title: Start\n", "  - title: Start\n    choose: 2\n")},
        f"{P}:7:13: error: `choose` is 2 but the stage lists 1 credential ($.stages[0].choose) — set `choose` between 1 and 1, or omit it to require all",
    ),
    "image with ..": (
        {C: replaced(C, "status: active\n", "status: active\nimage: ../other/x.png\n")},
        f"{C}:3:8: error: `../other/x.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>",
    ),
    "absolute image path": (
        {C: replaced(C, "status: active\n", "status: active\nimage: /etc/passwd.png\n")},
        f"{C}:3:8: error: `/etc/passwd.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>",
    ),
    "Windows drive letter": (
        {C: replaced(C, "status: active\n", "status: active\nimage: 'C:\\..\\badge.png'\n")},
        f"{C}:3:8: error: `C:\\..\\badge.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>",
    ),
    "missing image": (
        {C: replaced(C, "status: active\n", "status: active\nimage: images/badge.png\n")},
        f"{C}:3:8: error: image `images/badge.png` not found ($.image) — add catalog/acme/images/badge.png, or remove `image` to use a generated badge",
    ),
    "criterion id used twice": (
        {C: replaced(C, "- id: samples", "- id: context")},
        f"{C}:39:15: error: id `context` is used twice in this credential (first at line 31) ($.submission.parts[1].criteria[0].id) — give every scale level, part and criterion its own id; page anchors and exports are built from them",
    ),
    "part id same as a scale level id": (
        {C: replaced(C, "- id: overview", "- id: almost")},
        f"{C}:25:11: error: id `almost` is used twice in this credential (first at line 22) ($.submission.parts[0].id) — give every scale level, part and criterion its own id; page anchors and exports are built from them",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_cross_file_problem_names_the_referring_line(tmp_path, files, expected):
    assert expected in errors(project_with(tmp_path, files))


def test_image_symlinked_outside_the_issuer_folder_is_refused(tmp_path):
    root = project_with(tmp_path, {C: replaced(C, "status: active\n", "status: active\nimage: images/badge.png\n")})
    (root / "catalog/acme/images").mkdir()
    (root / "catalog/acme/images/badge.png").symlink_to("/etc/hostname")
    assert f"{C}:3:8: error: `images/badge.png` is outside the issuer folder ($.image) — put the image in catalog/acme/images/ and write images/<file>" in errors(root)
