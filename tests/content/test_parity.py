"""On the built site: the rendering keeps the Markdown's structure, English pages are in English,
and both languages are paired. (Page-pair parity itself is checked on the Markdown, without a
build, in tests/content/test_markdown_parity.py.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import SITE, SITE_URL, built_pages
from tests.content.markdown_pages import DOCS, chapters, outline, page_id
from tests.textnorm import ARABIC

pytestmark = pytest.mark.site

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Shape(HTMLParser):
    """The structural outline of a page's article: headings, admonitions, list items, links."""

    def __init__(self) -> None:
        super().__init__()
        self.in_article = 0
        self.skip_stack: list[str] = []
        self.shape: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "article":
            self.in_article += 1
        if not self.in_article or tag in VOID:
            return
        if self.skip_stack or "daleel-translation-note" in classes:
            self.skip_stack.append(tag)
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.shape.append(tag)
        elif tag == "div" and "admonition" in classes:
            kind = next(c for c in classes if c != "admonition")
            self.shape.append(f"admonition:{kind}")
        elif tag == "li":
            self.shape.append("li")
        elif tag == "a" and "headerlink" not in classes and a.get("href"):
            self.shape.append("a:" + urlparse(a["href"] or "").path)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_stack:
            self.skip_stack.pop()
        elif tag == "article":
            self.in_article -= 1


class _ForeignScript(HTMLParser):
    """Visible text of <body> outside any element marked lang="ar"."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.in_body = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        if tag in VOID:
            return
        inherited = bool(self.stack) and self.stack[-1]
        hidden = tag in ("script", "style", "template")
        self.stack.append(inherited or hidden or dict(attrs).get("lang") == "ar")

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.in_body and not (self.stack and self.stack[-1]):
            self.text.append(data)


def shape(page: Path) -> list[str]:
    parser = _Shape()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.shape


def arabic_pages() -> list[Path]:
    return [p for p in built_pages() if p.relative_to(SITE).parts[:1] != ("en",)]


def _kind(entry: str) -> str:
    # Link targets are written as .md paths and rendered as URLs: compare that a link is there.
    return "a" if entry.startswith("a:") else entry


@pytest.mark.parametrize(
    "md_page", [*chapters("ar"), *chapters("en")], ids=lambda p: p.relative_to(DOCS).as_posix()
)
def test_rendering_keeps_the_markdown_outline(md_page: Path) -> None:
    """Headings, admonitions, list items and links of the Markdown survive rendering and hooks
    (the build's note markers become note boxes, with a link to the editorial notes)."""
    lang = md_page.relative_to(DOCS).parts[0]
    html = (
        SITE / ("en" if lang == "en" else "") / page_id(md_page).removesuffix(".md") / "index.html"
    )
    expected = []
    for entry in outline(md_page):
        expected += ["admonition:note", "a"] if entry.startswith("daleel:note ") else [_kind(entry)]
    assert [_kind(e) for e in shape(html)] == expected


def test_every_english_page_has_an_arabic_page(site_dir: Path) -> None:
    for en_page in (site_dir / "en").rglob("index.html"):
        assert (site_dir / en_page.relative_to(site_dir / "en")).is_file(), en_page


@pytest.mark.parametrize(
    "en_page",
    [p for p in built_pages() if p.relative_to(SITE).parts[:1] == ("en",)],
    ids=lambda p: p.parent.relative_to(SITE).as_posix(),
)
def test_no_arabic_script_in_english_pages_unless_marked(en_page: Path) -> None:
    parser = _ForeignScript()
    parser.feed(en_page.read_text(encoding="utf-8"))
    stray = [t.strip() for t in parser.text if ARABIC.search(t)]
    assert stray == []


def test_shape_check_notices_a_missing_admonition(site_dir: Path) -> None:
    page = site_dir / "guideline" / "04-plan" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "admonition:must" in shape(page)
    parser = _Shape()
    parser.feed(html.replace('class="admonition must"', 'class="plain"'))
    assert parser.shape != shape(page)


UI_ATTR = re.compile(r'\s(?:aria-label|title|placeholder|alt)="([^"]*)"')
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize(
    "ar_page", arabic_pages(), ids=lambda p: p.parent.relative_to(SITE).as_posix()
)
def test_arabic_pages_have_arabic_interface_strings(ar_page: Path) -> None:
    """Labels, titles and placeholders a reader or screen reader meets are Arabic, not Material's
    English defaults (names such as "PDF" may appear inside Arabic text)."""
    values = UI_ATTR.findall(ar_page.read_text(encoding="utf-8"))
    english_only = [v for v in values if LATIN_WORD.search(v) and not ARABIC.search(v)]
    assert values and english_only == []


def test_sitemap_pairs_every_page_with_its_translation(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for page in arabic_pages():
        path = page.parent.relative_to(SITE).as_posix()
        path = "" if path == "." else f"{path}/"
        assert f'hreflang="ar" href="{SITE_URL}{path}"' in sitemap, path
        assert f'hreflang="en" href="{SITE_URL}en/{path}"' in sitemap, path
