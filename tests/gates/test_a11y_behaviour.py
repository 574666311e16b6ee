"""Accessibility that axe cannot see: keyboard paths, focus, languages, resizing and motion."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from a11y import missing_translations, on_pre_build
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, BrowserContext, Page, expect

from assessment.strings import text
from tests.conftest import ROOT, SITE, built_pages, hold_runtime, new_context
from tests.gates.common import SUBSET, open_drawer

HTML_FILES = [*built_pages(), SITE / "404.html"] if SITE.exists() else []


def html_id(p: Path) -> str:
    return p.relative_to(SITE).as_posix()


# ---------------------------------------------------------------- markup over every page


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_lang = ""
        self.html_dir = ""
        self.switcher: list[dict[str, str | None]] = []
        self.headerlinks: list[dict[str, str | None]] = []
        self.search: dict[str, str | None] | None = None
        self.skip: dict[str, str | None] | None = None
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "html":
            self.html_lang, self.html_dir = a.get("lang") or "", a.get("dir") or ""
        elif tag == "a" and "md-select__link" in classes:
            self.switcher.append(a)
        elif tag == "a" and "headerlink" in classes:
            self.headerlinks.append(a)
        elif tag == "a" and "md-skip" in classes:
            self.skip = a
        elif tag == "div" and "md-search" in classes:
            self.search = a


def markup(p: Path) -> _Markup:
    parser = _Markup()
    parser.feed(p.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("html_file", HTML_FILES, ids=html_id)
def test_page_markup(html_file: Path) -> None:
    m = markup(html_file)
    rel = html_file.relative_to(SITE).parts
    lang = "en" if rel[0] == "en" else "ar"
    # Served in its own language: the folder decides, and nothing else.
    assert (m.html_lang, m.html_dir) == (lang, "rtl" if lang == "ar" else "ltr")
    # Language switcher: every name in its own language, the current one marked.
    assert {a.get("hreflang") for a in m.switcher} == {"ar", "en"}
    for a in m.switcher:
        assert a.get("lang") == a.get("hreflang")
        assert (a.get("aria-current") == "true") == (a.get("hreflang") == lang)
    # Heading anchors are named after their heading, not "¶".
    for a in m.headerlinks:
        label = a.get("aria-label") or ""
        assert len(label) > 12 and "¶" not in label, a
    # The search dialog has a name in the page's language.
    assert m.search is not None and m.search.get("role") == "dialog"
    label = m.search.get("aria-label") or ""
    assert label == text("site.search_dialog", lang=lang)
    # A skip link to something that exists.
    assert m.skip is not None and (m.skip.get("href") or "").startswith("#")
    assert (m.skip.get("href") or "")[1:] in m.ids


def test_a_page_in_one_language_only_fails_the_build(tmp_path: Path) -> None:
    for lang in ("ar", "en"):
        (tmp_path / lang / "guideline").mkdir(parents=True)
        (tmp_path / lang / "index.md").write_text("# x\n")
    (tmp_path / "ar" / "guideline" / "15-new.md").write_text("# x\n")
    assert missing_translations(tmp_path) == [
        "docs/ar/guideline/15-new.md has no docs/en/guideline/15-new.md"
    ]
    assert missing_translations(ROOT / "docs") == []
    with pytest.raises(PluginError):
        on_pre_build({"docs_dir": str(tmp_path)})


# ---------------------------------------------------------------- keyboard


@pytest.mark.parametrize("path", ["/", "/en/guideline/04-plan/", "/en/assessment/", "/404.html"])
def test_skip_link_is_first_visible_and_moves_past_the_header(page: Page, path: str) -> None:
    # Every script has run (the offline and slow-connection notices may add to the page) before
    # the reader's first Tab; the assessment stays in its "engine loading" state.
    hold_runtime(page)
    page.goto(path, wait_until="load")
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).to_have_css("opacity", "1")
    target = skip.get_attribute("href") or ""
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(quote(target, safe="#")) + "$"))
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "() => !!document.activeElement.closest('.md-content')"
        " && !document.activeElement.closest('.md-header, .md-sidebar')"
    )
    assert inside, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


FOCUS_STYLE = """() => {
  const e = document.activeElement;
  // null: nothing focused, or focus inside a native control's own parts (the calendar
  // button of a date field), which the browser draws its own focus ring for.
  if (!e || e === document.body || !e.matches(':focus')) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, cls: e.className && String(e.className).slice(0, 60),
          text: (e.textContent || e.value || '').trim().slice(0, 40),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== 'none', visible: r.width > 0 && r.height > 0};
}"""


def tab_through(page: Page, stops: int) -> list[dict[str, object]]:
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_STYLE)
        if info is not None:
            seen.append(info)
    return seen


@pytest.fixture(params=[(1280, "light"), (390, "dark")], ids=["desktop-light", "mobile-dark"])
def sized(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, scheme = request.param
    ctx = new_context(
        browser, base_url, viewport={"width": width, "height": 900}, color_scheme=scheme
    )
    ctx.route("**/assets/pyodide/**", lambda route: route.abort())
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize(
    ("path", "stops"), [("/", 45), ("/en/glossary/", 45), ("/en/assessment/", 70)]
)
def test_every_focused_control_shows_a_focus_ring(sized: Page, path: str, stops: int) -> None:
    sized.goto(path)
    seen = tab_through(sized, stops)
    assert len(seen) >= stops - 5
    missing = [s for s in seen if s["visible"] and not (s["outline"] or s["shadow"])]
    assert missing == []


def test_drawer_controls_show_a_focus_ring(browser: Browser, base_url: str) -> None:
    ctx = new_context(browser, base_url, viewport={"width": 390, "height": 900})
    page = ctx.new_page()
    page.goto("/en/guideline/04-plan/")
    open_drawer(page)
    page.locator(".md-nav--primary a.md-nav__link").first.focus()
    seen = tab_through(page, 25)
    ctx.close()
    missing = [s for s in seen if s["visible"] and not (s["outline"] or s["shadow"])]
    assert seen and missing == []


# ---------------------------------------------------------------- resizing and motion

OVERFLOW = """() => {
  const doc = document.documentElement;
  const clipped = [...document.querySelectorAll('.md-content p, .md-content li, .md-content h1,'
      + ' .md-content h2, .md-content h3, .md-content legend, .md-content label')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 40));
  return {page: doc.scrollWidth - doc.clientWidth, clipped};
}"""


@pytest.fixture(params=["zoom", "text-only"])
def enlarged(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """200%: browser zoom on a 1280 px window (a 640 px CSS viewport at 2 device pixels per
    CSS pixel), and text-only enlargement (root font size doubled) at 1280 px."""
    zoom = request.param == "zoom"
    ctx: BrowserContext = new_context(
        browser,
        base_url,
        viewport={"width": 640 if zoom else 1280, "height": 450 if zoom else 900},
        device_scale_factor=2 if zoom else 1,
    )
    ctx.route("**/assets/pyodide/**", lambda route: route.abort())
    if not zoom:
        ctx.add_init_script(
            "document.addEventListener('DOMContentLoaded', () => {"
            " const px = parseFloat(getComputedStyle(document.documentElement).fontSize);"
            " document.documentElement.style.setProperty('font-size', (2 * px) + 'px',"
            " 'important'); });"
        )
    yield ctx.new_page()
    ctx.close()


def test_text_resizes_to_200_percent_without_loss(enlarged: Page) -> None:
    problems = {}
    for path in SUBSET:
        enlarged.goto(path, wait_until="load")
        found = enlarged.evaluate(OVERFLOW)
        if found["page"] > 0 or found["clipped"]:
            problems[path] = found
    assert problems == {}


def test_reduced_motion_is_respected(browser: Browser, base_url: str) -> None:
    script = """() => {
      const ms = d => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000);
      const slow = v => v.split(',').some(d => ms(d) > 1);
      const moving = [...document.querySelectorAll('*')].filter(e => {
        const s = getComputedStyle(e);
        return slow(s.transitionDuration)
          || (s.animationName !== 'none' && slow(s.animationDuration));
      });
      return {moving: moving.length, sample: moving.slice(0, 5).map(e => e.className),
              scroll: getComputedStyle(document.documentElement).scrollBehavior};
    }"""
    results = {}
    for motion in ("no-preference", "reduce"):
        ctx = new_context(browser, base_url, reduced_motion=motion)
        page = ctx.new_page()
        page.goto("/en/guideline/04-plan/")
        results[motion] = page.evaluate(script)
        ctx.close()
    assert results["no-preference"]["moving"] > 0  # the check sees Material's transitions
    assert results["reduce"]["moving"] == 0, results["reduce"]
    assert results["reduce"]["scroll"] == "auto"


def test_links_in_text_are_underlined(page: Page) -> None:
    page.goto("/en/")
    decoration = page.evaluate(
        "() => getComputedStyle(document.querySelector('.md-content p a')).textDecorationLine"
    )
    assert decoration == "underline"


def test_404_page_speaks_both_languages(page: Page) -> None:
    page.goto("/404.html")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator('section[lang="ar"][dir="rtl"] h1')).to_have_text("الصفحة غير موجودة")
    expect(page.locator('section[lang="en"][dir="ltr"] h2')).to_have_text("Page not found")
    assert text("site.404.heading", lang="en") == "Page not found"
    expect(page.locator('section[lang="en"] a')).to_have_attribute("href", re.compile(r"/en/$"))
