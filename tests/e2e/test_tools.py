# ruff: noqa: E501  (expected bilingual messages and JS snippets read better unbroken)
"""The three daily-work tools in a real browser, in both languages (issue 15): the
pre-publication check, the breach-response runbook and the review reminders.

What a user sees is asserted: status sentences (from the same strings the page uses),
downloads parsed back (text, HTML, JSON, iCalendar through `icalendar`), storage across a
reload, refused imports that change nothing, printing on at most two pages, zero requests to
other origins and zero axe violations in each state. Waiting is done on states (`expect`),
never on time. As in test_assessment_widget.py, axe is evaluated through `page.evaluate`
because the site's CSP refuses injected scripts.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Error,
    FilePayload,
    Page,
    Route,
    expect,
)
from pypdf import PdfReader

from assessment.strings import text
from tests.conftest import RUNTIME_WASM
from tests.gates.visits import axe_violations

ROOT = Path(__file__).resolve().parents[2]
LANGS = ["ar", "en"]
PREFIX = {"ar": "/", "en": "/en/"}
BOOT_MS = 60_000
LINES = yaml.safe_load((ROOT / "data" / "tools" / "pre-publication.yml").read_text("utf-8"))["lines"]
MUST = [line for line in LINES if line["obligation"] == "must"]
SHOULD = [line for line in LINES if line["obligation"] == "should"]
RUNBOOK_KEY = "daleel.breach-runbook.v1"
HOSTILE = "<img src=x onerror=alert(1)>"


# ---------------------------------------------------------------- helpers


def run_axe(page: Page, root: str, state: str) -> None:
    result = axe_violations(page, root)
    assert result == [], f"axe violations ({state}): {json.dumps(result, ensure_ascii=False, indent=1)}"


def download(page: Page, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(selector).click()
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


def press_download(page: Page, selector: str, key: str = "Enter") -> tuple[str, bytes]:
    page.locator(selector).focus()
    with page.expect_download() as info:
        page.keyboard.press(key)
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


def print_pages(page: Page) -> int:
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    page.emulate_media(media="screen")
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def watched(page: Page, requests_log: Any) -> Iterator[Page]:
    """The page, failing the test on an uncaught script error, a Content Security Policy
    violation (Chromium reports each on the console), a request to another origin or a failed
    request."""
    errors: list[str] = []

    def on_error(error: Error) -> None:
        errors.append(str(error))

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            errors.append(message.text[:300])

    page.on("pageerror", on_error)
    page.on("console", on_console)
    yield page
    assert errors == []
    assert requests_log.foreign() == []
    assert requests_log.failed == []


# ---------------------------------------------------------------- pre-publication check


def open_prepub(page: Page, lang: str) -> None:
    page.goto(f"{PREFIX[lang]}tools/pre-publication/")
    expect(page.locator("#daleel-prepub[data-ready]")).to_be_attached()


@pytest.mark.parametrize("lang", LANGS)
def test_pre_publication_check_by_keyboard_and_record(
    watched: Page, context: BrowserContext, lang: str
) -> None:
    page = watched
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_prepub(page, lang)
    status = page.locator("#pp-status")
    missing = text("tools.prepub.status_missing", lang=lang, done=0, total=len(MUST))
    expect(status).to_contain_text(missing)
    # Every line shows its source sentence, the quoted words and a link into the guideline.
    for line in LINES:
        item = page.locator(f"#pp-{line['id']}-src")
        expect(item).to_contain_text(line["source"]["sentence"][lang])
        expect(item).to_contain_text(f"«{line['quote']['ar']}»")
        expect(item.locator("a")).to_have_attribute("href", f"../../{line['source']['page']}/#{line['source']['anchor'][lang]}")
    run_axe(page, "#daleel-prepub", "nothing ticked")

    # Keyboard only: the post fields, then Space on each required line.
    page.locator("#pp-title").focus()
    page.keyboard.type(f"حملة التوعية {HOSTILE}")
    # A date input takes its value segment by segment from keys; fill() sets it at once.
    page.locator("#pp-date").fill("2027-03-01")
    page.locator("#pp-approver").focus()
    page.keyboard.type("Director of Communication")
    for n, line in enumerate(MUST[:-1], start=1):
        page.locator(f"#pp-{line['id']}").focus()
        page.keyboard.press("Space")
        expect(status).to_contain_text(text("tools.prepub.status_missing", lang=lang, done=n, total=len(MUST)))
    page.locator(f"#pp-{MUST[-1]['id']}").focus()
    page.keyboard.press("Space")
    ready = text("tools.prepub.status_ready", lang=lang, total=len(MUST))
    expect(status).to_contain_text(ready)
    expect(status).to_contain_text(text("tools.prepub.status_should", lang=lang, done=0, total=len(SHOULD)))
    page.locator(f"#pp-{SHOULD[0]['id']}").check()
    expect(status).to_contain_text(text("tools.prepub.status_should", lang=lang, done=1, total=len(SHOULD)))
    run_axe(page, "#daleel-prepub", "every required line ticked")

    # The record: both languages whatever the page's, what was ticked, the hostile text as text.
    record = page.locator("#pp-record").inner_text()
    for code in LANGS:
        assert text("tools.prepub.record_heading", lang=code) in record
        assert text("tools.prepub.record_complete", lang=code) in record
    assert f"حملة التوعية {HOSTILE}" in record and "Director of Communication" in record and "2027-03-01" in record
    ticked = {line["id"] for line in [*MUST, SHOULD[0]]}
    for line in LINES:
        mark = "[✓]" if line["id"] in ticked else "[ ]"
        assert f"{mark} {line['check']['ar']}" in record
        assert f"{mark} {line['check']['en']}" in record
    assert page.locator("#daleel-prepub img").count() == 0

    name, body = press_download(page, "#pp-download")
    assert name == "pre-publication-check-2027-03-01.txt"
    assert body.decode("utf-8") == record.rstrip("\n") + "\n"

    page.locator("#pp-copy").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pp-copy-status")).to_have_text(text("tools.prepub.copied", lang=lang))
    assert page.evaluate("() => navigator.clipboard.readText()") == body.decode("utf-8")

    # Printed, only the record is left, on one or two pages.
    assert print_pages(page) <= 2
    # It keeps nothing: no storage holds the post's details (Material keeps its own settings).
    kept = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}])")
    assert "حملة التوعية" not in kept and "Director of Communication" not in kept
    page.locator("#pp-clear").click()
    expect(status).to_contain_text(missing)
    expect(page.locator("#pp-title")).to_have_value("")


# ---------------------------------------------------------------- breach-response runbook


def open_breach(page: Page, lang: str) -> None:
    page.goto(f"{PREFIX[lang]}tools/breach-response/")
    expect(page.locator("#daleel-breach[data-ready]")).to_be_attached()


def stored(page: Page) -> Any:
    raw = page.evaluate(f"() => localStorage.getItem('{RUNBOOK_KEY}')")
    return None if raw is None else json.loads(raw)


def set_import(page: Page, name: str, data: bytes) -> None:
    payload: FilePayload = {"name": name, "mimeType": "application/json", "buffer": data}
    page.set_input_files("#br-import", files=[payload])


def prepare(page: Page) -> None:
    page.locator("#br-entity").fill(f"وزارة الاختبار {HOSTILE}")
    page.locator("#br-add-official").click()
    expect(page.locator("#br-official-0-name")).to_be_focused()
    page.keyboard.type("Rana IT")
    page.locator("#br-official-0-phone").fill("+962 6 000 0000")
    page.locator("#br-add-account").click()
    page.locator("#br-acc-0-platform").fill("X")
    page.locator("#br-acc-0-name").fill("@ministry")
    page.locator("#br-acc-0-admin1").fill("Admin One")
    page.locator("#br-ministry").fill("Support desk, +962 6 111 1111")


@pytest.mark.parametrize("lang", LANGS)
def test_breach_runbook_prepare_respond_record(watched: Page, lang: str) -> None:
    page = watched
    open_breach(page, lang)
    run_axe(page, "#daleel-breach", "empty runbook")
    for n in (1, 2, 3):
        expect(page.locator(f"#br-step-{n}-done")).to_be_disabled()

    prepare(page)
    warn = page.locator("#br-acc-0-warn")
    expect(warn).to_have_text(text("tools.breach.admins_missing", lang=lang, n=1))
    run_axe(page, "#daleel-breach", "prepared, one administrator missing")
    page.locator("#br-acc-0-admin2").fill("Admin Two")
    expect(warn).to_be_hidden()

    # Stored on this device: a reload brings everything back.
    page.reload()
    expect(page.locator("#daleel-breach[data-ready]")).to_be_attached()
    expect(page.locator("#br-entity")).to_have_value(f"وزارة الاختبار {HOSTILE}")
    expect(page.locator("#br-official-0-phone")).to_have_value("+962 6 000 0000")
    expect(page.locator("#br-acc-0-admin2")).to_have_value("Admin Two")
    expect(page.locator("#br-step-1-contacts")).to_contain_text("Rana IT")
    expect(page.locator("#br-step-3-contacts")).to_contain_text("Support desk")

    # Respond, by keyboard: start, then each step in order with a note.
    page.locator("#br-account").fill("@ministry")
    page.locator("#br-start").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#br-step-1-note")).to_be_focused()
    expect(page.locator("#br-elapsed")).to_be_visible()
    expect(page.locator("#br-elapsed")).to_contain_text(text("tools.breach.elapsed", lang=lang, elapsed="0:00:"))
    expect(page.locator("#br-step-2-done")).to_be_disabled()
    expect(page.locator("#br-step-2-contacts")).to_contain_text("Admin One")
    for n in (1, 2, 3):
        page.keyboard.type(f"note {n} {HOSTILE}")
        page.keyboard.press("Tab")
        expect(page.locator(f"#br-step-{n}-done")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator(f"#br-step-{n}-time")).not_to_be_empty()
        expect(page.locator(f"#br-step-{n}-done")).to_be_disabled()
    expect(page.locator("#br-download-html")).to_be_focused()
    run_axe(page, "#daleel-breach", "all three steps done")
    assert page.locator("#daleel-breach img").count() == 0

    # Record: JSON and HTML parsed back.
    name, body = download(page, "#br-download-json")
    log = json.loads(body)
    assert name.startswith("breach-incident-log-") and name.endswith(".json")
    assert log["tool"] == "daleel.breach-incident-log"
    assert log["account"] == "@ministry"
    assert [s["note"] for s in log["steps"]] == [f"note {n} {HOSTILE}" for n in (1, 2, 3)]
    times = [log["started_at"], *(s["done_at"] for s in log["steps"])]
    assert all(times) and times == sorted(times)
    assert log["steps"][0]["title"]["en"] == text("tools.breach.step1", lang="en")
    name, body = download(page, "#br-download-html")
    html = body.decode("utf-8")
    assert name.endswith(".html")
    assert f'<html lang="{lang}"' in html
    assert text("tools.breach.log_title", lang=lang) in html
    assert "note 2 &lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert print_pages(page) <= 2

    # Closing asks first; declined, nothing changes; accepted, the incident is gone.
    answers = iter([False, True])

    def on_dialog(dialog: Dialog) -> None:
        assert dialog.message == text("tools.breach.close_confirm", lang=lang)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", on_dialog)
    page.locator("#br-close").click()
    assert stored(page)["incident"] is not None
    page.locator("#br-close").click()
    expect(page.locator("#br-elapsed")).to_be_hidden()
    assert stored(page)["incident"] is None
    assert stored(page)["accounts"][0]["admin2"] == "Admin Two"


@pytest.mark.parametrize("lang", LANGS)
def test_breach_runbook_export_import_and_refusals(watched: Page, lang: str) -> None:
    page = watched
    open_breach(page, lang)
    prepare(page)
    name, exported = download(page, "#br-export")
    assert name.startswith("breach-runbook-") and name.endswith(".json")
    assert json.loads(exported)["entity"] == f"وزارة الاختبار {HOSTILE}"

    page.locator("#br-entity").fill("Changed")
    before = stored(page)
    status = page.locator("#br-import-status")
    cases = [
        ("broken.json", b'{"tool": "daleel.breach-runbook", "version": 1', text("tools.breach.import_malformed", lang=lang)),
        ("huge.json", b" " * (300 * 1024), text("tools.breach.import_too_large", lang=lang, kb=256)),
        ("log.json", json.dumps({"tool": "daleel.breach-incident-log", "version": 1}).encode(), text("tools.breach.import_wrong_tool", lang=lang)),
        ("answers.json", json.dumps({"schema_version": 1, "answers": {}}).encode(), text("tools.breach.import_wrong_tool", lang=lang)),
        ("list.json", b"[1, 2]", text("tools.breach.import_wrong_tool", lang=lang)),
        ("bad.json", json.dumps({"tool": "daleel.breach-runbook", "version": 1, "officials": "x"}).encode(), text("tools.breach.import_invalid", lang=lang, where="officials")),
    ]
    for file_name, data, message in cases:
        set_import(page, file_name, data)
        expect(status).to_have_text(message)
        expect(status).to_be_focused()
        assert stored(page) == before, file_name
        expect(page.locator("#br-entity")).to_have_value("Changed")
    run_axe(page, "#daleel-breach", "import refused")

    set_import(page, name, exported)
    expect(status).to_have_text(text("tools.breach.import_ok", lang=lang))
    expect(page.locator("#br-entity")).to_have_value(f"وزارة الاختبار {HOSTILE}")
    expect(page.locator("#br-acc-0-name")).to_have_value("@ministry")
    assert stored(page) == json.loads(exported)


# ---------------------------------------------------------------- review reminders


def open_reminders(page: Page, lang: str) -> None:
    page.goto(f"{PREFIX[lang]}tools/reminders/")
    expect(page.locator("#daleel-reminders[data-ready]")).to_be_attached()


@pytest.mark.parametrize("lang", LANGS)
def test_reminders_download_an_ics_the_parser_reads(watched: Page, lang: str) -> None:
    page = watched
    open_reminders(page, lang)
    run_axe(page, "#daleel-reminders", "engine loading")
    expect(page.locator("#daleel-reminders[data-engine=ready]")).to_be_attached(timeout=BOOT_MS)
    expect(page.locator("#rm-status")).to_have_text(text("tools.remind.ready", lang=lang))
    run_axe(page, "#daleel-reminders", "engine ready")

    for box in page.locator('input[name="action"]').all():
        box.uncheck()
    page.locator("#rm-download").click()
    expect(page.locator("#rm-status")).to_have_text(text("tools.remind.no_action", lang=lang))
    run_axe(page, "#daleel-reminders", "nothing chosen")

    page.locator("#rm-passwords").check()
    page.locator("#rm-management-report").check()
    page.locator("#rm-management-report-months").select_option("6")
    page.locator("#rm-start").fill("2027-01-15")
    page.locator("#rm-accounts").fill(f"@ministry\nفيسبوك الوزارة\n{HOSTILE}")
    # Keyboard: Enter in the date field submits the form.
    page.locator("#rm-start").focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    dl = info.value
    assert dl.suggested_filename == "daleel-reminders-2027-01-15.ics"
    body = Path(dl.path()).read_bytes()
    assert b"\r\n" in body and body.count(b"\n") == body.count(b"\r\n")
    cal = icalendar.Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    rules = []
    for event in events:
        raw = event["RRULE"].to_ical()
        rules.append(raw.decode() if isinstance(raw, bytes) else str(raw))
    assert rules == ["FREQ=MONTHLY;INTERVAL=3", "FREQ=MONTHLY;INTERVAL=6"]
    assert events[0].decoded("DTSTART") == date(2027, 1, 15)
    summary = str(events[0]["SUMMARY"])
    assert "تغيير كلمات مرور الحسابات الرسمية" in summary and "Change the official accounts' passwords" in summary
    description = str(events[0]["DESCRIPTION"])
    assert "ويفضل كل 3 شهور" in description and HOSTILE in description and "فيسبوك الوزارة" in description
    origin = page.evaluate("() => location.origin")
    assert f"{origin}/guideline/05-governance/#إدارة-المحتوى" in description
    assert f"{origin}/en/guideline/05-governance/#content-management" in description
    expect(page.locator("#rm-status")).to_have_text(text("tools.remind.done", lang=lang, file=dl.suggested_filename))
    run_axe(page, "#daleel-reminders", "downloaded")


@pytest.mark.parametrize("lang", LANGS)
def test_reminders_without_the_engine_say_so(page: Page, requests_log: Any, lang: str) -> None:
    refused: list[str] = []

    def refuse(route: Route) -> None:
        refused.append(route.request.url)
        route.fulfill(status=404)

    page.route(RUNTIME_WASM, refuse)
    open_reminders(page, lang)
    expect(page.locator("#daleel-reminders[data-engine=failed]")).to_be_attached(timeout=BOOT_MS)
    expect(page.locator("#rm-status")).to_contain_text(text("tools.remind.failed", lang=lang, detail="").split("(")[0].strip())
    run_axe(page, "#daleel-reminders", "engine failed")
    # Asking for the file says why it cannot be made; trying again fails the same way, visibly.
    page.locator("#rm-download").click()
    expect(page.locator("#rm-status")).to_contain_text(text("tools.remind.failed", lang=lang, detail="").split("(")[0].strip())
    first = len(refused)
    assert first >= 1
    # The click marks the engine "loading" at once, so "failed" again means a new attempt failed.
    page.locator("#rm-retry").click()
    expect(page.locator("#daleel-reminders[data-engine=failed]")).to_be_attached(timeout=BOOT_MS)
    expect(page.locator("#rm-retry")).to_be_visible()
    assert len(refused) > first
    assert requests_log.foreign() == []


# ---------------------------------------------------------------- links


@pytest.mark.parametrize("lang", LANGS)
def test_tools_are_linked_from_home_nav_and_chapters(page: Page, lang: str) -> None:
    page.goto(PREFIX[lang])
    expect(page.locator('.md-content a[href$="tools/"]')).to_have_count(1)
    for tool in ("pre-publication", "breach-response", "reminders"):
        expect(page.locator(f'.md-nav a[href$="tools/{tool}/"]').first).to_be_attached()
    page.goto(f"{PREFIX[lang]}tools/")
    for tool in ("pre-publication", "breach-response", "reminders"):
        expect(page.locator(f'.md-content a[href$="{tool}/"]')).to_have_count(1)
    page.goto(f"{PREFIX[lang]}guideline/07-content-and-publishing/")
    expect(page.locator('.md-content a[href$="tools/pre-publication/"]')).to_have_count(1)
    page.goto(f"{PREFIX[lang]}guideline/13-account-protection/")
    expect(page.locator('.md-content a[href$="tools/breach-response/"]')).to_have_count(1)
