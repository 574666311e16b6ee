"""A generated hostile-input suite: every case is a clear error or a clean report, never a crash.

The cases are built deterministically (no randomness, so a failure reproduces by its id) from
the sample file: every field replaced by every hostile value, truncations and byte damage of
the JSON text, and whole documents of the wrong shape. Most run in-process through the same
API the browser calls; a sample of them runs through the command line.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessment import api

GOLDEN = Path(__file__).parent / "golden"
SAMPLE_TEXT = (GOLDEN / "sample-answers.json").read_text(encoding="utf-8")
SAMPLE: dict[str, Any] = json.loads(SAMPLE_TEXT)
ROOT = Path(__file__).resolve().parents[2]

HOSTILE: list[object] = [
    None, True, 0, -1, 1e308, 3.5, [], {}, [1, 2], {"a": 1}, "", " ", "\n",
    "\ud800", "a\udfffb", "\x00", "\x1b[2J", "\x85", "\u202e\u2066evil\u2069",
    "<script>alert(1)</script>", "=cmd|'/c calc'!A1", "@SUM(1)", "x" * 301, "y" * 5001,
    "z" * 100_000, "2026-02-30", "٢٠٢٦-٠١-٠١", "0000-00-00", "yes ", "YES", "\ufeff",
    "\u200f\u200e", "🇯🇴" * 50, "na", [None] * 25, ["e"] * 21, [["nested"]],
]  # fmt: skip

FIELDS: list[tuple[str, ...]] = [
    ("schema_version",), ("checklist",), ("checklist_version",), ("entity",),
    ("entity", "name"), ("entity", "code"), ("entity", "unit"), ("entity", "assessor"),
    ("entity", "date"), ("answers",), ("answers", "gov-2fa"), ("answers", "gov-2fa", "value"),
    ("answers", "gov-2fa", "note"), ("answers", "plan-kpis", "owner"),
    ("answers", "plan-kpis", "due"), ("answers", "plan-kpis", "evidence"),
    ("answers", "\ud800bad"), ("answers", "x" * 5000), ("retired_answers",), ("result",),
]  # fmt: skip


def _set(doc: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    node: Any = out
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value
    return out


def _cases() -> Iterator[tuple[str, str]]:
    for f, field in enumerate(FIELDS):
        for v, value in enumerate(HOSTILE):
            yield f"field{f}-value{v}", json.dumps(_set(SAMPLE, field, value))
    text = SAMPLE_TEXT
    for cut in range(0, len(text), max(1, len(text) // 120)):
        yield f"truncated-{cut}", text[:cut]
    for i in range(0, len(text), max(1, len(text) // 120)):
        yield f"damaged-{i}", text[:i] + '\x00"}{][' + text[i + 3 :]
    shapes = [
        "", "null", "[]", "0", '"x"', "{}", "[" * 100_000, '{"a":' * 5000, "NaN", "Infinity",
        '{"schema_version": 1e400}', '{"schema_version": 2, "answers": []}',
        "\ufeff\ufeff{}", '{"answers": {"gov-2fa": {"value": "yes"}}}',
        json.dumps({**SAMPLE, "answers": {i: {"value": "yes"} for i in map(str, range(3000))}}),
    ]  # fmt: skip
    for s, shape in enumerate(shapes):
        yield f"shape-{s}", shape


CASES = list(_cases())
UNSAFE_OUT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def test_there_are_at_least_a_thousand_cases() -> None:
    assert len(CASES) >= 1000
    assert len({name for name, _ in CASES}) == len(CASES)


def _check_errors(out: dict[str, Any], name: str) -> None:
    assert out["errors"], name
    for e in out["errors"]:
        assert set(e) == {"path", "ar", "en"}, name
        assert e["ar"] and e["en"], name
        assert "Internal error" not in e["en"], (name, e)
        assert len(e["en"]) < 400 and len(e["ar"]) < 400 and len(e["path"]) < 120, name


def _check_case(name: str, text: str) -> None:
    scored = json.loads(api.score(text))
    if not scored["ok"]:
        _check_errors(scored, name)
        return
    for fmt, lang in (("html", "en"), ("csv", "ar")):
        out = json.loads(api.render(text, fmt, lang))
        assert out["ok"], (name, out)
        assert not UNSAFE_OUT.search(out["content"]), name
        if fmt == "html":
            assert "<script" not in out["content"].lower(), name


@pytest.mark.parametrize("chunk", range(8))
def test_every_case_is_a_clear_error_or_a_clean_report(chunk: int) -> None:
    for name, text in CASES[chunk::8]:
        _check_case(name, text)


CLI_SAMPLE = CASES[:: max(1, len(CASES) // 12)]


@pytest.mark.parametrize(("name", "text"), CLI_SAMPLE, ids=[n for n, _ in CLI_SAMPLE])
def test_cli_gives_exit_0_or_2_and_never_a_traceback(name: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    proc = subprocess.run(
        [sys.executable, "-m", "assessment", "score", str(path), "-o", str(tmp_path / "r.html")],
        cwd=ROOT, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode in (0, 2), stderr
    assert "Traceback" not in stderr
    if proc.returncode == 2:
        assert stderr.startswith("error: ") and stderr.count("\n") == 1, stderr
        assert len(stderr) < 600


def test_cli_reads_lone_surrogates_on_stdin_as_a_clear_error() -> None:
    doc = json.dumps(_set(SAMPLE, ("entity", "name"), "\ud800"))
    proc = subprocess.run(
        [sys.executable, "-m", "assessment", "score", "-"],
        cwd=ROOT, input=doc.encode("utf-8"), capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert b"entity.name: contains an invalid character" in proc.stderr
