"""The HTML report in a real browser: it loads nothing, its summary fits one A4 page, and
the chart's labels are never clipped, in both languages.

A PNG of each executive summary is written to test-artifacts/engine/ for review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route

from assessment.engine import assess, render

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "engine"
SAMPLE = (GOLDEN / "sample-answers.json").read_text(encoding="utf-8")
PREVIOUS = (GOLDEN / "sample-previous.json").read_text(encoding="utf-8")
MM = 96 / 25.4
# A4 less the report's @page margins (16 mm top and bottom, 14 mm each side).
PRINT_WIDTH = round((210 - 28) * MM)
PRINT_HEIGHT = (297 - 32) * MM


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_report_summary_fits_one_a4_page_and_loads_nothing(browser: Browser, lang: str) -> None:
    html = render(assess(SAMPLE, PREVIOUS), "html", lang, site_url="https://daleel.example.jo/")
    page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": 1200})
    requested: list[str] = []

    def refuse(route: Route) -> None:
        requested.append(route.request.url)
        route.abort()

    page.route("**/*", refuse)
    page.emulate_media(media="print")
    page.set_content(html, wait_until="load")
    body_top = page.evaluate("document.body.getBoundingClientRect().top")
    bottom = page.evaluate("document.querySelector('.summary').getBoundingClientRect().bottom")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"summary-{lang}.png"),
        clip={"x": 0, "y": 0, "width": PRINT_WIDTH, "height": PRINT_HEIGHT},
    )
    page.close()
    assert requested == []
    assert bottom - body_top <= PRINT_HEIGHT, f"summary ends at {bottom - body_top:.0f} px"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_chart_labels_are_never_clipped(browser: Browser, lang: str) -> None:
    page = browser.new_page(viewport={"width": 900, "height": 900})
    page.set_content(render(assess(SAMPLE), "html", lang), wait_until="load")
    boxes = page.evaluate(
        """() => { const svg = document.querySelector('svg');
          const vb = svg.viewBox.baseVal;
          return [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox();
            return [t.textContent, b.x, b.x + b.width, vb.width]; }); }"""
    )
    page.close()
    assert len(boxes) == 2 * 12
    for label, left, right, width in boxes:
        assert left >= 0 and right <= width, (label, left, right)
