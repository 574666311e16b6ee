"""The dashboard's files, held by the scoring worker between calls: the JSON-string interface of
the entities dashboard, beside `api` (the self-assessment's).

A module of its own so that the self-assessment page's engine starts without the aggregate
modules: the worker imports this one on the dashboard's first call (`import assessment.api` took
313 ms in Pyodide with them, 92 ms without; scripts/bench.py, "scores shown").
"""

from __future__ import annotations

import json

from . import aggregate_report
from .aggregate import Dashboard, ReadOut, Source, build, read_files
from .api import _dump, _failure, _internal
from .errors import AssessmentError
from .languages import language

__all__ = ["DashboardRounds"]


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


ROUNDS = ("current", "previous")


def _no_rounds() -> dict[str, ReadOut]:
    return {name: ReadOut((), ()) for name in ROUNDS}


class DashboardRounds:
    """The dashboard's files, held by its scoring worker between calls (one per page).

    The page sends each batch of files once and asks for the figures or a download; the records
    of 1,000 files never travel to the page and back (measured: cloning them back for every
    figure was the longest main-thread task of the dashboard). Every method answers JSON text
    and never raises, like the functions of `api`.
    """

    def __init__(self) -> None:
        self._rounds = _no_rounds()

    def _files(self, name: str) -> int:
        out = self._rounds[name]
        return len(out.records) + len(out.problems)

    def add(self, round_name: str, files_text: str) -> str:
        """Score a batch `[{"name", "text"} | {"name", "error"}]` into one round."""
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
