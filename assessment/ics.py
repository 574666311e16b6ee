"""The one iCalendar (RFC 5545) writer: review reminders and the action plan's `.ics`.

Stdlib only, so it runs in Pyodide. Every event is all-day (VALUE=DATE): the guideline's
periodic actions and deadlines fall on days, not hours, and dates carry no time zone, so a
file made in Amman imports unchanged anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from urllib.parse import quote

from .errors import Problem, UsageError

__all__ = ["Event", "calendar"]

CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than 75 octets SHOULD be folded

# Bidi embeddings, overrides and isolates can reorder what a calendar shows (a summary that
# reads differently from what it says); calendars apply the bidi algorithm themselves.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)
# TEXT allows no CONTROL characters (RFC 5545 3.3.11) other than the escaped newline.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[!-~]+")

_FREQS = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_WEEKDAY = "(?:SU|MO|TU|WE|TH|FR|SA)"
_DAY = rf"[+-]?(?:\d{{1,2}})?{_WEEKDAY}"


def _int_list(*, signed: bool) -> re.Pattern[str]:
    sign = "[+-]?" if signed else ""
    return re.compile(rf"{sign}\d{{1,3}}(?:,{sign}\d{{1,3}})*")


# RFC 5545 3.3.10: each rule part's value syntax and, for numbers, its range.
_PARTS: dict[str, tuple[re.Pattern[str], tuple[int, int] | None]] = {
    "FREQ": (re.compile("|".join(sorted(_FREQS))), None),
    "UNTIL": (re.compile(r"\d{8}"), None),
    "COUNT": (re.compile(r"[1-9]\d{0,5}"), None),
    "INTERVAL": (re.compile(r"[1-9]\d{0,5}"), None),
    "BYSECOND": (_int_list(signed=False), (0, 60)),
    "BYMINUTE": (_int_list(signed=False), (0, 59)),
    "BYHOUR": (_int_list(signed=False), (0, 23)),
    "BYDAY": (re.compile(rf"{_DAY}(?:,{_DAY})*"), None),
    "BYMONTHDAY": (_int_list(signed=True), (1, 31)),
    "BYYEARDAY": (_int_list(signed=True), (1, 366)),
    "BYWEEKNO": (_int_list(signed=True), (1, 53)),
    "BYMONTH": (_int_list(signed=False), (1, 12)),
    "BYSETPOS": (_int_list(signed=True), (1, 366)),
    "WKST": (re.compile(_WEEKDAY), None),
}


@dataclass(frozen=True)
class Event:
    """One all-day event (or task, `kind="VTODO"`) on `start`, repeating by `rrule` if given.

    `rrule` is an RFC 5545 RECUR value without the "RRULE:" name, e.g. "FREQ=MONTHLY;INTERVAL=3".
    A VTODO is due at the end of its start day: DUE is the next date, as RFC 5545 requires DUE
    to be later than DTSTART (the same convention as an all-day event's exclusive end).
    """

    uid: str
    start: date
    summary: str
    description: str = ""
    url: str = ""
    rrule: str | None = None
    kind: Literal["VEVENT", "VTODO"] = "VEVENT"


def _error(path: str, ar: str, en: str) -> UsageError:
    return UsageError([Problem(path, ar, en)])


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): escaped, newlines as \\n, no controls or bidi overrides."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROLS.sub("", value.translate(_BIDI_CONTROLS))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 3.1)."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space is one octet
        current.append(char)
        size += width
    out.append("".join(current))
    return (CRLF + " ").join(out)


def _check_ints(name: str, value: str, bounds: tuple[int, int], path: str) -> None:
    low, high = bounds
    for item in value.split(","):
        if not low <= abs(int(item)) <= high:
            raise _error(
                path,
                f"قيمة {name} خارج المدى {low}–{high}: {item}",
                f"{name} value out of range {low}–{high}: {item}",
            )


def check_rrule(rrule: str, *, path: str = "rrule") -> str:
    """The rule unchanged if it is a valid RECUR value for an all-day start, else UsageError."""
    if not rrule or len(rrule) > 500:
        raise _error(path, "قاعدة التكرار فارغة أو طويلة جدًا", "recurrence rule empty or too long")
    seen: dict[str, str] = {}
    for part in rrule.split(";"):
        name, sep, value = part.partition("=")
        spec = _PARTS.get(name)
        if not sep or spec is None or name in seen:
            raise _error(
                path,
                f"جزء غير صالح في قاعدة التكرار: {part[:40]!r}",
                f"invalid recurrence rule part: {part[:40]!r}",
            )
        pattern, bounds = spec
        if not pattern.fullmatch(value):
            raise _error(
                path,
                f"قيمة غير صالحة لـ {name}: {value[:40]!r}",
                f"invalid value for {name}: {value[:40]!r}",
            )
        if bounds is not None:
            _check_ints(name, value, bounds, path)
        seen[name] = value
    if "FREQ" not in seen:
        raise _error(path, "قاعدة التكرار بلا FREQ", "recurrence rule without FREQ")
    if "COUNT" in seen and "UNTIL" in seen:
        raise _error(path, "لا يجتمع COUNT وUNTIL", "COUNT and UNTIL cannot both be given")
    if "UNTIL" in seen:
        try:
            datetime.strptime(seen["UNTIL"], "%Y%m%d")
        except ValueError:
            raise _error(path, "تاريخ UNTIL غير صالح", "invalid UNTIL date") from None
    return rrule


def _check_uri(value: str, path: str) -> str:
    """An absolute URI; non-ASCII (Arabic heading ids) percent-encoded as UTF-8 (RFC 3987)."""
    if any(ch.isspace() or not ch.isprintable() for ch in value):
        raise _error(path, "رابط غير صالح", "invalid URL")
    uri = quote(value, safe="!#$%&'()*+,/:;=?@[]~")
    if len(uri) > 2000 or not _URI.fullmatch(uri):
        raise _error(path, "رابط غير صالح", "invalid URL")
    return uri


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _event_lines(event: Event, index: int, stamp: str) -> list[str]:
    path = f"events[{index}]"
    if not isinstance(event.start, date) or isinstance(event.start, datetime):
        raise _error(f"{path}.start", "تاريخ البداية ليس تاريخًا", "start is not a date")
    uid = escape_text(event.uid)
    if not uid.strip() or len(uid) > 255:
        raise _error(f"{path}.uid", "المعرّف فارغ أو طويل جدًا", "uid empty or too long")
    if event.kind not in ("VEVENT", "VTODO"):
        raise _error(f"{path}.kind", "نوع غير مدعوم", "unsupported kind")
    lines = [
        f"BEGIN:{event.kind}",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(event.start)}",
    ]
    if event.kind == "VTODO":
        lines.append(f"DUE;VALUE=DATE:{_date(event.start + timedelta(days=1))}")
    if event.rrule is not None:
        lines.append(f"RRULE:{check_rrule(event.rrule, path=f'{path}.rrule')}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{_check_uri(event.url, f'{path}.url')}")
    if event.kind == "VEVENT":
        # Reminders should not mark the whole day busy.
        lines.append("TRANSP:TRANSPARENT")
    lines.append(f"END:{event.kind}")
    return lines


def calendar(events: Sequence[Event], *, product: str, name: str, stamp: datetime) -> str:
    """An iCalendar file (CRLF line ends, folded) with these events, in order.

    `stamp` (time zone aware) becomes every component's DTSTAMP; pass the same value for
    reproducible output. Raises UsageError for no events, duplicate UIDs, a bad RRULE or URL.
    """
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise _error("stamp", "الختم الزمني بلا منطقة زمنية", "stamp has no time zone")
    if not events:
        raise _error("events", "لا أحداث في التقويم", "a calendar needs at least one event")
    uids = [event.uid for event in events]
    if len(set(uids)) != len(uids):
        raise _error("events", "معرّفات مكررة", "duplicate event uids")
    utc = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape_text(product)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for index, event in enumerate(events):
        lines.extend(_event_lines(event, index, utc))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
