"""The Arabic pages publish every sentence of the source, changed only by recorded corrections.

Checked on the Markdown (tests/content/test_markdown_fidelity.py, no build needed); this module
checks, once, that the built site still carries every sentence after rendering and the hooks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import built_pages
from tests.content.source_text import corrected_sentences, load_corrections, missing_sentences
from tests.textnorm import article_blocks, normalise

pytestmark = pytest.mark.site


def arabic_page_text(site: Path) -> str:
    pages = [p for p in built_pages(site) if p.relative_to(site).parts[0] != "en"]
    return " ".join(normalise(b) for p in pages for b in article_blocks(p))


def test_rendering_publishes_every_corrected_sentence(site_dir: Path) -> None:
    expected = corrected_sentences()
    assert len(expected) > 60
    assert missing_sentences(expected, arabic_page_text(site_dir)) == []


def test_incomplete_sentence_is_flagged_not_completed(site_dir: Path) -> None:
    html = (site_dir / "guideline" / "01-introduction" / "index.html").read_text(encoding="utf-8")
    assert 'بهدف <span class="daleel-gap"' in html
    assert "نص غير مكتمل في المصدر" in html


def test_every_correction_is_on_the_editorial_notes_page(site_dir: Path) -> None:
    for lang_dir in (site_dir, site_dir / "en"):
        html = (lang_dir / "editorial-notes" / "index.html").read_text(encoding="utf-8")
        for c in load_corrections():
            assert f'<tr id="{c["id"]}">' in html, (lang_dir, c["id"])


@pytest.mark.parametrize(
    ("chapter", "correction", "toc_words"),
    [
        ("04-plan", "plan-title", "استراتيجية التواصل الاجتماعي للجهة والوحدة الحكومية"),
        ("10-personal-use", "personal-use-title", "موظفي الهيئة"),
    ],
)
def test_chapter_pages_explain_their_table_of_contents_title(
    site_dir: Path, chapter: str, correction: str, toc_words: str
) -> None:
    """A reader who clicked the contents list's title learns why the heading differs."""
    for lang_dir, quoted in ((site_dir, toc_words), (site_dir / "en", None)):
        html = (lang_dir / "guideline" / chapter / "index.html").read_text(encoding="utf-8")
        note = html.split('<div class="admonition note">', 1)[1].split("</div>", 1)[0]
        assert f'href="../../editorial-notes/#{correction}"' in note, lang_dir
        if quoted:
            assert quoted in note
