"""One row per checklist item, UTF-8 with a BOM so that Excel shows Arabic correctly."""

from __future__ import annotations

import csv
import io

from .labels import OBLIGATION_LABELS, STRINGS, VALUE_LABELS, check_lang
from .scoring import Result

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas in user-supplied text (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(result: Result, lang: str) -> str:
    check_lang(lang)
    t = STRINGS[lang]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(
        [
            t["chapter"],
            t["domain"],
            t["item_id"],
            t["question"],
            t["obligation"],
            t["weight"],
            t["critical"],
            t["answer"],
            "value",
            t["earned"],
            t["possible"],
            t["note"],
            t["link"],
        ]
    )
    for r in result.items:
        domain = result.checklist.domain(r.item.domain)
        writer.writerow(
            [
                domain.number,
                domain.title.get(lang),
                r.item.id,
                r.item.question.get(lang),
                OBLIGATION_LABELS[lang][r.item.obligation],
                r.item.weight,
                t["yes"] if r.item.critical else t["no"],
                VALUE_LABELS[lang][r.value or ""],
                r.value or "",
                f"{r.earned:g}" if r.scored else "",
                f"{r.possible:g}" if r.scored else "",
                safe_cell(r.note),
                r.item.section.url(lang),
            ]
        )
    return BOM + buf.getvalue()
