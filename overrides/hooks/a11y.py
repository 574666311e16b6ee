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

from html_lang import with_direction
from mkdocs.exceptions import PluginError

from assessment.languages import CODES, DEFAULT, LANGUAGES
from assessment.strings import text

SKIP_SLOT = re.compile(r'<div data-md-component="skip">\s*</div>')
FIRST_H1 = re.compile(r"<h1(?P<attrs>[^>]*)>")
ID = re.compile(r'\sid="([^"]+)"')
HTML_LANG = re.compile(r'<html lang="([a-z]+)"')


def missing_translations(docs_dir: Path) -> list[str]:
    """Pages (docs/<lang>/**.md) that exist in one language and not in the other."""
    pages = {
        lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")}
        for lang in CODES
    }
    return sorted(
        f"docs/{lang}/{page} has no docs/{other}/{page}"
        for lang in CODES
        for other in CODES
        if other != lang
        for page in pages[lang] - pages[other]
    )


def on_pre_build(config: Any, **_: Any) -> None:
    missing = missing_translations(Path(config["docs_dir"]))
    if missing:
        raise PluginError("every page needs both languages: " + "; ".join(missing))


def _lang(output: str) -> str:
    m = HTML_LANG.search(output)
    return m[1] if m and m[1] in LANGUAGES else DEFAULT.code


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
        f'{text("site.skip_to_content", lang=_lang(output))}</a></div>'
    )
    return SKIP_SLOT.sub(lambda _m: link, output, count=1)


def on_post_template(output_content: str, template_name: str, config: Any, **_: Any) -> str:
    """The 404 page is a theme template, not a page: give it what on_post_page gives pages.

    mkdocs-static-i18n runs the other languages' builds into the same site/ after the default
    language's (inside its on_post_build), and each would rewrite the root 404.html with its own
    chrome. The page is bilingual (overrides/404.html), so the default language's build writes
    it and the later builds keep that file: the input is the file on disk, not hidden state.
    """
    if template_name != "404.html":
        return output_content
    written = Path(config["site_dir"]) / "404.html"
    if config["theme"]["language"] != DEFAULT.code and written.is_file():
        return written.read_text(encoding="utf-8")
    return on_post_page(with_direction(output_content, _lang(output_content)))
