"""WCAG 2.2 AA checks with axe-core in real Chromium: the serious and critical findings of a page.

Shared by the product's audit (tests/test_audit_accessibility.py, on a fixture catalog) and
the catalog checks an adopter's CI runs on whatever catalog/ holds (tests/catalog_checks/).
"""

from __future__ import annotations

import audit_exceptions

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, impact: n.impact || v.impact, target: n.target.join(' '),
    html: n.html.slice(0, 160), summary: n.failureSummary.replace(/\\s+/g, ' ').slice(0, 240),
  })));
}"""


def _excused(violation: dict) -> bool:
    return any(e.matches(violation["rule"], violation["target"]) for e in audit_exceptions.AXE)


def blocking_violations(page, axe_source: str) -> list[dict]:
    """The serious and critical WCAG findings on the page as it is now, theme exceptions left out."""
    # evaluate() runs outside the page's CSP, which would refuse axe as an injected script
    page.evaluate(axe_source)
    return [v for v in page.evaluate(RUN_AXE, WCAG_TAGS) if v["impact"] in BLOCKING and not _excused(v)]


def report(where: str, found: list[dict]) -> str:
    return f"{where}: {len(found)} violation(s)\n" + "\n".join(
        f"  {v['rule']} ({v['impact']}) at {v['target']}: {v['summary']}\n    {v['html']}" for v in found
    )
