"""One glossary drives the terms: where an Arabic page uses a term, its English page uses ours.
Checked on the Markdown (no build), except the glossary page itself, which is generated."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.content.markdown_pages import DOCS, ROOT, blocks, chapters, counterpart, outline, page_id
from tests.textnorm import normalise

with (ROOT / "data" / "glossary.yml").open(encoding="utf-8") as fh:
    GLOSSARY: list[dict[str, Any]] = yaml.safe_load(fh)


def _text(page: Path) -> str:
    return " ".join(normalise(b.text) for b in blocks(page))


@pytest.mark.parametrize("ar_page", chapters("ar"), ids=page_id)
def test_english_chapter_uses_the_glossary_terms(ar_page: Path) -> None:
    ar_text = _text(ar_page)
    en_text = _text(counterpart(ar_page, "en")).lower()
    used = [
        t
        for t in GLOSSARY
        if any(normalise(form) in ar_text for form in [t["ar"], *t.get("ar_forms", [])])
    ]
    missing = [t["en"] for t in used if t["en"].lower() not in en_text]
    assert missing == []


@pytest.mark.site
def test_every_glossary_term_is_used_by_the_guideline() -> None:
    ar_text = " ".join(_text(p) for p in chapters("ar"))
    unused = [
        t["ar"]
        for t in GLOSSARY
        if not any(normalise(f) in ar_text for f in [t["ar"], *t.get("ar_forms", [])])
    ]
    assert unused == []


@pytest.mark.site
def test_glossary_page_lists_every_term_in_both_languages(site_dir: Path) -> None:
    for page in (site_dir / "glossary" / "index.html", site_dir / "en" / "glossary" / "index.html"):
        html = page.read_text(encoding="utf-8")
        for term in GLOSSARY:
            assert f'<span lang="ar" dir="rtl">{term["ar"]}</span>' in html
            assert f'<span lang="en" dir="ltr">{term["en"]}</span>' in html


def test_glossary_covers_the_technical_terms_the_issue_names() -> None:
    english = {t["en"].lower() for t in GLOSSARY}
    for needed in (
        "two-factor authentication",
        "performance indicators",
        "personal data",
        "blue badge",
    ):
        assert needed in english


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_chapters_are_numbered_and_ordered_as_the_table_of_contents(lang: str) -> None:
    titles = [next(b.text for b in blocks(p) if b.kind == "h1") for p in chapters(lang)]
    assert [t.split(".")[0] for t in titles] == [str(n) for n in range(1, 15)]
    nav = [
        m[1]
        for a in outline(DOCS / lang / "index.md")
        if (m := re.match(r"a:guideline/(\d\d)-", a))
    ]
    assert list(dict.fromkeys(nav)) == [f"{n:02d}" for n in range(1, 15)]
