"""JSON string in, JSON string out: the interface the browser widget calls through Pyodide.

No function here raises for bad input; problems come back as
{"ok": false, "errors": [{"path", "ar", "en"}]} so the JavaScript side needs no proxies.
Successful answers carry "warnings" (same shape) for the page to show.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .answers import parse_answers
from .checklist import default_checklist
from .engine import FORMATS, assess, check_format, report_filename
from .engine import render as _render
from .errors import AssessmentError, Problem
from .languages import language

__all__ = [
    "checklist_json",
    "render",
    "score",
    "validate",
]


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _problems(problems: Iterable[Problem]) -> list[dict[str, str]]:
    return [p.as_dict() for p in problems]


def _failure(exc: AssessmentError) -> str:
    return _dump({"ok": False, "errors": _problems(exc.problems)})


def _internal(exc: Exception) -> str:
    # A bug must not surface as a Python traceback in the browser; report it like any error.
    return _dump(
        {
            "ok": False,
            "errors": [
                {
                    "path": "$",
                    "ar": f"خطأ داخلي في محرك التقييم: {type(exc).__name__}",
                    "en": f"Internal error in the assessment engine: {type(exc).__name__}",
                }
            ],
        }
    )


def _localise(value: Any, lang: str) -> Any:
    """Replace every {"ar": ..., "en": ...} pair by the string in `lang`."""
    if isinstance(value, dict):
        if set(value) == {"ar", "en"} and all(isinstance(v, str) for v in value.values()):
            return value[lang]
        return {k: _localise(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_localise(v, lang) for v in value]
    return value


def checklist_json(lang: str | None = None) -> str:
    """The checklist: both languages when `lang` is None, else each text in that language."""
    data = default_checklist().as_dict()
    if lang is None:
        return _dump(data)
    try:
        language(lang)
    except AssessmentError as exc:
        return _failure(exc)
    return _dump(_localise(data, lang))


def validate(answers_text: str) -> str:
    try:
        if not isinstance(answers_text, str):
            raise TypeError("answers_text must be a string")
        answers = parse_answers(answers_text, default_checklist())
    except AssessmentError as exc:
        return _dump({"ok": False, "errors": _problems(exc.problems), "warnings": []})
    except Exception as exc:
        return _internal(exc)
    return _dump(
        {
            "ok": True,
            "errors": [],
            "warnings": _problems(answers.warnings),
            "answers": answers.as_dict(),
        }
    )


def score(answers_text: str, previous_text: str | None = None) -> str:
    try:
        result = assess(answers_text, previous_text)
    except AssessmentError as exc:
        return _failure(exc)
    except Exception as exc:
        return _internal(exc)
    return _dump({"ok": True, "result": result.as_dict(), "warnings": _problems(result.warnings)})


def render(
    answers_text: str,
    fmt: str,
    lang: str,
    previous_text: str | None = None,
    site_url: str | None = None,
    report_date: str | None = None,
) -> str:
    """A report file: {"ok", "filename", "mime", "content", "warnings"}.

    `site_url` is where the report's links point (the widget passes `location.origin + "/"`);
    `report_date` (YYYY-MM-DD, default the assessment date) is when overdue is judged.
    """
    try:
        check_format(fmt)
        language(lang)
        result = assess(answers_text, previous_text)
        content = _render(result, fmt, lang, site_url=site_url, report_date=report_date)
    except AssessmentError as exc:
        return _failure(exc)
    except Exception as exc:
        return _internal(exc)
    return _dump(
        {
            "ok": True,
            "filename": report_filename(result, fmt),
            "mime": FORMATS[fmt][1],
            "content": content,
            "warnings": _problems(result.warnings),
        }
    )
