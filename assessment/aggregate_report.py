"""The dashboard written out: entity summary CSV, item matrix CSV, printable HTML, JSON.

The page's downloads and `python -m assessment aggregate` call these same functions.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from .aggregate import Dashboard
from .errors import Problem, UsageError
from .labels import STRINGS, VALUE_LABELS, check_lang, fmt_score
from .languages import language
from .report_csv import BOM, safe_cell
from .strings import text

FORMATS = ("csv", "matrix", "html", "json")
# Download name part, extension and MIME type of each format.
FILES = {
    "csv": ("entities", "csv", "text/csv;charset=utf-8"),
    "matrix": ("items", "csv", "text/csv;charset=utf-8"),
    "html": ("report", "html", "text/html;charset=utf-8"),
    "json": ("figures", "json", "application/json"),
}


def _csv(rows: Iterable[Sequence[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return BOM + buf.getvalue()


def _delta(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:+.1f}" if value else "0.0"


def _level_titles(lang: str) -> dict[str, str]:
    from .scoring import ALL_LEVELS

    return {lv.id: lv.title.get(lang) for lv in ALL_LEVELS}


def entity_header(d: Dashboard, lang: str) -> list[str]:
    t = STRINGS[lang]
    head = [
        t["file"],
        t["entity"],
        text("dashboard.code", lang=lang),
        t["unit"],
        t["date"],
        t["overall"],
        t["level"],
    ]
    head += [f"{dm.number}. {dm.title.get(lang)}" for dm in d.checklist.domains]
    head += [t["gaps_count"], t["completeness"]]
    if d.previous is not None:
        head += [text("dashboard.previous_overall", lang=lang), text("dashboard.change", lang=lang)]
    return head


def entity_cells(d: Dashboard, lang: str) -> list[list[str]]:
    levels = _level_titles(lang)
    out = []
    for row in d.entity_rows():
        cells = [
            row["file"],
            row["name"],
            row["code"],
            row["unit"],
            row["date"],
            fmt_score(row["overall"], lang),
            levels.get(row["level"], row["level"]),
            *(fmt_score(s, lang) for s in row["domains"]),
            str(row["gaps"]),
            f"{row['completeness']:g}",
        ]
        change = row["change"]
        if change is not None:
            if change["status"] == "matched":
                cells += [fmt_score(change["before"], lang), _delta(change["delta"])]
            else:
                cells += ["—", text("dashboard.new", lang=lang)]
        out.append(cells)
    return out


def entities_csv(d: Dashboard, lang: str) -> str:
    """One row per entity: level, overall and domain scores, gaps, completeness (and change)."""
    check_lang(lang)
    return _csv([entity_header(d, lang), *entity_cells(d, lang)])


def matrix_csv(d: Dashboard, lang: str) -> str:
    """One row per entity, one column per checklist item: the answer given."""
    check_lang(lang)
    t = STRINGS[lang]
    values = VALUE_LABELS[lang]
    item_ids = d.checklist.item_ids()
    rows: list[Sequence[str]] = [
        [t["file"], t["entity"], text("dashboard.code", lang=lang), t["date"], *item_ids]
    ]
    for r in d.entities:
        rows.append(
            [r.file, r.name, r.code, r.date, *(values[r.values.get(i, "")] for i in item_ids)]
        )
    return _csv(rows)


def dashboard_json(d: Dashboard) -> str:
    return json.dumps(d.as_dict(), ensure_ascii=False)


# --- printable HTML -------------------------------------------------------------------------


def _table(caption: str, head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead>"
        f"<tbody>{body}</tbody></table>\n"
    )


def _summary_rows(data: dict[str, Any], lang: str) -> list[list[str]]:
    s = data["summary"]
    o = s["overall"]

    def tx(key: str) -> str:
        return text(f"dashboard.{key}", lang=lang)

    rows = [
        [tx("files"), str(s["files"])],
        [tx("entities"), str(s["entities"])],
        [tx("median"), fmt_score(o["median"], lang)],
        [tx("middle_half"), f"{fmt_score(o['q1'], lang)} – {fmt_score(o['q3'], lang)}"],
        [tx("range"), f"{fmt_score(o['min'], lang)} – {fmt_score(o['max'], lang)}"],
        [tx("with_gaps"), str(s["with_gaps"])],
        [tx("problems_count"), str(s["unreadable"])],
        [tx("duplicates_count"), str(s["duplicates"])],
    ]
    titles = _level_titles(lang)
    rows += [[titles[k], str(v)] for k, v in s["levels"].items()]
    return rows


def _comparison_html(d: Dashboard, data: dict[str, Any], lang: str) -> str:
    c = data["comparison"]
    if c is None:
        return ""

    def tx(key: str) -> str:
        return text(f"dashboard.{key}", lang=lang)

    out = f"<h2>{escape(tx('comparison'))}</h2>\n"
    o = c["overall"]
    out += _table(
        tx("comparison"),
        [text("term.domain", lang=lang), tx("before"), tx("after"), tx("change")],
        [
            [
                STRINGS[lang]["overall"],
                fmt_score(o["before"], lang),
                fmt_score(o["after"], lang),
                _delta(o["delta"]),
            ],
            *(
                [
                    f"{dm.number}. {dm.title.get(lang)}",
                    fmt_score(row["before"], lang),
                    fmt_score(row["after"], lang),
                    _delta(row["delta"]),
                ]
                for dm, row in zip(d.checklist.domains, c["domains"], strict=True)
            ),
        ],
    )
    out += _table(
        tx("matched"),
        [tx("matched"), tx("improved"), tx("regressed"), tx("unchanged"), tx("new"), tx("missing")],
        [
            [
                str(c["matched"]),
                str(c["improved"]),
                str(c["regressed"]),
                str(c["unchanged"]),
                str(len(c["new"])),
                str(len(c["missing"])),
            ]
        ],
    )
    if c["missing"]:
        out += _table(
            tx("missing"),
            [STRINGS[lang]["entity"], tx("code"), STRINGS[lang]["date"], STRINGS[lang]["file"]],
            [[m["name"], m["code"], m["date"], m["file"]] for m in c["missing"]],
        )
    return out


def report_html(d: Dashboard, lang: str) -> str:
    """The whole dashboard as one self-contained page, laid out for A4 landscape."""
    check_lang(lang)
    data = d.as_dict()
    t = STRINGS[lang]
    values = VALUE_LABELS[lang]

    def tx(key: str) -> str:
        return text(f"dashboard.{key}", lang=lang)

    title = tx("report_title")
    parts = [f"<h1>{escape(title)}</h1>\n"]
    parts.append(f"<h2>{escape(tx('summary'))}</h2>\n")
    parts.append(_table(tx("summary"), [tx("figure"), tx("value")], _summary_rows(data, lang)))
    parts.append(f"<h2>{escape(tx('entity_table'))}</h2>\n")
    parts.append(_table(tx("entity_table"), entity_header(d, lang), entity_cells(d, lang)))
    parts.append(f"<h2>{escape(tx('item_view'))}</h2>\n")
    questions = {i.id: i.question.get(lang) for i in d.checklist.items}
    parts.append(
        _table(
            tx("item_view"),
            [
                t["item_id"],
                t["question"],
                values["yes"],
                values["partial"],
                values["no"],
                values["na"],
                values[""],
            ],
            (
                [
                    row["id"],
                    questions[row["id"]],
                    *(str(row["counts"][k]) for k in ("yes", "partial", "no", "na", "none")),
                ]
                for row in data["items"]
            ),
        )
    )
    parts.append(_comparison_html(d, data, lang))
    parts.append(f"<h2>{escape(tx('problems'))}</h2>\n")
    kinds = {k: tx(f"kind_{k}") for k in ("unreadable", "duplicate", "older")}
    if data["problems"]:
        parts.append(
            _table(
                tx("problems"),
                [t["file"], tx("round"), tx("problem_kind"), tx("reason")],
                (
                    [p["file"], tx(f"round_{p['round']}"), kinds[p["kind"]], p[lang]]
                    for p in data["problems"]
                ),
            )
        )
    else:
        parts.append(f"<p>{escape(tx('no_problems'))}</p>\n")
    direction = language(lang).direction
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>@page { size: A4 landscape; margin: 12mm; }"
        " body { font-family: 'Noto Naskh Arabic', Tahoma, Arial, sans-serif; font-size: 10pt; }"
        " table { border-collapse: collapse; width: 100%; margin-block-end: 1em; }"
        " caption { text-align: start; font-weight: bold; }"
        " th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: start; }"
        " th { background: #e0f2f1; } tr { break-inside: avoid; }"
        " thead { display: table-header-group; }"
        "</style>\n"
        f"</head>\n<body>\n{''.join(parts)}</body>\n</html>\n"
    )


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(
            [
                Problem(
                    "format",
                    f"صيغة غير مدعومة {fmt[:20]!r}؛ المتوقع csv أو matrix أو html أو json",
                    f"unsupported format {fmt[:20]!r}; expected csv, matrix, html or json",
                )
            ]
        )
    return fmt


def render(d: Dashboard, fmt: str, lang: str) -> str:
    check_format(fmt)
    check_lang(lang)
    if fmt == "csv":
        return entities_csv(d, lang)
    if fmt == "matrix":
        return matrix_csv(d, lang)
    if fmt == "html":
        return report_html(d, lang)
    return dashboard_json(d)
