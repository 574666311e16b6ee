"""Accessibility fixes on the rendered page that Material's templates do not expose.

- A skip link on every page: Material only writes one when the page has a table of contents
  (the 404 page has none); here it points at the page's first <h1>.
- No page in one language only: mkdocs-static-i18n (fallback_to_default: false) silently
  leaves a page out of the other language's build; here that fails the build instead.
- The 404 page (a theme template, which no on_post_page hook sees) gets `dir` on <html> and
  the skip link, and stays the Arabic-chrome build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

SKIP_SLOT = re.compile(r'<div data-md-component="skip">\s*</div>')
FIRST_H1 = re.compile(r"<h1(?P<attrs>[^>]*)>")
ID = re.compile(r'\sid="([^"]+)"')
SKIP_TEXT = {"ar": "انتقل إلى المحتوى", "en": "Skip to content"}


LANGUAGES = ("ar", "en")


def missing_translations(docs_dir: Path) -> list[str]:
    """Pages (docs/<lang>/**.md) that exist in one language and not in the other."""
    pages = {
        lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")}
        for lang in LANGUAGES
    }
    return sorted(
        f"docs/{lang}/{page} has no docs/{other}/{page}"
        for lang in LANGUAGES
        for other in LANGUAGES
        if other != lang
        for page in pages[lang] - pages[other]
    )


def on_pre_build(config: Any, **_: Any) -> None:
    missing = missing_translations(Path(config["docs_dir"]))
    if missing:
        raise PluginError("every page needs both languages: " + "; ".join(missing))


def _lang(output: str) -> str:
    m = re.search(r'<html lang="([a-z]+)"', output)
    return m[1] if m and m[1] in SKIP_TEXT else "ar"


def on_post_page(output: str, **_: Any) -> str:
    if 'class="md-skip"' in output or not SKIP_SLOT.search(output):
        return output
    h1 = FIRST_H1.search(output)
    if h1 is None:
        return output
    found = ID.search(h1["attrs"])
    target = found[1] if found else "__content"
    if not found:
        output = output[: h1.start()] + f'<h1 id="{target}"{h1["attrs"]}>' + output[h1.end() :]
    link = (
        f'<div data-md-component="skip"><a href="#{target}" class="md-skip">'
        f"{SKIP_TEXT[_lang(output)]}</a></div>"
    )
    return SKIP_SLOT.sub(lambda _m: link, output, count=1)


# mkdocs-static-i18n builds each language in turn into the same site/, so the English build
# would overwrite the root 404.html with English chrome. The Arabic (default, built first)
# page is kept; its content is bilingual (overrides/404.html).
_arabic_404: str | None = None


def on_post_template(output_content: str, template_name: str, **_: Any) -> str:
    """The 404 page is a theme template, not a page: give it what on_post_page gives pages."""
    global _arabic_404
    if template_name != "404.html":
        return output_content
    if '<html lang="ar"' not in output_content and _arabic_404 is not None:
        return _arabic_404
    output_content = re.sub(
        r'<html lang="(ar|en)" class="no-js">',
        lambda m: f'<html lang="{m[1]}" dir="{"rtl" if m[1] == "ar" else "ltr"}" class="no-js">',
        output_content,
        count=1,
    )
    output_content = on_post_page(output_content)
    if '<html lang="ar"' in output_content:
        _arabic_404 = output_content
    return output_content
