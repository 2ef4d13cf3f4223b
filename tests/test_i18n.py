"""The interface's languages: gettext catalogs that are complete and current, and CLDR's
numbers, dates, currencies and language names (Babel) in the language spoken."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from microcred import display
from microcred.i18n import LOCALES, catalog_status, catalogs, interfaces

from conftest import REPO

UI = interfaces("en")
ENGLISH, SPANISH = UI.available["en"], UI.available["es"]


# CLDR keeps an amount and its currency together with a no-break space.
@pytest.mark.parametrize("ui, expected", [(ENGLISH, "$40"), (SPANISH, "40\u00a0US$")], ids=["en", "es"])
def test_a_price_is_written_as_the_language_writes_it(ui, expected):
    assert display.money(40, "USD", ui) == expected


def test_a_date_an_hour_count_and_a_free_credential_read_in_spanish():
    assert (display.long_date(date(2025, 3, 10), SPANISH), display.hours(1.5, SPANISH), display.hours(1, SPANISH),
            display.money(0, "USD", SPANISH)) == ("10 de marzo de 2025", "1,5 horas", "1 hora", "Gratis")


def test_a_language_is_named_in_the_interfaces_language_and_in_its_own():
    assert (display.language_name("es", ENGLISH), display.language_name("en", SPANISH)) == ("Spanish", "Inglés")
    assert (display.autonym("es"), display.autonym("ar"), display.autonym("fr-CA")) == ("Español", "العربية", "Français (Canada)")


def test_a_vocabulary_label_is_translated():
    assert (display.label("student-work", SPANISH), display.label("9-12", SPANISH)) == ("Trabajos de estudiantes", "Grados 9–12")


def test_a_text_is_framed_by_its_own_languages_catalog_or_else_the_sites():
    assert (UI.for_text("es-MX").tag, UI.for_text("ar").tag, UI.for_text("en-GB").tag) == ("es", "en", "en")


def test_a_counted_message_has_a_form_for_each_plural_category():
    assert SPANISH.plural_forms("%(count)s result", "%(count)s results") == {
        "one": "%(count)s resultado", "other": "%(count)s resultados", "many": "%(count)s resultados"}


@pytest.mark.parametrize("po_file", catalogs(), ids=lambda path: path.parents[1].name)
def test_every_catalog_translates_every_message_and_keeps_its_placeholders(po_file):
    status = catalog_status(po_file)
    assert (status.translated, status.errors) == (status.total, ()), status.as_text()


def test_the_catalogs_hold_every_message_of_the_templates_and_code(tmp_path):
    """Nothing to translate was added since `make translations` last ran."""
    template = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run([pybabel, "-q", "extract", "-F", LOCALES / "babel.cfg", "-k", "Nn_:1,2", "-k", "plural_forms:1,2",
                    "-o", template, "hooks/microcred", "overrides", "schema"], cwd=REPO, check=True)
    with template.open("rb") as source:
        wanted = {message.id for message in read_po(source) if message.id}
    for po_file in catalogs():
        with po_file.open("rb") as source:
            held = {message.id for message in read_po(source) if message.id}
        assert wanted <= held, f"{po_file}: run `make translations`; missing {sorted(map(str, wanted - held))[:5]}"
