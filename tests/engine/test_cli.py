"""`python -m assessment`: exit codes, one-line errors, outputs."""

from __future__ import annotations

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
    assert '"overall": 66.3' in proc.stdout


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
