"""A credential page in Chromium on a laptop (1366×900) and a phone (390×844): the
decision to start comes first, and a table of contents leads through the long page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

QWT = "credentials/questioning-wait-time/"
SCREENS = {"laptop": (1366, 900), "phone": (390, 844)}
BOX = "s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.top + scrollY, r.bottom + scrollY, r.width]; }"
SHOWN = "s => [...document.querySelectorAll(s)].some(e => e.checkVisibility())"


@pytest.fixture(params=SCREENS)
def credential_page(request, page, rich_url):
    width, height = SCREENS[request.param]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(rich_url + QWT)
    return request.param, page


def test_earn_action_comes_at_a_glance_before_the_method_and_again_at_the_end(credential_page):
    screen, page = credential_page
    glance = page.evaluate(BOX, ".mc-facts .md-button")
    method = page.evaluate(BOX, "#key-method")
    end = page.evaluate(BOX, ".mc-earn .md-button")
    assert glance[2] > 0 and glance[1] < method[0] < end[0], screen


def test_earn_action_is_in_the_first_screen_of_a_laptop(page, rich_url):
    width, height = SCREENS["laptop"]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(rich_url + QWT)
    assert page.evaluate(BOX, ".mc-facts .md-button")[1] <= height


def test_table_of_contents_is_the_sidebar_on_a_laptop_and_an_outline_on_a_phone(credential_page):
    screen, page = credential_page
    sidebar, outline = page.evaluate(SHOWN, "[data-md-component='toc']"), page.evaluate(SHOWN, ".mc-outline")
    assert (sidebar, outline) == ((True, False) if screen == "laptop" else (False, True))


def test_table_of_contents_leads_to_the_rubric(credential_page):
    screen, page = credential_page
    if screen == "phone":
        page.click(".mc-outline summary")
        page.click(".mc-outline a[href='#submission']")
    else:
        page.click("[data-md-component='toc'] a[href='#submission']")
    page.wait_for_function("() => location.hash === '#submission'")
    top = page.evaluate("document.getElementById('submission').getBoundingClientRect().top")
    assert 0 <= top < SCREENS[screen][1] / 2, screen
