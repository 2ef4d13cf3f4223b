"""Printing a credential page gives the complete rubric and none of the site's navigation."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from audit_pages import AUDITED, open_page
from conftest import require

pytestmark = pytest.mark.browser

CREDENTIAL_ID = AUDITED["credential"][0].strip("/").rsplit("/", 1)[-1]
PATHWAY_ID = AUDITED["pathway"][0].strip("/").rsplit("/", 1)[-1]
# Text that only the header, tabs, header search and footer show.
CHROME = ("Pathways Issuers Contribute", "Search the catalog", "Made with", "Skip to content")
# pdftotext reads a table row line by line across its cells, so a prompt wrapped in its
# cell comes out as pieces with lines of the other cells (at most one per column) between.
MAX_LINES_BETWEEN = 8


def _normal(text: str) -> str:
    """Ligatures and runs of white space folded away, so text compares as it reads."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _continues(lines: list[str], rest: str, last: int) -> bool:
    """Whether the rest of a text follows line `last` as whole-word line pieces, in order
    (backtracking: a short piece such as "the" may belong to another cell)."""
    if not rest:
        return True
    for index in range(last + 1, min(len(lines), last + 1 + MAX_LINES_BETWEEN)):
        piece = lines[index]
        if piece and rest.startswith(piece) and rest[len(piece):len(piece) + 1] in ("", " "):
            if _continues(lines, rest[len(piece):].lstrip(), index):
                return True
    return False


def _shows(lines: list[str], text: str) -> bool:
    """Whether the PDF shows the text whole: in one line, or wrapped in a table cell."""
    text = _normal(text)
    return any(text in line for line in lines) or any(
        _continues(lines, text, start - 1) for start, line in enumerate(lines) if line and text.startswith(line)
    )


def _print(browser, rich_url, tmp_path_factory, kind: str) -> list[str]:
    """The lines of one audited page printed to PDF by Chromium and read back by pdftotext."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    context = browser.new_context()
    tab = context.new_page()
    open_page(tab, rich_url, *AUDITED[kind])
    tab.emulate_media(media="print")
    pdf = tmp_path_factory.mktemp("print") / f"{kind}.pdf"
    tab.pdf(path=str(pdf), format="A4", print_background=False)
    context.close()
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [_normal(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def printed(browser, rich_url, tmp_path_factory) -> list[str]:
    return _print(browser, rich_url, tmp_path_factory, "credential")


@pytest.fixture(scope="module")
def printed_pathway(browser, rich_url, tmp_path_factory) -> list[str]:
    return _print(browser, rich_url, tmp_path_factory, "pathway")


@pytest.fixture(scope="module")
def credential(catalog):
    return catalog.credentials[CREDENTIAL_ID]


def test_printed_credential_has_every_criterion_prompt(printed, credential):
    prompts = [c.prompt for part in credential.submission.parts for c in part.criteria]
    missing = [p for p in prompts if not _shows(printed, p)]
    assert prompts and not missing, f"printed {CREDENTIAL_ID}: criteria missing from the PDF: {missing}"


def test_printed_credential_has_what_every_criterion_must_show_to_pass(printed, credential):
    passing = [c.passing for part in credential.submission.parts for c in part.criteria]
    missing = [p for p in passing if not _shows(printed, p)]
    assert passing and not missing, f"printed {CREDENTIAL_ID}: passing descriptions missing from the PDF: {missing}"


def test_printed_credential_has_every_scale_label(printed, credential):
    missing = [level.label for level in credential.submission.scale if not _shows(printed, level.label)]
    assert not missing, f"printed {CREDENTIAL_ID}: scale labels missing from the PDF: {missing}"


def test_printed_credential_has_no_navigation_chrome(printed):
    text = " ".join(printed)
    shown = [chrome for chrome in CHROME if chrome in text]
    assert not shown, f"printed {CREDENTIAL_ID}: navigation chrome in the PDF: {shown}"


def test_printed_pathway_has_every_stage_and_credential_and_no_navigation(printed_pathway, catalog):
    pathway = catalog.pathways[PATHWAY_ID]
    expected = [stage.title for stage in pathway.stages] + [catalog.credentials[c].title for c in pathway.credential_ids]
    missing = [text for text in expected if not _shows(printed_pathway, text)]
    assert not missing, f"printed {PATHWAY_ID}: missing from the PDF: {missing}"
    text = " ".join(printed_pathway)
    assert not [chrome for chrome in CHROME if chrome in text]


def test_printed_pathway_is_a_staff_plan_with_a_check_box_and_hours_per_credential(printed_pathway, catalog):
    pathway = catalog.pathways[PATHWAY_ID]
    assert _shows(printed_pathway, "Staff plan")
    assert len([line for line in printed_pathway if line.startswith("☐")]) == len(pathway.credential_ids)
    hours = {f"{catalog.credentials[cid].estimated_hours:g} hour" for cid in pathway.credential_ids}
    assert [h for h in hours if not any(h in line for line in printed_pathway)] == []
