"""axe-core (WCAG 2.0/2.1/2.2 A and AA, and best practice) on the built site, in Chromium.

The matrix, chosen so the run stays within a few minutes on two cores:

- every page (both languages, and the 404 page) at 1280 px in the light palette, and at
  390 px in the dark palette;
- a representative subset in both languages (home, a chapter with obligation boxes, the
  glossary with its table, the self-assessment form, and the 404 page) in the other
  two viewport/palette pairings, with the navigation drawer open (390 px, both palettes) and
  with search open and showing highlighted results (1280 px light, 390 px dark).

Each state is one test that visits its pages in one browser tab and reports every violation
at once. The site's CSP stays on: axe is evaluated through the DevTools protocol.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import ROOT
from tests.gates.common import ALL_PAGES, QUERY, SUBSET, lang_of, open_drawer, open_search

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@dataclass(frozen=True)
class State:
    name: str
    width: int
    scheme: str  # "light" | "dark"
    pages: tuple[str, ...]
    action: str = ""  # "" | "drawer" | "search"


STATES = [
    State("desktop-light", 1280, "light", tuple(ALL_PAGES)),
    State("mobile-dark", 390, "dark", tuple(ALL_PAGES)),
    State("desktop-dark", 1280, "dark", tuple(SUBSET)),
    State("mobile-light", 390, "light", tuple(SUBSET)),
    State("mobile-light-drawer", 390, "light", tuple(SUBSET), "drawer"),
    State("mobile-dark-drawer", 390, "dark", tuple(SUBSET), "drawer"),
    State("desktop-light-search", 1280, "light", tuple(SUBSET), "search"),
    State("mobile-dark-search", 390, "dark", tuple(SUBSET), "search"),
]
CHECKED: dict[str, int] = {}

# The assessment form skips the layout of off-screen questions (content-visibility: auto).
# Measured off screen, such a question keeps its placeholder height while its content is laid
# out for the query, so axe sees it overlap the next element (target-size "obscured"), which
# never happens on screen. Lay everything out first, as a reader scrolling would (through the
# CSSOM, which the CSP allows).
LAY_OUT_EVERYTHING = """() => {
  for (const e of document.querySelectorAll('body *')) {
    if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
  }
}"""

RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' +
      (n.failureSummary || '').split('\\n').slice(0, 3).join(' '))}));
}"""


@pytest.fixture
def tab(
    browser: Browser, base_url: str, request: pytest.FixtureRequest
) -> Iterator[tuple[State, Page]]:
    state: State = request.param
    ctx = browser.new_context(
        base_url=base_url,
        viewport={"width": state.width, "height": 900},
        color_scheme=state.scheme,  # type: ignore[arg-type]
        # Opened panels are checked at rest, not mid-transition.
        reduced_motion="reduce" if state.action else "no-preference",
    )
    # The engine's start-up is not what is checked here: keep the Pyodide download out.
    ctx.route("**/assets/pyodide/**", lambda route: route.abort())
    yield state, ctx.new_page()
    ctx.close()


def _open(page: Page, state: State, path: str) -> None:
    if state.action == "drawer":
        open_drawer(page)
    elif state.action == "search":
        open_search(page, QUERY[lang_of(path)])


@pytest.mark.parametrize("tab", STATES, ids=[s.name for s in STATES], indirect=True)
def test_no_axe_violations(tab: tuple[State, Page]) -> None:
    state, page = tab
    failures: dict[str, Any] = {}
    for path in state.pages:
        response = page.goto(path, wait_until="domcontentloaded")
        assert response is not None and response.status == 200, path
        page.evaluate("() => document.fonts.ready.then(() => undefined)")
        scheme = page.locator("body").get_attribute("data-md-color-scheme")
        assert scheme == ("slate" if state.scheme == "dark" else "default"), path
        _open(page, state, path)
        page.evaluate(LAY_OUT_EVERYTHING)
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(RUN_AXE, TAGS)
        if violations:
            failures[path] = violations
    CHECKED[state.name] = len(state.pages)
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_matrix_size() -> None:
    """The report's count: pages × states checked (when the matrix above ran in this session)."""
    assert len(ALL_PAGES) >= 39
    assert len(SUBSET) == 9
    expected = 2 * len(ALL_PAGES) + 6 * len(SUBSET)
    if len(CHECKED) == len(STATES):
        assert sum(CHECKED.values()) == expected
