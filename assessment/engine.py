"""Typed entry points shared by the JSON-string API and the command line."""

from __future__ import annotations

import re

from .answers import Answers, parse_answers
from .checklist import Checklist, default_checklist
from .compare import with_comparison
from .errors import AnswersError, Problem, UsageError
from .labels import check_lang
from .report_csv import render_csv
from .report_html import render_html
from .report_json import render_json
from .scoring import Result, score_answers

FORMATS = {
    "html": ("html", "text/html;charset=utf-8"),
    "json": ("json", "application/json"),
    "csv": ("csv", "text/csv;charset=utf-8"),
}


def _prefixed(error: AnswersError, prefix: str) -> AnswersError:
    return AnswersError(
        Problem(f"{prefix}.{p.path}" if p.path != "$" else prefix, p.ar, p.en)
        for p in error.problems
    )


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
        raise _prefixed(exc, "previous") from None
    return with_comparison(current, score_answers(previous_answers, cl))


def entity_slug(answers: Answers) -> str:
    slug = re.sub(r"[^\w]+", "-", answers.entity.name.casefold()).strip("-_")
    return slug[:60].strip("-_") or "entity"


def report_filename(result: Result, fmt: str) -> str:
    ext = FORMATS[fmt][0]
    date = result.answers.entity.date or "undated"
    return f"daleel-report-{entity_slug(result.answers)}-{date}.{ext}"


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(
            [
                Problem(
                    "format",
                    f"صيغة غير مدعومة {fmt!r}؛ المتوقع html أو json أو csv",
                    f"unsupported format {fmt!r}; expected html, json or csv",
                )
            ]
        )
    return fmt


def render(result: Result, fmt: str, lang: str) -> str:
    check_format(fmt)
    check_lang(lang)
    if fmt == "html":
        return render_html(result, lang)
    if fmt == "csv":
        return render_csv(result, lang)
    return render_json(result)
