"""Credential Engine ids: checked on the line, never shared, minted by `make new`, derived when absent."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from microcred.exports import export_files
from microcred.pipeline import load_catalog
from test_scaffold import run_new

from catalog_cases import CREDENTIAL, PATHWAY, errors, minimal_text, project_with
from conftest import REPO, SITE_URL

CTID = re.compile(r"ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
F = CREDENTIAL
WRITTEN = "ce-4f0c7e1a-9b2d-4c3e-8f5a-6b7c8d9e0f1a"
LINE = len(minimal_text(F).splitlines()) + 1  # where with_ctid writes it


def with_ctid(value: str, relative: str = F) -> str:
    """The fixture file with a `ctid` line added at its end."""
    return minimal_text(relative) + f"ctid: {value}\n"


def warnings(root) -> list[str]:
    return [p.as_text() for p in load_catalog(root).problems if not p.is_error]


def test_malformed_ctid_is_explained_with_a_new_one_to_copy(tmp_path):
    [error] = errors(project_with(tmp_path, {F: with_ctid("4f0c7e1a-9b2d")}))
    prefix = f'{F}:{LINE}:7: error: `"4f0c7e1a-9b2d"` is not a valid ctid ($.ctid) — write `ce-` and a lowercase UUID, e.g. this new one: ctid: '
    assert error.startswith(prefix) and CTID.fullmatch(error.removeprefix(prefix))


def test_uppercase_ctid_is_given_back_in_lowercase(tmp_path):
    [error] = errors(project_with(tmp_path, {F: with_ctid(WRITTEN.upper().replace("CE-", "ce-"))}))
    assert error.endswith(f"— write it in lowercase: ctid: {WRITTEN}")


def test_ctid_without_its_prefix_is_given_back_with_it(tmp_path):
    [error] = errors(project_with(tmp_path, {F: with_ctid(WRITTEN.removeprefix("ce-"))}))
    assert error.endswith(f"— start it with `ce-`: ctid: {WRITTEN}")


def test_a_ctid_used_twice_is_an_error_naming_both_files(tmp_path):
    pathway_line = len(minimal_text(PATHWAY).splitlines()) + 1
    [error] = errors(project_with(tmp_path, {F: with_ctid(WRITTEN), PATHWAY: with_ctid(WRITTEN, PATHWAY)}))
    # files are compared in path order: the credential comes first, so the pathway is reported
    prefix = (f"{PATHWAY}:{pathway_line}:7: error: ctid `{WRITTEN}` is also the ctid of {F} (line {LINE}) ($.ctid) — every issuer, "
              "credential and pathway needs its own: keep it in the definition the Registry knows it for, and give this one a new ctid: ")
    assert error.startswith(prefix) and CTID.fullmatch(error.removeprefix(prefix))


def test_written_ctid_is_accepted_without_a_warning(tmp_path):
    root = project_with(tmp_path, {F: with_ctid(WRITTEN)})
    assert [w for w in warnings(root) if w.startswith(F) and "ctid" in w] == []


def test_credential_without_ctid_gets_a_warning_with_the_derived_one_to_write_down(tmp_path):
    root = project_with(tmp_path, {})
    derived = f"ce-{uuid.uuid5(uuid.NAMESPACE_URL, f'{SITE_URL}credentials/exit-tickets/')}"
    assert f"{F}:1:1: warning: no `ctid`: the exports derive one from the page's URL, which changes if the site moves ($) " \
           f"— write down the one in use, so the Credential Registry keeps one record: ctid: {derived}" in warnings(root)
    assert load_catalog(root).ok


def test_derived_ctid_is_the_one_the_exports_use(tmp_path):
    root = project_with(tmp_path, {})
    [hint] = [w for w in warnings(root) if "no `ctid`" in w and w.startswith(F)]
    derived = hint.rsplit("ctid: ", 1)[1]
    files = export_files(load_catalog(root).catalog, SITE_URL, REPO / "schema", datetime(2025, 1, 1, tzinfo=UTC), site_name="T")
    assert f'"ceterms:ctid":"{derived}"' in files["ctdl/credentials/exit-tickets.json"]


def test_make_new_mints_a_fresh_ctid_for_each_credential_and_pathway(project):
    run_new(project, "credential", "--issuer", "acme", "--id", "first-one")
    run_new(project, "credential", "--issuer", "acme", "--id", "second-one")
    run_new(project, "pathway", "--issuer", "acme", "--id", "a-pathway")
    minted = [
        re.search(r"^ctid: (.+)$", (project / path).read_text(encoding="utf-8"), re.M).group(1)
        for path in ("catalog/acme/credentials/first-one.yml", "catalog/acme/credentials/second-one.yml", "catalog/acme/pathways/a-pathway.yml")
    ]
    assert all(CTID.fullmatch(ctid) for ctid in minted)
    assert len(set(minted)) == 3
    assert uuid.UUID(minted[0].removeprefix("ce-")).version == 4
