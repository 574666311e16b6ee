"""The site is built for one address: `SITE_URL` (the build input; mkdocs.yml's `site_url`,
a loopback address by default). Canonical links, the sitemap and its hreflang alternates name
that address, and no page names the loopback default once another address is set.

Static checks of the built files only, so CI also runs them, cheaply, against a second build
made for a production-like https address (`make test-site-url`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assessment.languages import CODES, DEFAULT, of_path, url
from tests.conftest import DEFAULT_SITE_URL, SITE, SITE_URL, built_pages, url_of

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
PAGES = built_pages() if SITE.exists() else []


def canonical_of(html_file: Path) -> str | None:
    found = CANONICAL.findall(html_file.read_text(encoding="utf-8"))
    assert len(found) <= 1
    return found[0] if found else None


def neutral(path: str) -> str:
    """The page path without its language prefix ("/en/glossary/" → "glossary/")."""
    prefix = of_path(path).prefix
    return path.lstrip("/").removeprefix(prefix)


def test_the_address_is_an_absolute_root_url() -> None:
    assert re.fullmatch(r"https?://[^/\s]+/", SITE_URL), SITE_URL


def test_the_site_was_built_for_the_configured_address(site_dir: Path) -> None:
    assert canonical_of(site_dir / "index.html") == SITE_URL, (
        f"site/ was built for another address than {SITE_URL} (SITE_URL): rebuild it"
    )


@pytest.mark.parametrize("html_file", PAGES, ids=lambda p: p.relative_to(SITE).as_posix())
def test_canonical_link_is_the_page_at_the_address(html_file: Path) -> None:
    assert canonical_of(html_file) == SITE_URL + url_of(html_file).lstrip("/")


def test_sitemap_lists_every_page_with_its_translations(site_dir: Path) -> None:
    tree = ET.parse(site_dir / "sitemap.xml")
    entries = tree.getroot().findall("s:url", NS)
    locs = [e.findtext("s:loc", default="", namespaces=NS) for e in entries]
    assert sorted(locs) == sorted(SITE_URL + url_of(p).lstrip("/") for p in PAGES)
    for entry, loc in zip(entries, locs, strict=True):
        page = neutral("/" + loc.removeprefix(SITE_URL))
        alternates = {
            a.get("hreflang"): a.get("href")
            for a in entry.findall("x:link", NS)
            if a.get("rel") == "alternate"
        }
        assert alternates == {
            code: SITE_URL + url(page, lang=code).lstrip("/") for code in CODES
        }, loc


def test_pages_name_no_other_address(site_dir: Path) -> None:
    """With a production address, nothing still points at the loopback default."""
    if SITE_URL == DEFAULT_SITE_URL:
        pytest.skip("built for the loopback default: nothing else to look for")
    stale = [
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".js", ".txt")
        and DEFAULT_SITE_URL in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert stale == []


def test_the_default_language_has_no_prefix() -> None:
    """What the checks above rely on: Arabic at the root, English under en/."""
    assert DEFAULT.prefix == "" and neutral("/en/glossary/") == "glossary/"
    assert neutral("/glossary/") == "glossary/"
