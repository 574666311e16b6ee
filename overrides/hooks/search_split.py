"""One search index per language.

mkdocs-static-i18n (folder layout) writes a single index with both languages, and English
pages look it up at the site root, so an Arabic reader would get English hits and vice versa.
After the build, the index is split: `/search/` keeps the Arabic pages, `/en/search/` gets the
English ones, and English pages point their search `base` at `/en/`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

BASE = re.compile(r'("base": ")([^"]*)(")')


def _lang(page: Any) -> str:
    return page.file.src_uri.split("/", 1)[0]


def on_post_page(output: str, page: Any, **_: Any) -> str:
    if _lang(page) != "en":
        return output
    head, sep, tail = output.partition('<script id="__config" type="application/json">')
    if not sep:
        return output
    config, end, rest = tail.partition("</script>")
    config = BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/') or '.'}/en/{m[3]}", config, count=1)
    return head + sep + config + end + rest


# After the search plugin has written the index of the language being built.
@event_priority(-100)
def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    arabic = [d for d in index["docs"] if not d["location"].startswith("en/")]
    english = [
        {**d, "location": d["location"].removeprefix("en/")}
        for d in index["docs"]
        if d["location"].startswith("en/")
    ]
    if not english:  # the English build has not run yet (each language builds in turn)
        return
    index_file.write_text(
        json.dumps({**index, "docs": arabic}, ensure_ascii=False), encoding="utf-8"
    )
    en_dir = site / "en" / "search"
    en_dir.mkdir(parents=True, exist_ok=True)
    (en_dir / "search_index.json").write_text(
        json.dumps(
            {**index, "config": {**index["config"], "lang": ["en"]}, "docs": english},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
