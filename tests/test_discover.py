"""The catalog's layout: file names are ids, ids are unique, issuers have issuer.yml."""

from __future__ import annotations

from catalog_cases import CREDENTIAL, ISSUER, errors, minimal_text, project_with
from conftest import REPO

ID_FIX = "ids are lowercase letters and digits joined by single hyphens, at most 80 characters, e.g. exit-tickets"


def test_file_name_must_follow_the_id_rule(tmp_path):
    root = project_with(tmp_path, {"catalog/acme/credentials/Exit_Tickets.yml": minimal_text(CREDENTIAL)})
    assert errors(root) == [f"catalog/acme/credentials/Exit_Tickets.yml:1:1: error: file name `Exit_Tickets` is not a valid id — {ID_FIX}: rename it to exit-tickets.yml"]


def test_case_only_collision_is_refused(tmp_path):
    root = project_with(tmp_path, {"catalog/acme/credentials/Exit-Tickets.yml": minimal_text(CREDENTIAL)})
    assert errors(root) == [f"catalog/acme/credentials/Exit-Tickets.yml:1:1: error: file name `Exit-Tickets` is not a valid id — {ID_FIX}: rename it to exit-tickets.yml"]


def test_issuer_folder_without_issuer_yml(tmp_path):
    root = project_with(tmp_path, {ISSUER: None})
    assert errors(root) == ["catalog/acme/:1:1: error: issuer folder has no issuer.yml — add catalog/acme/issuer.yml (make new-issuer ISSUER=acme)"]


def test_yaml_extension_is_refused(tmp_path):
    root = project_with(tmp_path, {"catalog/acme/credentials/extra.yaml": minimal_text(CREDENTIAL)})
    assert errors(root) == ["catalog/acme/credentials/extra.yaml:1:1: error: definition files end in .yml — rename it to extra.yml"]


def test_missing_catalog_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "schema").symlink_to(REPO / "schema")
    assert errors(tmp_path / "empty") == ["catalog/:1:1: error: catalog folder not found — create catalog/<issuer-id>/issuer.yml"]


def test_issuer_yml_linked_from_outside_the_catalog_is_refused(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(minimal_text(ISSUER), encoding="utf-8")
    root = project_with(tmp_path, {ISSUER: None})
    (root / ISSUER).symlink_to(outside)
    assert errors(root) == ["catalog/acme/issuer.yml:1:1: error: symlink points outside the catalog — replace the link with the file itself"]


def test_issuer_yml_linked_within_the_catalog_is_read(tmp_path):
    root = project_with(tmp_path, {})
    (root / "catalog/other").mkdir()
    (root / "catalog/other/issuer.yml").symlink_to("../acme/issuer.yml")
    assert errors(root) == []


def test_empty_catalog_folder_is_one_line_naming_it(tmp_path):
    (tmp_path / "project" / "catalog").mkdir(parents=True)
    (tmp_path / "project" / "schema").symlink_to(REPO / "schema")
    assert errors(tmp_path / "project") == ["catalog/:1:1: error: catalog folder holds no issuer folder — create one: make new-issuer ISSUER=<issuer-id>"]


def test_missing_schema_folder_is_one_line_naming_it(project):
    (project / "schema").unlink()
    assert errors(project) == ["schema/:1:1: error: schema folder or one of its schemas not found — restore schema/ from the repository: every definition is checked against it"]
