"""One row per checklist item, UTF-8 with a BOM so that Excel shows Arabic correctly.

Every row starts with the entity, the date, the overall score and the level, so rows from
many entities' files can be pasted into one sheet. Notices about the file (migration,
neutralised characters, comparison warnings) follow the table after one empty row.
"""

from __future__ import annotations

import csv
import io

from .labels import OBLIGATION_LABELS, STRINGS, VALUE_LABELS, check_lang, fmt_score
from .links import section_url
from .scoring import ItemResult, Result

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas in user-supplied text (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _header(lang: str) -> list[str]:
    keys = [
        "entity", "entity_code", "date", "overall", "level", "chapter", "domain", "item_id",
        "question", "obligation", "weight", "critical", "answer", "value_code", "earned",
        "possible", "note", "owner", "due", "overdue", "evidence_given", "why", "evidence",
        "link",
    ]  # fmt: skip
    return [STRINGS[lang][k] for k in keys]


def _row(r: ItemResult, result: Result, lang: str, site_url: str | None, date: str) -> list[str]:
    t = STRINGS[lang]
    e = result.answers.entity
    a = r.answer
    domain = result.checklist.domain(r.item.domain)
    overdue = bool(a and a.due and a.due < date and r.effective in ("no", "partial"))
    answer = t["unjustified_na"] if r.unjustified_na else VALUE_LABELS[lang][r.value or ""]
    user = [
        e.name, e.code, e.date, fmt_score(result.overall, lang), result.level.title.get(lang)
    ]  # fmt: skip
    return [
        *(safe_cell(x) for x in user),
        str(domain.number),
        domain.title.get(lang),
        r.item.id,
        r.item.question.get(lang),
        OBLIGATION_LABELS[lang][r.item.obligation],
        str(r.item.weight),
        t["yes"] if r.item.critical else t["no"],
        answer,
        r.value or "",
        f"{r.earned:g}" if r.scored else "",
        f"{r.possible:g}" if r.scored else "",
        safe_cell(r.note),
        safe_cell(a.owner if a else ""),
        a.due if a else "",
        t["yes"] if overdue else "",
        safe_cell(" | ".join(a.evidence) if a else ""),
        r.item.why.get(lang),
        r.item.evidence.get(lang),
        section_url(r.item.section, lang=lang, site_url=site_url),
    ]


def render_csv(
    result: Result, lang: str, site_url: str | None = None, report_date: str | None = None
) -> str:
    check_lang(lang)
    t = STRINGS[lang]
    date = report_date or result.answers.entity.date
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(_header(lang))
    for r in result.items:
        writer.writerow(_row(r, result, lang, site_url, date))
    if result.warnings:
        writer.writerow([])
        for w in result.warnings:
            writer.writerow([t["warning"], safe_cell(w.path), safe_cell(w.text(lang))])
    return BOM + buf.getvalue()
