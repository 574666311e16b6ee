"""assessment/reminders.py: the request the page sends → an .ics the icalendar parser reads."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import unquote

import icalendar
import pytest

from assessment.reminders import actions, calendar_json

SITE = "https://daleel.example/"


def _request(**changes: Any) -> str:
    body: dict[str, Any] = {
        "lang": "ar",
        "start": "2027-01-15",
        "actions": [{"id": "passwords"}, {"id": "settings-review", "months": 6}],
        "accounts": ["@MoDEE_Jo", "فيسبوك الوزارة"],
        "site": SITE,
        "stamp": "2026-11-30T22:00:00Z",
    }
    body.update(changes)
    return json.dumps(body, ensure_ascii=False)


def _events(out: dict[str, Any]) -> list[Any]:
    cal = icalendar.Calendar.from_ical(out["ics"])
    return list(cal.walk("VEVENT"))


def _rule(event: Any) -> str:
    raw = event["RRULE"].to_ical()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def test_calendar_has_the_chosen_actions_with_rules_and_both_languages() -> None:
    out = json.loads(calendar_json(_request()))
    assert out["ok"] is True
    assert out["filename"] == "daleel-reminders-2027-01-15.ics"
    passwords, settings = _events(out)
    assert passwords.decoded("DTSTART") == date(2027, 1, 15)
    assert _rule(passwords) == "FREQ=MONTHLY;INTERVAL=3"
    assert _rule(settings) == "FREQ=MONTHLY;INTERVAL=6"
    summary = str(passwords["SUMMARY"])
    assert "تغيير كلمات مرور الحسابات الرسمية" in summary
    assert "Change the official accounts' passwords" in summary
    description = str(passwords["DESCRIPTION"])
    assert "ويفضل كل 3 شهور" in description and "preferably" in description
    assert "@MoDEE_Jo" in description and "فيسبوك الوزارة" in description
    assert f"{SITE}guideline/05-governance/#إدارة-المحتوى" in description
    assert f"{SITE}en/guideline/05-governance/#content-management" in description
    assert unquote(str(passwords["URL"])) == f"{SITE}guideline/05-governance/#إدارة-المحتوى"
    # Arabic first on an Arabic page, English first on an English one.
    assert description.index("تغيير") < description.index("Change")
    en = json.loads(calendar_json(_request(lang="en")))
    en_description = str(_events(en)[0]["DESCRIPTION"])
    assert en_description.index("Change") < en_description.index("تغيير")
    assert unquote(str(_events(en)[0]["URL"])).startswith(f"{SITE}en/guideline/")


def test_fixed_periods_ignore_a_requested_change_and_yearly_is_yearly() -> None:
    body = [{"id": "passwords", "months": 1}, {"id": "self-assessment"}]
    passwords, yearly = _events(json.loads(calendar_json(_request(actions=body))))
    assert _rule(passwords) == "FREQ=MONTHLY;INTERVAL=3"
    assert _rule(yearly) == "FREQ=YEARLY"
    assert f"{SITE}assessment/" in str(yearly["DESCRIPTION"])


def test_every_action_in_the_data_makes_an_event() -> None:
    body = [{"id": key} for key in actions()]
    out = json.loads(calendar_json(_request(actions=body, accounts=[])))
    assert [str(e["UID"]).split("-2027")[0] for e in _events(out)] == list(actions())


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"actions": []}, "actions"),
        ({"actions": [{"id": "nope"}]}, "actions[0]"),
        ({"actions": [{"id": "settings-review", "months": 5}]}, "actions[0].months"),
        ({"actions": [{"id": "passwords"}, {"id": "passwords"}]}, "actions[1]"),
        ({"start": "2027-02-30"}, "start"),
        ({"site": "javascript:alert(1)//"}, "site"),
        ({"accounts": ["x" * 500]}, "accounts"),
        ({"accounts": "not a list"}, "accounts"),
        ({"lang": "fr"}, "lang"),
        ({"stamp": "yesterday"}, "stamp"),
    ],
)
def test_bad_requests_come_back_as_bilingual_errors(changes: dict[str, Any], path: str) -> None:
    out = json.loads(calendar_json(_request(**changes)))
    assert out["ok"] is False
    assert out["errors"][0]["path"] == path
    assert out["errors"][0]["ar"] and out["errors"][0]["en"]


@pytest.mark.parametrize("raw", ["", "[]", "{", "x" * 30_000])
def test_garbage_never_raises(raw: str) -> None:
    assert json.loads(calendar_json(raw))["ok"] is False


def test_hostile_account_names_stay_text() -> None:
    out = json.loads(calendar_json(_request(accounts=["a\r\nBEGIN:VEVENT", "b;c,d"])))
    events = _events(out)
    assert len(events) == 2
    assert "a\nBEGIN:VEVENT" in str(events[0]["DESCRIPTION"])
