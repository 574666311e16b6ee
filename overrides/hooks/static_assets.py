"""Copy runtime files from node_modules into the built site (never committed to git)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment

# mkdocs imports each hook with the hooks' folder on the import path; tests and mypy use the
# same name (pyproject.toml: pythonpath, mypy_path).
from site_data import ROOT

FONTS = {
    "@fontsource/noto-sans-arabic/files": [
        "noto-sans-arabic-arabic-400-normal.woff2",
        "noto-sans-arabic-arabic-700-normal.woff2",
    ],
    "@fontsource/noto-sans/files": [
        "noto-sans-latin-400-normal.woff2",
        "noto-sans-latin-700-normal.woff2",
        "noto-sans-latin-400-italic.woff2",
    ],
}


# Material's bundle names third-party URLs for features this site does not use (Mermaid,
# a ResizeObserver polyfill, GitHub/GitLab repository facts). Neutralised so the shipped
# JavaScript names no other origin at all, not merely never calls it. A test fails if a
# Material upgrade changes these strings (tests/content/test_no_foreign_urls.py).
FOREIGN_IN_BUNDLE = {
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': '"about:blank"',
    '"https://unpkg.com/resize-observer-polyfill"': '"about:blank"',
    "`https://${e}/api/v4/projects/": "`about:blank#${e}/api/v4/projects/",
    "`https://api.github.com/repos/": "`about:blank#/repos/",
    "`https://api.github.com/users/": "`about:blank#/users/",
    # Material reads every <link rel=alternate> as a language root and fetches its
    # sitemap.xml for instant navigation (disabled here); our alternates are per page, so
    # that would be two 404s on every page load.
    'M("link[rel=alternate]")': 'M("link[rel=alternate][data-md-sitemap]")',
}


BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


def on_env(env: Environment, files: Any, **_: Any) -> Environment:
    # Material's script, by the name this version gives it (main.html preloads it).
    env.globals["theme_bundle"] = next(
        (f.src_uri for f in files if BUNDLE.fullmatch(f.src_uri)), None
    )
    return env


def _neutralise_bundle(site: Path) -> None:
    for bundle in (site / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        for old, new in FOREIGN_IN_BUNDLE.items():
            if old not in text:
                raise SystemExit(f"{bundle.name}: expected {old!r}; review FOREIGN_IN_BUNDLE")
            text = text.replace(old, new)
        bundle.write_text(text, encoding="utf-8")
    for source_map in (site / "assets" / "javascripts").rglob("*.min.js.map"):
        source_map.unlink()


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    _neutralise_bundle(site)
    modules = ROOT / "node_modules"
    if not modules.is_dir():
        raise SystemExit("node_modules is missing: run `make setup` (npm ci) first")
    fonts = site / "assets" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for folder, names in FONTS.items():
        for name in names:
            shutil.copy2(modules / folder / name, fonts / name)
