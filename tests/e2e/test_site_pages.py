"""Every built page in Chromium: right language and direction, nothing fetched from elsewhere,
no CSP violation, every link on the site leading somewhere. One visit per page and palette
(tests/gates/visits.py) serves all of these checks and the axe matrix."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SITE, RequestLog
from tests.gates.common import ALL_PAGES
from tests.gates.visits import TABS, Tour, internal_targets

ID = re.compile(r"""\sid=["']?([^"'\s>]+)""")


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_language_direction_and_requests(site_visits: Tour, path: str) -> None:
    english = path.startswith("/en/")
    for tab in TABS:
        visit = site_visits.visits[tab][path]
        assert "load" not in visit.errors, visit.errors
        assert visit.status == 200
        assert (visit.lang, visit.dir, visit.body_dir) == (
            ("en", "ltr", "ltr") if english else ("ar", "rtl", "rtl")
        )
        assert site_visits.foreign(visit) == [], tab
        assert visit.failed == [], tab


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_csp_violation(site_visits: Tour, path: str) -> None:
    for tab in TABS:
        assert site_visits.visits[tab][path].csp == [], tab


def test_the_engine_starts_on_the_assessment_pages(site_visits: Tour) -> None:
    """In the light tab the engine runs (its requests and its worker's CSP are checked above);
    in the dark tab its download is refused, and the form says so."""
    assert site_visits.assessment_pages("light") == {
        "/assessment/": "ready",
        "/en/assessment/": "ready",
    }
    assert site_visits.assessment_pages("dark") == {
        "/assessment/": "failed",
        "/en/assessment/": "failed",
    }


def _file_of(site: Path, path: str) -> Path:
    target = site / unquote(path).lstrip("/")
    return target / "index.html" if path.endswith("/") else target


@pytest.mark.parametrize("path", ALL_PAGES)
def test_links_lead_somewhere(site_visits: Tour, site_dir: Path, path: str) -> None:
    """Every link to the site names a built file, and its #fragment an element of the page."""
    visit = site_visits.visits["light"][path]
    assert visit.links, "no links at all"
    broken = []
    for target, fragment in internal_targets(path, visit.links, site_visits.origin):
        file = _file_of(site_dir, target)
        if not file.is_file():
            broken.append(f"{target}: no such file")
        elif fragment and file.suffix == ".html":
            ids = set(ID.findall(file.read_text(encoding="utf-8")))
            if target == path:
                ids |= set(visit.ids)  # ids the page's scripts add count too
            if unquote(fragment) not in ids:
                broken.append(f"{target}#{fragment}: no such id")
    assert broken == []


def test_every_page_was_checked(site_visits: Tour) -> None:
    pages = [p for p in ALL_PAGES if p != "/404.html"]
    assert len(pages) >= 2 * 19
    assert len([p for p in pages if p.startswith("/en/")]) * 2 == len(pages)
    for tab in TABS:
        assert list(site_visits.visits[tab]) == ALL_PAGES


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


def test_the_tour_sees_a_broken_link_and_a_foreign_request(site_visits: Tour) -> None:
    """The checks above can fail: a missing page, a missing id and another origin are caught."""
    origin = site_visits.origin
    targets = internal_targets("/en/", ["../nope/", "#x", "https://example.org/"], origin)
    assert targets == [("/nope/", ""), ("/en/", "x")]
    assert not _file_of(SITE, "/nope/").is_file()
    visit = site_visits.visits["light"]["/en/"]
    assert "x" not in visit.ids
    probe = type(visit)("/en/", requests=[origin + "/a.css", "https://example.org/f.woff2"])
    assert site_visits.foreign(probe) == ["https://example.org/f.woff2"]
