"""For the Ministry: many entities' results side by side, as CSV or HTML."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from .labels import STRINGS, check_lang, fmt_score
from .report_csv import BOM, safe_cell
from .scoring import Result


@dataclass(frozen=True)
class Row:
    source: str
    result: Result


def _header(rows: Sequence[Row], lang: str) -> list[str]:
    t = STRINGS[lang]
    head = [t["file"], t["entity"], t["unit"], t["date"], t["overall"], t["level"]]
    if rows:
        head += [f"{d.domain.number}. {d.domain.title.get(lang)}" for d in rows[0].result.domains]
    return [*head, t["gaps_count"], t["completeness"]]


def _cells(row: Row, lang: str) -> list[str]:
    r = row.result
    e = r.answers.entity
    return [
        row.source,
        e.name,
        e.unit,
        e.date,
        fmt_score(r.overall, lang),
        r.level.title.get(lang),
        *(fmt_score(d.score, lang) for d in r.domains),
        str(len(r.critical_gaps)),
        f"{r.completeness.percent:g}",
    ]


def aggregate_csv(rows: Sequence[Row], lang: str) -> str:
    check_lang(lang)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(_header(rows, lang))
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in _cells(row, lang)])
    return BOM + buf.getvalue()


def aggregate_html(rows: Sequence[Row], lang: str) -> str:
    check_lang(lang)
    t = STRINGS[lang]
    direction = "rtl" if lang == "ar" else "ltr"
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in _header(rows, lang))
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in _cells(row, lang)) + "</tr>"
        for row in rows
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(t['aggregate_title'])}</title>\n"
        "<style>@page { size: A4 landscape; margin: 12mm; }"
        " body { font-family: 'Noto Naskh Arabic', Tahoma, Arial, sans-serif; font-size: 10pt; }"
        " table { border-collapse: collapse; width: 100%; }"
        " th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: start; }"
        " th { background: #e0f2f1; } tr { break-inside: avoid; }</style>\n"
        f"</head>\n<body>\n<h1>{escape(t['aggregate_title'])}</h1>\n"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n</body>\n</html>\n"
    )
