"""Review reminders: the guideline's periodic actions as a recurring iCalendar file.

`calendar_json` is what the browser calls through the engine worker (JSON string in, JSON
string out, never raising, like `assessment.api`); `build` is the typed core. The actions,
their source sentences and default periods are data (data/reminders.json), shared with the
page that offers them (overrides/hooks/tools_pages.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from .errors import AssessmentError, Problem, UsageError
from .ics import Event, calendar
from .languages import CODES, language
from .packaged import data_text
from .strings import text

__all__ = ["Request", "actions", "build", "calendar_json", "parse_request"]

PRODUCT = "-//Daleel//Review reminders 1.0//AR"
MAX_ACCOUNTS = 50
MAX_ACCOUNT_CHARS = 120
MAX_REQUEST_CHARS = 20_000
_SITE = re.compile(r"https?://[A-Za-z0-9.\-\[\]:]+/")


@cache
def _data() -> Mapping[str, Any]:
    """data/reminders.json, read and parsed once per process."""
    data: Mapping[str, Any] = json.loads(data_text("reminders.json"))
    return data


@cache
def actions() -> Mapping[str, Mapping[str, Any]]:
    """The periodic actions by id, in the order the page lists them."""
    return {entry["id"]: entry for entry in _data()["actions"]}


@cache
def choices() -> tuple[int, ...]:
    return tuple(int(n) for n in _data()["choices"])


@dataclass(frozen=True)
class Request:
    lang: str
    start: date
    picks: tuple[tuple[str, int], ...]  # (action id, months between reminders)
    accounts: tuple[str, ...]
    site: str  # the site's root URL, ending in "/"
    stamp: datetime


def _problem(path: str, ar: str, en: str) -> UsageError:
    return UsageError([Problem(path, ar, en)])


def _picks(value: object) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, list) or not value:
        raise _problem("actions", "اختر إجراءً واحداً على الأقل", "choose at least one action")
    known = actions()
    picks: list[tuple[str, int]] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or item.get("id") not in known:
            raise _problem(f"actions[{index}]", "إجراء غير معروف", "unknown action")
        action = known[item["id"]]
        months = item.get("months", action["months"])
        if action["fixed"]:
            months = action["months"]
        if isinstance(months, bool) or months not in choices():
            raise _problem(f"actions[{index}].months", "مدة غير مدعومة", "unsupported period")
        if any(pick[0] == action["id"] for pick in picks):
            raise _problem(f"actions[{index}]", "إجراء مكرر", "action chosen twice")
        picks.append((str(action["id"]), int(months)))
    return tuple(picks)


def _accounts(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _problem("accounts", "قائمة الحسابات غير صالحة", "accounts must be a list of names")
    names = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
    if len(names) > MAX_ACCOUNTS or any(len(v) > MAX_ACCOUNT_CHARS for v in names):
        raise _problem(
            "accounts",
            f"الحد {MAX_ACCOUNTS} حساباً، وكل اسم {MAX_ACCOUNT_CHARS} حرفاً على الأكثر",
            f"at most {MAX_ACCOUNTS} accounts of at most {MAX_ACCOUNT_CHARS} characters each",
        )
    return names


def parse_request(raw: str) -> Request:
    """A validated request from the page's JSON, or UsageError naming the field."""
    if not isinstance(raw, str) or len(raw) > MAX_REQUEST_CHARS:
        raise _problem("$", "الطلب كبير جداً أو ليس نصاً", "request too large or not text")
    try:
        data = json.loads(raw)
    except ValueError:
        raise _problem("$", "الطلب ليس JSON صالحاً", "request is not valid JSON") from None
    if not isinstance(data, dict):
        raise _problem("$", "الطلب ليس كائن JSON", "request is not a JSON object")
    lang = data.get("lang")
    if lang not in CODES:
        language(str(lang))  # raises the shared "unsupported language" error
    try:
        start = date.fromisoformat(str(data.get("start")))
    except ValueError:
        raise _problem("start", "تاريخ البدء غير صالح", "invalid start date") from None
    site = data.get("site")
    if not isinstance(site, str) or not _SITE.fullmatch(site):
        raise _problem("site", "عنوان الموقع غير صالح", "invalid site address")
    try:
        stamp = datetime.fromisoformat(str(data.get("stamp")).replace("Z", "+00:00"))
    except ValueError:
        raise _problem("stamp", "الختم الزمني غير صالح", "invalid time stamp") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return Request(
        lang=str(lang),
        start=start,
        picks=_picks(data.get("actions")),
        accounts=_accounts(data.get("accounts")),
        site=site,
        stamp=stamp,
    )


def _rrule(months: int) -> str:
    return "FREQ=YEARLY" if months == 12 else f"FREQ=MONTHLY;INTERVAL={months}"


def _url(site: str, source: Mapping[str, Any], lang: str) -> str:
    anchor = source["anchor"][lang]
    return f"{site}{language(lang).prefix}{source['page']}/" + (f"#{anchor}" if anchor else "")


def _period(months: int, lang: str) -> str:
    return text(f"tools.remind.period_{months}", lang=lang)


def _block(action: Mapping[str, Any], months: int, req: Request, lang: str) -> list[str]:
    """One language's part of an event description."""
    lines = [f"{action['summary'][lang]} ({_period(months, lang)})"]
    sentence = action["source"]["sentence"]
    if sentence:
        lines.append(f"«{sentence[lang]}»")
    lines.append(action["note"][lang])
    if req.accounts:
        separator = "، " if lang == "ar" else ", "
        accounts = separator.join(req.accounts)
        lines.append(text("tools.remind.ics_accounts", lang=lang, accounts=accounts))
    url = _url(req.site, action["source"], lang)
    lines.append(text("tools.remind.ics_source", lang=lang, url=url))
    return lines


def _languages(first: str) -> Sequence[str]:
    return (first, *(code for code in CODES if code != first))


def build(req: Request) -> tuple[str, str]:
    """(iCalendar text, file name) for a validated request."""
    known = actions()
    events = []
    order = _languages(req.lang)
    for action_id, months in req.picks:
        action = known[action_id]
        description = "\n\n".join("\n".join(_block(action, months, req, code)) for code in order)
        events.append(
            Event(
                uid=f"{action_id}-{req.start.isoformat()}@daleel",
                start=req.start,
                summary=" / ".join(action["summary"][code] for code in order),
                description=description,
                url=_url(req.site, action["source"], req.lang),
                rrule=_rrule(months),
            )
        )
    name = text("tools.remind.ics_name", lang=req.lang)
    ics = calendar(events, product=PRODUCT, name=name, stamp=req.stamp)
    return ics, f"daleel-reminders-{req.start.isoformat()}.ics"


def calendar_json(request_text: str) -> str:
    """{"ok": true, "ics", "filename"} or {"ok": false, "errors": [{"path", "ar", "en"}]}."""
    try:
        ics, filename = build(parse_request(request_text))
    except AssessmentError as exc:
        errors = [p.as_dict() for p in exc.problems]
        return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
    except Exception as exc:  # a bug must come back as a message, not a traceback
        error = {
            "path": "$",
            "ar": f"خطأ داخلي في إنشاء التقويم: {type(exc).__name__}",
            "en": f"Internal error while making the calendar: {type(exc).__name__}",
        }
        return json.dumps({"ok": False, "errors": [error]}, ensure_ascii=False)
    return json.dumps({"ok": True, "ics": ics, "filename": filename}, ensure_ascii=False)
