"""Typed entry points shared by the JSON-string API and the command line."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .answers import entity_slug, parse_answers, problem, short, valid_date
from .checklist import Checklist, default_checklist
from .compare import comparison_notices, with_comparison
from .errors import AnswersError, PreviousAnswersError, Problem, UsageError
from .labels import check_lang
from .scoring import Result, score_answers

FORMATS = {
    "html": ("html", "text/html;charset=utf-8"),
    "json": ("json", "application/json"),
    "csv": ("csv", "text/csv;charset=utf-8"),
    "ics": ("ics", "text/calendar;charset=utf-8"),
}


def _prefixed(problems: Iterable[Problem], prefix: str) -> list[Problem]:
    return [
        Problem(f"{prefix}.{p.path}" if p.path != "$" else prefix, p.ar, p.en) for p in problems
    ]


def assess(
    answers_text: str, previous_text: str | None = None, checklist: Checklist | None = None
) -> Result:
    """Parse, score and (with a previous file) compare; raises `AssessmentError` on bad input."""
    cl = checklist or default_checklist()
    current = score_answers(parse_answers(answers_text, cl), cl)
    if previous_text is None:
        return current
    try:
        previous_answers = parse_answers(previous_text, cl)
    except AnswersError as exc:
        # The same paths exist in both files; say which file is wrong.
        raise PreviousAnswersError(_prefixed(exc.problems, "previous")) from None
    compared = with_comparison(current, score_answers(previous_answers, cl))
    notices = _prefixed(previous_answers.warnings, "previous") + comparison_notices(
        current.answers, previous_answers
    )
    return dataclasses.replace(compared, notices=tuple(notices))


def report_filename(result: Result, fmt: str) -> str:
    ext = FORMATS[fmt][0]
    date = result.answers.entity.date or "undated"
    # The JSON file is what "Save to continue later" writes and what resuming reads: named
    # for the answers it holds, not as a report.
    kind = "answers" if fmt == "json" else "report"
    return f"daleel-{kind}-{entity_slug(result.answers)}-{date}.{ext}"


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError([problem("format", "error_format", value=short(fmt))])
    return fmt


def check_report_date(report_date: str | None) -> str | None:
    if report_date is not None and not valid_date(report_date):
        raise UsageError([problem("report_date", "error_date", value=short(report_date))])
    return report_date


def render(
    result: Result,
    fmt: str,
    lang: str,
    *,
    site_url: str | None = None,
    report_date: str | None = None,
) -> str:
    """`result` as a report; links point at `site_url`, overdue is judged at `report_date`."""
    check_format(fmt)
    check_lang(lang)
    check_report_date(report_date)
    # Each writer is imported when its format is first asked for: the browser's engine starts
    # with what scoring needs (Pyodide imports the writers and their standard-library modules
    # in about 200 ms; scripts/bench.py, "scores shown").
    if fmt == "html":
        from .report_html import render_html

        return render_html(result, lang, site_url, report_date)
    if fmt == "csv":
        from .report_csv import render_csv

        return render_csv(result, lang, site_url, report_date)
    if fmt == "ics":
        from .report_ics import render_ics

        return render_ics(result, lang, site_url)
    from .report_json import render_json

    return render_json(result)
