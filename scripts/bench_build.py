"""Benchmark parts that need no browser: build times, engine time, aggregate, precompression.

`python scripts/bench_build.py timed-build SITE_DIR` is the child process of one timed build:
mkdocs with the project's config, with timers around the Pyodide hook and the wheel build
(the hook runs once per language build; the timers add up every call).
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
MKDOCS_HOOK = "overrides/hooks/pyodide_assets.py"
REFERENCE_AR = ROOT / "bench" / "mkdocs-reference.yml"
REFERENCE_EN = ROOT / "bench" / "mkdocs-reference-en.yml"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _env() -> dict[str, str]:
    import os

    return {**os.environ, **ENV}


def _run(args: list[str], what: str) -> float:
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=_env(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return elapsed


# ---------------------------------------------------------------- child: one timed mkdocs build


def timed_build(site_dir: str) -> dict[str, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timers = {"wheel": 0.0, "wheel_calls": 0.0, "pyodide_hook": 0.0, "hook_calls": 0.0}
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir, strict=True)
    hook: Any = config["hooks"].get(MKDOCS_HOOK)
    if hook is not None:
        original_wheel: Callable[..., Path] = hook._build_wheel

        def wheel(*args: Any, **kwargs: Any) -> Path:
            t = time.perf_counter()
            try:
                return original_wheel(*args, **kwargs)
            finally:
                timers["wheel"] += time.perf_counter() - t
                timers["wheel_calls"] += 1

        hook._build_wheel = wheel
        events = config.plugins.events["post_build"]
        original_post: Callable[..., None] = hook.on_post_build

        def post(*args: Any, **kwargs: Any) -> None:
            t = time.perf_counter()
            try:
                original_post(*args, **kwargs)
            finally:
                timers["pyodide_hook"] += time.perf_counter() - t
                timers["hook_calls"] += 1

        for i, method in enumerate(events):
            if method is original_post:
                events[i] = post
        hook.on_post_build = post
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return timers


# ---------------------------------------------------------------- parent: build measurements


def build_once(tmp: Path) -> dict[str, float]:
    site = tmp / "site"
    started = time.perf_counter()
    out = subprocess.run(
        [PY, str(Path(__file__)), "timed-build", str(site)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if out.returncode != 0:
        raise RuntimeError(f"timed build failed:\n{out.stdout}\n{out.stderr}")
    timers = json.loads(out.stdout.strip().splitlines()[-1])
    row: dict[str, float] = {
        "mkdocs_build_total_s": wall,
        "wheel_s": timers["wheel"],
        "pyodide_copy_s": timers["pyodide_hook"] - timers["wheel"],
        "site_s": wall - timers["pyodide_hook"],
        "pyodide_hook_calls": timers["hook_calls"],
        "wheel_builds": timers["wheel_calls"],
    }
    pdfs = ROOT / "scripts" / "build_pdfs.py"
    if pdfs.is_file():
        row["pdfs_s"] = _run([PY, str(pdfs), "--site", str(site)], "build_pdfs.py")
    row["precompress_s"] = _run(
        [PY, str(ROOT / "scripts" / "precompress.py"), "--quiet", str(site)], "precompress.py"
    )
    row["full_build_s"] = wall + row.get("pdfs_s", 0.0) + row["precompress_s"]
    ref = tmp / "reference"
    row["reference_build_s"] = build_reference(ref)
    return row


def build_reference(dest: Path) -> float:
    """Both languages with default Material (Arabic at dest/, English at dest/en/)."""
    mkdocs = [PY, "-m", "mkdocs", "build", "--quiet"]
    t = _run([*mkdocs, "-f", str(REFERENCE_AR), "-d", str(dest)], "reference build (ar)")
    t += _run([*mkdocs, "-f", str(REFERENCE_EN), "-d", str(dest / "en")], "reference build (en)")
    return t


def build_runs(n: int, keep_reference: Path) -> list[dict[str, float]]:
    rows = []
    for i in range(n):
        with tempfile.TemporaryDirectory(prefix="daleel-bench-build-") as tmp:
            row = build_once(Path(tmp))
            rows.append(row)
            if i == n - 1:
                shutil.copytree(Path(tmp) / "reference", keep_reference, symlinks=True)
        print(f"  build run {i + 1}/{n}: {row['full_build_s']:.1f} s", file=sys.stderr)
    return rows


# ---------------------------------------------------------------- engine and aggregate


def _checklist() -> dict[str, Any]:
    from assessment import api

    data: dict[str, Any] = json.loads(api.checklist_json())
    return data


NOTES = ("قيد التنفيذ", "In progress", "تمت المراجعة في الربع الثالث")


def answers_doc(rng: random.Random, index: int, checklist: dict[str, Any]) -> dict[str, Any]:
    values = ("yes", "partial", "no", "na")
    answered = rng.uniform(0.3, 1.0) if index % 5 else 1.0
    answers: dict[str, Any] = {}
    for item in checklist["items"]:
        if rng.random() > answered:
            continue
        entry: dict[str, str] = {"value": rng.choices(values, weights=(5, 3, 2, 1))[0]}
        if rng.random() < 0.15:
            entry["note"] = rng.choice(NOTES)
        answers[item["id"]] = entry
    name = rng.choice(("وزارة", "Ministry of", "مؤسسة", "Department of"))
    return {
        "schema_version": 1,
        "checklist": checklist["id"],
        "checklist_version": checklist["version"],
        "entity": {
            "name": f"{name} {index:04d}",
            "unit": rng.choice(("", "وحدة الإعلام", "Digital unit")),
            "assessor": rng.choice(("", "A. Assessor", "م. المقيّم")),
            "date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        },
        "answers": answers,
    }


def full_answers(checklist: dict[str, Any]) -> dict[str, Any]:
    doc = answers_doc(random.Random(7), 0, checklist)
    values = ("yes", "partial", "no", "na")
    doc["answers"] = {
        item["id"]: {"value": values[(k * 7 + k // 3) % 4]}
        for k, item in enumerate(checklist["items"])
    }
    return doc


def engine_times(repeat: int) -> dict[str, list[float]]:
    from assessment import api

    text = json.dumps(full_answers(_checklist()))
    api.score(text)  # warm caches (the checklist is parsed once per process)
    out: dict[str, list[float]] = {"score_ms": [], "render_html_ms": [], "json_loads_ms": []}
    for _ in range(repeat):
        n = 50
        out["score_ms"].append(timeit.timeit(lambda: api.score(text), number=n) / n * 1000)
        out["render_html_ms"].append(
            timeit.timeit(lambda: api.render(text, "html", "ar"), number=n) / n * 1000
        )
        out["json_loads_ms"].append(timeit.timeit(lambda: json.loads(text), number=n) / n * 1000)
    return out


def write_answer_files(dest: Path, count: int) -> list[str]:
    checklist = _checklist()
    rng = random.Random(2024)
    paths = []
    for i in range(count):
        p = dest / f"entity-{i:04d}.json"
        doc = answers_doc(rng, i, checklist)
        p.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(str(p))
    return paths


JSON_ONLY = """import json, sys
for p in sys.argv[1:]:
    with open(p, encoding="utf-8") as f:
        json.load(f)
"""


def aggregate_runs(n: int, count: int = 1000) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"aggregate_s": [], "json_load_s": []}
    with tempfile.TemporaryDirectory(prefix="daleel-bench-agg-") as tmp:
        paths = write_answer_files(Path(tmp), count)
        csv_out = str(Path(tmp) / "all.csv")
        for _ in range(n):
            out["aggregate_s"].append(
                _run([PY, "-m", "assessment", "aggregate", *paths, "-o", csv_out], "aggregate")
            )
            out["json_load_s"].append(_run([PY, "-c", JSON_ONLY, *paths], "json.load"))
        out.update(_aggregate_in_process(paths, n))
        lines = Path(csv_out).read_text(encoding="utf-8-sig").count("\n")
        if lines != count + 1:
            raise RuntimeError(f"aggregate wrote {lines} lines for {count} files")
    return out


def _aggregate_in_process(paths: list[str], n: int) -> dict[str, list[float]]:
    """The same work without interpreter start-up: what the engine itself costs per file."""
    from assessment.aggregate import Row, aggregate_csv
    from assessment.engine import assess

    out: dict[str, list[float]] = {"aggregate_in_process_s": [], "json_load_in_process_s": []}
    for _ in range(n):
        t = time.perf_counter()
        rows = [Row(Path(p).name, assess(Path(p).read_text(encoding="utf-8-sig"))) for p in paths]
        aggregate_csv(rows, "ar")
        out["aggregate_in_process_s"].append(time.perf_counter() - t)
        t = time.perf_counter()
        for p in paths:
            with open(p, encoding="utf-8") as f:
                json.load(f)
        out["json_load_in_process_s"].append(time.perf_counter() - t)
    return out


# ---------------------------------------------------------------- precompression effect


def precompression_effect(site: Path) -> dict[str, dict[str, int]]:
    """Bytes of the wasm and the stdlib zip: raw, gzip -6 (on the fly), .gz and .br copies."""
    out: dict[str, dict[str, int]] = {}
    for f in sorted((site / "assets" / "pyodide").glob("*/*")):
        if f.name not in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs"):
            continue
        data = f.read_bytes()
        row = {"raw": len(data), "gzip6_on_the_fly": len(gzip.compress(data, 6, mtime=0))}
        for suffix in ("gz", "br"):
            copy = f.with_name(f"{f.name}.{suffix}")
            row[suffix] = copy.stat().st_size if copy.is_file() else len(data)
        out[f.name] = row
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "timed-build":
        print(json.dumps(timed_build(sys.argv[2])))
    else:
        print("usage: bench_build.py timed-build SITE_DIR", file=sys.stderr)
        sys.exit(2)
