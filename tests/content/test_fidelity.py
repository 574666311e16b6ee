"""The Arabic pages publish every sentence of the source, changed only by recorded corrections."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, built_pages
from tests.textnorm import article_blocks, normalise

SOURCE = ROOT / "source" / "guideline-2024-ar.txt"
CORRECTIONS = ROOT / "source" / "corrections.yml"
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "000_285e7c879ac023b6.txt"
_SENTENCE_END = re.compile(r"(?<=[.؟!])\s+")


def apply_corrections(source: str, corrections: list[dict[str, Any]]) -> list[str]:
    """Return the corrected source as lines; fail loudly if a correction no longer fits."""
    lines = source.split("\n")
    moves: list[dict[str, Any]] = []
    dropped: set[int] = set()
    for c in corrections:
        i = c["line"] - 1
        assert c["original"] in lines[i] or (
            c["kind"] == "delete" and lines[i].strip() == c["original"]
        ), f"correction {c['id']}: {c['original']!r} not found on line {c['line']}"
        if c["kind"] == "replace":
            assert lines[i].count(c["original"]) == 1, f"correction {c['id']} is ambiguous"
            lines[i] = lines[i].replace(c["original"], c["corrected"])
        elif c["kind"] == "delete":
            dropped.update(range(i, c["end_line"]))
        elif c["kind"] == "move":
            moves.append(c)
        else:
            assert c["kind"] in ("incomplete", "note"), c["id"]
    for m in moves:
        block = list(range(m["line"] - 1, m["end_line"]))
        order = [n for n in range(len(lines)) if n not in block]
        at = order.index(m["after_line"] - 1) + 1
        lines = [lines[n] for n in order[:at] + block + order[at:]]
    return [line for n, line in enumerate(lines) if n not in dropped]


def sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for part in _SENTENCE_END.split(line.strip()):
            norm = normalise(part)
            if norm:
                out.append(norm)
    return out


def missing_sentences(source_sentences: list[str], page_text: str) -> list[str]:
    return [s for s in source_sentences if s not in page_text]


def arabic_page_text(site: Path) -> str:
    pages = [p for p in built_pages(site) if p.relative_to(site).parts[0] != "en"]
    return " ".join(normalise(b) for p in pages for b in article_blocks(p))


@pytest.fixture(scope="module")
def corrections() -> list[dict[str, Any]]:
    with CORRECTIONS.open(encoding="utf-8") as fh:
        data: list[dict[str, Any]] = yaml.safe_load(fh)
    return data


def test_project_copy_of_source_is_unmodified() -> None:
    if not SHARED_SOURCE.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_every_corrected_sentence_is_published(
    site_dir: Path, corrections: list[dict[str, Any]]
) -> None:
    expected = sentences(apply_corrections(SOURCE.read_text(encoding="utf-8"), corrections))
    assert len(expected) > 60
    missing = missing_sentences(expected, arabic_page_text(site_dir))
    assert missing == []


def test_an_unrecorded_change_is_caught(site_dir: Path, corrections: list[dict[str, Any]]) -> None:
    """The check itself must fail when a page drops or alters a sentence."""
    expected = sentences(apply_corrections(SOURCE.read_text(encoding="utf-8"), corrections))
    text = arabic_page_text(site_dir)
    victim = next(s for s in expected if "المصادقة الثنائية" in s)
    altered = text.replace(victim, victim.replace("المصادقة الثنائية", "المصادقة"))
    assert missing_sentences(expected, altered) == [victim]


def test_uncorrected_typos_are_not_published(site_dir: Path) -> None:
    # The editorial-notes page quotes the typos on purpose; the guideline's pages must not.
    chapters = [*sorted((site_dir / "guideline").glob("*/index.html")), site_dir / "index.html"]
    text = " ".join(b for p in chapters for b in article_blocks(p))
    for typo in ("تمكيت", "البيانك", "نتيح", ")سابقاً(", "مدف الدليل", "الجهة الحكومة "):
        assert typo not in text, typo


def test_duplicated_introduction_is_published_once(site_dir: Path) -> None:
    text = arabic_page_text(site_dir)
    assert text.count(normalise("ارتأت الوزارة ضرورة تحديث الدليل")) == 1


def test_incomplete_sentence_is_flagged_not_completed(site_dir: Path) -> None:
    html = (site_dir / "guideline" / "01-introduction" / "index.html").read_text(encoding="utf-8")
    assert 'بهدف <span class="daleel-gap"' in html
    assert "نص غير مكتمل في المصدر" in html


def test_breach_steps_sit_inside_chapter_13(site_dir: Path) -> None:
    blocks = article_blocks(site_dir / "guideline" / "13-account-protection" / "index.html")
    assert any("الإبلاغ الفوري" in b for b in blocks)
    before = article_blocks(site_dir / "guideline" / "12-digital-inclusion" / "index.html")
    assert not any("الإبلاغ الفوري" in b for b in before)


def test_every_correction_is_on_the_editorial_notes_page(
    site_dir: Path, corrections: list[dict[str, Any]]
) -> None:
    for lang_dir in (site_dir, site_dir / "en"):
        html = (lang_dir / "editorial-notes" / "index.html").read_text(encoding="utf-8")
        for c in corrections:
            assert f'id="{c["id"]}"' in html, (lang_dir, c["id"])
