"""A box labelled with a source word («يجب», «يُطلب», «يفضل») wraps only text carrying it.

A «يفضل» box around a sentence whose «يفضل» governs three words of it makes the whole sentence
look optional; a «يجب» box around three steps of which one says «يجب» makes all three look
mandatory. Checked on the Markdown, both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.content.markdown_pages import DOCS, blocks, chapters, page_id
from tests.textnorm import normalise

# Label word in the box title -> the word each block inside the box must contain.
WORDS = {
    "ar": {"يجب": "يجب", "يُطلب": "يطلب", "يفضل": "يفضل"},
    "en": {"must": "must", "required": "required", "preferably": "prefer"},
}
KINDS = {"must": {"يجب", "يُطلب", "must", "required"}, "should": {"يفضل", "preferably"}}
LABEL = re.compile(r"\(([^()]+)\)\s*$")


def label_problems(page: Path, lang: str) -> list[str]:
    problems = []
    boxed = [b for b in blocks(page) if b.admonition in KINDS]
    for b in boxed:
        found = LABEL.search(b.admonition_title or "")
        word = found[1] if found else None
        if word not in KINDS[b.admonition or ""]:
            problems.append(f"{b.line}: box {b.admonition!r} titled {b.admonition_title!r}")
        elif b.kind != "admonition-title" and WORDS[lang][word] not in normalise(b.text).lower():
            problems.append(f"{b.line}: «{word}» box wraps {b.text[:60]!r}")
    return problems


@pytest.mark.parametrize(
    ("page", "lang"),
    [(p, lang) for lang in ("ar", "en") for p in chapters(lang)],
    ids=lambda v: page_id(v) if isinstance(v, Path) else v,
)
def test_boxes_wrap_only_what_their_word_governs(page: Path, lang: str) -> None:
    assert label_problems(page, lang) == []


def test_the_check_catches_a_box_wider_than_its_word(tmp_path: Path) -> None:
    """Chapter 5 as it was: a «يفضل» box around enabling 2FA and changing passwords."""
    old = tmp_path / "05.md"
    old.write_text(
        '!!! should "ممارسة مفضّلة (يفضل)"\n'
        "    ضمان الأمان السيبراني والرقمي للصفحة بتفعيل المصادقة الثنائية.\n\n"
        '!!! must "إجراء إلزامي عند الاختراق (يجب)"\n'
        "    1. في حال تعرض الحساب للاختراق، يجب الإبلاغ الفوري.\n"
        "    2. إعادة ضبط كلمات المرور فوراً.\n",
        encoding="utf-8",
    )
    assert [p.split(":")[0] for p in label_problems(old, "ar")] == ["2", "6"]


def test_preferred_frequency_in_chapter_5_is_not_boxed() -> None:
    """Only «كل 3 شهور» is preferred; enabling 2FA and changing passwords are not optional."""
    for lang, needle in (("ar", "المصادقة الثنائية"), ("en", "two-factor")):
        page = DOCS / lang / "guideline" / "05-governance.md"
        (block,) = [b for b in blocks(page) if needle in b.text]
        assert block.admonition is None, lang


def test_breach_box_holds_step_1_only() -> None:
    for lang in ("ar", "en"):
        page = DOCS / lang / "guideline" / "13-account-protection.md"
        steps = [b for b in blocks(page) if b.kind == "li"][3:]
        assert [b.admonition for b in steps] == ["must", None, None], lang
