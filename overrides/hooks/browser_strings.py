"""Write the browser's copy of the interface strings (assessment/data/strings/*.json).

Browser code imports `assets/javascripts/strings.js` (an ES module) instead of keeping
strings of its own, so the site, widget, reports and PDFs share one wording.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assessment.strings import browser_tables

OUTPUT = Path("assets") / "javascripts" / "strings.js"


def module_text() -> str:
    tables = json.dumps(browser_tables(), ensure_ascii=False, indent=1, sort_keys=True)
    return (
        "// Generated at build from assessment/data/strings/*.json: edit those, not this.\n"
        "/** @type {Record<string, Record<string, string>>} */\n"
        f"export const STRINGS = {tables};\n"
    )


def on_post_build(config: Any) -> None:
    target = Path(config["site_dir"]) / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(module_text(), encoding="utf-8")
