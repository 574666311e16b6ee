"""The pages' Markdown as structure and text, read with markdown-it-py (no site build needed).

`outline()` lists what a reader navigates by (headings, admonitions, list items, links, and
the build's `<!-- daleel:… -->` markers) so an Arabic page and its English page can be compared;
`blocks()` gives each paragraph, list item, heading and admonition title as plain text, with
the admonition it sits in, for the source-fidelity and label checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = ("ar", "en")
MARKER = re.compile(r"<!--\s*(daleel:[^>]*?)\s*-->")

_MD = MarkdownIt("commonmark").use(front_matter_plugin).use(admon_plugin).enable("table")


def pages(lang: str) -> list[Path]:
    """Every Markdown page of one language, sorted by path."""
    return sorted((DOCS / lang).rglob("*.md"))


def counterpart(page: Path, lang: str) -> Path:
    """The same page in another language (same file name under docs/<lang>/)."""
    rel = page.relative_to(DOCS)
    return DOCS / lang / Path(*rel.parts[1:])


def page_id(page: Path) -> str:
    """`guideline/05-governance.md` for docs/<lang>/guideline/05-governance.md."""
    return Path(*page.relative_to(DOCS).parts[1:]).as_posix()


def chapters(lang: str) -> list[Path]:
    return sorted((DOCS / lang / "guideline").glob("*.md"))


@cache
def _tokens(page: Path) -> tuple[Token, ...]:
    return tuple(_MD.parse(page.read_text(encoding="utf-8")))


class _HtmlOutline(HTMLParser):
    """Outline entries of raw HTML written inside the Markdown (lists, links, headings)."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) or tag == "li":
            self.entries.append(tag)
        elif tag == "a" and a.get("href"):
            self.entries.append(_link(a["href"] or ""))

    def handle_comment(self, data: str) -> None:
        found = MARKER.search(f"<!--{data}-->")
        if found:
            self.entries.append(found[1])


def _link(href: str) -> str:
    """A link's target without its fragment: heading ids differ between the languages."""
    target, hash_, _ = href.partition("#")
    return f"a:{target or hash_}"


def _html_entries(html: str) -> list[str]:
    parser = _HtmlOutline()
    parser.feed(html)
    parser.close()
    return parser.entries


def outline(page: Path) -> list[str]:
    """Headings, admonitions (by kind), list items, link targets and daleel markers, in order."""
    out: list[str] = []
    for token in _tokens(page):
        if token.type == "heading_open":
            out.append(token.tag)
        elif token.type == "admonition_open":
            out.append(f"admonition:{token.meta['tag']}")
        elif token.type == "list_item_open":
            out.append("li")
        elif token.type == "html_block":
            out.extend(_html_entries(token.content))
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open":
                    out.append(_link(str(child.attrGet("href"))))
                elif child.type == "html_inline":
                    out.extend(_html_entries(child.content))
    return out


@dataclass(frozen=True)
class Block:
    """One piece of text a reader meets as a unit."""

    kind: str  # "h1".."h6", "p", "li" (a list item's paragraph), "admonition-title"
    text: str
    admonition: str | None  # kind of the enclosing admonition ("must", "should", …)
    admonition_title: str | None
    line: int  # 1-based line in the Markdown file
    link_only: bool = False  # the block is a single link (a call to action, not a sentence)


def _plain(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _link_only(token: Token) -> bool:
    children = [c for c in token.children or [] if c.type != "text" or c.content.strip()]
    return (
        len(children) > 2 and children[0].type == "link_open" and children[-1].type == "link_close"
    )


def blocks(page: Path) -> list[Block]:
    out: list[Block] = []
    admonitions: list[tuple[str, str]] = []
    in_list = 0
    kind = "p"
    for token in _tokens(page):
        match token.type:
            case "admonition_open":
                admonitions.append((str(token.meta["tag"]), token.content))
            case "admonition_close":
                admonitions.pop()
            case "list_item_open":
                in_list += 1
            case "list_item_close":
                in_list -= 1
            case "heading_open":
                kind = token.tag
            case "admonition_title_open":
                kind = "admonition-title"
            case "paragraph_open":
                kind = "li" if in_list else "p"
            case "inline":
                text = _plain(token)
                if text:
                    box, title = admonitions[-1] if admonitions else (None, None)
                    line = (token.map[0] + 1) if token.map else 0
                    out.append(Block(kind, text, box, title, line, _link_only(token)))
    return out


def text_blocks(page: Path) -> list[Block]:
    """The page's reading text: every block except admonition titles."""
    return [b for b in blocks(page) if b.kind != "admonition-title"]


def markers(page: Path) -> list[str]:
    return [m[1] for m in MARKER.finditer(page.read_text(encoding="utf-8"))]
