"""`python -m assessment`: exit codes, one-line errors, outputs."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).parent / "golden" / "sample-answers.json"
PREVIOUS = Path(__file__).parent / "golden" / "sample-previous.json"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_score_writes_report(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    proc = run("score", str(SAMPLE), "--previous", str(PREVIOUS), "--lang", "en", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Self-assessment report" in out.read_text(encoding="utf-8")


def test_score_to_stdout_as_json() -> None:
    proc = run("score", str(SAMPLE), "--format", "json")
    assert proc.returncode == 0
    assert '"overall": 68.0' in proc.stdout


def test_checklist_outputs() -> None:
    assert run("checklist", "--lang", "en").stdout.lstrip().startswith("{")
    assert run("checklist", "--format", "csv").stdout.startswith("\ufeff")


@pytest.mark.parametrize(
    "args",
    [
        ("score", "missing.json"),
        ("score",),
        ("score", "tests/engine/golden/sample-answers.json", "--format", "pdf"),
        ("score", "pyproject.toml"),
        ("frobnicate",),
        ("score", "tests"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...]) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr


def test_errors_in_the_previous_file_name_that_file(tmp_path: Path) -> None:
    bad = tmp_path / "earlier.json"
    bad.write_text('{"schema_version": 2}', encoding="utf-8")
    proc = run("score", str(SAMPLE), "--previous", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {bad}: previous.checklist")
    assert str(SAMPLE) not in proc.stderr


def test_comparing_with_another_entity_or_a_later_date_warns(tmp_path: Path) -> None:
    other = json.loads(PREVIOUS.read_text(encoding="utf-8"))
    other["entity"]["code"] = "OTHER-9"
    other["entity"]["date"] = "2027-05-01"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    out = tmp_path / "r.html"
    proc = run("score", str(SAMPLE), "--previous", str(path), "--lang", "en", "-o", str(out))
    assert proc.returncode == 0
    assert "previous.entity: the previous assessment is of another entity" in proc.stderr
    assert 'previous.entity.date: the "previous" assessment\'s date' in proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "the previous assessment is of another entity" in html


def test_one_yes_prints_no_level(tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["answers"] = {"gov-two-admins": {"value": "yes"}}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    proc = run("score", str(path), "--lang", "en", "--format", "csv")
    assert proc.returncode == 0
    rows = list(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    assert {r[4] for r in rows[1:]} == {"Insufficient answers"}
    html = run("score", str(path), "--lang", "en").stdout
    levels = ("Initial", "Developing", "Established", "Advanced")
    summary = html.split('<section class="summary">')[1].split("</section>")[0]
    assert "Insufficient answers" in summary
    assert not any(f'class="value">{lv}<' in summary for lv in levels)


def test_critical_must_not_applicable_without_justification_is_capped(tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    checklist = json.loads(run("checklist", "--lang", "en").stdout)
    data["answers"] = {i["id"]: {"value": "yes"} for i in checklist["items"]}
    data["answers"]["prot-breach-report"] = {"value": "na"}
    path = tmp_path / "na.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = json.loads(run("score", str(path), "--format", "json").stdout)["result"]
    assert result["uncapped_level"]["id"] == "advanced"
    assert result["level"]["id"] == "developing"
    assert result["capped"] is True
    data["answers"]["prot-breach-report"] = {"value": "na", "note": "Pages run by the ministry"}
    path.write_text(json.dumps(data), encoding="utf-8")
    result = json.loads(run("score", str(path), "--format", "json").stdout)["result"]
    assert result["level"]["id"] == "advanced"
    html = run("score", str(path), "--lang", "en").stdout
    assert "Pages run by the ministry" in html.split("Critical items answered")[1]


def test_site_url_option_and_default(tmp_path: Path) -> None:
    html = run("score", str(SAMPLE), "--lang", "en", "--site-url", "https://gov.example").stdout
    assert 'href="https://gov.example/en/methodology/"' in html
    default = run("score", str(SAMPLE), "--lang", "ar").stdout
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert site_url is not None
    base = site_url.group(1).strip("'\"")
    if base.startswith("!ENV"):
        pytest.skip("site_url comes from the environment")
    assert f'href="{base.rstrip("/")}/methodology/"' in default


def test_ics_format(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    proc = run("score", str(SAMPLE), "--format", "ics", "--lang", "en", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for entry in data["answers"].values():
        entry.pop("due", None)
    path = tmp_path / "undated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    proc = run("score", str(path), "--format", "ics")
    assert proc.returncode == 2
    assert "No action-plan item has a due date" in proc.stderr
