#!/usr/bin/env python3
"""Make the built site installable and readable offline: icons, manifests, /sw.js.

Runs last in `make build` (and `make pdf`), after everything else that writes to site/ (PDFs,
precompression), because the service worker lists every file it caches with the SHA-256 of its
bytes and takes its build id from that list:

- site/assets/images/icon-{192,512}.png, drawn by Chromium from daleel-icon.svg;
- site/manifest.webmanifest (Arabic, right to left) and site/en/manifest.webmanifest (English),
  names and descriptions from assessment/data/strings (`offline.app_*`);
- site/sw.js: `self.DALEEL_PRECACHE = {build, core, runtime, fallback};` followed by
  overrides/assets/javascripts/offline/sw.js (mkdocs' copy under assets/ is removed).
  `core` is cached at install: every page of both languages (the PDF print sources excepted),
  search indexes, PDFs, styles, scripts, subset fonts, images, manifests. `runtime` is Pyodide
  and the engine wheel, cached when the assessment first asks for them or the reader chooses
  "make available offline". Left out: .gz/.br copies (the server negotiates those), the font
  originals that are only unicode-range fallbacks, lunr languages the search does not use, and
  the sitemap.

The build id changes exactly when a cached file changes, so a rebuild of the same sources
serves no update notice.

Usage: python scripts/build_service_worker.py [SITE_DIR] [--no-icons]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from assessment.languages import LANGUAGES
from assessment.strings import text

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "overrides" / "assets" / "javascripts" / "offline" / "sw.js"
TEMPLATE = Path("assets") / "javascripts" / "offline" / "sw.js"  # mkdocs' copy, removed
ICON_SVG = Path("assets") / "images" / "daleel-icon.svg"
ICON_SIZES = (192, 512)
THEME_COLOR = "#00796b"
SKIP_SUFFIXES = frozenset({".gz", ".br", ".map"})
SKIP_NAMES = frozenset({"sw.js", "sitemap.xml"})
# Subset fonts carry a content hash (scripts/subset_fonts.py); the plain names are fallbacks.
SUBSET_FONT = re.compile(r"\.[0-9a-f]{10}\.woff2$")
LUNR_KEEP = frozenset({"lunr.stemmer.support.min.js", "lunr.multi.min.js", "lunr.ar.min.js"})
RUNTIME_DIRS = (("assets", "pyodide"), ("assets", "wheels"))


def url_of(rel: Path) -> str:
    """Site-relative file -> the URL path a reader requests (`a/index.html` -> `/a/`)."""
    path = "/" + rel.as_posix()
    if path.endswith("/index.html"):
        return path.removesuffix("index.html")
    return path


def _kind(rel: Path) -> str | None:
    """"core", "runtime" or None (not cached)."""
    parts = rel.parts
    if rel.suffix in SKIP_SUFFIXES or rel.name in SKIP_NAMES or "print_page" in parts:
        return None
    if any(parts[: len(d)] == d for d in RUNTIME_DIRS):
        return "runtime"
    if parts[:2] == ("assets", "fonts") and not SUBSET_FONT.search(rel.name):
        return None
    if parts[:3] == ("assets", "javascripts", "lunr") and rel.name not in LUNR_KEEP:
        return None
    return "core"


def _files(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(site).parts):
            yield path


def precache(site: Path) -> dict[str, object]:
    groups: dict[str, list[list[str]]] = {"core": [], "runtime": []}
    for path in _files(site):
        rel = path.relative_to(site)
        kind = _kind(rel)
        if kind is not None:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            groups[kind].append([url_of(rel), digest])
    if not any(url == "/404.html" for url, _ in groups["core"]):
        raise SystemExit("build_service_worker: site/404.html is missing")
    listing = json.dumps(groups, sort_keys=True).encode("utf-8")
    build = hashlib.sha256(listing).hexdigest()[:12]
    return {"build": build, **groups, "fallback": "/404.html"}


def manifest(lang: str) -> dict[str, object]:
    language = LANGUAGES[lang]
    start = "/" + language.prefix
    icons: list[dict[str, str]] = [
        {"src": f"/assets/images/icon-{n}.png", "sizes": f"{n}x{n}", "type": "image/png",
         "purpose": purpose}
        for n in ICON_SIZES for purpose in ("any", "maskable")
    ]
    icons.append({"src": "/" + ICON_SVG.as_posix(), "sizes": "any", "type": "image/svg+xml"})
    return {
        "id": start,
        "name": text("offline.app_name", lang=lang),
        "short_name": text("offline.app_short_name", lang=lang),
        "description": text("offline.app_description", lang=lang),
        "lang": language.code,
        "dir": language.direction,
        "start_url": start,
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icons,
    }


def write_manifests(site: Path) -> None:
    for code, language in LANGUAGES.items():
        target = site / language.prefix / "manifest.webmanifest"
        target.write_text(json.dumps(manifest(code), ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")


def draw_icons(site: Path) -> None:
    """PNG icons from the SVG, drawn by the project's Chromium (install prompts want PNGs)."""
    from chromium import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    svg = (site / ICON_SVG).read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for size in ICON_SIZES:
                page = browser.new_page(viewport={"width": size, "height": size})
                page.set_content(
                    "<style>html,body{margin:0}svg{display:block;width:100vw;height:100vh}"
                    f"</style>{svg}"
                )
                page.screenshot(path=str(site / ICON_SVG.with_name(f"icon-{size}.png")))
                page.close()
        finally:
            browser.close()


def write_service_worker(site: Path) -> str:
    template = site / TEMPLATE
    body = SOURCE.read_text(encoding="utf-8")
    for copy in (template, template.with_name("sw.js.gz"), template.with_name("sw.js.br")):
        copy.unlink(missing_ok=True)
    data = precache(site)
    head = ("// Generated by scripts/build_service_worker.py: the build's files and their "
            "SHA-256.\n")
    (site / "sw.js").write_text(
        f"{head}self.DALEEL_PRECACHE = {json.dumps(data, separators=(',', ':'))};\n{body}",
        encoding="utf-8",
    )
    return str(data["build"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Icons, manifests and the service worker")
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--no-icons", action="store_true",
                        help="keep the PNG icons already in site/ (no Chromium)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"build_service_worker: {site} is not a built site", file=sys.stderr)
        return 2
    if not args.no_icons:
        draw_icons(site)
    write_manifests(site)
    build = write_service_worker(site)
    print(f"sw.js: build {build}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
