"""Checklist 1.0.0 answers files import into 1.1.0 with every answer kept and reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessment import api
from assessment.answers import parse_answers
from assessment.checklist import checklist_from_dict, default_checklist
from assessment.engine import assess, render

V1 = Path(__file__).parent / "fixtures" / "checklist-1.0.0"
ROOT = Path(__file__).resolve().parents[2]
CL = default_checklist()


@pytest.mark.parametrize("name", ["sample-answers.json", "sample-previous.json"])
def test_every_1_0_0_answer_is_kept(name: str) -> None:
    raw = json.loads((V1 / name).read_text(encoding="utf-8"))
    assert raw["checklist_version"] == "1.0.0" and raw["schema_version"] == 1
    answers = parse_answers((V1 / name).read_text(encoding="utf-8"), CL)
    assert answers.migrated_from == "1.0.0"
    assert answers.checklist_version == CL.version
    kept = {**answers.answers, **answers.retired}
    assert set(kept) == set(raw["answers"])
    for item_id, entry in raw["answers"].items():
        assert kept[item_id].value == entry["value"]
        assert kept[item_id].note == entry.get("note", "")
    paths = [w.path for w in answers.warnings]
    assert "checklist_version" in paths
    # Saved again, it is a schema 2 file of the current checklist with nothing lost.
    again = answers.as_dict()
    assert again["schema_version"] == 2 and again["checklist_version"] == CL.version
    assert again["entity"] == raw["entity"]


def test_the_reports_say_the_file_was_migrated() -> None:
    text = (V1 / "sample-answers.json").read_text(encoding="utf-8")
    for lang, words in (("en", "migrated to 1.1.0"), ("ar", "تم ترحيله إلى الإصدار 1.1.0")):
        assert words in render(assess(text), "html", lang)
        assert words in render(assess(text), "csv", lang)
    out = json.loads(api.score(text))
    assert out["result"]["migrated_from"] == "1.0.0"
    assert any(w["path"] == "checklist_version" for w in out["result"]["warnings"])


def test_cli_warns_about_migration_on_stderr(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "assessment",
            "score",
            str(V1 / "sample-answers.json"),
            "--lang",
            "en",
            "-o",
            str(tmp_path / "r.html"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("warning: ")
    assert "checklist_version: made for checklist '1.0.0'; migrated to 1.1.0" in proc.stderr


def _with_history(renamed: dict[str, str], removed: list[str]) -> object:
    data = CL.as_dict()
    data["renamed"] = renamed
    data["removed"] = removed
    return checklist_from_dict(data)


def test_renamed_ids_are_mapped_and_removed_ones_kept_with_a_warning() -> None:
    cl = _with_history({"old-2fa": "gov-2fa"}, ["gone-item"])
    assert not isinstance(cl, str)
    doc = {
        "schema_version": 1,
        "checklist": CL.id,
        "checklist_version": "1.0.0",
        "entity": {"name": "E", "date": "2026-01-01"},
        "answers": {"old-2fa": {"value": "partial"}, "gone-item": {"value": "no", "note": "x"}},
    }
    answers = parse_answers(json.dumps(doc), cl)  # type: ignore[arg-type]
    assert answers.value("gov-2fa") == "partial"
    assert answers.retired["gone-item"].note == "x"
    warned = {w.path: w.en for w in answers.warnings}
    assert "renamed" in warned["answers.old-2fa"]
    assert "kept" in warned["answers.gone-item"]
    # A removed item's answer survives a save and a re-import.
    again = parse_answers(json.dumps(answers.as_dict()), cl)  # type: ignore[arg-type]
    assert again.retired["gone-item"].value == "no"
