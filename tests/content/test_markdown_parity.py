"""Every Arabic page has an English page of the same shape, checked on the Markdown (no build):
the same headings, admonitions, list items, links and markers in the same order, and one English
block (paragraph, list item, heading) for every Arabic one, so blocks can be compared pairwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.content.markdown_pages import (
    DOCS,
    blocks,
    chapters,
    counterpart,
    outline,
    page_id,
    pages,
    text_blocks,
)
from tests.textnorm import ARABIC


@pytest.mark.parametrize("ar_page", pages("ar"), ids=page_id)
def test_english_page_has_the_same_outline(ar_page: Path) -> None:
    en_page = counterpart(ar_page, "en")
    assert en_page.is_file(), f"no English page for {page_id(ar_page)}"
    assert any(s in ("h1", "h2") for s in outline(ar_page))
    assert outline(en_page) == outline(ar_page)


@pytest.mark.parametrize("ar_page", pages("ar"), ids=page_id)
def test_english_page_has_one_block_per_arabic_block(ar_page: Path) -> None:
    en_page = counterpart(ar_page, "en")
    ar_kinds = [(b.kind, b.admonition) for b in blocks(ar_page)]
    en_kinds = [(b.kind, b.admonition) for b in blocks(en_page)]
    assert en_kinds == ar_kinds


def test_every_english_page_has_an_arabic_page() -> None:
    for en_page in pages("en"):
        assert counterpart(en_page, "ar").is_file(), page_id(en_page)


def test_outline_notices_a_missing_admonition(tmp_path: Path) -> None:
    page = DOCS / "ar" / "guideline" / "04-plan.md"
    broken = tmp_path / "04-plan.md"
    broken.write_text(
        page.read_text(encoding="utf-8").replace('!!! must "متطلب إلزامي (يجب)"\n    ', ""),
        encoding="utf-8",
    )
    assert "admonition:must" in outline(page)
    assert "admonition:must" not in outline(broken)


def test_outline_notices_a_changed_link(tmp_path: Path) -> None:
    page = DOCS / "en" / "index.md"
    broken = tmp_path / "index.md"
    broken.write_text(
        page.read_text(encoding="utf-8").replace("guideline/05-governance.md", "x.md"), "utf-8"
    )
    assert outline(broken) != outline(page)


TERMINAL = re.compile(r"[.?!:…\]»)]$")


@pytest.mark.parametrize("en_page", chapters("en"), ids=page_id)
def test_english_sentences_end_with_a_full_stop(en_page: Path) -> None:
    """The Arabic source often omits the final full stop; the English never does."""
    unfinished = [
        b.text
        for b in text_blocks(en_page)
        if b.kind in ("p", "li") and not b.link_only and not TERMINAL.search(b.text)
    ]
    assert unfinished == []


@pytest.mark.parametrize("en_page", pages("en"), ids=page_id)
def test_english_uses_one_word_for_a_breach(en_page: Path) -> None:
    """«الاختراق» is "breach" (data/glossary.yml); not "hacked" here and "compromised" there."""
    text = " ".join(b.text for b in text_blocks(en_page)).lower()
    assert not re.search(r"\b(hack\w*|compromis\w*)\b", text)


def _aligned(name: str) -> list[tuple[str, str]]:
    ar_page = DOCS / "ar" / "guideline" / name
    return list(
        zip(
            (b.text for b in blocks(ar_page)),
            (b.text for b in blocks(counterpart(ar_page, "en"))),
            strict=True,
        )
    )


def test_chapter_5_external_party_is_a_condition() -> None:
    """«لا مانع على أن لا يتم اعطائهم كامل الصلاحيات»: allowed *provided that* the external party
    does not hold full permissions, not "no objection to their not being given" them."""
    (en,) = [en for ar, en in _aligned("05-governance.md") if "طرف خارجي" in ar]
    assert "provided that" in en
    assert "not given full permissions" in en
    assert "no objection to their not" not in en


@pytest.mark.parametrize(
    ("chapter", "arabic", "english"),
    [
        ("01-introduction.md", "8/2/2023", "8 February 2023"),
        ("10-personal-use.md", "التطاول", "offensive or abusive conduct"),
        ("12-digital-inclusion.md", "كجزء اساسي", "primarily in Arabic, and also in English"),
        ("12-digital-inclusion.md", "أجانب", "target audience consists of foreign nationals"),
    ],
)
def test_english_renders_the_source_plainly(chapter: str, arabic: str, english: str) -> None:
    (en,) = [en for ar, en in _aligned(chapter) if arabic in ar]
    assert english in en


@pytest.mark.parametrize("en_page", chapters("en"), ids=page_id)
def test_english_chapters_say_things_once_and_plainly(en_page: Path) -> None:
    text = " ".join(b.text for b in blocks(en_page))
    for phrase in (
        "two-factor authentication (Two-Factor Authentication)",
        "insolence",
        "as an essential part",
        "where they work",
        "Emphasise providing",
        "contains texts",
        "includes foreign",  # «أجانب»: the audience is foreign nationals, not merely includes them
    ):
        assert phrase not in text, phrase
    assert not ARABIC.search(re.sub(r"«[^»]*»", "", text)), "Arabic outside «quotes»"


def test_a_paragraph_that_is_one_link_is_no_sentence(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("[Prepare your runbook](../tools/x.md)\n\nSee [the notes](x.md)\n", "utf-8")
    assert [b.link_only for b in blocks(page)] == [True, False]
