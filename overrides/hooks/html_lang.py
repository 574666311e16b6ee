"""Page-level HTML fixes that Material's templates do not expose as blocks.

- `dir` on <html> as well as <body>: assistive tech and the print engine read the root.
- Heading permalinks get an accessible name in the page's language instead of "¶".
"""

from __future__ import annotations

import html
import re
from typing import Any

PERMALINK = re.compile(
    r'<h([1-6]) id="([^"]+)">(.*?)'
    r'<a class="headerlink" href="#\2" title="Permanent link">&para;</a></h\1>',
    re.S,
)
TAGS = re.compile(r"<[^>]+>")
LABEL = {"ar": "رابط دائم إلى القسم: {}", "en": "Permanent link to section: {}"}


def _lang(page: Any) -> str:
    return page.file.src_uri.split("/", 1)[0]


def on_page_content(content: str, page: Any, **_: Any) -> str:
    lang = _lang(page)

    def relabel(m: re.Match[str]) -> str:
        level, anchor, inner = m.groups()
        text = html.unescape(TAGS.sub("", inner)).strip()
        label = html.escape(LABEL[lang].format(text), quote=True)
        return (
            f'<h{level} id="{anchor}">{inner}<a class="headerlink" href="#{anchor}" '
            f'aria-label="{label}" title="{label}"><span aria-hidden="true">#</span></a></h{level}>'
        )

    return PERMALINK.sub(relabel, content)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    lang = _lang(page)
    direction = "rtl" if lang == "ar" else "ltr"
    return output.replace(
        f'<html lang="{lang}" class="no-js">',
        f'<html lang="{lang}" dir="{direction}" class="no-js">',
        1,
    )
