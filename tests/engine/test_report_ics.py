"""The action plan as iCalendar, parsed back with the `icalendar` package."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from assessment import api
from assessment.engine import assess, render

SAMPLE = (Path(__file__).parent / "golden" / "sample-answers.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_dated_plan_items_become_valid_todos(lang: str) -> None:
    result = assess(SAMPLE)
    text = render(result, "ics", lang, site_url="https://daleel.example.jo/")
    assert all(line.endswith("\r") or not line for line in text.split("\n")[:-1])
    cal = icalendar.Calendar.from_ical(text)
    todos = [c for c in cal.walk() if c.name == "VTODO"]
    dated = [r for r in result.action_plan if r.answer is not None and r.answer.due]
    assert len(todos) == len(dated) == 4
    for todo, r in zip(todos, dated, strict=True):
        assert r.answer is not None
        start = todo.decoded("DTSTART")
        assert start == dt.date.fromisoformat(r.answer.due)
        assert todo.decoded("DUE") == start + dt.timedelta(days=1)
        summary = str(todo["SUMMARY"])
        # Both languages, the report's language first.
        first, second = (r.item.question.ar, r.item.question.en)
        if lang == "en":
            first, second = second, first
        assert summary == f"{first} / {second}"
        assert str(todo["URL"]).startswith("https://daleel.example.jo/")
        if r.answer.owner:
            assert r.answer.owner in str(todo["DESCRIPTION"])
    uids = [str(t["UID"]) for t in todos]
    assert len(set(uids)) == len(uids)


def test_ics_is_reproducible_and_offered_by_the_api() -> None:
    a = json.loads(api.render(SAMPLE, "ics", "ar"))
    b = json.loads(api.render(SAMPLE, "ics", "ar"))
    assert a["ok"] and a["content"] == b["content"]
    assert a["mime"].startswith("text/calendar")
    assert a["filename"].endswith(".ics")
