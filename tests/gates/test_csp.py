"""Content-Security-Policy: one policy (deploy/csp.json) in every page's <meta> and in nginx's
header, and no page, script or worker of the site that breaks it.

Served through nginx (tests/conftest.py), the pages run under both the meta policy and the
header policy, and the Pyodide worker under the header's worker policy: the self-assessment
page is driven through scoring and downloads to prove the engine still runs. That no page
reports a violation as it loads is checked in the one visit per page
(tests/e2e/test_site_pages.py::test_no_csp_violation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from csp import (
    inline_scripts,
    load_policy,
    meta_policy_of,
    nginx_csp_block,
    nginx_csp_section,
    page_policy,
    script_hash,
)
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from tests.conftest import ROOT, SITE, built_pages
from tests.gates.common import open_drawer, open_search
from tests.gates.visits import BOOT_MS, WATCH_CSP

POLICY = load_policy()
HTML_FILES = [*built_pages(), SITE / "404.html"] if SITE.exists() else []


def directives(policy: str) -> dict[str, list[str]]:
    parts = [p.split() for p in policy.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


# ---------------------------------------------------------------- the policy itself


def test_policy_is_as_tight_as_specified() -> None:
    page = POLICY["page"]
    assert page["default-src"] == ["'none'"]
    assert page["script-src"] == ["'self'"]
    assert page["style-src"] == ["'self'"]
    assert page["img-src"] == ["'self'", "data:"]
    for name in ("font-src", "connect-src", "worker-src"):
        assert page[name] == ["'self'"], name
    # The web app manifests (/manifest.webmanifest, /en/manifest.webmanifest), same origin only.
    assert page["manifest-src"] == ["'self'"]
    assert page["base-uri"] == page["form-action"] == ["'none'"]
    assert POLICY["header_only"] == {"frame-ancestors": ["'none'"]}
    assert POLICY["pyodide"] == {"script-src": ["'wasm-unsafe-eval'"]}
    everything = " ".join(
        s for part in ("page", "header_only", "pyodide") for v in POLICY[part].values() for s in v
    )
    for loose in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "blob:"):
        assert loose not in everything.split(), loose


@pytest.mark.parametrize("html_file", HTML_FILES, ids=lambda p: p.relative_to(SITE).as_posix())
def test_every_page_carries_the_policy_before_anything_it_governs(html_file: Path) -> None:
    html = html_file.read_text(encoding="utf-8")
    policy = meta_policy_of(html)
    assert policy is not None, "no CSP meta element"
    hashes = [script_hash(body) for body in inline_scripts(html)]
    assert policy == page_policy(hashes)
    # frame-ancestors is ignored (with a console error) in a meta element.
    assert "frame-ancestors" not in policy
    head = html[: html.index("<head")]
    assert "<script" not in head and "<link" not in head
    first_governed = min(
        i for i in (html.find("<script"), html.find("<link"), html.find("<style")) if i >= 0
    )
    assert html.index("Content-Security-Policy") < first_governed
    assert "'sha256-" in policy  # Material's inline scripts: hashed, not unsafe-inline


def test_nginx_conf_has_the_policy_of_the_built_site(site_dir: Path) -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert nginx_csp_section(conf) == nginx_csp_block(site_dir), (
        "deploy/nginx.conf is stale: run `scripts/nginx_csp.py` after `make build`"
    )


def test_header_policy_is_the_meta_policy_plus_header_only_directives(site_dir: Path) -> None:
    section = nginx_csp_section((ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"))
    default = directives(re.search(r'default "([^"]+)"', section)[1])  # type: ignore[index]
    for html_file in HTML_FILES:
        meta = directives(meta_policy_of(html_file.read_text("utf-8")) or "")
        extra = {k: v for k, v in default.items() if k not in meta}
        assert extra == {"frame-ancestors": ["'none'"]}
        for name, sources in meta.items():
            assert set(sources) <= set(default[name]), (html_file, name)
            if name != "script-src":
                assert sources == default[name]
    for worker in POLICY["pyodide_workers"]:
        assert (site_dir / worker.lstrip("/")).is_file(), f"{worker}: no such worker script"
        line = re.search(rf'{re.escape(worker)} "([^"]+)"', section)
        assert line is not None
        assert directives(line[1])["script-src"] == [*default["script-src"], "'wasm-unsafe-eval'"]


def test_no_page_enables_webassembly_compilation() -> None:
    """Pyodide runs in the worker; no page's own policy allows compiling WebAssembly."""
    for html_file in HTML_FILES:
        assert "wasm-unsafe-eval" not in (meta_policy_of(html_file.read_text("utf-8")) or "")


# ---------------------------------------------------------------- in the browser


class Violations:
    def __init__(self) -> None:
        self.console: list[str] = []

    def on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(f"{message.type}: {text[:300]}")

    def collect(self, page: Page) -> list[str]:
        events: list[str] = page.evaluate("() => window.__csp || []")
        found, self.console = [*self.console, *events], []
        return found


@pytest.fixture
def watched(context: BrowserContext) -> Iterator[tuple[Page, Violations]]:
    violations = Violations()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.on("console", violations.on_console)
    yield page, violations


def test_the_violation_watch_sees_a_violation(watched: tuple[Page, Violations]) -> None:
    page, violations = watched
    page.goto("/en/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.append(s); }"
    )
    page.wait_for_function("() => window.__csp.length > 0")
    found = violations.collect(page)
    assert any("script-src" in v for v in found), found
    assert page.evaluate("() => window.x") is None


@pytest.mark.parametrize(("path", "query"), [("/", "الحساب"), ("/en/glossary/", "account")])
def test_search_runs_under_the_policy(
    watched: tuple[Page, Violations], path: str, query: str
) -> None:
    page, violations = watched
    page.goto(path)
    open_search(page, query)
    assert violations.collect(page) == []


def test_assessment_scores_and_downloads_under_the_policy(
    watched: tuple[Page, Violations],
) -> None:
    """One language is enough here: the policy is the same on both pages (the English form is
    driven through the engine by tests/e2e/test_assessment_widget.py, also behind nginx)."""
    page, violations = watched
    page.goto("/assessment/#domain-5")
    form = page.locator("#daleel-assessment")
    # Wait for the engine's outcome (the worker decides when it has failed), then require it.
    expect(page.locator("#daleel-assessment[data-engine]")).to_be_attached(timeout=BOOT_MS)
    expect(form).to_have_attribute("data-engine", "ready")
    items = page.locator("fieldset.daleel-item:visible")
    for i in range(3):
        items.nth(i).locator('input[value="yes"]').check()
    expect(page.locator("#daleel-overall")).not_to_be_empty()
    downloads: dict[str, Any] = {}
    for kind in ("json", "html"):
        with page.expect_download() as info:
            page.locator(f'[data-download="{kind}"]').click()
        downloads[kind] = Path(info.value.path()).read_bytes()
    assert downloads["json"].startswith(b"{") and b"<html" in downloads["html"][:400].lower()
    assert violations.collect(page) == []


def test_palette_drawer_and_menus_run_under_the_policy(
    watched: tuple[Page, Violations],
) -> None:
    page, violations = watched
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/en/guideline/04-plan/")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
    open_drawer(page)
    page.locator(".md-nav--primary a.md-nav__link").nth(3).click()
    page.wait_for_load_state()
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -600)  # Material shows "back to top" when scrolling up
    expect(page.locator(".md-top")).to_be_visible()
    assert violations.collect(page) == []
