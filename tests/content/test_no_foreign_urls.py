"""No file the site serves points a browser at another origin (Chromium tests check requests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SITE, SITE_URL

# Scans the built site (make test-fast leaves it out).
pytestmark = pytest.mark.site

# Attributes whose URL a browser fetches or navigates to.
HTML_URL = re.compile(
    r"""\s(?:src|href|srcset|action|poster|data|formaction)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
    re.I,
)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)
# A scheme-less `//host` counts only with a dotted host name: `"//nbsp"` in a regex is no URL.
JS_URL = re.compile(r"""["'`](https?://[^"'`\s]+|//[a-z0-9-]+\.[a-z0-9.-]+[^"'`\s]*)""", re.I)


def _files(*suffixes: str) -> list[Path]:
    return sorted(p for p in SITE.rglob("*") if p.suffix in suffixes) if SITE.exists() else []


# XML namespace names look like URLs but are never fetched (createElementNS).
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
}


def _foreign(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(SITE_URL) and u not in NAMESPACES]


@pytest.mark.parametrize("page", _files(".html"), ids=lambda p: p.relative_to(SITE).as_posix())
def test_html_has_no_foreign_url(page: Path) -> None:
    assert _foreign(HTML_URL.findall(page.read_text(encoding="utf-8"))) == []


def test_css_has_no_foreign_url() -> None:
    found = {p.name: CSS_URL.findall(p.read_text(encoding="utf-8")) for p in _files(".css")}
    assert found and {k: v for k, v in found.items() if v} == {}


def test_javascript_names_no_foreign_origin() -> None:
    found = {
        p.relative_to(SITE).as_posix(): _foreign(
            JS_URL.findall(p.read_text(encoding="utf-8", errors="replace"))
        )
        for p in _files(".js", ".mjs")
    }
    assert found and {k: v for k, v in found.items() if v} == {}


def test_the_scan_recognises_a_foreign_url() -> None:
    assert HTML_URL.findall('<img alt="" src="https://cdn.example/x.png">') == [
        "https://cdn.example/x.png"
    ]
    assert CSS_URL.findall("a{background:url('//fonts.example/a.woff2')}") == [
        "//fonts.example/a.woff2"
    ]
    assert JS_URL.findall('import("https://cdn.example/m.js")') == ["https://cdn.example/m.js"]
