"""JSON string in, JSON string out: the interface the browser widget calls through Pyodide.

No function here raises for bad input; problems come back as
{"ok": false, "errors": [{"path", "ar", "en"}]} so the JavaScript side needs no proxies.
Successful answers carry "warnings" (same shape) for the page to show.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .answers import parse_answers
from .checklist import default_checklist
from .engine import FORMATS, assess, check_format, report_filename
from .engine import render as _render
from .errors import AssessmentError, Problem
from .languages import language

if TYPE_CHECKING:
    from .aggregate import Dashboard, ReadOut, Source

__all__ = [
    "DashboardRounds",
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
# The aggregate modules are imported on the dashboard's first call, not with this module: the
# self-assessment page's engine starts without them (scripts/bench.py, "scores shown").


def _sources(files_text: str) -> list[Source]:
    from .aggregate import Source

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


ROUNDS = ("current", "previous")


def _no_rounds() -> dict[str, ReadOut]:
    from .aggregate import ReadOut

    return {name: ReadOut((), ()) for name in ROUNDS}


class DashboardRounds:
    """The dashboard's files, held by its scoring worker between calls (one per page).

    The page sends each batch of files once and asks for the figures or a download; the records
    of 1,000 files never travel to the page and back (measured: cloning them back for every
    figure was the longest main-thread task of the dashboard). Every method answers JSON text
    and never raises, like the functions above.
    """

    def __init__(self) -> None:
        self._rounds = _no_rounds()

    def _files(self, name: str) -> int:
        out = self._rounds[name]
        return len(out.records) + len(out.problems)

    def add(self, round_name: str, files_text: str) -> str:
        """Score a batch `[{"name", "text"} | {"name", "error"}]` into one round."""
        from .aggregate import ReadOut, read_files

        try:
            if round_name not in ROUNDS:
                raise ValueError(f"unknown round {round_name!r}")
            read = read_files(_sources(files_text))
            old = self._rounds[round_name]
            self._rounds[round_name] = ReadOut(
                old.records + read.records, old.problems + read.problems
            )
        except Exception as exc:
            return _internal(exc)
        return _dump({"ok": True, "files": self._files(round_name)})

    def _dashboard(self) -> Dashboard:
        from .aggregate import build

        previous = self._rounds["previous"] if self._files("previous") else None
        return build(self._rounds["current"], previous)

    def figures(self) -> str:
        """Both rounds as the dashboard's figures (`Dashboard.as_dict`)."""
        try:
            data = self._dashboard().as_dict()
        except Exception as exc:
            return _internal(exc)
        return _dump({"ok": True, "dashboard": data})

    def render(self, fmt: str, lang: str) -> str:
        """One download: `csv` (entities), `matrix` (items), `html` or `json`."""
        from . import aggregate_report

        try:
            aggregate_report.check_format(fmt)
            language(lang)
            content = aggregate_report.render(self._dashboard(), fmt, lang)
        except AssessmentError as exc:
            return _failure(exc)
        except Exception as exc:
            return _internal(exc)
        stem, ext, mime = aggregate_report.FILES[fmt]
        return _dump(
            {
                "ok": True,
                "filename": f"daleel-dashboard-{stem}-{lang}.{ext}",
                "mime": mime,
                "content": content,
            }
        )

    def clear(self) -> str:
        self._rounds = _no_rounds()
        return _dump({"ok": True, "files": 0})
