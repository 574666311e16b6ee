"""Search in the real search box: Arabic finds words whatever prefix they carry; each language's
search returns only its own pages; the chapter that deals with a term ranks in the top three,
above the glossary that merely lists it; results show short text, never form controls or ids.

One browser page per language serves every query of that language (the box is cleared between
queries, and each query waits for its own results)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import Browser, Page

from assessment.checklist import default_checklist

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
# (language, query, the chapter whose section must be among the first three results)
TOP_THREE = [
    ("ar", "كلمة المرور", "guideline/13-account-protection/"),
    ("ar", "اختراق", "guideline/13-account-protection/"),
    ("ar", "موافقة", "guideline/07-content-and-publishing/"),
    ("en", "password", "guideline/13-account-protection/"),
    ("en", "breach", "guideline/13-account-protection/"),
    ("en", "consent", "guideline/07-content-and-publishing/"),
    ("en", "approval", "guideline/07-content-and-publishing/"),
    ("en", "two-factor", "guideline/13-account-protection/"),
]
START = {"ar": "/", "en": "/en/guideline/01-introduction/"}
PREFIX = {"ar": "/", "en": "/en/"}
# A result shows a short extract, not a section's whole text (the glossary showed 1,260 px).
MAX_SNIPPET = 250


class SearchBox:
    """The search box of one page, reused for every query of its language."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.box = page.locator("input.md-search__input")
        self.meta = page.locator(".md-search-result__meta")
        self.items = page.locator(".md-search-result__item")

    def wait_until_ready(self) -> None:
        """Open search and wait for its index, which loads only now (scripts/search_on_demand.py).

        Until then the results line says "Initializing search"; when the index arrives, Material
        replaces it, first with its "type to start" line and then with the count for any text
        already typed. A query started earlier could take that first change for its results."""
        shown = "() => document.querySelector('.md-search-result__meta').textContent.trim()"
        initializing = self.page.evaluate(shown)
        assert initializing
        self.box.click()
        self.page.wait_for_function(f"text => ({shown})() !== text", arg=initializing)

    def query(self, text: str) -> None:
        self.box.click()
        self.box.fill("")
        self.box.press("End")
        self.page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        empty = self.meta.inner_text()
        self.box.fill(text)
        # fill() then a key: Material reacts to key events, and Playwright types non-Latin
        # characters as text insertion without them.
        self.box.press("End")
        self.page.wait_for_function(
            "empty => document.querySelector('.md-search-result__meta').innerText !== empty",
            arg=empty,
        )

    def pages(self) -> list[str]:
        """The page of each result, in rank order."""
        hrefs = self.items.evaluate_all("els => els.map(e => e.querySelector('a').href)")
        return [unquote(urlparse(str(h)).path) for h in hrefs]

    def texts(self) -> list[str]:
        """What each result (page or section) shows beneath its title."""
        return [str(t) for t in self.page.locator(".md-search-result__article").evaluate_all(SHOWN)]


# The text of a result article, without its title, tags and the list of missing words.
SHOWN = """els => els.map(a => [...a.childNodes]
  .filter(n => !/^(H1|H2|NAV)$/.test(n.nodeName))
  .filter(n => !n.classList?.contains('md-search-result__terms'))
  .map(n => n.textContent).join(' ').trim())"""


@pytest.fixture(scope="module")
def boxes(browser: Browser, base_url: str) -> Iterator[dict[str, SearchBox]]:
    contexts = {lang: browser.new_context(base_url=base_url) for lang in START}
    out = {}
    for lang, ctx in contexts.items():
        page = ctx.new_page()
        page.goto(START[lang])
        out[lang] = SearchBox(page)
        out[lang].wait_until_ready()
    yield out
    for ctx in contexts.values():
        ctx.close()


@pytest.mark.parametrize(("query", "expected"), ARABIC)
def test_arabic_search(boxes: dict[str, SearchBox], query: str, expected: str) -> None:
    boxes["ar"].query(query)
    pages = boxes["ar"].pages()
    assert f"/{expected}" in pages
    assert not [p for p in pages if p.startswith("/en/")]


@pytest.mark.parametrize(("query", "expected"), ENGLISH)
def test_english_search(boxes: dict[str, SearchBox], query: str, expected: str) -> None:
    boxes["en"].query(query)
    pages = boxes["en"].pages()
    assert f"/en/{expected}" in pages
    assert all(p.startswith("/en/") for p in pages)


@pytest.mark.parametrize(("lang", "query", "chapter"), TOP_THREE)
def test_the_chapter_ranks_in_the_top_three_above_the_glossary(
    boxes: dict[str, SearchBox], lang: str, query: str, chapter: str
) -> None:
    boxes[lang].query(query)
    pages = boxes[lang].pages()
    expected = PREFIX[lang] + chapter
    assert expected in pages[:3], pages
    glossary = PREFIX[lang] + "glossary/"
    if glossary in pages:
        assert pages.index(expected) < pages.index(glossary)


@pytest.mark.parametrize(
    ("lang", "query"),
    [("ar", "كلمة المرور"), ("ar", "حماية"), ("ar", "ملاحظة"), ("en", "password"), ("en", "note")],
)
def test_results_are_short_and_free_of_form_text_and_ids(
    boxes: dict[str, SearchBox], lang: str, query: str
) -> None:
    boxes[lang].query(query)
    texts = boxes[lang].texts()
    assert texts
    assert max(len(t) for t in texts) <= MAX_SNIPPET, max(texts, key=len)
    ids = [item.id for item in default_checklist().items]
    joined = " ".join(texts)
    assert [i for i in ids if i in joined] == []
    for control_text in ("نعمجزئياً", "جزئياًلا", "لا ينطبقملاحظة", "YesPartly", "Note (optional)"):
        assert control_text not in joined


def test_a_word_absent_from_the_guideline_finds_nothing(boxes: dict[str, SearchBox]) -> None:
    boxes["ar"].query("قطارات")
    assert boxes["ar"].items.count() == 0
