"""The build's pool of workers and its shortcuts: the same site as mkdocs' own way, byte for byte."""

from __future__ import annotations

from pathlib import Path

from conftest import run_build

SEARCH_INDEX = "pagefind"  # Pagefind names and orders its files differently from run to run


def site_files(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and SEARCH_INDEX not in p.relative_to(site).parts}


def test_a_build_in_four_workers_writes_the_same_files_as_one_in_a_single_process_the_way_mkdocs_builds_pages(rich_project, tmp_path, monkeypatch):
    # One process, each page read and drawn as mkdocs' own loop does (MICROCRED_MKDOCS_PAGES=1:
    # no GeneratedPage, no shared navigation); four, with the shortcuts of mkdocs_render.py.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    sites = {}
    for workers in ("1", "4"):
        monkeypatch.setenv("MICROCRED_WORKERS", workers)
        monkeypatch.setenv("MICROCRED_MKDOCS_PAGES", "1" if workers == "1" else "0")
        sites[workers] = tmp_path / f"site-{workers}"
        result = run_build(rich_project, sites[workers])
        assert result.returncode == 0, result.stderr
        assert (sites[workers] / SEARCH_INDEX).is_dir()
    one, four = site_files(sites["1"]), site_files(sites["4"])
    assert sorted(one) == sorted(four)
    assert [path for path in one if one[path] != four[path]] == []


def test_a_workers_setting_that_is_not_a_count_stops_the_build_in_one_line(project, monkeypatch):
    monkeypatch.setenv("MICROCRED_WORKERS", "many")
    result = run_build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "MICROCRED_WORKERS='many': write a whole number of worker processes" in output
    assert "Traceback" not in output
