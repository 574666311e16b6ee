"""The search index rules of overrides/hooks/search_split.py, on small inputs (no build needed):
form controls are excluded, checklist ids removed, table rows indexed one by one, displayed text
capped while the whole text stays searchable, and each language gets only its own pages."""

from __future__ import annotations

import importlib.util
from types import ModuleType
from typing import Any

import pytest

from tests.content.markdown_pages import ROOT


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    # mkdocs loads hooks from their path; so does this test.
    path = ROOT / "overrides" / "hooks" / "search_split.py"
    spec = importlib.util.spec_from_file_location("search_split", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _index(docs: list[dict[str, Any]]) -> dict[str, Any]:
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}
    return {"config": {"lang": ["ar", "en"], "separator": " ", "fields": fields}, "docs": docs}


GLOSSARY_HTML = (
    "<table><tr><th>a</th></tr>"
    '<tr id="term-breach"><th><span lang="ar">الاختراق</span></th><td>breach</td>'
    "<td>Access by someone not authorised.</td><td>Editorial</td></tr></table>"
)


def test_each_language_gets_its_own_pages_without_ids(hook: ModuleType) -> None:
    long_text = "<p>" + "كلمة " * 200 + "</p>"
    index = _index(
        [
            {"location": "guideline/13/", "title": "حماية", "text": long_text},
            {"location": "assessment/#d", "title": "محور", "text": "prot-2fa هل تُفعَّل؟"},
            {"location": "en/guideline/13/", "title": "Protection", "text": "<p>passwords</p>"},
            {"location": "en/glossary/", "title": "Glossary", "text": "breachAccess by…"},
        ]
    )
    out = hook.build_indexes(index, {"en": {"glossary/": GLOSSARY_HTML}}, ["prot-2fa"])
    ar, en = out["ar"]["docs"], out["en"]["docs"]
    assert [d["location"] for d in ar] == ["guideline/13/", "assessment/#d"]
    assert [d["location"] for d in en] == [
        "guideline/13/",
        "glossary/",
        "glossary/#term-breach",
    ]
    assert "prot-2fa" not in ar[1]["text"] + ar[1]["body"]
    assert len(ar[0]["text"]) <= hook.SNIPPET + 2 and ar[0]["body"].count("كلمة") == 200
    assert en[2]["title"] == "breach" and en[2]["text"] == "Access by someone not authorised."
    assert out["en"]["config"]["lang"] == ["en"]
    fields = out["ar"]["config"]["fields"]
    assert fields["body"]["boost"] == 1.0 and fields["text"]["boost"] < 1e-3
    assert fields["title"]["boost"] == hook.TITLE_BOOST


def test_form_controls_are_marked_for_exclusion(hook: ModuleType) -> None:
    html = '<legend>هل؟</legend><label class="o"><input type="radio"><span>نعم</span></label>'
    marked = hook.exclude_form_text(html + "<textarea></textarea><button>x</button>")
    assert marked.count('data-search-exclude="form"') == 3
    assert "<legend>هل؟</legend>" in marked


@pytest.mark.parametrize(
    ("src_uri", "ranked_above"),
    [
        ("ar/guideline/05-governance.md", "ar/glossary.md"),
        ("en/guideline/x.md", "en/assessment.md"),
    ],
)
def test_chapters_are_boosted_above_reference_pages(
    hook: ModuleType, src_uri: str, ranked_above: str
) -> None:
    assert hook.boost_for(src_uri) > hook.boost_for(ranked_above)


def test_snippets_cut_at_a_word(hook: ModuleType) -> None:
    assert hook.snippet("<p>one two</p>", 100) == "one two"
    assert hook.snippet("alpha beta gamma", 12) == "alpha beta …"


def test_arabic_bodies_carry_the_other_number(hook: ModuleType) -> None:
    """«كلمة المرور» finds «كلمات المرور» and the reverse; only the searched body changes."""
    index = _index([{"location": "g/", "title": "t", "text": "<p>استخدام كلمات مرور</p>"}])
    (doc,) = hook.build_indexes(index, {}, ["x-y"])["ar"]["docs"]
    assert doc["text"] == "استخدام كلمات مرور"
    assert "كلمة" in doc["body"].split()
    assert "كلمات" in hook.number_variants("تغيير كلمة المرور").split()
