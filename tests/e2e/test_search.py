"""Search in the real search box: Arabic finds words whatever prefix they carry; each
language's search returns only its own pages."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

# (query, a page the results must include)
ARABIC = [
    ("حساب", "guideline/02-terms/"),  # الحسابات
    ("حوكمة", "guideline/02-terms/"),  # الحوكمة
    ("مصادقة", "guideline/13-account-protection/"),  # المصادقة الثنائية
    ("اختراق", "guideline/13-account-protection/"),  # للاختراق
    ("خصوصية", "guideline/07-content-and-publishing/"),  # الخصوصية
    ("مرأة", "guideline/11-women-and-inclusion/"),  # المرأة
    ("إعاقة", "guideline/11-women-and-inclusion/"),  # الإعاقة
    ("مؤشرات", "guideline/09-performance-indicators/"),
    ("موظفي", "guideline/10-personal-use/"),
    ("ذكاء", "guideline/14-data-analysis/"),  # الذكاء الاصطناعي
    ("كلمات المرور", "guideline/13-account-protection/"),
    ("توثيق", "guideline/02-terms/"),
    ("شمول", "guideline/12-digital-inclusion/"),  # الشمول الرقمي
    ("قانون", "guideline/07-content-and-publishing/"),
    ("موافقة", "guideline/07-content-and-publishing/"),  # الموافقة
    ("مديرين", "guideline/05-governance/"),
]
ENGLISH = [
    ("two-factor", "guideline/13-account-protection/"),
    ("governance", "guideline/02-terms/"),
    ("breach", "guideline/13-account-protection/"),
    ("privacy", "guideline/07-content-and-publishing/"),
    ("women", "guideline/11-women-and-inclusion/"),
    ("disabilities", "guideline/11-women-and-inclusion/"),
    ("indicators", "guideline/09-performance-indicators/"),
    ("analytics", "guideline/14-data-analysis/"),
    ("password", "guideline/13-account-protection/"),
    ("verification", "guideline/02-terms/"),
    ("personal data", "guideline/07-content-and-publishing/"),
    ("artificial intelligence", "guideline/14-data-analysis/"),
    ("copyright", "guideline/08-legal-framework/"),
    ("administrators", "guideline/05-governance/"),
]


def search(page: Page, start: str, query: str) -> list[str]:
    page.goto(start)
    box = page.locator("input.md-search__input")
    box.click()
    # fill() then a key: Material reacts to key events, and Playwright types non-Latin
    # characters as text insertion without them.
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    return [urlparse(str(h)).path for h in hrefs]


@pytest.mark.parametrize(("query", "expected"), ARABIC)
def test_arabic_search(page: Page, query: str, expected: str) -> None:
    hrefs = search(page, "/", query)
    assert f"/{expected}" in hrefs
    assert not [h for h in hrefs if "/en/" in h]


@pytest.mark.parametrize(("query", "expected"), ENGLISH)
def test_english_search(page: Page, query: str, expected: str) -> None:
    hrefs = search(page, "/en/guideline/01-introduction/", query)
    assert f"/en/{expected}" in hrefs
    assert all(h.startswith("/en/") for h in hrefs)


def test_a_word_absent_from_the_guideline_finds_nothing(page: Page) -> None:
    page.goto("/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("قطارات")
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_timeout(500)
    assert page.locator(".md-search-result__item").count() == 0
