# ruff: noqa: E501  (bilingual expected text and JS snippets read better unbroken)
"""Light first views and the offline, installable site, in Chromium on the built site.

- A first view fetches subset fonts only and no search index; search still finds words, and a
  character outside the subset still renders (its fallback face loads).
- Visit once, go offline (`context.set_offline(True)`): every page of both languages, search,
  the PDFs and the self-assessment (score, download a report) work; nothing leaves the origin.
- Two builds with different content: the page stays on its build until the reader accepts the
  notice, then shows the new build and only the new build's caches remain.
- axe-core finds nothing in the new interface (offline section, its states, the update notice).

Waiting is done on states (expect(locator), awaited promises in the page), never on time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from build_service_worker import main as build_service_worker
from nginx_server import NginxServer
from playwright.sync_api import Browser, BrowserContext, Page, expect

from assessment.strings import text
from tests.conftest import SITE, RequestLog, built_pages, new_context, url_of
from tests.gates.visits import axe_violations

ROOT = Path(__file__).resolve().parents[2]
PAGES = [url_of(p) for p in built_pages()] if SITE.exists() else []
BOOT_MS = 90_000
pytestmark = pytest.mark.service_worker
SEARCH = {"ar": ("/guideline/05-governance/", "حساب"), "en": ("/en/", "account")}


def worker_ready(page: Page) -> str:
    """Wait until this page's service worker is active (its install, the core cache, is done)."""
    state: str = page.evaluate(
        "async () => (await navigator.serviceWorker.ready).active.state"
    )
    return state


def cache_names(page: Page) -> list[str]:
    names: list[str] = page.evaluate("async () => (await caches.keys()).sort()")
    return names


def run_axe(page: Page, selector: str) -> None:
    violations = axe_violations(page, selector)
    assert violations == [], json.dumps(violations, ensure_ascii=False)


def search_finds(page: Page, word: str) -> None:
    page.locator(".md-search__input").click()
    # fill() then a key: Material queries on key events, and Playwright types non-Latin
    # characters as text insertion without them.
    page.locator(".md-search__input").fill(word)
    page.locator(".md-search__input").press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)


# ---------------------------------------------------------------- light first view


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_first_view_has_subset_fonts_and_no_search_index_until_search_opens(
    page: Page, requests_log: RequestLog, lang: str
) -> None:
    path, word = SEARCH[lang]
    # The page's own requests (the service worker's cache fill, which follows the page's
    # load, is not part of the first view).
    own: list[str] = []
    page.on("request", lambda r: own.append(r.url))
    page.goto(path, wait_until="networkidle")
    fonts = [u.rsplit("/", 1)[1] for u in own if u.endswith(".woff2")]
    assert fonts, "no font was requested"
    # Only the subsets (hash in the name), never the full originals kept as fallbacks.
    assert all(len(name.split(".")) == 3 for name in fonts), fonts
    assert not [u for u in own if "search_index.json" in u]
    search_finds(page, word)
    assert [u for u in own if "search_index.json" in u]
    assert requests_log.foreign() == [] and requests_log.failed == []


def test_character_outside_the_subset_renders_with_the_fallback_face(
    page: Page, requests_log: RequestLog
) -> None:
    original = "noto-sans-arabic-arabic-400-normal.woff2"
    own: list[str] = []
    page.on("request", lambda r: own.append(r.url))
    page.goto("/", wait_until="networkidle")
    assert not [u for u in own if u.endswith(original)]
    # U+06A4 (ڤ, used for foreign names) appears nowhere on the site: a reader types it.
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("ڤيديو")
    rendered = page.evaluate(
        """async () => {
          await document.fonts.load('16px "Noto Sans Arabic"', 'ڤيديو');
          return document.fonts.check('16px "Noto Sans Arabic"', 'ڤيديو');
        }"""
    )
    assert rendered is True
    assert [u for u in own if u.endswith(original)]


# ---------------------------------------------------------------- offline after one visit


def make_available_offline(page: Page, lang: str) -> None:
    page.goto("/" if lang == "ar" else "/en/")
    section = page.locator(".daleel-offline")
    # The section appears once the worker is active (its first cache fill done).
    expect(section.locator("h2")).to_have_text(text("offline.heading", lang=lang), timeout=BOOT_MS)
    run_axe(page, ".daleel-offline")
    worker_ready(page)
    section.locator("button").click()
    expect(section.locator("[role=status]")).to_have_text(
        text("offline.ready", lang=lang), timeout=BOOT_MS
    )
    expect(section.locator("button")).to_be_hidden()
    run_axe(page, ".daleel-offline")


def test_every_page_search_pdfs_and_assessment_work_offline_after_one_visit(
    context: BrowserContext, page: Page, requests_log: RequestLog
) -> None:
    make_available_offline(page, "ar")
    assert any(n.endswith("-core") for n in cache_names(page))
    context.set_offline(True)
    for path in PAGES:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", "en" if path.startswith("/en/") else "ar")
        expect(page.locator("h1").first).to_be_visible()
    for path, word in SEARCH.values():
        page.goto(path)
        search_finds(page, word)
    pdfs = [p for p in SITE.rglob("*.pdf")]
    assert pdfs, "the build has no PDFs"
    for pdf in pdfs:
        url = "/" + pdf.relative_to(SITE).as_posix()
        head = page.evaluate(
            "async (url) => { const r = await fetch(url); const b = new Uint8Array(await r.arrayBuffer());"
            " return [r.status, String.fromCharCode(...b.slice(0, 5)), b.length]; }",
            url,
        )
        assert head == [200, "%PDF-", pdf.stat().st_size], url
    # The self-assessment: the engine starts from the cache, scores, and writes a report.
    page.goto("/en/assessment/")
    expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(timeout=BOOT_MS)
    page.locator("fieldset.daleel-item").first.locator('input[value="yes"]').check()
    overall = page.locator("#daleel-overall")
    expect(overall).to_have_text(re.compile(r"^\d+\.\d$"))
    with page.expect_download() as info:
        page.locator('[data-download="html"]').click()
    report = Path(info.value.path()).read_text(encoding="utf-8")
    assert 'lang="en"' in report and overall.inner_text() in report
    # A page that never existed answers with the site's own 404 page, offline too.
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert requests_log.foreign() == []


def test_first_view_does_not_fetch_the_runtime(page: Page, requests_log: RequestLog) -> None:
    page.goto("/en/guideline/05-governance/")
    worker_ready(page)
    assert not [u for u in requests_log.urls if "/assets/pyodide/" in u or u.endswith(".whl")]
    assert not [n for n in cache_names(page) if n.endswith("-runtime")]


# ---------------------------------------------------------------- update path


@pytest.fixture
def two_builds(site_dir: Path, server_kind: str) -> Iterator[tuple[str, Path, Path]]:
    """nginx serving `root` (a symlink to build A = site/), and build B: a copy with one more
    paragraph on the English home page and its own service worker (scripts/build_service_worker.py)."""
    if server_kind != "nginx":
        pytest.skip("needs nginx (a root that can be switched between builds)")
    tmp = Path(tempfile.mkdtemp(prefix="daleel-offline-"))
    tmp.chmod(0o755)  # nginx's workers run as an unprivileged user
    try:
        build_b = tmp / "b"
        shutil.copytree(site_dir, build_b)
        home = build_b / "en" / "index.html"
        marker = '<p id="daleel-build-b">Second build.</p>'
        home.write_text(home.read_text(encoding="utf-8").replace("</h1>", "</h1>" + marker, 1), encoding="utf-8")
        for copy in (home.with_name("index.html.gz"), home.with_name("index.html.br")):
            copy.unlink(missing_ok=True)
        assert build_service_worker([str(build_b), "--no-icons"]) == 0
        root = tmp / "root"
        root.symlink_to(site_dir)
        server = NginxServer(root, tmp / "nginx")
        try:
            yield server.url, root, build_b
        finally:
            server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def switch(root: Path, target: Path) -> None:
    link = root.with_name("root.new")
    link.symlink_to(target)
    os.replace(link, root)


def test_new_build_is_announced_and_replaces_the_old_one(
    browser: Browser, two_builds: tuple[str, Path, Path]
) -> None:
    base, root, build_b = two_builds
    context = new_context(browser, base, service_workers="allow")
    log = RequestLog(base)
    context.on("request", lambda r: log.urls.append(r.url))
    try:
        page = context.new_page()
        page.goto("/en/")
        worker_ready(page)
        old = cache_names(page)
        page.reload()  # now served by build A's worker
        expect(page.locator("#daleel-build-b")).to_have_count(0)
        switch(root, build_b)
        page.reload()  # the navigation checks /sw.js: build B installs and waits
        notice = page.locator(".daleel-update")
        expect(notice).to_contain_text(text("offline.update_available", lang="en"), timeout=BOOT_MS)
        # Still build A's page until the reader chooses.
        expect(page.locator("#daleel-build-b")).to_have_count(0)
        run_axe(page, ".daleel-update")
        notice.get_by_role("button", name=text("offline.update_reload", lang="en")).click()
        expect(page.locator("#daleel-build-b")).to_have_text("Second build.")
        expect(page.locator(".daleel-update")).to_have_count(0)
        new = cache_names(page)
        assert new and not set(new) & set(old), (old, new)
        assert all(n.startswith("daleel-") for n in new)
        # Offline, build B's pages come from build B's cache.
        context.set_offline(True)
        page.goto("/en/guideline/05-governance/")
        page.goto("/en/")
        expect(page.locator("#daleel-build-b")).to_have_text("Second build.")
        assert log.foreign() == []
    finally:
        context.close()


def test_manifests_name_the_site_in_each_language(page: Page) -> None:
    for lang, path in (("ar", "/"), ("en", "/en/")):
        page.goto(path)
        href = page.locator('link[rel="manifest"]').get_attribute("href")
        data: dict[str, Any] = page.evaluate("async (u) => (await fetch(u)).json()", href)
        assert data["name"] == text("offline.app_name", lang=lang)
        assert data["lang"] == lang and data["dir"] == ("rtl" if lang == "ar" else "ltr")
        assert data["scope"] == "/" and data["start_url"] == path
        sizes = {i["sizes"] for i in data["icons"] if i["type"] == "image/png"}
        assert {"192x192", "512x512"} <= sizes
        for icon in data["icons"]:
            status = page.evaluate("async (u) => (await fetch(u)).status", icon["src"])
            assert status == 200, icon["src"]


def test_service_worker_and_manifest_headers(page: Page, base_url: str, needs_nginx: None) -> None:
    worker = page.request.get(base_url + "/sw.js")
    assert worker.ok
    assert worker.headers["cache-control"] == "no-cache"
    assert worker.headers["content-type"].startswith("text/javascript")
    manifest = page.request.get(base_url + "/en/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
