"""Reports: golden files in both languages, self-containment, escaping, CSV details.

Regenerate the golden files after an intended change with
`DALEEL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/engine/test_reports.py` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html import escape
from pathlib import Path

import pytest

from assessment import api
from assessment.checklist import default_checklist
from assessment.engine import assess, render
from assessment.strings import text

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = (GOLDEN / "sample-answers.json").read_text(encoding="utf-8")
PREVIOUS = (GOLDEN / "sample-previous.json").read_text(encoding="utf-8")
XSS = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
def test_golden(fmt: str, lang: str) -> None:
    content = render(assess(SAMPLE, PREVIOUS), fmt, lang)
    path = GOLDEN / f"report-{lang}.{fmt}"
    if os.environ.get("DALEEL_UPDATE_GOLDEN"):
        path.write_bytes(content.encode("utf-8"))
    assert content == path.read_bytes().decode("utf-8")


def _xss_sample() -> str:
    data = json.loads(SAMPLE)
    data["entity"]["name"] = XSS
    data["entity"]["unit"] = '"><script>alert(2)</script>'
    data["answers"]["gov-2fa"]["note"] = "</td><svg onload=alert(3)>"
    return json.dumps(data)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_html_is_self_contained_and_print_ready(lang: str) -> None:
    html = render(assess(SAMPLE, PREVIOUS), "html", lang, site_url="https://daleel.example.jo")
    assert "<script" not in html.lower()
    assert not re.search(r"\ssrc=", html)
    assert "@import" not in html and "url(" not in html
    # Links only, and only to the published site: nothing is loaded when the file is opened.
    hrefs = re.findall(r'\shref="([^"]*)"', html)
    assert hrefs and all(h.startswith("https://daleel.example.jo/") for h in hrefs)
    prefix = "https://daleel.example.jo/" + ("en/" if lang == "en" else "")
    assert f'href="{prefix}methodology/"' in html
    assert f'href="{prefix}guideline/05-governance/#' in html
    assert "<style>" in html and "<svg" in html
    assert "size: A4" in html and "break-before: page" in html
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_user_value_is_escaped(lang: str) -> None:
    html = render(assess(_xss_sample()), "html", lang)
    assert XSS not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html.lower()
    assert "<svg onload" not in html
    assert "&lt;/td&gt;&lt;svg onload=alert(3)&gt;" in html


def test_csv_has_bom_one_row_per_item_and_defuses_formulas() -> None:
    data = json.loads(SAMPLE)
    data["answers"]["gov-2fa"]["note"] = "=HYPERLINK(1)"
    data["entity"]["name"] = "@SUM(A1)"
    content = render(assess(json.dumps(data)), "csv", "en")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content[1:])))
    assert len(rows) == len(default_checklist().items)
    by_id = {r["Item id"]: r for r in rows}
    assert by_id["gov-2fa"]["Note"] == "'=HYPERLINK(1)"
    assert {r["Entity"] for r in rows} == {"'@SUM(A1)"}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_csv_parses_back_entity_first_with_arabic_intact(lang: str) -> None:
    result = assess(SAMPLE)
    raw = render(result, "csv", lang, site_url="https://daleel.example.jo/").encode("utf-8")
    # What Excel and LibreOffice do: the BOM says UTF-8; the rest is plain RFC 4180 CSV.
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    head, first = rows[0], rows[1]
    assert len(head) == len(first) and len({len(r) for r in rows}) == 1
    assert first[:5] == [
        "وزارة المثال",
        "MOX-01",
        "2026-11-15",
        "68.0",
        result.level.title.get(lang),
    ]
    by_id = {r[head.index(text("report.item_id", lang=lang))]: r for r in rows[1:]}
    plan = by_id["plan-kpis"]
    assert plan[head.index(text("report.owner", lang=lang))] == "Planning unit"
    assert plan[head.index(text("report.overdue", lang=lang))] == text("report.yes", lang=lang)
    link = plan[head.index(text("report.link", lang=lang))]
    prefix = "en/" if lang == "en" else ""
    assert link.startswith(f"https://daleel.example.jo/{prefix}guideline/04-")


def test_json_report_is_an_answers_file_again() -> None:
    report = render(assess(SAMPLE), "json", "en")
    again = json.loads(api.score(report))
    assert again["ok"] is True
    assert again["result"]["overall"] == json.loads(report)["result"]["overall"]


def test_render_api_contract() -> None:
    out = json.loads(api.render(SAMPLE, "csv", "ar"))
    assert out["ok"] is True
    assert out["filename"] == "daleel-report-وزارة-المثال-2026-11-15.csv"
    assert out["mime"].startswith("text/csv")
    assert out["content"].startswith("\ufeff")
    html = json.loads(api.render(_xss_sample(), "html", "en"))
    assert html["filename"] == "daleel-report-img-src-x-onerror-alert-1-2026-11-15.html"
    # The JSON is the answers file ("Save to continue later"), named for what it holds.
    answers = json.loads(api.render(SAMPLE, "json", "ar"))
    assert answers["filename"] == "daleel-answers-وزارة-المثال-2026-11-15.json"


@pytest.mark.parametrize(("fmt", "lang"), [("pdf", "ar"), ("html", "fr")])
def test_render_rejects_unknown_format_or_language(fmt: str, lang: str) -> None:
    out = json.loads(api.render(SAMPLE, fmt, lang))
    assert out["ok"] is False
    assert out["errors"][0]["path"] in ("format", "lang")


def test_user_text_is_isolated_and_changes_read_the_same_in_both_directions() -> None:
    data = json.loads(SAMPLE)
    data["entity"]["name"] = "Ministry of Example"
    html = render(assess(json.dumps(data), PREVIOUS), "html", "ar")
    assert "<dd><bdi>Ministry of Example</bdi></dd>" in html
    # Direction-neutral change notation, numbers isolated; no arrow to point the wrong way.
    assert re.search(r'من <bdi dir="ltr">[\d.]+</bdi> إلى <bdi dir="ltr">[\d.]+</bdi>', html)
    assert "→" not in html
    assert re.search(r'<td class="num"><bdi dir="ltr">[+-]\d+\.\d</bdi></td>', html)
    notes = re.findall(r'<td class="note" dir="auto"><bdi>', html)
    assert notes


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_failed_items_show_why_fix_evidence_and_the_plan_fields(lang: str) -> None:
    result = assess(SAMPLE)
    html = render(result, "html", lang, report_date="2026-12-01")
    plan = html.split('<ol class="plan">')[1]
    item = result.checklist.item("plan-kpis")
    for text_ in (item.why.get(lang), item.fix.get(lang), item.evidence.get(lang)):
        assert escape(text_) in plan
    assert "Planning unit" in plan and "Minutes of meeting 7" in plan
    # Due 2026-11-01 and still "no" on 2026-12-01: overdue; 2026-12-31 is not.
    overdue = text("report.overdue_on", lang=lang, date="2026-12-01")
    assert plan.count(escape(overdue)) == 2  # plan-kpis and content-accessible-formats
    summary = html.split('<section class="summary">')[1].split("</section>\n<section")[0]
    assert summary.count("<li>") == 5


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_warnings_appear_in_html_and_csv(lang: str) -> None:
    data = json.loads(SAMPLE)
    data["entity"]["name"] = "Evil\u202eName"
    data["mystery"] = 1
    result = assess(json.dumps(data))
    assert {w.path for w in result.warnings} == {"entity.name", "mystery"}
    html = render(result, "html", lang)
    section = html.split(escape(text("report.warnings", lang=lang)))[1]
    assert escape(text("report.warning_controls_removed", lang=lang)) in section
    assert "\u202e" not in html
    content = render(result, "csv", lang)
    rows = list(csv.reader(io.StringIO(content[1:])))
    notices = [r for r in rows if r and r[0] == text("report.warning", lang=lang)]
    assert [r[1] for r in notices] == ["entity.name", "mystery"]
