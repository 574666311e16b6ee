#!/usr/bin/env python3
"""Load the search index when search is opened, not on every page (run after `mkdocs build`).

Material's bundle requests `search/search_index.json` as soon as a page loads, and its search
worker then imports the lunr language files: 25–30 kB on every first page view, most readers
never searching. This rewrites the one expression that creates the index stream so that the
request starts on the first opening of search (the toggle changes: click, `/`, `s`, `f`) or
the first focus of the search field. The index is the same; Material shows its own "Initializing
search" text while it arrives.

The rewrite is checked like overrides/hooks/static_assets.py's: a Material upgrade that changes
the expression stops the build here, and tests/e2e/test_offline.py checks that a page loads
without the index and that search still finds words.

Usage: python scripts/search_on_demand.py [SITE_DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# `index$ = document.forms.namedItem("search") ? fetchIndex() : NEVER` in Material's bundle.ts.
EXPRESSION = re.compile(
    r'(?P<name>[\w$]+)=document\.forms\.namedItem\("search"\)\?(?P<fetch>[\w$]+)\(\):'
    r"(?P<never>[\w$]+),"
)
MARKER = "daleelSearchOnDemand"
# An Observable of the same class (taken from the lazy index stream itself, so no minified name
# of rxjs is needed) that subscribes to the index only when search is first opened.
LATER = (
    "(function " + MARKER + "(fetch){const index=fetch();"
    "return new index.constructor(sink=>{let sub=null;"
    "const toggle=document.querySelector('[data-md-toggle=\"search\"]'),"
    "field=document.querySelector('[data-md-component=\"search-query\"]'),"
    "start=()=>{if(!sub)sub=index.subscribe(sink)};"
    "if(toggle&&toggle.checked||field&&document.activeElement===field)start();"
    "toggle&&toggle.addEventListener('change',start,{once:true});"
    "field&&field.addEventListener('focus',start,{once:true});"
    "return()=>{sub&&sub.unsubscribe()}})})"
)


def patch(text: str) -> str:
    if MARKER in text:
        return text
    match = EXPRESSION.search(text)
    if match is None:
        raise SystemExit("search_on_demand: Material's index expression not found; review "
                         "scripts/search_on_demand.py for this Material version")
    new = (f'{match["name"]}=document.forms.namedItem("search")?{LATER}({match["fetch"]}):'
           f'{match["never"]},')
    return text[: match.start()] + new + text[match.end():]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Defer Material's search index request")
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    args = parser.parse_args(argv)
    bundles = sorted((Path(args.site) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        print(f"search_on_demand: no Material bundle under {args.site}", file=sys.stderr)
        return 2
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        bundle.write_text(patch(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
