"""Heading ids of the guideline pages, as the site computes them.

The English anchors in the checklist are derived from the Arabic ones by position: the
translation keeps the same headings in the same order, so the n-th heading of an English
page is the translation of the n-th heading of the Arabic page. Run
`python -m tests.engine.anchors` after a heading changes to rewrite the checklist's anchors.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from pymdownx.slugs import slugify

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CHECKLIST = ROOT / "assessment" / "data" / "checklist.json"
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_slugify = slugify(case="lower")


def heading_ids(lang: str, page: str) -> list[str]:
    """Ids of the headings of docs/<lang>/<page>.md, in order (first occurrence wins)."""
    path = DOCS / lang / f"{page}.md"
    ids: list[str] = []
    in_fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            ids.append(_slugify(match.group(2), "-"))
    return ids


def english_anchor(page: str, arabic_anchor: str) -> str:
    ar = heading_ids("ar", page)
    en = heading_ids("en", page)
    if len(ar) != len(en):
        raise ValueError(f"{page}: {len(ar)} Arabic headings but {len(en)} English ones")
    return en[ar.index(arabic_anchor)]


def _sync(section: dict[str, Any]) -> None:
    anchor = section["anchor"]
    anchor["en"] = english_anchor(section["page"], anchor["ar"])


def main() -> int:
    data = json.loads(CHECKLIST.read_text(encoding="utf-8"))
    for entry in [*data["domains"], *data["items"]]:
        _sync(entry["section"])
    CHECKLIST.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
