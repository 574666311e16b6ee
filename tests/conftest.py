"""Shared fixtures: the built site served on loopback, and Debian's Chromium via Playwright.

Tests run against `site/` as built by `make build`; nothing here builds it, so a test run
sees exactly what ships. The site is served by Debian's nginx with the shipped
deploy/nginx.conf (scripts/nginx_server.py), so the headers tested are the headers deployed;
without nginx (or with DALEEL_SERVER=python) a Python http.server stands in, and the tests
that need nginx's headers skip with a visible reason.

Markers (registered in pyproject.toml): `site` for tests that read the built site, `browser`
for tests that drive Chromium. They are added here from the fixtures a test uses and the folder
it lives in, so `make test-fast` (`-m "not site and not browser"`) needs neither a build nor a
browser. Every browser context prefers reduced motion: no test sees, or waits out, an animation.

The site's service worker runs only where a test is about it (marker `service_worker`: the
offline tests, and the site tour, whose later pages it serves). Elsewhere it is blocked: its
install copies the whole site (112 files) into the cache in the background of every new
context, about 1.5 s of CPU that competed with the test, and page.route() cannot see what it
fetches. A page's first visit is never controlled by it (no clients.claim), so what a test sees
is what a first-time reader sees.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS
from mkdocs.utils.yaml import yaml_load
from nginx_server import NGINX, NginxServer
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Dialog,
    FileChooser,
    Page,
    Playwright,
    Response,
    Route,
    sync_playwright,
)
from serve import serve_in_thread

if TYPE_CHECKING:
    from tests.gates.visits import Tour

ROOT = Path(__file__).resolve().parents[1]
# DALEEL_SITE lets a developer test another build directory while site/ is being rebuilt.
SITE = Path(os.environ.get("DALEEL_SITE", ROOT / "site")).resolve()


def configured_site_url() -> str:
    """The address the site is built for: mkdocs.yml's `site_url` (the SITE_URL build input)."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        url = str(yaml_load(fh)["site_url"])
    return url if url.endswith("/") else url + "/"


SITE_URL = configured_site_url()
# The loopback address mkdocs.yml falls back to when SITE_URL is not set.
DEFAULT_SITE_URL = re.search(
    r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]$',
    (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
    re.M,
)[1]  # type: ignore[index]

# Folders whose every test needs the built site (and, for e2e, a browser).
SITE_FOLDERS = {"e2e", "gates", "pdf"}
BROWSER_FIXTURES = {"browser", "context", "page", "playwright_instance", "site_visits"}
SITE_FIXTURES = {"site_dir", "base_url", *BROWSER_FIXTURES}


def _reads_built_files(item: pytest.Item) -> bool:
    """Parametrised over files of the built site (e.g. every page's HTML)."""
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(
        isinstance(v, Path) and v.is_relative_to(SITE) for v in callspec.params.values()
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        folder = item.path.relative_to(ROOT / "tests").parts[0]
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & SITE_FIXTURES or folder in SITE_FOLDERS or _reads_built_files(item):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make build` (make test does it)")
    return SITE


@pytest.fixture(scope="session")
def server_kind() -> str:
    """Which server the tests use: nginx with the shipped config, or Python (no headers)."""
    if os.environ.get("DALEEL_SERVER", "nginx") == "python" or NGINX is None:
        return "python"
    return "nginx"


@pytest.fixture(scope="session")
def base_url(
    site_dir: Path, server_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if server_kind == "nginx":
        nginx = NginxServer(site_dir, tmp_path_factory.mktemp("nginx"))
        yield nginx.url
        nginx.stop()
        return
    with serve_in_thread(site_dir) as url:
        yield url


@pytest.fixture
def needs_nginx(server_kind: str) -> None:
    if server_kind != "nginx":
        pytest.skip("served by Python's http.server, not nginx: response headers not tested")


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    # Playwright's launch() always starts from a new temporary profile of its own
    # (it refuses --user-data-dir), which gives the fresh user-data dir we need.
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def new_context(browser: Browser, base_url: str, **options: Any) -> BrowserContext:
    """A browser context for the site; reduced motion unless a test asks otherwise, so no state
    is ever observed mid-transition (a11y.css turns transitions off for such readers)."""
    options.setdefault("reduced_motion", "reduce")
    options.setdefault("service_workers", "block")  # see the module's docstring
    return browser.new_context(base_url=base_url, **options)


class RequestLog:
    """Every request a page makes, so a test can assert they all stay on the site's origin."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.urls: list[str] = []
        self.failed: list[str] = []

    def foreign(self) -> list[str]:
        own = urlparse(self.origin).netloc
        return [
            u
            for u in self.urls
            if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != own
        ]

    def watch(self, context: BrowserContext) -> RequestLog:
        def on_response(response: Response) -> None:
            if response.status >= 400:
                self.failed.append(f"{response.status} {response.url}")

        context.on("request", lambda r: self.urls.append(r.url))
        context.on("response", on_response)
        return self


@pytest.fixture
def context(
    browser: Browser, base_url: str, request: pytest.FixtureRequest
) -> Iterator[BrowserContext]:
    options: dict[str, Any] = {"accept_downloads": True}
    if request.node.get_closest_marker("service_worker"):
        options["service_workers"] = "allow"
    ctx = new_context(browser, base_url, **options)
    yield ctx
    ctx.close()


@pytest.fixture
def requests_log(context: BrowserContext, base_url: str) -> RequestLog:
    return RequestLog(base_url).watch(context)


@pytest.fixture
def page(context: BrowserContext, requests_log: RequestLog) -> Page:
    return context.new_page()


# The runtime's largest file: what a test holds or refuses to control the engine's start.
RUNTIME_WASM = "**/pyodide.asm.wasm"


def hold_runtime(page: Page) -> list[Route]:
    """Keep the request for Pyodide's wasm unanswered: the page stays in its "engine loading"
    state, as on a slow first visit, for tests of what works without the engine. Each start of
    the engine costs about 6 s of CPU, which a test that never uses it need not pay. To let the
    engine start later: continue the routes returned, then `page.unroute(RUNTIME_WASM)`
    (unrouting first would hand the held requests on by itself)."""
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route(RUNTIME_WASM, hold)
    return held


def refuse_runtime(page: Page) -> None:
    """Make the engine fail (its wasm answers 404): for tests of what the page says then."""
    page.route(RUNTIME_WASM, lambda route: route.fulfill(status=404))


def chooser_opened_by(page: Page, act: Callable[[], None], timeout: float) -> FileChooser:
    """The file chooser that `act` opens. `expect_file_chooser` alone switches the page's
    chooser interception on without waiting for it (its subscription is fire-and-forget), so a
    key press sent at once can open a chooser that nobody intercepts: about 1 in 100 here, which
    failed CI once. A listener already in place and one round trip put the interception on
    before `act` runs: 0 failures in 600 tries."""

    def keep(chooser: FileChooser) -> None:
        pass

    page.on("filechooser", keep)
    try:
        page.evaluate("0")
        with page.expect_file_chooser(timeout=timeout) as chooser:
            act()
        return chooser.value
    finally:
        page.remove_listener("filechooser", keep)


class SharedPage:
    """One page of one language that the tests of a module use in turn, where starting the
    page's engine costs more than the test itself. Its script errors, dialogs and requests are
    watched for its whole life; `use_shared` checks them at the end of each test."""

    def __init__(self, browser: Browser, base_url: str, lang: str, **options: Any) -> None:
        self.lang = lang
        self.context = new_context(browser, base_url, accept_downloads=True, **options)
        self.log = RequestLog(base_url).watch(self.context)
        self.page = self.context.new_page()
        self.errors = watch_errors(self.page)


P = TypeVar("P", bound=SharedPage)


def closing_shared() -> Iterator[dict[str, P]]:
    """A module fixture's body: the module's shared pages by language, closed at its end."""
    pages: dict[str, P] = {}
    yield pages
    for shared in pages.values():
        shared.context.close()


def use_shared(pages: dict[str, P], lang: str, make: Callable[[str], P]) -> Iterator[P]:
    """A test fixture's body: the shared page of `lang` (made on first use); no script error,
    foreign request or failed response while the test used it."""
    if lang not in pages:
        pages[lang] = make(lang)
    shared = pages[lang]
    yield shared
    assert shared.errors == []
    assert shared.log.foreign() == []
    assert shared.log.failed == []


def watch_errors(page: Page) -> list[str]:
    """Every uncaught script error and dialog (alert, confirm) of the page, as it happens."""
    errors: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", on_dialog)
    return errors


@pytest.fixture
def watched(page: Page) -> Iterator[Page]:
    """The page, failing the test on any uncaught script error or dialog."""
    errors = watch_errors(page)
    yield page
    assert errors == []


@pytest.fixture(scope="session")
def site_visits(browser: Browser, base_url: str) -> Tour:
    """Every page visited once per palette, every check of that visit recorded
    (tests/gates/visits.py): requests, CSP, language, links and axe in each state."""
    from tests.gates.visits import visit_all

    return visit_all(browser, base_url)


def built_pages(site: Path = SITE) -> list[Path]:
    """Every HTML page of the built site except the 404 page and print-only pages."""
    return sorted(
        p
        for p in site.rglob("index.html")
        if "assets" not in p.relative_to(site).parts and "print_page" not in p.parts
    )


def url_of(page_file: Path, site: Path = SITE) -> str:
    rel = page_file.parent.relative_to(site).as_posix()
    return "/" if rel == "." else f"/{rel}/"
