#!/usr/bin/env python3
# ruff: noqa: E501  (the JavaScript probe reads better unbroken)
"""The entities dashboard on 1,000 answers files (45 answers each, every one with a note):
in the browser (from the files being chosen to the figures shown, and the longest main-thread
task meanwhile) beside the CLI on the same files (`python -m assessment aggregate`, process
wall time, and the same work in one process).

Figures are reported, never asserted. Usage:
    python scripts/bench_dashboard.py [--runs N] [--site DIR] [--files N]
`scripts/bench.py` calls `measure()` with its own browser and server.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_browser as bb
import bench_serve as bs

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PATH = "/en/dashboard/"
TIMEOUT_MS = 180_000

# Observes only (installed through the DevTools protocol, so the CSP does not apply): long
# tasks, when files were chosen, and when the dashboard had rendered.
PROBE = """
(() => {
  const b = (window.__dash = { longtasks: [], chosen: null, shown: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  document.addEventListener("change", () => { if (b.chosen === null) b.chosen = performance.now(); }, true);
  const watch = () => {
    const root = document.getElementById("daleel-dashboard");
    if (!root) return requestAnimationFrame(watch);
    new MutationObserver(() => {
      if (root.dataset.state === "shown" && b.shown === null) b.shown = performance.now();
    }).observe(root, { attributes: true });
  };
  document.addEventListener("DOMContentLoaded", watch);
})();
"""

VALUES = ("yes", "partial", "no", "na")
NOTES = ("قيد التنفيذ منذ الربع الثالث، بانتظار اعتماد الإدارة", "In progress: awaiting approval",
         "تمت المراجعة في الربع الثالث", "Documented in the unit's plan, see memo 12/2026")


def write_files(dest: Path, count: int) -> list[str]:
    from assessment import api

    checklist = json.loads(api.checklist_json())
    rng = random.Random(45)
    paths = []
    for i in range(count):
        doc = {
            "schema_version": 1,
            "checklist": checklist["id"],
            "checklist_version": checklist["version"],
            "entity": {"name": f"{rng.choice(('وزارة', 'Ministry of', 'هيئة'))} {i:04d}",
                       "unit": "Digital unit", "assessor": "A. Assessor",
                       "date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"},
            "answers": {item["id"]: {"value": rng.choices(VALUES, weights=(5, 3, 2, 1))[0],
                                     "note": rng.choice(NOTES)}
                        for item in checklist["items"]},
        }
        path = dest / f"entity-{i:04d}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(str(path))
    return paths


def cli_times(paths: list[str], out: Path) -> dict[str, float]:
    t = time.perf_counter()
    subprocess.run([PY, "-m", "assessment", "aggregate", *paths, "-o", str(out)], cwd=ROOT,
                   check=True, capture_output=True)
    process = time.perf_counter() - t
    from assessment.aggregate import Source, build, read_files
    from assessment.aggregate_report import entities_csv

    t = time.perf_counter()
    dashboard = build(read_files(Source(Path(p).name, Path(p).read_text("utf-8-sig"))
                                 for p in paths))
    dashboard.as_dict()
    entities_csv(dashboard, "en")
    return {"cli_process_s": process, "cli_in_process_s": time.perf_counter() - t}


def browser_run(browser: Any, base: str, paths: list[str]) -> dict[str, float]:
    context = browser.new_context(base_url=base)
    try:
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(PATH)
        page.locator("#daleel-dashboard[data-engine=ready]").wait_for(state="attached",
                                                                     timeout=TIMEOUT_MS)
        page.set_input_files("#dd-current", paths, timeout=TIMEOUT_MS)
        page.locator('#daleel-dashboard[data-state=shown][data-renders="1"]').wait_for(
            state="attached", timeout=TIMEOUT_MS)
        marks: dict[str, Any] = page.evaluate("() => window.__dash")
        pages = page.locator(".dd-page-status").text_content() or ""
        if not pages.endswith(f"of {len(paths)}"):
            raise RuntimeError(f"dashboard shows {pages!r} for {len(paths)} files")
        start, end = marks["chosen"], marks["shown"]
        # A task that began before the files were chosen (Playwright setting them on the input)
        # and went on with the page's own change handler counts for the part after the choice.
        during = [min(s + d, end) - max(s, start) for s, d in marks["longtasks"]
                  if s + d > start and s < end]
        during = [d for d in during if d > 50]
        return {"browser_s": (end - start) / 1000, "longest_task_ms": max(during, default=0.0),
                "long_tasks": float(len(during))}
    finally:
        context.close()


def measure(browser: Any, base: str, runs: int, count: int = 1000) -> dict[str, Any]:
    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="daleel-bench-dash-") as tmp:
        paths = write_files(Path(tmp), count)
        for _ in range(runs):
            for key, value in {**browser_run(browser, base, paths),
                               **cli_times(paths, Path(tmp) / "all.csv")}.items():
                out.setdefault(key, []).append(value)
    return {"files": count, "runs": out, "median": {k: statistics.median(v) for k, v in out.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--site", default=str(ROOT / "site"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with bs.serve(Path(args.site).resolve()) as base, sync_playwright() as pw:
        browser = bb.launch(pw)
        result = measure(browser, base, max(1, args.runs), args.files)
        browser.close()
    m = result["median"]
    print(f"Dashboard, {result['files']} files, medians of {args.runs} runs:")
    print(f"  browser, files chosen -> figures shown: {m['browser_s']:.2f} s "
          f"(longest main-thread task {m['longest_task_ms']:.0f} ms, {m['long_tasks']:.0f} over 50 ms)")
    print(f"  CLI process: {m['cli_process_s']:.2f} s; same work in one process: "
          f"{m['cli_in_process_s']:.2f} s; browser / CLI process = "
          f"{m['browser_s'] / m['cli_process_s']:.2f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
