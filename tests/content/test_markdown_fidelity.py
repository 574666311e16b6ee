"""Source fidelity on the Markdown, without a build: the Arabic pages publish every sentence of
the source, changed only by the corrections recorded in source/corrections.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.markdown_pages import DOCS, chapters, markers, pages, text_blocks
from tests.content.source_text import corrected_sentences, load_corrections, missing_sentences
from tests.textnorm import normalise

SHARED_SOURCE = DOCS.parent.parent / "shared" / "source" / "000_285e7c879ac023b6.txt"


def _text(files: list[Path]) -> str:
    return " ".join(normalise(b.text) for p in files for b in text_blocks(p))


def test_project_copy_of_source_is_unmodified() -> None:
    from tests.content.source_text import SOURCE

    if not SHARED_SOURCE.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_every_corrected_sentence_is_in_the_arabic_markdown() -> None:
    expected = corrected_sentences()
    assert len(expected) > 60
    assert missing_sentences(expected, _text(pages("ar"))) == []


def test_an_unrecorded_change_is_caught() -> None:
    """The check itself must fail when a page drops or alters a sentence."""
    expected = corrected_sentences()
    text = _text(pages("ar"))
    victim = next(s for s in expected if "المصادقة الثنائية" in s)
    altered = text.replace(victim, victim.replace("المصادقة الثنائية", "المصادقة"))
    assert missing_sentences(expected, altered) == [victim]


def test_uncorrected_typos_are_not_published() -> None:
    # The editorial-notes page quotes the typos on purpose; the guideline's pages must not.
    text = _text([*chapters("ar"), DOCS / "ar" / "index.md"])
    for typo in ("تمكيت", "البيانك", "نتيح", ")سابقاً(", "مدف الدليل", "الجهة الحكومة "):
        assert typo not in text, typo


def test_duplicated_introduction_is_published_once() -> None:
    assert _text(pages("ar")).count(normalise("ارتأت الوزارة ضرورة تحديث الدليل")) == 1


def test_breach_steps_sit_inside_chapter_13() -> None:
    (ch12,) = (p for p in chapters("ar") if p.name.startswith("12-"))
    (ch13,) = (p for p in chapters("ar") if p.name.startswith("13-"))
    assert "الإبلاغ الفوري" in _text([ch13])
    assert "الإبلاغ الفوري" not in _text([ch12])


def test_incomplete_sentence_is_flagged_in_both_languages() -> None:
    for lang in ("ar", "en"):
        source = (DOCS / lang / "guideline" / "01-introduction.md").read_text(encoding="utf-8")
        assert '<span class="daleel-gap"' in source, lang
        assert '!!! warning "' in source, lang


def test_chapter_notes_name_recorded_corrections() -> None:
    """`<!-- daleel:note ID -->` shows a correction's reason on a chapter: the ID must exist."""
    ids = {c["id"] for c in load_corrections()}
    used = [
        m.removeprefix("daleel:note ").strip()
        for lang in ("ar", "en")
        for p in pages(lang)
        for m in markers(p)
        if m.startswith("daleel:note ")
    ]
    assert used and set(used) <= ids


@pytest.mark.parametrize("correction_id", ["plan-title", "personal-use-title"])
def test_table_of_contents_title_notes_are_on_their_chapters(correction_id: str) -> None:
    line = next(c["line"] for c in load_corrections() if c["id"] == correction_id)
    for lang in ("ar", "en"):
        on = [p.name for p in chapters(lang) if f"daleel:note {correction_id}" in markers(p)]
        assert len(on) == 1, (lang, correction_id, line)


def test_every_correction_has_reasons_in_both_languages() -> None:
    for c in load_corrections():
        assert c["kind"] in ("replace", "delete", "move", "incomplete", "note"), c["id"]
        assert c["reason"]["ar"].strip() and c["reason"]["en"].strip(), c["id"]
