"""Absolute links from a report to the published guideline site."""

from __future__ import annotations

from .checklist import Section
from .languages import language

# The same default as mkdocs.yml's site_url (tests/engine/test_links.py checks they agree).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def site_root(site_url: str | None) -> str:
    """`site_url` with exactly one trailing slash (the default when None or blank)."""
    base = (site_url or "").strip() or DEFAULT_SITE_URL
    return base.rstrip("/") + "/"


def page_url(path: str, *, lang: str, site_url: str | None) -> str:
    """The absolute URL of a language-neutral page path such as "methodology/"."""
    return site_root(site_url) + language(lang).prefix + path.lstrip("/")


def section_url(section: Section, *, lang: str, site_url: str | None) -> str:
    return site_root(site_url) + section.url(lang)
