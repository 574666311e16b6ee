"""Glossary definitions taken from the guideline quote it: the whole paragraph under the term's
heading in chapter 2, or, when marked `abridged`, its first whole sentences (and the page says
so). Both languages, against the Markdown of the chapter pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.content.markdown_pages import DOCS, ROOT, blocks, counterpart
from tests.textnorm import normalise

with (ROOT / "data" / "glossary.yml").open(encoding="utf-8") as fh:
    GLOSSARY: list[dict[str, Any]] = yaml.safe_load(fh)
QUOTED = [t for t in GLOSSARY if t["source"] != "editorial"]
_SENTENCES = re.compile(r"(?<=[.؟!])\s+")


def _paragraph_under(term: dict[str, Any], lang: str) -> str:
    """The text under the Arabic term's heading (or its English counterpart's)."""
    ar_page = DOCS / "ar" / term["source"]
    ar_blocks = blocks(ar_page)
    headings = [i for i, b in enumerate(ar_blocks) if b.kind.startswith("h")]
    (at,) = [i for i in headings if normalise(ar_blocks[i].text) == normalise(term["ar"])]
    page_blocks = ar_blocks if lang == "ar" else blocks(counterpart(ar_page, "en"))
    following = [i for i in headings if i > at]
    end = following[0] if following else len(page_blocks)
    return " ".join(b.text for b in page_blocks[at + 1 : end])


def quote_problem(definition: str, paragraph: str, abridged: bool) -> str | None:
    d, p = normalise(definition), normalise(paragraph)
    if not abridged:
        return None if d == p else "not the whole paragraph: quote it in full or mark it abridged"
    sentences = _SENTENCES.split(p)
    firsts = [" ".join(sentences[:n]) for n in range(1, len(sentences))]
    return None if d in firsts else "abridged, but not the paragraph's first whole sentences"


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("term", QUOTED, ids=lambda t: t["en"])
def test_quoted_definitions_match_the_guideline(term: dict[str, Any], lang: str) -> None:
    paragraph = _paragraph_under(term, lang)
    assert quote_problem(term["definition"][lang], paragraph, bool(term.get("abridged"))) is None


def test_the_check_catches_an_unmarked_abridgement() -> None:
    (term,) = [t for t in QUOTED if t["en"] == "social media platforms"]
    paragraph = _paragraph_under(term, "ar")
    assert quote_problem(term["definition"]["ar"], paragraph, abridged=True) is None
    assert quote_problem(term["definition"]["ar"], paragraph, abridged=False) is not None
    shortened = term["definition"]["ar"].removeprefix("تشير منصات التواصل الاجتماعي إلى ")
    assert quote_problem(shortened, paragraph, abridged=True) is not None


def test_glossary_pages_say_what_abridged_means() -> None:
    assert any(t.get("abridged") for t in QUOTED)
    assert "«مقتطف»" in (DOCS / "ar" / "glossary.md").read_text(encoding="utf-8")
    assert '"abridged"' in (DOCS / "en" / "glossary.md").read_text(encoding="utf-8")
    for lang in ("ar", "en"):
        page = (DOCS / lang / "glossary.md").read_text(encoding="utf-8")
        assert "as they appear" not in page and "منقولة كما وردت" not in page, lang
