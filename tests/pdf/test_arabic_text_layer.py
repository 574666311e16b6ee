"""Every Arabic word of the Arabic PDFs can be found in their text layer (issue 10).

The words are those of the print pages the PDFs are rendered from (site/print_page/*-ar.html),
section by section: cover, contents, each chapter, glossary, editorial notes; the worksheet's
cover, instructions, domains and scoring page. A word is found when it is one of the words of
the text an extractor reads from the PDF, after removing only diacritics and tatweel (the
extractors' whitespace is the word boundary). Two extractors: poppler's `pdftotext` (reads the
PDF's ActualText) and pypdf (reads only the fonts' ToUnicode maps, like most viewers' search
and copy). Failing words are listed by section.

Words written with diacritics («تُغيِّر», «مفضّلة») are included: pdftotext used to break them
where Chromium drew a mark before its letter (scripts/pdf_text_layer.py, `whole_clusters`).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SITE

MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]+")
# Elements the print pages keep out of the PDF (print.css).
HIDDEN_CLASSES = {"md-button"}
SECTION_CLASSES = {"daleel-cover", "daleel-toc", "daleel-print-page"}
KINDS = ("guideline", "checklist")


def plain(text: str) -> str:
    return MARKS.sub("", text).replace(TATWEEL, "")


def words(text: str) -> list[str]:
    return WORD.findall(plain(text))


def marked_words(text: str) -> set[str]:
    """The words of `text` that are written with diacritics (returned without them)."""
    raw = re.findall(r"[\u0621-\u065f\u0670-\u06d3\u06d6-\u06ff]+", text.replace(TATWEEL, ""))
    return {plain(w) for w in raw if MARKS.search(w)}


class _Sections(HTMLParser):
    """Text of each top-level section of a print page, without hidden elements."""

    VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self._stack: list[tuple[str, bool, str | None]] = []
        self._current: str | None = None
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        hidden = tag in ("script", "style") or bool(classes & HIDDEN_CLASSES)
        section = bool(classes & SECTION_CLASSES) or (
            tag == "section" and any(c.startswith("ws-") for c in classes)
        )
        self._stack.append((tag, hidden, self._current))
        self._hidden += hidden
        if section and self._current is None:
            name = attributes.get("id") or f"{sorted(classes)[0]}-{len(self.sections) + 1}"
            self._current = name
            self.sections[name] = []

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, hidden, previous = self._stack.pop()
            self._hidden -= hidden
            self._current = previous
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._hidden:
            self.sections[self._current].append(data)


@cache
def sections(kind: str) -> dict[str, str]:
    page = SITE / "print_page" / f"{kind}-ar.html"
    if not page.is_file():
        pytest.fail(f"{page} missing: run `make build`")
    parser = _Sections()
    parser.feed(page.read_text(encoding="utf-8"))
    found = {name: " ".join(parts) for name, parts in parser.sections.items()}
    assert len(found) >= (16 if kind == "guideline" else 14), list(found)
    return found


def _pdf(kind: str) -> Path:
    path = SITE / "downloads" / f"{kind}.pdf"
    if not path.is_file():
        pytest.fail(f"{path} missing: `make build` renders the PDFs")
    return path


@cache
def extracted(kind: str, tool: str) -> frozenset[str]:
    path = _pdf(kind)
    if tool == "pdftotext":
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    else:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return frozenset(words(text))


def missing(kind: str, tool: str) -> Iterator[tuple[str, list[str]]]:
    found = extracted(kind, tool)
    for name, text in sections(kind).items():
        lost = sorted({w for w in words(text) if w not in found})
        if lost:
            yield name, lost


def _report(failures: list[tuple[str, list[str]]]) -> str:
    return "; ".join(f"{name}: {' '.join(lost)}" for name, lost in failures)


@pytest.mark.parametrize("kind", KINDS)
def test_pypdf_finds_every_arabic_word(kind: str) -> None:
    failures = list(missing(kind, "pypdf"))
    assert not failures, f"words pypdf cannot find in {kind}-ar: {_report(failures)}"


@pytest.mark.parametrize("kind", KINDS)
def test_pdftotext_finds_every_arabic_word(kind: str) -> None:
    failures = list(missing(kind, "pdftotext"))
    assert not failures, f"words pdftotext cannot find in {kind}-ar: {_report(failures)}"


@pytest.mark.parametrize("kind", KINDS)
def test_words_with_diacritics_are_checked(kind: str) -> None:
    # The strict tests above mean something only if the pages hold such words.
    marked = set().union(*(marked_words(t) for t in sections(kind).values()))
    assert {"مفضلة" if kind == "guideline" else "مفضل", "تغير"} <= marked, sorted(marked)[:20]


def test_the_words_issue_10_searched_for_are_found() -> None:
    for tool in ("pdftotext", "pypdf"):
        found = extracted("guideline", tool)
        for word in ("الاختراق", "الشمول", "الخصوصية", "المصادقة", "الاجتماعي"):
            assert word in found, (tool, word)
