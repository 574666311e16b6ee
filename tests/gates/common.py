"""What the gate tests share: the page lists and how to open Material's panels."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import SITE, built_pages, url_of

# Every page of both languages, and the (bilingual) 404 page.
ALL_PAGES = [*(url_of(p) for p in built_pages()), "/404.html"] if SITE.exists() else []
SUBSET_AR = ["/", "/guideline/04-plan/", "/glossary/", "/assessment/"]
# A representative subset in both languages.
SUBSET = [*SUBSET_AR, *(f"/en{p}" for p in SUBSET_AR), "/404.html"]
QUERY = {"ar": "الحساب", "en": "account"}


def lang_of(path: str) -> str:
    return "en" if path.startswith("/en/") else "ar"


def open_search(page: Page, query: str) -> None:
    """Open search as a reader would (the header button on small screens, the search field on
    wide ones), type a query and wait for highlighted results."""
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():
        button.click()
    else:
        page.locator(".md-search__input").click()
    expect(page.locator("#__search")).to_be_checked()
    box = page.locator(".md-search__input")
    # fill() then a key: Material reacts to key events (as in tests/e2e/test_search.py).
    box.fill(query)
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    expect(page.locator(".md-search-result mark").first).to_be_visible()


def open_drawer(page: Page) -> None:
    page.locator('label.md-header__button[for="__drawer"]').click()
    expect(page.locator("#__drawer")).to_be_checked()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
