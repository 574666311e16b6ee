"""The page's language in its HTML, and the one string source in the templates.

- `dir` on <html> as well as <body>: assistive tech and the print engine read the root
  (Material's base.html writes `<html lang=… class="no-js">` outside any template block).
- Heading permalinks get an accessible name in the page's language instead of "¶" (the toc
  extension's `permalink_title` is one fixed string; the name must carry the heading's text).
- Templates get `t(key, lang=None, **values)`, a string of assessment/data/strings in the
  page's language (or `lang`), HTML-escaped, and `language(code)`, the facts of
  `assessment.languages` (direction, URL prefix, name).
"""

from __future__ import annotations

import html
import re
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from site_data import page_language as source_language

from assessment.languages import language
from assessment.strings import text

PERMALINK = re.compile(
    r'<h([1-6]) id="([^"]+)">(.*?)'
    r'<a class="headerlink" href="#\2" title="Permanent link">&para;</a></h\1>',
    re.S,
)
TAGS = re.compile(r"<[^>]+>")


def page_language(page: Any) -> str:
    """The language code of a page, from its source path (docs/<code>/…)."""
    return source_language(str(page.file.src_uri))


@pass_context
def t(context: Context, key: str, lang: str | None = None, **values: object) -> Markup:
    code = lang or str(context["config"].theme["language"])
    return escape(text(key, lang=code, **values))


def on_env(env: Environment, **_: Any) -> Environment:
    env.globals["t"] = t
    env.globals["language"] = language
    return env


def relabel_permalinks(content: str, lang: str) -> str:
    def relabel(m: re.Match[str]) -> str:
        level, anchor, inner = m.groups()
        heading = html.unescape(TAGS.sub("", inner)).strip()
        label = html.escape(text("site.permalink", lang=lang, heading=heading), quote=True)
        return (
            f'<h{level} id="{anchor}">{inner}<a class="headerlink" href="#{anchor}" '
            f'aria-label="{label}" title="{label}"><span aria-hidden="true">#</span></a></h{level}>'
        )

    return PERMALINK.sub(relabel, content)


def on_page_content(content: str, page: Any, **_: Any) -> str:
    return relabel_permalinks(content, page_language(page))


def with_direction(output: str, lang: str) -> str:
    """`dir` beside `lang` on the root element."""
    return output.replace(
        f'<html lang="{lang}" class="no-js">',
        f'<html lang="{lang}" dir="{language(lang).direction}" class="no-js">',
        1,
    )


def on_post_page(output: str, page: Any, **_: Any) -> str:
    return with_direction(output, page_language(page))
