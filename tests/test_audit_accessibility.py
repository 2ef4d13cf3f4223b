"""WCAG 2.2 AA audit of every kind of page: axe-core in real Chromium, and a keyboard-only walk."""

from __future__ import annotations

import pytest

from audit_pages import AUDITED, open_page
from axe_audit import blocking_violations, report

pytestmark = pytest.mark.browser

# Everything a keyboard user may need: links, form controls, summaries, scroll regions.
FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]),'
    + ' textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])')]
  .filter(el => el.checkVisibility({visibilityProperty: true}) && !el.closest('[inert], [hidden]'))
  .map(el => (el.dataset.auditKey ||= Math.random().toString(36).slice(2)))"""

# The focused element, and whether its focus shows as an outline or a box shadow.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    && !/rgba\\(.*,\\s*0\\)$|transparent/.test(style.outlineColor);
  return {
    key: (el.dataset.auditKey ||= Math.random().toString(36).slice(2)),
    visible: outline || style.boxShadow !== 'none',
    describe: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
      + ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '"',
  };
}"""


@pytest.mark.parametrize("name", AUDITED)
def test_page_has_no_serious_or_critical_wcag_violation(page, rich_url, axe_source, name):
    path, ready = AUDITED[name]
    open_page(page, rich_url, path, ready)
    found = blocking_violations(page, axe_source)
    assert not found, report(f"{name} page (/{path})", found)


def _focus_shows(page, key: str) -> bool:
    """Whether the page looks different around an element focused and not (by keyboard): the
    check for indicators other than an outline, e.g. the pathway diagram restyles a node's box."""
    box = page.evaluate(
        """k => { const r = document.querySelector(`[data-audit-key='${k}']`).getBoundingClientRect();
        return {x: r.x + scrollX - 4, y: r.y + scrollY - 4, width: r.width + 8, height: r.height + 8}; }""",
        key,
    )
    focused = page.screenshot(full_page=True, clip=box, animations="disabled")
    page.keyboard.press("Shift+Tab")
    unfocused = page.screenshot(full_page=True, clip=box, animations="disabled")
    page.keyboard.press("Tab")
    return focused != unfocused


def _keyboard_walk(page) -> list[dict]:
    """Tab from the top of the page until focus comes back round; the elements reached, in order."""
    limit = len(page.evaluate(FOCUSABLE)) + 20
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and reached and focused["key"] == reached[0]["key"]:
            break
        if focused:
            if not focused["visible"]:
                focused["visible"] = _focus_shows(page, focused["key"])
            reached.append(focused)
    return reached


@pytest.mark.parametrize("name", AUDITED)
def test_keyboard_reaches_every_control_with_visible_focus(page, rich_url, name):
    path, ready = AUDITED[name]
    open_page(page, rich_url, path, ready)
    reached = _keyboard_walk(page)
    controls = page.evaluate(FOCUSABLE)  # after the walk: the theme's script has settled
    keys = {r["key"] for r in reached}
    missed = page.evaluate(
        "keys => keys.map(k => document.querySelector(`[data-audit-key='${k}']`).outerHTML.slice(0, 160))",
        [k for k in controls if k not in keys],
    )
    assert not missed, f"{name} page (/{path}): not reachable with Tab:\n  " + "\n  ".join(missed)
    invisible = [r["describe"] for r in reached if not r["visible"]]
    assert not invisible, f"{name} page (/{path}): focus not visible (no outline, box-shadow or other change) on:\n  " + "\n  ".join(invisible)
