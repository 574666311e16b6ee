"""One visit per page and palette, recording every check the gates make on it.

Opening a page costs far more than checking it, so the site-wide gates share a tour: one tab
in the light palette at 1280 px and one in the dark palette at 390 px visit every page once.
Each visit records what the page requested (nothing from another origin, nothing failed), the
CSP violations it reported, its language and direction, its links, and axe-core's violations
in each state of the accessibility matrix (tests/gates/test_axe.py) that the page belongs to,
changing the viewport and opening the drawer or search in place. The tests then read the
record, one test per page and check, so a failure still names its page.

Every state is checked at rest: reduced motion is emulated (a11y.css then turns transitions
off) and `settle` also waits until no finite animation is running before axe looks.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlparse

from chromium import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import ROOT, RequestLog, new_context
from tests.gates.common import ALL_PAGES, QUERY, SUBSET, lang_of, open_drawer, open_search

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Long enough for a cold Pyodide start on a busy 2-core machine: a wait for a state, not a
# time limit anything is expected to meet.
BOOT_MS = 180_000

# Each palette's tab and, per page, its states in the order they are checked: (name, width,
# action, pages). A state's pages: "all" or "subset" (tests/gates/common.py).
TABS: dict[str, list[tuple[str, int, str, str]]] = {
    "light": [
        ("desktop-light", 1280, "", "all"),
        ("desktop-light-search", 1280, "search", "subset"),
        ("mobile-light", 390, "", "subset"),
        ("mobile-light-drawer", 390, "drawer", "subset"),
    ],
    "dark": [
        ("mobile-dark", 390, "", "all"),
        ("mobile-dark-search", 390, "search", "subset"),
        ("mobile-dark-drawer", 390, "drawer", "subset"),
        ("desktop-dark", 1280, "", "subset"),
    ],
}
# The light tab runs the engine (its requests and CSP are checked); the dark tab keeps the
# Pyodide download out, so the form is checked in its "engine failed" state and no second
# cold start is paid for.
ENGINE = {"light": "ready", "dark": "failed"}
STATES = [name for states in TABS.values() for name, *_ in states]

# Listen for CSP violations from the first script on (an init script runs before the page's).
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`
  + ` at ${e.sourceFile}:${e.lineNumber}`));
"""
# Each page load starts from the palette the tab emulates, not one a previous page stored.
FORGET_PALETTE = """
try { for (const k of Object.keys(localStorage)) if (k.endsWith('__palette'))
  localStorage.removeItem(k); } catch (e) {}
"""

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

# No finite animation or transition still running (infinite ones, e.g. a spinner, never end).
AT_REST = """() => document.getAnimations().every(a => a.playState !== 'running'
  || a.effect === null || a.effect.getComputedTiming().endTime === Infinity)"""

# Only violations are asserted, so only they are collected in full (resultTypes): axe then
# keeps one example node of each passing rule instead of every node it looked at.
RUN_AXE = """async ([within, tags]) => {
  const r = await axe.run(within ? {include: [[within]]} : document,
                          {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' +
      (n.failureSummary || '').split('\\n').slice(0, 3).join(' '))}));
}"""

PAGE_FACTS = """() => ({
  lang: document.documentElement.getAttribute('lang'),
  dir: document.documentElement.getAttribute('dir'),
  bodyDir: document.body.getAttribute('dir'),
  scheme: document.body.getAttribute('data-md-color-scheme'),
  links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  // The assessment's steps are named by the URL fragment (#overview, #domain-2): the page's
  // script shows the step a fragment names, so a step is as good a target as an id.
  ids: [...document.querySelectorAll('[id]')].map(e => e.id)
    .concat([...document.querySelectorAll('[data-step]')].map(e => e.dataset.step)),
})"""

CLOSE = """(id) => { const t = document.getElementById(id);
  if (t && t.checked) { t.checked = false; t.dispatchEvent(new Event('change')); } }"""


@dataclass
class Visit:
    """What one page showed in one palette's tab."""

    path: str
    status: int = 0
    lang: str = ""
    dir: str = ""
    body_dir: str = ""
    scheme: str = ""
    links: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    engine: str | None = None  # data-engine of the self-assessment form, where there is one
    axe: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # What went wrong while loading the page ("load") or reaching a state, by state name: a
    # failure stays with its page and state instead of stopping the tour.
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Tour:
    """Every visit, by palette then path, and the origin the site was served from."""

    origin: str
    visits: dict[str, dict[str, Visit]] = field(default_factory=dict)

    def checked(self) -> int:
        """How many page × state pairs axe looked at."""
        return sum(len(v.axe) for tab in self.visits.values() for v in tab.values())

    def assessment_pages(self, tab: str) -> dict[str, str | None]:
        return {p: v.engine for p, v in self.visits[tab].items() if v.engine is not None}

    def foreign(self, visit: Visit) -> list[str]:
        log = RequestLog(self.origin)
        log.urls = visit.requests
        return log.foreign()


def settle(page: Page) -> None:
    """Wait until fonts are in and nothing is moving: the state as a reader sees it at rest."""
    page.evaluate("() => document.fonts.ready.then(() => undefined)")
    page.wait_for_function(AT_REST)


def axe_violations(page: Page, within: str | None = None) -> list[dict[str, Any]]:
    """axe-core's violations (the gates' tags) in the page as it is now, or in the element
    `within` selects. axe is injected with page.evaluate: the CSP refuses a script tag."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE, [within, TAGS])
    return found


def run_axe(page: Page) -> list[dict[str, Any]]:
    settle(page)
    page.evaluate(LAY_OUT_EVERYTHING)
    return axe_violations(page)


class _Recorder:
    """Requests and console CSP reports of one tab, attributed to the page being visited."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.visit = Visit("")
        context.on("request", lambda r: self.visit.requests.append(r.url))
        context.on("response", self._on_response)
        page.on("console", self._on_console)

    def _on_response(self, response: Any) -> None:
        if response.status >= 400:
            self.visit.failed.append(f"{response.status} {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.visit.csp.append(f"{message.type}: {text[:300]}")


def _wait_for_page(page: Page) -> str | None:
    """The page's own start-up has finished: fonts in, and on the self-assessment page the
    engine's outcome, whichever it is (returned; the tests say which one each tab expects)."""
    outcome = None
    if page.locator("#daleel-assessment").count():
        decided = page.locator("#daleel-assessment[data-engine]")
        expect(decided).to_be_attached(timeout=BOOT_MS)
        outcome = decided.get_attribute("data-engine")
    settle(page)
    return outcome


def _problem(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"


def _act(page: Page, action: str, path: str) -> None:
    if action == "drawer":
        open_drawer(page)
    elif action == "search":
        open_search(page, QUERY[lang_of(path)])


def _reset(page: Page, action: str) -> None:
    if action:
        page.evaluate(CLOSE, "__drawer" if action == "drawer" else "__search")
        toggle = "#__drawer" if action == "drawer" else "#__search"
        expect(page.locator(toggle)).not_to_be_checked()


def _load(page: Page, visit: Visit, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(visit.path, wait_until="load")
    visit.status = response.status if response is not None else 0
    visit.engine = _wait_for_page(page)


def _visit(page: Page, recorder: _Recorder, path: str, tab: str) -> Visit:
    visit = recorder.visit = Visit(path)
    states = TABS[tab]
    try:
        _load(page, visit, states[0][1])
        facts = page.evaluate(PAGE_FACTS)
    except (PlaywrightError, AssertionError) as error:
        visit.errors["load"] = _problem(error)
        return visit
    visit.lang, visit.dir, visit.body_dir = facts["lang"], facts["dir"], facts["bodyDir"]
    visit.scheme, visit.links, visit.ids = facts["scheme"], facts["links"], facts["ids"]
    wanted = states_of(path, tab)
    for name, width, action, _ in states:
        if name not in wanted:
            continue
        try:
            page.set_viewport_size({"width": width, "height": 900})
            _act(page, action, path)
            visit.axe[name] = run_axe(page)
            _reset(page, action)
        except (PlaywrightError, AssertionError) as error:
            visit.errors[name] = _problem(error)
            if not _reload(page, visit, width):
                break
    try:
        visit.csp += page.evaluate("() => window.__csp || []")
    except PlaywrightError as error:
        visit.errors["csp"] = _problem(error)
    recorder.visit = Visit("")
    return visit


def states_of(path: str, tab: str) -> list[str]:
    """The states of the matrix a page is checked in, in one palette's tab."""
    return [name for name, _, _, pages in TABS[tab] if pages == "all" or path in SUBSET]


def _reload(page: Page, visit: Visit, width: int) -> bool:
    """Start the next state from a fresh copy of the page, after a state failed."""
    try:
        _load(page, Visit(visit.path), width)
    except (PlaywrightError, AssertionError) as error:
        visit.errors["reload"] = _problem(error)
        return False
    return True


def _tour_tab(browser: Browser, base_url: str, tab: str, paths: list[str]) -> dict[str, Visit]:
    context = new_context(browser, base_url, color_scheme=tab, service_workers="allow")
    try:
        context.add_init_script(WATCH_CSP + FORGET_PALETTE)
        if ENGINE[tab] == "failed":
            context.route("**/assets/pyodide/**", lambda route: route.abort())
        page = context.new_page()
        recorder = _Recorder(context, page)
        return {path: _visit(page, recorder, path, tab) for path in paths}
    finally:
        context.close()


def _tour_tab_in_own_browser(base_url: str, tab: str, paths: list[str]) -> dict[str, Visit]:
    # Playwright's sync API belongs to the thread that started it: this thread starts its own.
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            return _tour_tab(browser, base_url, tab, paths)
        finally:
            browser.close()


def visit_all(browser: Browser, base_url: str, paths: list[str] = ALL_PAGES) -> Tour:
    """Both palettes' tabs at once: the second in a browser of its own on another thread. Each
    visit waits for its page at rest, so the two only share the machine, never a state; most
    of a visit is the renderer's work (layout, axe), which the two browsers share out over
    the cores (the tour took half the suite's browser time in one tab after the other)."""
    first, *others = TABS
    tour = Tour(base_url)
    with ThreadPoolExecutor(max_workers=len(others)) as pool:
        later = {tab: pool.submit(_tour_tab_in_own_browser, base_url, tab, paths) for tab in others}
        tour.visits[first] = _tour_tab(browser, base_url, first, paths)
        for tab, future in later.items():
            tour.visits[tab] = future.result()
    return tour


def internal_targets(path: str, links: list[str], origin: str) -> list[tuple[str, str]]:
    """(site path, fragment) of each link that stays on the site, resolved against the page."""
    own = urlparse(origin).netloc
    found = []
    for href in links:
        url = urlparse(urljoin(origin + path, href))
        if url.scheme in ("http", "https") and url.netloc == own:
            found.append((url.path, url.fragment))
    return found
