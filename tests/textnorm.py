"""Text helpers shared by the content tests: Arabic normalisation and page-text extraction."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

# Harakat, shadda, sukun, superscript alef, Quranic marks, and tatweel.
_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LIST_MARKER = re.compile(r"^\s*(?:[-–•]\s*)?(?:\d+\s*[.)]\s*)?")
_SPACES = re.compile(r"\s+")
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def normalise(text: str) -> str:
    """Compare text as a reader would: no diacritics, no list numbering, one space, no colons."""
    text = _DIACRITICS.sub("", text)
    text = _LIST_MARKER.sub("", text)
    text = text.replace(":", " ").replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


class _ArticleText(HTMLParser):
    """Collects the text of <article>, block by block, leaving out permalinks and scripts."""

    BLOCKS: ClassVar[frozenset[str]] = frozenset(
        {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "div", "summary", "caption", "dd", "dt"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.depth += 1
        if self.depth and (tag in ("script", "style") or "headerlink" in classes or self.skip):
            self.skip += 1
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self._flush()
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.current.append(data)

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(text)
        self.current = []


def article_blocks(page: Path) -> list[str]:
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    parser._flush()
    return parser.blocks
