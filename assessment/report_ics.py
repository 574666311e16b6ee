"""The action plan's dated items as an iCalendar file: one to-do per item, both languages.

Written with the project's one iCalendar writer (`assessment.ics`). The file's stamp is the
assessment date, so the same answers always give the same bytes.
"""

from __future__ import annotations

import datetime as _dt

from .answers import entity_slug, problem
from .errors import UsageError
from .ics import Event, calendar
from .languages import CODES
from .links import section_url
from .scoring import ItemResult, Result
from .strings import text


def _both(key: str, lang: str, **values: object) -> str:
    # The report's language first, then the other one.
    order = (lang, *(c for c in CODES if c != lang))
    return " / ".join(text(key, lang=code, **values) for code in order)


def _event(r: ItemResult, result: Result, lang: str, site_url: str | None, slug: str) -> Event:
    assert r.answer is not None
    order = (lang, *(c for c in CODES if c != lang))
    summary = " / ".join(r.item.question.get(code) for code in order)
    lines = [_both("report.ics_summary_prefix", lang)]
    for code in order:
        lines.append(f"{text('term.fix', lang=code)}: {r.item.fix.get(code)}")
    if r.answer.owner:
        lines.append(f"{_both('report.owner', lang)}: {r.answer.owner}")
    for item in r.answer.evidence:
        lines.append(f"{_both('report.evidence_given', lang)}: {item}")
    return Event(
        uid=f"{slug}-{r.item.id}-{r.answer.due}@daleel",
        start=_dt.date.fromisoformat(r.answer.due),
        summary=summary,
        description="\n".join(lines),
        url=section_url(r.item.section, lang=lang, site_url=site_url),
        kind="VTODO",
    )


def render_ics(result: Result, lang: str, site_url: str | None = None) -> str:
    """Every action-plan item that has a due date, as a VTODO due on that date."""
    dated = [r for r in result.action_plan if r.answer is not None and r.answer.due]
    if not dated:
        raise UsageError([problem("format", "error_ics_no_dates")])
    slug = entity_slug(result.answers)
    stamp = _dt.datetime.fromisoformat(result.answers.entity.date).replace(tzinfo=_dt.UTC)
    name = f"{_both('term.action_plan', lang)}: {result.answers.entity.name}"
    return calendar(
        [_event(r, result, lang, site_url, slug) for r in dated],
        product="-//Daleel//Self-assessment action plan//AR-EN",
        name=name,
        stamp=stamp,
    )
