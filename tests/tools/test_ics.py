"""assessment/ics.py, read back by the `icalendar` parser: round trip, folding, escaping, RRULE."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import unquote

import icalendar
import pytest
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from assessment.errors import UsageError
from assessment.ics import Event, calendar, check_rrule, escape_text, fold

STAMP = datetime(2026, 11, 30, 22, 0, 5, tzinfo=UTC)
ARABIC = (
    "غيّروا كلمات مرور الحسابات الرسمية كل ثلاثة أشهر (يُفضَّل)، وراجعوا إعدادات الخصوصية "
    "والأمان بشكل دوري؛ انظر الفصل الثالث عشر من دليل استخدام منصات التواصل الاجتماعي."
)


def _raw(prop: Any) -> str:
    raw = prop.to_ical()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def _recur(component: Any) -> dict[str, list[Any]]:
    return dict(icalendar.vRecur.from_ical(_raw(component["RRULE"])))


def _one(event: Event, **kw: str) -> icalendar.Calendar:
    text = calendar([event], product=kw.get("product", "-//Daleel//ar"), name="دليل", stamp=STAMP)
    return icalendar.Calendar.from_ical(text)


def test_round_trip_event_fields() -> None:
    event = Event(
        uid="passwords@daleel",
        start=date(2027, 1, 15),
        summary=ARABIC,
        description="السطر الأول\nSecond line, in English; with a semicolon",
        url="https://daleel.example/guideline/13-security/#كلمات-المرور",
        rrule="FREQ=MONTHLY;INTERVAL=3",
    )
    cal = _one(event)
    assert str(cal["X-WR-CALNAME"]) == "دليل"
    assert str(cal["VERSION"]) == "2.0"
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["UID"]) == "passwords@daleel"
    assert vevent.decoded("DTSTART") == date(2027, 1, 15)
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTAMP") == STAMP
    assert str(vevent["SUMMARY"]) == ARABIC
    assert str(vevent["DESCRIPTION"]) == "السطر الأول\nSecond line, in English; with a semicolon"
    assert unquote(str(vevent["URL"])) == event.url
    assert str(vevent["URL"]).isascii()
    rule = _recur(vevent)
    assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [3]


def test_recurrence_expands_every_three_months() -> None:
    cal = _one(Event("p@d", date(2027, 1, 31), "x", rrule="FREQ=MONTHLY;INTERVAL=3;COUNT=3"))
    (vevent,) = cal.walk("VEVENT")
    rule = _raw(vevent["RRULE"])
    start = datetime.combine(vevent.decoded("DTSTART"), datetime.min.time())
    dates = [d.date() for d in rrulestr(rule, dtstart=start)]
    # dateutil follows RFC 5545: months without a 31st are skipped, not clamped.
    assert dates == [date(2027, 1, 31), date(2027, 7, 31), date(2027, 10, 31)]


def test_vtodo_has_due_after_start() -> None:
    cal = _one(Event("t@d", date(2027, 2, 1), "مهمة", kind="VTODO"))
    (todo,) = cal.walk("VTODO")
    assert todo.decoded("DTSTART") == date(2027, 2, 1)
    assert todo.decoded("DUE") == date(2027, 2, 1) + timedelta(days=1)
    assert not cal.walk("VEVENT")


def test_crlf_and_folding_keep_utf8_whole() -> None:
    text = calendar(
        [Event("a@d", date(2027, 1, 1), ARABIC * 3)], product="p", name="n", stamp=STAMP
    )
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
    unfolded = text.replace("\r\n ", "")
    summary = next(line for line in unfolded.split("\r\n") if line.startswith("SUMMARY:"))
    assert summary == "SUMMARY:" + escape_text(ARABIC * 3)


@given(st.text(min_size=0, max_size=400))
def test_fold_unfolds_to_the_same_line(line: str) -> None:
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def _unescape(raw: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


HOSTILE = [
    "line one\r\nBEGIN:VEVENT\nUID:evil",
    "a,b;c\\d",
    "\u202eevil\u202c and \u2067isolate\u2069",
    "bell\x07 and nul\x00 and esc\x1b",
    "END:VCALENDAR",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_stays_one_property(hostile: str) -> None:
    event = Event("h@d", date(2027, 1, 1), hostile, description=hostile)
    text = calendar([event], product="p", name=hostile, stamp=STAMP)
    cal = icalendar.Calendar.from_ical(text)
    (vevent,) = cal.walk("VEVENT")
    assert len(cal.walk("VEVENT")) == 1
    expected = (
        hostile.replace("\r\n", "\n")
        .translate({c: None for c in (0x202E, 0x202C, 0x2067, 0x2069)})
        .replace("\x07", "")
        .replace("\x00", "")
        .replace("\x1b", "")
    )
    assert str(vevent["SUMMARY"]) == expected
    assert str(vevent["DESCRIPTION"]) == expected
    # X-WR-CALNAME is not an RFC 5545 property, so the parser leaves its TEXT escaped.
    assert _unescape(str(cal["X-WR-CALNAME"])) == expected
    lines = text.replace("\r\n ", "").split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VCALENDAR") == 1


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY",
        "FREQ=MONTHLY;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=MO,WE;WKST=SU",
        "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20281231",
        "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15;COUNT=5",
    ],
)
def test_valid_rules_pass_through(rule: str) -> None:
    assert check_rrule(rule) == rule
    (vevent,) = _one(Event("r@d", date(2027, 1, 1), "x", rrule=rule)).walk("VEVENT")
    assert _recur(vevent) == icalendar.vRecur.from_ical(rule)
    text = calendar(
        [Event("r@d", date(2027, 1, 1), "x", rrule=rule)], product="p", name="n", stamp=STAMP
    )
    assert f"\r\nRRULE:{rule}\r\n" in text


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "INTERVAL=3",
        "FREQ=FORTNIGHTLY",
        "FREQ=MONTHLY;INTERVAL=0",
        "FREQ=MONTHLY;FREQ=YEARLY",
        "FREQ=MONTHLY;COUNT=2;UNTIL=20281231",
        "FREQ=MONTHLY;UNTIL=20281345",
        "FREQ=MONTHLY;BYMONTH=13",
        "FREQ=MONTHLY\r\nBEGIN:VEVENT",
        "RRULE:FREQ=MONTHLY",
        "FREQ=MONTHLY;X-EVIL=1",
        "FREQ=MONTHLY;",
    ],
)
def test_invalid_rules_are_refused(rule: str) -> None:
    with pytest.raises(UsageError) as info:
        calendar(
            [Event("r@d", date(2027, 1, 1), "x", rrule=rule)], product="p", name="n", stamp=STAMP
        )
    assert info.value.path == "events[0].rrule"
    assert info.value.ar and info.value.en


def test_refusals() -> None:
    ok = Event("a@d", date(2027, 1, 1), "x")
    with pytest.raises(UsageError):
        calendar([], product="p", name="n", stamp=STAMP)
    with pytest.raises(UsageError):
        calendar([ok, ok], product="p", name="n", stamp=STAMP)
    with pytest.raises(UsageError):
        calendar([ok], product="p", name="n", stamp=datetime(2027, 1, 1))
    with pytest.raises(UsageError):
        calendar(
            [Event("u", date(2027, 1, 1), "x", url="javascript alert(1)")],
            product="p",
            name="n",
            stamp=STAMP,
        )
    with pytest.raises(UsageError):
        calendar(
            [Event("u", date(2027, 1, 1), "x", url="https://a/\r\nX:1")],
            product="p",
            name="n",
            stamp=STAMP,
        )
    with pytest.raises(UsageError):
        calendar([Event(" ", date(2027, 1, 1), "x")], product="p", name="n", stamp=STAMP)


def test_output_is_reproducible_and_stamp_in_utc() -> None:
    amman = timezone(timedelta(hours=3))
    events = [Event("a@d", date(2027, 1, 1), "x"), Event("b@d", date(2027, 4, 1), "y")]
    one = calendar(events, product="p", name="n", stamp=STAMP.astimezone(amman))
    two = calendar(events, product="p", name="n", stamp=STAMP)
    assert one == two
    assert "DTSTAMP:20261130T220005Z\r\n" in one
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(one).walk("VEVENT")] == [
        "a@d",
        "b@d",
    ]
