"""Browser measurements for the benchmark (Debian's Chromium, headless, through Playwright).

Timing marks are taken in the page (performance.now(), whose zero is navigation start) by a
script installed with `add_init_script` before navigation: it runs through the DevTools
protocol, so the page's CSP (`script-src 'self'`) does not apply to it. It only observes:
long tasks, the first moment a question can be answered, the moment scores are rendered, and
it keeps a reference to the assessment's Worker so the benchmark can time a bare round trip.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from chromium import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

STORAGE_KEY = "daleel.assessment.v1"
TIMEOUT_MS = 90_000
DOWNLOAD_PAUSE_MS = 300

# Installed before any page script. `seed` is the saved answers (JSON text) or null.
PROBE = """
((seed) => {
  const b = (window.__bench = { longtasks: [], answerable: null, scored: null, done: null,
                                workers: [], replies: [], ops: {} });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { b.longtaskError = String(e); }
  try {
    if (seed && location.pathname.includes("/assessment/") && !localStorage.getItem(KEY)) {
      localStorage.setItem(KEY, seed);
    }
  } catch (e) { b.storageError = String(e); }
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (String(url).includes("worker.js")) {
        b.workers.push(this);
        const post = this.postMessage.bind(this);
        this.postMessage = (msg, ...rest) => {
          if (msg && msg.id !== undefined) b.ops[msg.id] = msg.op;
          return post(msg, ...rest);
        };
        this.addEventListener("message", (ev) => {
          const d = ev.data || {};
          if (typeof d.ms === "number") b.replies.push([b.ops[d.id] || "?", d.ms]);
        });
      }
    }
  };
  // The first question is looked for at each frame until it is shown. Scores and the bare
  // page's end are seen by a MutationObserver, then timed at the next frame: a frame asked for
  // all through the load made the browser paint and commit the page 60 times a second, which
  // costs the assessment's large page far more than the bare one.
  const poll = () => {
    // Not waiting for main.js (data-ready): an answer given before it runs is kept, since it
    // reads the form before writing to it (test_answers_given_before_the_script_runs_are_kept).
    const r = document.querySelector("fieldset.daleel-item input[type=radio]");
    const shown = r && r.getClientRects().length && getComputedStyle(r).visibility !== "hidden";
    if (shown && !r.disabled) b.answerable = performance.now();
    else requestAnimationFrame(poll);
  };
  if (location.pathname.includes("/assessment/")) requestAnimationFrame(poll);
  const seen = new Set();
  const atNextFrame = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    requestAnimationFrame(() => { b[key] = performance.now(); });
  };
  new MutationObserver(() => {
    if (document.getElementById("daleel-assessment")?.dataset.scored) atNextFrame("scored");
    if (document.body?.dataset.done) atNextFrame("done");
  }).observe(document, { subtree: true, attributes: true,
                         attributeFilter: ["data-scored", "data-done"] });
})
""".replace("KEY", json.dumps(STORAGE_KEY))


def launch(pw: Any) -> Browser:
    browser: Browser = pw.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    return browser


# ---------------------------------------------------------------- page weight


@dataclass
class Weight:
    transferred: int = 0  # response bodies as sent (encoded) + response headers
    gzip: int = 0  # the same resources, each compressed with gzip -6 (body only)
    raw: int = 0  # decoded body sizes
    requests: int = 0
    foreign: list[str] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)


class GzipSizes:
    """gzip -6 size of each served file, by path, from the directory the server serves."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[str, tuple[int, int]] = {}

    def of(self, url: str) -> tuple[int, int]:
        path = unquote(urlparse(url).path)
        if path not in self.cache:
            rel = path.lstrip("/")
            f = self.root / rel
            if path.endswith("/") or f.is_dir():
                f = f / "index.html"
            data = f.read_bytes() if f.is_file() else b""
            self.cache[path] = (len(data), len(gzip.compress(data, 6, mtime=0)))
        return self.cache[path]


def _block_foreign(context: BrowserContext, base: str, foreign: list[str]) -> None:
    netloc = urlparse(base).netloc

    def handler(route: Route) -> None:
        url = route.request.url
        if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != netloc:
            foreign.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", handler)


def page_weight(browser: Browser, base: str, path: str, sizes: GzipSizes) -> Weight:
    """One cold load (a new context has an empty cache) until the network is idle."""
    w = Weight()
    # The service worker's cache fill starts after the page's load and is not part of the
    # page's weight (bench.py reports its size from sw.js apart).
    context = browser.new_context(base_url=base, service_workers="block")
    finished: list[Request] = []
    try:
        _block_foreign(context, base, w.foreign)
        context.on("requestfinished", lambda r: finished.append(r))
        page = context.new_page()
        page.goto(path, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        for req in finished:
            if urlparse(req.url).scheme not in ("http", "https"):
                continue
            s = req.sizes()
            sent = s["responseBodySize"] + s["responseHeadersSize"]
            raw, gz = sizes.of(req.url)
            w.transferred += sent
            w.raw += raw
            w.gzip += gz
            w.requests += 1
            kind = req.resource_type
            w.by_type[kind] = w.by_type.get(kind, 0) + sent
    finally:
        context.close()
    return w


# ---------------------------------------------------------------- assessment


def _probe(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = page.evaluate(
        """() => { const b = window.__bench; return { answerable: b.answerable, scored: b.scored,
        done: b.done, longtasks: b.longtasks, replies: b.replies, longtaskError: b.longtaskError,
        nav: performance.getEntriesByType("navigation").map((e) => e.duration)[0] || null }; }"""
    )
    return data


def _longest(marks: dict[str, Any], until: float | None) -> float:
    tasks = [d for start, d in marks["longtasks"] if until is None or start <= until]
    return max(tasks, default=0.0)


def _wait_attr(page: Page, selector: str) -> None:
    page.locator(selector).first.wait_for(state="attached", timeout=TIMEOUT_MS)


def assessment_load(context: BrowserContext, path: str) -> dict[str, float]:
    page = context.new_page()
    try:
        page.goto(path, wait_until="commit", timeout=TIMEOUT_MS)
        _wait_attr(page, "#daleel-assessment[data-scored]")
        page.wait_for_timeout(50)  # let the rAF probe record its marks
        m = _probe(page)
        return {
            "answerable_ms": float(m["answerable"]),
            "scored_ms": float(m["scored"]),
            "longest_task_ms": _longest(m, m["scored"]),
        }
    finally:
        page.close()


def bare_load(context: BrowserContext, path: str) -> dict[str, float]:
    page = context.new_page()
    try:
        page.goto(path, wait_until="commit", timeout=TIMEOUT_MS)
        _wait_attr(page, "body[data-done]")
        done = page.locator("body").get_attribute("data-done")
        if done == "failed":
            raise RuntimeError("bare Pyodide page: " + page.locator("#bare-status").inner_text())
        page.wait_for_timeout(50)
        m = _probe(page)
        return {"scored_ms": float(done or 0), "longest_task_ms": _longest(m, float(done or 0))}
    finally:
        page.close()


def new_context(browser: Browser, base: str, seed: str | None,
                service_workers: str = "block") -> BrowserContext:
    """A fresh profile. Service workers are blocked unless asked for, so cold and warm mean
    the network and the HTTP cache; `sw_repeat_visit` measures the service worker apart."""
    context = browser.new_context(base_url=base, accept_downloads=True,
                                  service_workers=service_workers)  # type: ignore[arg-type]
    context.add_init_script(f"{PROBE}({json.dumps(seed)});")
    _block_foreign(context, base, [])
    return context


def cold_and_warm(
    browser: Browser, base: str, path: str, seed: str | None, load: Callable[..., dict[str, float]]
) -> tuple[dict[str, float], dict[str, float]]:
    context = new_context(browser, base, seed)
    try:
        cold = load(context, path)
        warm = load(context, path)
    finally:
        context.close()
    return cold, warm


CHAPTER_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const tasks = window.__bench.longtasks;
  const ends = tasks.map(([start, d]) => start + d);
  return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
           lastTaskEnd: Math.max(0, ...ends), longest: Math.max(0, ...tasks.map(([, d]) => d)) };
}"""


def chapter_load(context: BrowserContext, path: str) -> dict[str, float]:
    """A reading page's time to interactive (DOMContentLoaded or the end of the last long
    task, whichever is later: the main thread is free from then on) and its longest task."""
    page = context.new_page()
    try:
        page.goto(path, wait_until="networkidle", timeout=TIMEOUT_MS)
        m = page.evaluate(CHAPTER_JS)
        return {"tti_ms": max(float(m["dcl"]), float(m["lastTaskEnd"])),
                "load_ms": float(m["load"]), "longest_task_ms": float(m["longest"])}
    finally:
        page.close()


CACHE_RUNTIME_JS = """async () => {
  const reg = await navigator.serviceWorker.ready;
  return await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    reg.active.postMessage({ type: "cache-runtime" }, [channel.port2]);
  });
}"""


HOME = "/"


def sw_repeat_visit(browser: Browser, base: str, path: str, seed: str | None) -> dict[str, float]:
    """The assessment opened again once the service worker holds the site and the runtime."""
    context = new_context(browser, base, seed, service_workers="allow")
    try:
        assessment_load(context, path)  # the first visit registers the worker
        # The runtime is kept from the home page, where a reader asks for offline use. Asked
        # from a second assessment page, closed at once, that page's own engine start was cut
        # off mid-compilation and still being torn down during the timed visit (first question
        # 674 ms against 354 ms, medians of 6 alternating runs).
        page = context.new_page()
        page.goto(HOME, wait_until="commit", timeout=TIMEOUT_MS)
        reply = page.evaluate(CACHE_RUNTIME_JS)
        page.close()
        if not (reply or {}).get("ok"):
            raise RuntimeError(f"service worker could not cache the runtime: {reply}")
        return assessment_load(context, path)
    finally:
        context.close()


RESCORE_JS = """async ([selector]) => {
  const root = document.getElementById("daleel-assessment");
  const before = root.dataset.scored;
  const changed = new Promise((resolve) => {
    const mo = new MutationObserver(() => {
      if (root.dataset.scored !== before) { mo.disconnect(); resolve(performance.now()); }
    });
    mo.observe(root, { attributes: true, attributeFilter: ["data-scored"] });
  });
  const t0 = performance.now();
  document.querySelector(selector).click();
  const t1 = await changed;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { dom: t1 - t0, painted: performance.now() - t0 };
}"""

ROUND_TRIP_JS = """async ([op, args]) => {
  const w = window.__bench.workers[window.__bench.workers.length - 1];
  const id = -1 - Math.floor(Math.random() * 1e9);
  const t0 = performance.now();
  await new Promise((resolve) => {
    const on = (ev) => {
      if ((ev.data || {}).id !== id) return;
      w.removeEventListener("message", on);
      resolve();
    };
    w.addEventListener("message", on);
    w.postMessage({ id, op, args });
  });
  return performance.now() - t0;
}"""


def _said(page: Page) -> str:
    """The download feedback, error box and engine state, when a download did not come."""
    said: str = page.evaluate("""() => ['#daleel-report-feedback', '#daleel-report-error',
      '#daleel-save-feedback'].map((s) => document.querySelector(s)?.textContent.trim())
      .concat(document.getElementById('daleel-assessment')?.dataset.engine).join(' | ')""")
    return said


def interactions(browser: Browser, base: str, path: str, seed: str, runs: int) -> dict[str, Any]:
    """Re-score after one answer, each download, and worker round trips, on one warm page."""
    out: dict[str, list[float]] = {
        "rescore_dom_ms": [],
        "rescore_painted_ms": [],
        "score_in_worker_ms": [],
        "render_in_worker_ms": [],
        "download_html_ms": [],
        "download_json_ms": [],
        "download_csv_ms": [],
        "roundtrip_empty_ms": [],
        "roundtrip_checklist_ms": [],
    }
    context = new_context(browser, base, seed)
    try:
        page = context.new_page()
        page.goto(path, timeout=TIMEOUT_MS)
        _wait_attr(page, "#daleel-assessment[data-scored]")
        items = page.locator("fieldset.daleel-item").evaluate_all(
            "(fs) => fs.map((f) => f.dataset.item)"
        )
        for i in range(runs + 1):  # the first of each is a warm-up, not kept
            item = items[(i * 5) % len(items)]
            current = page.locator(f"#item-{item} input:checked").get_attribute("value")
            value = "no" if current == "yes" else "yes"
            t = page.evaluate(RESCORE_JS, [f'#item-{item} input[value="{value}"]'])
            if i:
                out["rescore_dom_ms"].append(t["dom"])
                out["rescore_painted_ms"].append(t["painted"])
            for fmt in ("html", "json", "csv"):
                button = page.locator(f'[data-download="{fmt}"]').first
                # Chromium lets a page start one download per user interaction; a click that
                # lands before the previous download has been counted leaves the next one
                # waiting for a "multiple downloads" permission nobody can give headless (seen
                # twice in ~20 runs: the page said the file was ready, no download came). A
                # person does not click three buttons within milliseconds; the pause is not timed.
                page.wait_for_timeout(DOWNLOAD_PAUSE_MS)
                started = time.perf_counter()
                try:
                    with page.expect_download(timeout=TIMEOUT_MS) as info:
                        button.click()
                except PlaywrightTimeoutError as error:
                    said = _said(page)
                    raise RuntimeError(f"no {fmt} download; the page says: {said}") from error
                info.value.cancel()
                if i:
                    out[f"download_{fmt}_ms"].append((time.perf_counter() - started) * 1000)
            empty = page.evaluate(ROUND_TRIP_JS, ["bench-no-such-op", []])
            checklist = page.evaluate(ROUND_TRIP_JS, ["checklist", ["en"]])
            if i:
                out["roundtrip_empty_ms"].append(empty)
                out["roundtrip_checklist_ms"].append(checklist)
        replies = _probe(page)["replies"]
        # The worker's own time (Python in Pyodide) for the page's score calls after the first.
        out["score_in_worker_ms"] = [ms for op, ms in replies if op == "score"][1:]
        out["render_in_worker_ms"] = [ms for op, ms in replies if op == "render"][3:]
    finally:
        context.close()
    return out
