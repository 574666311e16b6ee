"""The checklist data: schema, coverage of the guideline, links that resolve on the site."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from assessment.checklist import Checklist, checklist_from_dict, default_checklist
from assessment.errors import ChecklistError
from tests.engine.anchors import heading_ids

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
# Chapters 1 (introduction) and 3 (purpose and scope) state no requirement.
CHAPTERS_WITH_REQUIREMENTS = {2, *range(4, 15)}


def _data() -> dict[str, object]:
    text = resources.files("assessment").joinpath("data/checklist.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def _schema(name: str) -> dict[str, object]:
    text = resources.files("assessment").joinpath(f"schemas/{name}").read_text("utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def test_schemas_are_valid_json_schema() -> None:
    for name in ("checklist.schema.json", "answers.schema.json"):
        jsonschema.Draft202012Validator.check_schema(_schema(name))


def test_checklist_matches_its_schema() -> None:
    jsonschema.validate(_data(), _schema("checklist.schema.json"))


def test_checklist_loads_and_round_trips() -> None:
    cl = default_checklist()
    assert cl.as_dict() == _data()
    assert 30 <= len(cl.items) <= 50


def test_every_chapter_with_requirements_has_items() -> None:
    cl = default_checklist()
    numbers = {cl.domain(i.domain).number for i in cl.items}
    assert numbers == CHAPTERS_WITH_REQUIREMENTS
    assert {d.number for d in cl.domains} == CHAPTERS_WITH_REQUIREMENTS


def test_domain_pages_are_their_chapters() -> None:
    for d in default_checklist().domains:
        assert d.section.page.startswith(f"guideline/{d.number:02d}-")
        assert d.section.anchor.ar == heading_ids("ar", d.section.page)[0]


def test_items_sit_on_their_domains_page() -> None:
    cl = default_checklist()
    for item in cl.items:
        assert item.section.page == cl.domain(item.domain).section.page, item.id


def test_obligation_follows_the_source_wording() -> None:
    for item in default_checklist().items:
        if item.source_word in ("يجب", "يُطلب"):
            assert item.obligation == "must", item.id
        elif item.source_word == "يفضل":
            assert item.obligation == "should", item.id


def test_critical_areas_have_must_items() -> None:
    """The cap rule needs something to bite on: administrators and breach handling."""
    cl = default_checklist()
    critical_must = {i.id for i in cl.items if i.critical and i.obligation == "must"}
    assert {"gov-two-admins", "prot-breach-report"} <= critical_must


def test_english_texts_have_no_arabic_and_arabic_texts_are_arabic() -> None:
    arabic = re.compile(r"[\u0600-\u06ff]")
    for item in default_checklist().items:
        for field in (item.question, item.why, item.fix, item.evidence):
            assert arabic.search(field.ar), item.id
            assert not arabic.search(field.en), item.id


@cache
def _site_ids(path: Path) -> frozenset[str]:
    return frozenset(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


def _sections() -> list[tuple[str, str, str]]:
    cl = default_checklist()
    out = []
    for owner, section in [(d.id, d.section) for d in cl.domains] + [
        (i.id, i.section) for i in cl.items
    ]:
        for lang in ("ar", "en"):
            out.append((owner, lang, section.url(lang)))
    return out


@pytest.mark.site
@pytest.mark.parametrize(("owner", "lang", "url"), _sections())
def test_link_resolves_to_a_heading_in_the_built_site(owner: str, lang: str, url: str) -> None:
    page, _, anchor = url.partition("#")
    html = SITE / page / "index.html"
    if not html.is_file():
        pytest.fail(f"{html} missing: run `make build` first")
    assert anchor in _site_ids(html), f"{owner}: #{anchor} not in {page}"


def test_english_anchors_match_the_translation_headings() -> None:
    """Same heading, same position: `python -m tests.engine.anchors` fixes a mismatch."""
    cl = default_checklist()
    for section in [d.section for d in cl.domains] + [i.section for i in cl.items]:
        ar = heading_ids("ar", section.page)
        en = heading_ids("en", section.page)
        assert len(ar) == len(en), section.page
        assert en[ar.index(section.anchor.ar)] == section.anchor.en, section.page


def test_item_count_per_chapter_is_reported() -> None:
    cl = default_checklist()
    counts = Counter(cl.domain(i.domain).number for i in cl.items)
    assert sum(counts.values()) == len(cl.items)
    assert all(counts[n] >= 1 for n in CHAPTERS_WITH_REQUIREMENTS)


def _minimal() -> dict[str, object]:
    data = _data()
    data["renamed"] = {"old": "gov-two-admins"}
    return data


def test_bad_checklist_reports_every_defect() -> None:
    data = _data()
    items = data["items"]
    assert isinstance(items, list)
    items[0] = {**items[0], "weight": 7, "obligation": "shall"}
    items[1] = {**items[1], "id": items[2]["id"]}
    with pytest.raises(ChecklistError) as info:
        checklist_from_dict(data)
    paths = {p.path for p in info.value.problems}
    assert {"items[0].weight", "items[0].obligation", "items"} <= paths


def test_checklist_from_dict_accepts_renames() -> None:
    cl: Checklist = checklist_from_dict(_minimal())
    assert cl.renamed == {"old": "gov-two-admins"}


# "should" items essential to the accuracy of content (not a critical area, but weight 3).
ACCURACY = {"content-verify"}


def test_weights_follow_the_methodology_rule() -> None:
    """3: must, and should items in a critical area or on accuracy; 2: other should; 1: may."""
    for item in default_checklist().items:
        if item.obligation == "must":
            expected = 3
        elif item.obligation == "should":
            expected = 3 if item.critical or item.id in ACCURACY else 2
        else:
            expected = 1
        assert item.weight == expected, item.id


def test_critical_must_items_are_the_ones_the_methodology_lists() -> None:
    page = (ROOT / "docs" / "en" / "methodology.md").read_text(encoding="utf-8")
    listed = re.findall(r"<!-- item: ([a-z0-9-]+) -->", page)
    cl = default_checklist()
    assert listed == [i.id for i in cl.items if i.critical and i.obligation == "must"]
    ar = (ROOT / "docs" / "ar" / "methodology.md").read_text(encoding="utf-8")
    assert re.findall(r"<!-- item: ([a-z0-9-]+) -->", ar) == listed


def test_checklist_1_1_0_restates_the_source_without_additions() -> None:
    cl = default_checklist()
    assert cl.version == "1.1.0"
    assert "at least" not in cl.item("gov-password-rotation").question.en
    assert "preferably every 3 months" in cl.item("gov-password-rotation").question.en
    assert "unique" not in cl.item("prot-strong-passwords").question.en
    assert "فريدة" not in cl.item("prot-strong-passwords").question.ar
    assert "includes" not in cl.item("dig-english-foreign").question.en
    external = cl.item("gov-external-limited")
    assert (external.obligation, external.critical, external.weight) == ("must", True, 3)
    content = cl.item("gov-content-formats")
    assert content.section.page == "guideline/05-governance"
    assert "short texts" in content.question.en
