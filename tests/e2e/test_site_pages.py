"""Every built page in Chromium: right language and direction, nothing fetched from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SITE, RequestLog, built_pages, url_of

PAGES = [url_of(p) for p in built_pages()] if SITE.exists() else []


@pytest.mark.parametrize("path", PAGES)
def test_page_language_direction_and_requests(
    page: Page, requests_log: RequestLog, path: str
) -> None:
    response = page.goto(path, wait_until="networkidle")
    assert response is not None and response.ok
    english = path.startswith("/en/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en" if english else "ar")
    expect(html).to_have_attribute("dir", "ltr" if english else "rtl")
    expect(page.locator("body")).to_have_attribute("dir", "ltr" if english else "rtl")
    assert requests_log.foreign() == []
    assert requests_log.failed == []


@pytest.mark.parametrize(("path", "family"), [("/", "Noto Sans Arabic"), ("/en/", "Noto Sans")])
def test_self_hosted_fonts_render_the_text(
    page: Page, requests_log: RequestLog, path: str, family: str
) -> None:
    page.goto(path)
    loaded = page.evaluate(
        "async () => { await document.fonts.ready;"
        " return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }"
    )
    assert family in [f.strip('"') for f in loaded]
    assert [u for u in requests_log.urls if u.endswith(".woff2")]


def test_every_page_was_checked() -> None:
    assert len(PAGES) >= 2 * 19
    assert len([p for p in PAGES if p.startswith("/en/")]) * 2 == len(PAGES)


@pytest.mark.parametrize(
    ("start", "choice", "target", "lang"),
    [
        ("/guideline/05-governance/", "en", "/en/guideline/05-governance/", "en"),
        ("/en/guideline/13-account-protection/", "ar", "/guideline/13-account-protection/", "ar"),
        ("/en/", "ar", "/", "ar"),
    ],
)
def test_language_switcher_opens_the_same_page(
    page: Page, start: str, choice: str, target: str, lang: str
) -> None:
    page.goto(start)
    page.locator(".md-header__option .md-select button").hover()
    link = page.locator(f'.md-select__link[hreflang="{choice}"]')
    expect(link).to_have_attribute("lang", choice)
    link.click()
    page.wait_for_url(f"**{target}")
    assert page.url.endswith(target)
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_switcher_marks_the_current_language(page: Page) -> None:
    page.goto("/en/glossary/")
    expect(page.locator('.md-select__link[hreflang="en"]')).to_have_attribute(
        "aria-current", "true"
    )
    assert page.locator('.md-select__link[hreflang="ar"]').get_attribute("aria-current") is None


def test_pages_declare_hreflang_alternates(site_dir: Path) -> None:
    html = (site_dir / "guideline" / "09-performance-indicators" / "index.html").read_text("utf-8")
    assert 'rel="alternate" href="./" hreflang="ar"' in html
    assert 'href="../../en/guideline/09-performance-indicators/" hreflang="en"' in html
