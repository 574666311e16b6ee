"""Coverage of data/tools/pre-publication.yml: every line rests on a real sentence and heading.

Each line's source sentence must appear in the chapter page it links to (both languages), its
quoted words inside that sentence, its link must name a heading id of that page in both
languages, and its obligation must be the one the self-assessment checklist gives the same
requirement, so the two tools never disagree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.engine.anchors import heading_ids

ROOT = Path(__file__).resolve().parents[2]
DATA = yaml.safe_load((ROOT / "data" / "tools" / "pre-publication.yml").read_text("utf-8"))
LINES: list[dict[str, Any]] = DATA["lines"]
CHECKLIST = json.loads((ROOT / "assessment" / "data" / "checklist.json").read_text("utf-8"))
ITEMS = {item["id"]: item for item in CHECKLIST["items"]}
SOURCE = (ROOT / "source" / "guideline-2024-ar.txt").read_text("utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_issue_topics_are_all_covered() -> None:
    ids = {line["id"] for line in LINES}
    assert ids >= {
        "approval",
        "verified",
        "not-controversial",
        "consent",
        "confidentiality",
        "copyright",
        "inclusive",
        "accessible",
        "arabic-first",
        "english-for-foreign-audience",
        "short-text-with-media",
    }
    assert len(ids) == len(LINES)
    assert any(line["obligation"] == "must" for line in LINES)


@pytest.mark.parametrize("line", LINES, ids=[line["id"] for line in LINES])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_sentence_quote_and_anchor_are_real(line: dict[str, Any], lang: str) -> None:
    source = line["source"]
    page = ROOT / "docs" / lang / f"{source['page']}.md"
    sentence = source["sentence"][lang]
    assert _flat(sentence) in _flat(page.read_text("utf-8")), f"sentence not in {page}"
    assert line["quote"][lang] in sentence
    assert source["anchor"][lang] in heading_ids(lang, source["page"])
    assert line["check"][lang].strip()


@pytest.mark.parametrize("line", LINES, ids=[line["id"] for line in LINES])
def test_arabic_sentence_is_in_the_source_text(line: dict[str, Any]) -> None:
    # The source text as received, before our typo corrections: compare without spaces,
    # hamza and alef variants, which is where the recorded corrections differ.
    def loose(text: str) -> str:
        return re.sub(r"[\sًٌٍَُِّْـ]", "", text).translate(str.maketrans("أإآ", "ااا"))

    assert loose(line["source"]["sentence"]["ar"]).rstrip(".") in loose(SOURCE)


@pytest.mark.parametrize("line", LINES, ids=[line["id"] for line in LINES])
def test_obligation_matches_the_checklist(line: dict[str, Any]) -> None:
    assert line["obligation"] in ("must", "should")
    if line["checklist"] is not None:
        item = ITEMS[line["checklist"]]
        assert item["obligation"] == line["obligation"]
        assert item["section"]["page"] == line["source"]["page"]


def test_built_pages_link_to_real_ids(site_dir: Path) -> None:
    for lang, prefix in (("ar", ""), ("en", "en/")):
        html = (site_dir / prefix / "tools" / "pre-publication" / "index.html").read_text("utf-8")
        links = re.findall(r'href="\.\./\.\./(guideline/[^"#]+)/#([^"]+)"', html)
        assert len(links) == len(LINES), lang
        for page, anchor in links:
            target = (site_dir / prefix / page / "index.html").read_text("utf-8")
            assert f'id="{anchor}"' in target, (lang, page, anchor)
