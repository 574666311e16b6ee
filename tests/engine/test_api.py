"""The JSON-string API the browser widget calls: shapes and failure modes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assessment import api

SAMPLE = (Path(__file__).parent / "golden" / "sample-answers.json").read_text(encoding="utf-8")


def test_checklist_json_both_languages() -> None:
    data = json.loads(api.checklist_json())
    assert data["id"] == "daleel-social-media-2024"
    item = data["items"][0]
    assert set(item["question"]) == {"ar", "en"}
    assert set(item) == {
        "id",
        "domain",
        "question",
        "obligation",
        "source_word",
        "weight",
        "critical",
        "why",
        "fix",
        "evidence",
        "section",
    }


def test_checklist_json_one_language_keeps_anchors_per_language() -> None:
    data = json.loads(api.checklist_json("en"))
    assert isinstance(data["items"][0]["question"], str)
    assert isinstance(data["title"], str)
    assert json.loads(api.checklist_json("xx"))["ok"] is False


def test_validate_shape() -> None:
    out = json.loads(api.validate(SAMPLE))
    assert set(out) == {"ok", "errors", "warnings", "answers"}
    assert (out["ok"], out["errors"], out["warnings"]) == (True, [], [])
    # The file as the engine reads it (schema 2, current checklist), for the page to load.
    assert out["answers"] == json.loads(SAMPLE)
    bad = json.loads(api.validate('{"schema_version": 1, "answers": {"x": {"value": 1}}}'))
    assert bad["ok"] is False
    assert all(set(e) == {"path", "ar", "en"} for e in bad["errors"])


def test_score_shape() -> None:
    out = json.loads(api.score(SAMPLE))
    result = out["result"]
    assert set(result) >= {
        "overall",
        "level",
        "capped",
        "completeness",
        "domains",
        "critical_gaps",
        "action_plan",
        "unanswered",
        "comparison",
    }
    assert result["comparison"] is None
    assert set(result["level"]) == {"id", "ar", "en"}
    domain = result["domains"][0]
    assert set(domain) == {"id", "number", "title", "score", "answered", "total", "section"}


def test_score_reports_which_file_is_wrong() -> None:
    out = json.loads(api.score(SAMPLE, "{"))
    assert out["ok"] is False
    assert out["errors"][0]["path"] == "previous"


def test_oversized_input_is_refused_cleanly() -> None:
    out = json.loads(api.validate("[" + "0," * 600_000 + "0]"))
    assert out["ok"] is False
    assert "1,000,000" in out["errors"][0]["en"]


def test_deeply_nested_input_is_refused_cleanly() -> None:
    out = json.loads(api.score("[" * 100_000 + "]" * 100_000))
    assert out["ok"] is False


def test_validate_returns_a_migrated_file_and_its_warnings() -> None:
    old = Path(__file__).parent / "fixtures" / "checklist-1.0.0" / "sample-answers.json"
    out = json.loads(api.validate(old.read_text(encoding="utf-8")))
    assert out["ok"] is True
    assert out["answers"]["schema_version"] == 2
    assert out["answers"]["checklist_version"] == "1.1.0"
    assert [w["path"] for w in out["warnings"]] == ["checklist_version"]


def test_render_returns_warnings_and_takes_site_url_and_report_date() -> None:
    old = Path(__file__).parent / "fixtures" / "checklist-1.0.0" / "sample-answers.json"
    out = json.loads(
        api.render(
            old.read_text(encoding="utf-8"), "html", "en", None, "https://x.example/", "2027-01-01"
        )
    )
    assert out["ok"] is True
    assert out["warnings"][0]["path"] == "checklist_version"
    assert 'href="https://x.example/en/methodology/"' in out["content"]
    bad = json.loads(api.render(SAMPLE, "html", "en", None, None, "tomorrow"))
    assert bad["ok"] is False and bad["errors"][0]["path"] == "report_date"


def test_the_scoring_interface_starts_without_reports_or_dashboard() -> None:
    # The browser's engine imports `api` before the first score; the report writers and the
    # dashboard's modules come on first use (Pyodide: 313 ms with them, 92 ms without).
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, assessment.api; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    late = (
        "assessment.aggregate",
        "assessment.aggregate_report",
        "assessment.rounds",
        "assessment.report_html",
        "assessment.report_csv",
        "assessment.report_ics",
        "statistics",
    )
    assert [m for m in late if f"'{m}'" in loaded] == []
    assert "'assessment.scoring'" in loaded
