#!/usr/bin/env python3
"""Bundle each page's module script with its imports into one file (run after `mkdocs build`).

The browser code stays plain ES modules (checked by `tsc`, tested by `node --test`, loaded as
they are by `make dev`). Served as such, a page fetches its entry module and every import: on
the assessment page that was ten module requests beside the page's own, and its first question
became answerable later than a chapter's page became interactive, most of all on a first
visit and over the service worker (scripts/bench.py; README, "Performance").

Every entry module that a built page loads (`<script type="module" src=...>`) is replaced in
place by esbuild's bundle of it and its imports, so the pages, precompression and the service
worker see one file. esbuild leaves `new Worker(new URL("./worker.js", import.meta.url))` as
written (the worker is bundled on its own, below), and the bundle sits where the entry was.
A module bundled into another folder's entry (the assessment's engine.js into the
dashboard's main.js) must name such files from the `javascripts` folder (`../assessment/...`):
every `new URL("...", import.meta.url)` of a bundle is checked to name a built file, so a URL
that only worked beside the original module stops the build. Running it again changes nothing
(a bundle has no imports left).

Each module worker that a bundle starts (`new Worker(new URL(...))`) is then bundled the same
way, in place: the scoring worker's own import cost its start about 25 ms, fetched and compiled
once the worker had started (scripts/bench.py's probe). Its lazy import of the dashboard's
decoder (2 kB) is carried in the bundle, evaluated only when first used.

Usage: python scripts/bundle_modules.py [SITE_DIR]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parents[1]
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
# A file named relative to the module's own URL: a worker, a stylesheet.
MODULE_RELATIVE = re.compile(r"""new URL\(\s*["'`]([^"'`$]+)["'`]\s*,\s*import\.meta\.url\s*\)""")
# A module worker started from a bundle, named the same way.
WORKER = re.compile(r"new Worker\(\s*" + MODULE_RELATIVE.pattern)


class _ModuleScripts(HTMLParser):
    """The `src` of every `<script type="module">` of one page, as written."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        src = found.get("src")
        if tag == "script" and found.get("type") == "module" and src:
            self.sources.append(src)


def entry_modules(site: Path) -> list[Path]:
    """The module files that the site's pages load directly, each once."""
    entries: set[Path] = set()
    for page in site.rglob("*.html"):
        parser = _ModuleScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        page_url = "/" + page.relative_to(site).as_posix()
        for src in parser.sources:
            url = urlparse(urljoin(page_url, src))
            if url.scheme or url.netloc:
                raise SystemExit(f"bundle_modules: {page}: module from another origin: {src}")
            module = site / url.path.lstrip("/")
            if not module.is_file():
                raise SystemExit(f"bundle_modules: {page}: no such module: {src}")
            entries.add(module.resolve())
    return sorted(entries)


def worker_modules(entries: list[Path]) -> list[Path]:
    """The worker scripts that the bundled entries start, each once."""
    workers = {
        (entry.parent / target).resolve()
        for entry in entries
        for target in WORKER.findall(entry.read_text(encoding="utf-8"))
    }
    missing = [str(w) for w in workers if not w.is_file()]
    if missing:
        raise SystemExit("bundle_modules: no such worker: " + "; ".join(sorted(missing)))
    return sorted(workers)


def bundle(site: Path, entries: list[Path]) -> None:
    """Replace each entry by its bundle: ES module output, UTF-8 kept (the strings are Arabic)."""
    if not ESBUILD.is_file():
        raise SystemExit(f"bundle_modules: {ESBUILD} is missing; run `make setup`")
    subprocess.run(
        [
            str(ESBUILD),
            *map(str, entries),
            "--bundle",
            "--format=esm",
            "--charset=utf8",
            "--log-level=warning",
            f"--outbase={site.resolve()}",
            f"--outdir={site.resolve()}",
            "--allow-overwrite",
        ],
        check=True,
    )


def broken_urls(entries: list[Path]) -> list[str]:
    """Every module-relative URL of a bundle that names no file (or, ending in "/", no folder)
    beside it."""
    broken = []
    for entry in entries:
        for target in MODULE_RELATIVE.findall(entry.read_text(encoding="utf-8")):
            named = entry.parent / target
            if not (named.is_dir() if target.endswith("/") else named.is_file()):
                broken.append(f"{entry.name}: {target}")
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bundle each page's module script")
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), type=Path)
    args = parser.parse_args(argv)
    site: Path = args.site
    entries = entry_modules(site)
    bundle(site, entries)
    workers = worker_modules(entries)
    bundle(site, workers)
    broken = broken_urls(entries + workers)
    if broken:
        raise SystemExit("bundle_modules: URLs naming no file once bundled: " + "; ".join(broken))
    names = ", ".join(e.relative_to(site.resolve()).as_posix() for e in entries + workers)
    print(f"bundle_modules: {len(entries)} entry modules, {len(workers)} workers bundled ({names})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
