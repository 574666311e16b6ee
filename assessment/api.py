"""JSON string in, JSON string out: the interface the browser widget calls through Pyodide.

No function here raises for bad input; problems come back as
{"ok": false, "errors": [{"path", "ar", "en"}]} so the JavaScript side needs no proxies.
Successful answers carry "warnings" (same shape) for the page to show.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from . import aggregate_report
from .aggregate import Dashboard, ReadOut, Source, build, read_files, record_from_dict
from .answers import parse_answers
from .checklist import default_checklist
from .engine import FORMATS, assess, check_format, report_filename
from .engine import render as _render
from .errors import AssessmentError, Problem
from .languages import language

__all__ = [
    "aggregate",
    "aggregate_read",
    "aggregate_render",
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


# --- the dashboard: many files --------------------------------------------------------------


def _sources(files_text: str) -> list[Source]:
    raw = json.loads(files_text)
    if not isinstance(raw, list):
        raise TypeError("files must be a list")
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise TypeError("each file needs a name")
        body, error = entry.get("text"), entry.get("error")
        out.append(
            Source(
                entry["name"],
                body if isinstance(body, str) else None,
                error if isinstance(error, str) else None,
            )
        )
    return out


def aggregate_read(files_text: str) -> str:
    """Score a batch of files: `[{"name", "text"} | {"name", "error"}]` -> records + problems."""
    try:
        out = read_files(_sources(files_text))
    except Exception as exc:
        return _internal(exc)
    return _dump(
        {
            "ok": True,
            "records": [r.as_dict() for r in out.records],
            "problems": [p.as_dict() for p in out.problems],
        }
    )


def _round(round_text: str) -> ReadOut:
    from .aggregate import FileProblem

    raw = json.loads(round_text)
    if not isinstance(raw, dict):
        raise TypeError("a round must be an object")
    problems = raw.get("problems", [])
    if not isinstance(problems, list):
        raise TypeError("problems must be a list")
    return ReadOut(
        tuple(record_from_dict(r) for r in raw.get("records", [])),
        tuple(
            FileProblem(str(p["file"]), str(p["kind"]), str(p["ar"]), str(p["en"]))
            for p in problems
        ),
    )


def _dashboard(current_text: str, previous_text: str | None) -> Dashboard:
    previous = None if previous_text is None else _round(previous_text)
    return build(_round(current_text), previous)


def aggregate(current_text: str, previous_text: str | None = None) -> str:
    """Rounds as `{"records", "problems"}` (from `aggregate_read`) -> the dashboard's figures."""
    try:
        data = _dashboard(current_text, previous_text).as_dict()
    except Exception as exc:
        return _internal(exc)
    return _dump({"ok": True, "dashboard": data})


def aggregate_render(current_text: str, previous_text: str | None, fmt: str, lang: str) -> str:
    """One download of the dashboard: `csv` (entities), `matrix` (items), `html` or `json`."""
    try:
        aggregate_report.check_format(fmt)
        language(lang)
        content = aggregate_report.render(_dashboard(current_text, previous_text), fmt, lang)
    except AssessmentError as exc:
        return _failure(exc)
    except Exception as exc:
        return _internal(exc)
    ext, mime = aggregate_report.FILES[fmt]
    return _dump(
        {"ok": True, "filename": f"daleel-dashboard-{lang}.{ext}", "mime": mime, "content": content}
    )
