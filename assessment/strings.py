"""Every interface string, one JSON file per language (data/strings/<code>.json).

Keys are flat and namespaced by where the string is used ("report.", "widget.", "site.",
"pdf.", "dashboard.", "tools.") with shared vocabulary under "term." so one term has one
wording across site, widget, reports and PDFs. Both files must have the same keys and the
same {placeholders} (tests/test_strings.py). The browser gets a generated copy at build time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from .languages import CODES, language
from .packaged import data_text

# Namespaces the browser code reads; the build writes only these into the browser's copy.
BROWSER_NAMESPACES = ("term.", "widget.", "dashboard.", "tools.", "offline.", "common.")


@cache
def table(lang: str) -> Mapping[str, str]:
    """All strings of one language (read once per process; read-only)."""
    code = language(lang).code
    data = json.loads(data_text("strings", f"{code}.json"))
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValueError(f"strings/{code}.json must map keys to strings")
    return MappingProxyType(data)


def text(key: str, *, lang: str, **values: object) -> str:
    """One string in one language, with {placeholders} filled from `values`."""
    template = table(lang)[key]
    return template.format(**values) if values else template


def browser_tables() -> dict[str, dict[str, str]]:
    """The strings the browser code uses, for every language (the build writes them out)."""
    return {
        code: {k: v for k, v in table(code).items() if k.startswith(BROWSER_NAMESPACES)}
        for code in CODES
    }
