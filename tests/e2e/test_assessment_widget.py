# ruff: noqa: E501  (expected bilingual messages and JS snippets read better unbroken)
"""The self-assessment as people use it, in a real browser on the built site: the task list
walked end to end by keyboard (both languages, phone and desktop), scores equal to the engine on
CPython, the file actions (save, resume with confirmation, cancel and undo, compare, reports),
bad files, a failed runtime, unavailable storage, start over, readable text sizes, no checklist
id shown as text, zero foreign requests and zero axe violations in every state.

Notes for whoever edits this file: Playwright's `wait_for_function` evaluates a string and is
refused by the site's CSP (`script-src 'self'`), so waiting is done with `expect(locator)`.
axe-core is injected with `page.evaluate` for the same reason (an injected <script> is inline).
Pyodide boots are the slowest part of the suite: tests that do not need a cold start share one
engine-ready page per language (`ready`), reset through the page's own "start over".
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import icalendar
import pytest
from playwright.sync_api import (
    Browser,
    FilePayload,
    Locator,
    Page,
    Route,
    ViewportSize,
    expect,
)

from assessment import api
from assessment.strings import text
from tests.conftest import (
    RUNTIME_WASM,
    SITE_URL,
    SharedPage,
    closing_shared,
    hold_runtime,
    refuse_runtime,
    use_shared,
)
from tests.gates.visits import axe_violations

ROOT = Path(__file__).resolve().parents[2]
KEY = "daleel.assessment.v1"
PATHS = {"ar": "/assessment/", "en": "/en/assessment/"}
BOOT_MS = 90_000
HOSTILE = "<img src=x onerror=alert(1)>"
CHECKLIST = json.loads(api.checklist_json())
IDS = [i["id"] for i in CHECKLIST["items"]]
DOMAINS = CHECKLIST["domains"]
VALUES = ("yes", "partial", "no", "na")
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
SIZES: dict[str, ViewportSize] = {"phone": PHONE, "desktop": DESKTOP}


def t(key: str, lang: str, **values: object) -> str:
    return text(key, lang=lang, **values)


def number_of(item_id: str) -> str:
    """The question's number as people read it: domain number, then its place in the domain."""
    item = next(i for i in CHECKLIST["items"] if i["id"] == item_id)
    same = [i["id"] for i in CHECKLIST["items"] if i["domain"] == item["domain"]]
    domain = next(d for d in DOMAINS if d["id"] == item["domain"])
    return f"{domain['number']}.{same.index(item_id) + 1}"


def step_of(item_id: str) -> str:
    item = next(i for i in CHECKLIST["items"] if i["id"] == item_id)
    return "domain-" + str(next(d["number"] for d in DOMAINS if d["id"] == item["domain"]))


# ---------------------------------------------------------------- helpers


def doc(
    answers: dict[str, str], name: str = "Ministry of Tests", date: str = "2026-11-28", **notes: str
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "checklist": CHECKLIST["id"],
        "checklist_version": CHECKLIST["version"],
        "entity": {"name": name, "unit": "Digital unit", "assessor": "A. Tester", "date": date},
        "answers": {
            i: ({"value": v, "note": notes[i]} if i in notes else {"value": v})
            for i, v in answers.items()
        },
    }


def cpython_score(d: dict[str, Any], previous: dict[str, Any] | None = None) -> dict[str, Any]:
    out = json.loads(api.score(json.dumps(d), json.dumps(previous) if previous else None))
    assert out["ok"], out
    result: dict[str, Any] = out["result"]
    return result


def fmt(value: float | None, lang: str) -> str:
    return t("widget.results.not_scored", lang) if value is None else f"{value:.1f}"


def pattern(n: int) -> dict[str, str]:
    """A deterministic, varied set of answers for the first n items."""
    return {i: VALUES[(k * 7 + k // 3) % 4] for k, i in enumerate(IDS[:n])}


def progress(lang: str, n: int) -> str:
    return t("widget.progress", lang, answered=n, total=len(IDS))


def open_page(page: Page, lang: str, wait_engine: bool = True, fragment: str = "") -> None:
    page.goto(PATHS[lang] + fragment)
    expect(page.locator("#daleel-assessment[data-ready]")).to_be_attached()
    if wait_engine:
        expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(
            timeout=BOOT_MS
        )


def go(page: Page, step: str) -> None:
    """Follow the summary bar's or a task's link to a step, as a reader would."""
    page.locator(f'#daleel-assessment a[data-goto="{step}"]:visible').first.click()
    expect(page.locator("#daleel-assessment")).to_have_attribute("data-step", step)


def form_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        """() => ({
          checked: [...document.querySelectorAll('fieldset.daleel-item input:checked')].map(r => [r.name, r.value]),
          notes: [...document.querySelectorAll('fieldset.daleel-item textarea')].map(t => t.value),
          entity: [...document.querySelectorAll('[data-entity]')].map(i => i.value),
          stored: localStorage.getItem('daleel.assessment.v1'),
        })"""
    )
    return state


def checked_answers(page: Page) -> dict[str, str]:
    return {name.removeprefix("q-"): value for name, value in form_state(page)["checked"]}


def click_answers(page: Page, answers: dict[str, str]) -> None:
    """Answer through the task list: open each question's domain, then click the option."""
    for item, value in answers.items():
        step = step_of(item)
        if page.locator("#daleel-assessment").get_attribute("data-step") != step:
            page.evaluate("(step) => { location.hash = step; }", step)  # a deep link
            expect(page.locator("#daleel-assessment")).to_have_attribute("data-step", step)
        page.locator(f'#item-{item} input[value="{value}"]').check()


def assert_results(page: Page, lang: str, expected: dict[str, Any]) -> None:
    expect(page.locator("#daleel-completeness")).to_contain_text(
        f"{expected['completeness']['answered']}"
    )
    expect(page.locator("#daleel-overall")).to_have_text(fmt(expected["overall"], lang))
    expect(page.locator("#daleel-level")).to_have_text(expected["level"][lang])
    expect(page.locator("#daleel-bar-score")).to_have_text(
        fmt(expected["overall"], lang) if expected["overall"] is not None else "—"
    )
    for d in expected["domains"]:
        cells = page.locator(f'.daleel-domain-table tr[data-domain="{d["id"]}"] td')
        expect(cells.nth(0)).to_have_text(fmt(d["score"], lang))
        expect(cells.nth(1)).to_have_text(f"{d['answered']} / {d['total']}")
    gaps = [number_of(g["id"]) for g in expected["critical_gaps"]]
    shown = page.locator(".daleel-gaps .daleel-qnum").all_inner_texts() if gaps else []
    assert shown == gaps


def set_file(
    page: Page, selector: str, name: str, data: bytes, mime: str = "application/json"
) -> None:
    payload: FilePayload = {"name": name, "mimeType": mime, "buffer": data}
    page.set_input_files(selector, files=[payload])


def run_axe(page: Page, state: str) -> None:
    """axe-core on the widget (every step, panels, dialog). The site chrome around it (header,
    navigation, search) is checked page by page by the site-wide accessibility tests."""
    result = axe_violations(page, "#daleel-assessment")
    assert result == [], (
        f"axe violations in state {state!r}: {json.dumps(result, ensure_ascii=False, indent=1)}"
    )


def download(page: Page, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(selector).click()
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


def visible_ids(page: Page) -> list[str]:
    """Checklist ids anywhere in the widget's text, hidden steps included."""
    content = page.locator("#daleel-assessment").evaluate("(el) => el.textContent")
    return [i for i in IDS if i in content]


class Ready(SharedPage):
    """One engine-ready assessment of one language, shared by the tests of this module."""

    def __init__(self, browser: Browser, base_url: str, lang: str) -> None:
        super().__init__(browser, base_url, lang, viewport=DESKTOP)
        open_page(self.page, lang)

    def fresh(self, size: str = "desktop") -> Page:
        """Start over through the page itself, then show the task list."""
        page = self.page
        page.set_viewport_size(SIZES[size])
        page.locator("#daleel-restart").click()
        page.locator("#daleel-dialog-confirm").click()
        expect(page.locator("#daleel-progress-text")).to_have_text(progress(self.lang, 0))
        expect(page.locator("#daleel-assessment")).to_have_attribute("data-step", "overview")
        for box in ("#daleel-resume-panel", "#daleel-import-error", "#daleel-compare-error"):
            expect(page.locator(box)).to_be_hidden()
        return page


@pytest.fixture(scope="module")
def ready_pages() -> Iterator[dict[str, Ready]]:
    yield from closing_shared()


@pytest.fixture
def ready(
    ready_pages: dict[str, Ready], browser: Browser, base_url: str, request: pytest.FixtureRequest
) -> Iterator[Ready]:
    yield from use_shared(ready_pages, request.param, lambda lang: Ready(browser, base_url, lang))


# ---------------------------------------------------------------- the task list, by keyboard

ACTIVE = "() => { const a = document.activeElement; return a ? [a.tagName, a.id || '', a.name || '', a.dataset.goto || ''] : null; }"


def tab_until(page: Page, want: Any, limit: int = 60) -> list[str]:
    active = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and want(active):
            return list(active)
    raise AssertionError(f"focus never reached the wanted element (last: {active})")


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_walk_the_task_list_by_keyboard(
    watched: Page, requests_log: Any, lang: str, size: str
) -> None:
    page = watched
    page.set_viewport_size(SIZES[size])
    open_page(page, lang, wait_engine=False)
    root = page.locator("#daleel-assessment")
    # A first visit opens the first domain: its questions are answerable at once.
    first = f"domain-{DOMAINS[0]['number']}"
    expect(root).to_have_attribute("data-step", first)
    expect(page.locator("fieldset.daleel-item:visible")).to_have_count(
        sum(1 for i in CHECKLIST["items"] if i["domain"] == DOMAINS[0]["id"])
    )
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 0))
    # Questions are numbered for people; no checklist id is text anywhere.
    expect(page.locator(f"#item-{IDS[0]} legend .daleel-qnum")).to_have_text(number_of(IDS[0]))
    assert visible_ids(page) == []

    chosen = pattern(len(IDS))
    for k, d in enumerate(DOMAINS):
        step = f"domain-{d['number']}"
        expect(root).to_have_attribute("data-step", step)
        if k:  # arriving by the "Next" link moves focus to the step's heading
            expect(page.locator(f"#daleel-domain-{d['number']}-h")).to_be_focused()
        for item in [i["id"] for i in CHECKLIST["items"] if i["domain"] == d["id"]]:
            tab_until(page, lambda a, item=item: a[0] == "INPUT" and a[2] == f"q-{item}")
            page.keyboard.press("Space")  # the first option: yes
            for _ in range(VALUES.index(chosen[item])):
                page.keyboard.press("ArrowDown")  # next option, in both directions of text
            if item == IDS[0]:
                page.keyboard.press("Tab")
                assert page.evaluate(ACTIVE)[2] == f"note-{item}"
                page.keyboard.type("Reviewed by the unit head")
        nxt = "check" if k == len(DOMAINS) - 1 else f"domain-{DOMAINS[k + 1]['number']}"
        tab_until(page, lambda a, nxt=nxt: a[0] == "A" and a[3] == nxt)
        page.keyboard.press("Enter")

    # Check your answers: every answer listed under its number; "Change" goes back to it.
    expect(root).to_have_attribute("data-step", "check")
    expect(page.locator("#daleel-check-h")).to_be_focused()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, len(IDS)))
    rows = page.locator(".daleel-check-row")
    expect(rows).to_have_count(len(IDS))
    target = IDS[5]
    row = page.locator(f'.daleel-check-row[data-item="{target}"]')
    expect(row.locator(".daleel-check-answer")).to_have_text(
        t(f"widget.value.{chosen[target]}", lang)
    )
    expect(row.locator("dt")).to_contain_text(number_of(target))
    row.locator("a").focus()
    page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-step", step_of(target))
    expect(page.locator(f"#answer-{target}")).to_be_focused()
    new_value = "no" if chosen[target] != "no" else "yes"
    page.locator(f'#item-{target} input[value="{new_value}"]').check()
    chosen[target] = new_value
    go(page, "check")
    expect(
        page.locator(f'.daleel-check-row[data-item="{target}"] .daleel-check-answer')
    ).to_have_text(t(f"widget.value.{new_value}", lang))
    assert checked_answers(page) == chosen

    # The task list shows every domain completed; entity details are filled there.
    go(page, "overview")
    expect(page.locator('.daleel-tag[data-status="completed"]')).to_have_count(len(DOMAINS))
    expect(page.locator(".daleel-tag").first).to_have_text(t("widget.status.completed", lang))
    page.locator("#daleel-entity-name").fill(HOSTILE)
    page.locator("#daleel-entity-unit").fill("Social media unit")
    page.locator("#daleel-entity-assessor").fill("Assessor K.")
    date = page.locator("#daleel-entity-date").input_value()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)

    # Results: the same figures as the engine on CPython, in the summary bar too.
    expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT_MS)
    go(page, "results")
    expect(page.locator("#daleel-results-h")).to_be_focused()
    expected_doc = doc(chosen, name=HOSTILE, date=date, **{IDS[0]: "Reviewed by the unit head"})
    expected_doc["entity"].update(unit="Social media unit", assessor="Assessor K.")
    expected = cpython_score(expected_doc)
    assert_results(page, lang, expected)
    expect(page.locator("#daleel-bar-level")).to_have_text(expected["level"][lang])
    plan = page.locator(".daleel-plan > li")
    expect(plan).to_have_count(len(expected["action_plan"]))
    if expected["action_plan"]:
        first_item = expected["action_plan"][0]
        href = plan.first.locator("a").get_attribute("href")
        anchor = quote(first_item["section"]["anchor"][lang], safe="-_.!~*'()")
        assert href == f"../{first_item['section']['page']}/#{anchor}"
        expect(plan.first.locator(".daleel-qnum")).to_have_text(number_of(first_item["id"]))
    # The chart names each domain in full, and none of its labels is cut off.
    labels = page.locator(".daleel-chart-label")
    expect(labels).to_have_count(len(DOMAINS))
    clipped = labels.evaluate_all(
        "(ls) => ls.filter((l) => l.scrollWidth > l.clientWidth + 1 || l.getBoundingClientRect().left < 0 || l.getBoundingClientRect().right > innerWidth).map((l) => l.textContent)"
    )
    assert clipped == []
    expect(labels.first).to_have_text(f"{DOMAINS[0]['number']}. {DOMAINS[0]['title'][lang]}")
    assert visible_ids(page) == []

    # Downloads, named by purpose, in the language of the page.
    slug = "img-src-x-onerror-alert-1"
    name, body = download(page, '[data-download="json"]')
    assert name.startswith("daleel-answers-") and name.endswith(".json")
    assert slug in name and date in name
    expect(page.locator("#daleel-save-feedback")).to_contain_text(name)
    data = json.loads(body)
    assert {k: v["value"] for k, v in data["answers"].items()} == chosen
    assert data["entity"]["name"] == HOSTILE
    assert json.loads(api.validate(body.decode()))["ok"]

    if size == "desktop":  # the reports do not depend on the viewport
        name, body = download(page, '[data-download="csv"]')
        assert name.endswith(".csv") and slug in name and date in name
        rows_csv = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert len(rows_csv) >= len(IDS) + 1
        assert ("السؤال" in body.decode("utf-8-sig")) == (lang == "ar")
        name, body = download(page, '[data-download="html"]')
        assert name.endswith(".html") and slug in name and date in name
        report = body.decode("utf-8")
        assert f'lang="{lang}"' in report
        assert "<script" not in report.lower()
        # The only absolute links are to the guideline on the published site (SITE_URL).
        links = re.findall(
            r"""(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]*)""", report, re.I
        )
        assert [u for u in links if not u.startswith(SITE_URL)] == []
        assert "<img" not in report.lower()
        viewer = page.context.new_page()
        viewer.set_content(report)
        expect(viewer.get_by_text(HOSTILE).first).to_be_visible()
        expect(viewer.locator("img")).to_have_count(0)
        viewer.close()
    assert requests_log.foreign() == []


# ---------------------------------------------------------------- deep links, persistence


def test_steps_have_addresses_and_answers_persist(watched: Page, requests_log: Any) -> None:
    page = watched
    hold_runtime(page)  # addresses and storage are the page's own: five loads, no engine
    root = page.locator("#daleel-assessment")
    open_page(page, "ar", wait_engine=False)
    answers = pattern(3)
    click_answers(page, answers)
    page.fill(f"#note-{IDS[1]}", "ملاحظة محفوظة")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 3))
    step = step_of(IDS[1])
    expect(page).to_have_url(re.compile(f"#{step}$"))

    # Reload keeps the step and the answers; Back and Forward move between steps.
    page.reload()
    expect(root).to_have_attribute("data-step", step)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 3))
    assert checked_answers(page) == answers
    expect(page.locator(f"#note-{IDS[1]}")).to_have_value("ملاحظة محفوظة")
    go(page, "overview")
    go(page, "check")
    page.go_back()
    expect(root).to_have_attribute("data-step", "overview")
    page.go_forward()
    expect(root).to_have_attribute("data-step", "check")

    # Without a fragment, a returning reader sees the task list with the statuses.
    page.goto(PATHS["ar"])
    expect(root).to_have_attribute("data-step", "overview")
    expect(
        page.locator(f'.daleel-task[data-domain="{DOMAINS[1]["id"]}"] .daleel-tag')
    ).to_have_text(t("widget.status.in_progress", "ar"))
    expect(
        page.locator(f'.daleel-task[data-domain="{DOMAINS[0]["id"]}"] .daleel-tag')
    ).to_have_text(t("widget.status.completed", "ar"))
    expect(
        page.locator(f'.daleel-task[data-domain="{DOMAINS[2]["id"]}"] .daleel-tag')
    ).to_have_text(t("widget.status.not_started", "ar"))

    # The English page reads the same answers; a change there shows in Arabic.
    open_page(page, "en", wait_engine=False)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 3))
    assert checked_answers(page) == answers
    click_answers(page, {IDS[3]: "no"})
    open_page(page, "ar", wait_engine=False)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 4))
    assert checked_answers(page) == {**answers, IDS[3]: "no"}
    assert requests_log.foreign() == []


def test_answers_saved_by_the_earlier_page_still_load(watched: Page) -> None:
    """The localStorage key and format are unchanged: what the one-page form saved loads."""
    saved = {
        "doc": doc(pattern(10), name="Saved before", **{IDS[2]: "old note"}),
        "pending_notes": {IDS[20]: "pending"},
    }
    watched.add_init_script(
        f"localStorage.getItem({json.dumps(KEY)}) || localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(saved))});"
    )
    page = watched
    refuse_runtime(page)
    open_page(page, "en", wait_engine=False)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 10))
    assert checked_answers(page) == pattern(10)
    expect(page.locator("#daleel-entity-name")).to_have_value("Saved before")
    expect(page.locator(f"#note-{IDS[2]}")).to_have_value("old note")
    expect(page.locator(f"#note-{IDS[20]}")).to_have_value("pending")


def test_storage_unavailable_warns_and_keeps_working(watched: Page) -> None:
    page = watched
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    refuse_runtime(page)
    open_page(page, "en", wait_engine=False)
    click_answers(page, pattern(2))
    warning = page.locator("#daleel-storage-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("cannot be saved in this browser")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 2))
    _name, body = download(page, '[data-download="json"]')  # whatever the engine state
    assert {k: v["value"] for k, v in json.loads(body)["answers"].items()} == pattern(2)


# ---------------------------------------------------------------- resume, undo, compare


@pytest.mark.parametrize("ready", ["ar", "en"], indirect=True)
def test_resume_shows_the_file_asks_and_can_be_undone(ready: Ready) -> None:
    lang = ready.lang
    page = ready.fresh()
    mine = pattern(6)
    click_answers(page, mine)
    go(page, "overview")
    page.fill("#daleel-entity-name", "Today's ministry")
    before = form_state(page)
    resumed = doc(pattern(20), name="وزارة الملف", date="2026-01-15", **{IDS[2]: "from the file"})
    resumed["entity"]["assessor"] = "R. Assessor"
    panel = page.locator("#daleel-resume-panel")

    # Checking a file shows what it holds and asks; cancelling keeps every answer.
    set_file(page, "#daleel-import-file", "resume.json", json.dumps(resumed).encode())
    page.click("#daleel-resume")
    expect(panel).to_be_focused()
    expect(panel).to_contain_text("وزارة الملف")
    expect(panel).to_contain_text("R. Assessor")
    expect(panel).to_contain_text("2026-01-15")
    expect(panel).to_contain_text(t("widget.tasks.count", lang, answered=20, total=len(IDS)))
    expect(panel).to_contain_text(t("widget.resume.question", lang, answered=6, total=len(IDS)))
    assert form_state(page) == before
    page.click("#daleel-resume-cancel")
    expect(panel).to_have_text(t("widget.resume.cancelled", lang))
    expect(panel).to_be_focused()
    assert form_state(page) == before

    # "Save my current answers first" downloads today's answers and still asks.
    page.click("#daleel-resume")
    _name, body = download(page, "#daleel-resume-save")
    assert {k: v["value"] for k, v in json.loads(body)["answers"].items()} == mine
    assert form_state(page) == before

    # Replace, then undo: everything as it was, in the form and in storage.
    page.click("#daleel-resume-replace")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 20))
    assert checked_answers(page) == pattern(20)
    expect(page.locator("#daleel-entity-name")).to_have_value("وزارة الملف")
    expect(page.locator(f"#note-{IDS[2]}")).to_have_value("from the file")
    expect(panel).to_contain_text(t("widget.resume.replaced", lang, answered=20, total=len(IDS)))
    assert (
        json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["doc"]["entity"]["name"]
        == "وزارة الملف"
    )
    run_axe(page, f"resume replaced, undo offered ({lang})")
    page.click("#daleel-resume-undo")
    expect(panel).to_be_focused()
    expect(panel).to_contain_text(t("widget.resume.undone", lang, answered=6, total=len(IDS)))
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 6))
    after = form_state(page)
    assert after["checked"] == before["checked"] and after["entity"] == before["entity"]
    assert json.loads(after["stored"])["doc"] == json.loads(before["stored"])["doc"]


# ---------------------------------------------------------------- the action plan (schema 2)

PLAN_OWNER = {"ar": "وحدة الإعلام الرقمي", "en": "Digital media unit"}
PLAN_EVIDENCE = ["https://example.gov.jo/policy-2026", "Decision 12/2026 (archive box 4)"]


def show_step(page: Page, step: str) -> None:
    page.evaluate("(step) => { location.hash = step; }", step)  # a deep link
    expect(page.locator("#daleel-assessment")).to_have_attribute("data-step", step)


def plan_field(page: Page, item: str, field: str) -> Locator:
    return page.locator(f'#item-{item} [data-plan="{field}"]')


def fill_plan(page: Page, item: str, owner: str, due: str, evidence: str) -> None:
    """Open the question's action-plan disclosure and fill it, as a reader would."""
    show_step(page, step_of(item))
    details = page.locator(f"#item-{item} details.daleel-plan-fields")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    plan_field(page, item, "owner").fill(owner)
    plan_field(page, item, "due").fill(due)
    plan_field(page, item, "evidence").fill(evidence)


@pytest.mark.parametrize("ready", ["ar", "en"], indirect=True)
def test_action_plan_fields_are_saved_restored_and_exported(ready: Ready) -> None:
    lang = ready.lang
    page = ready.fresh()
    item, other = IDS[0], IDS[1]
    go(page, "overview")
    page.fill("#daleel-entity-name", "Ministry of Plans")
    page.fill("#daleel-entity-date", "2026-11-28")
    ics_note = page.locator("#daleel-ics-note")
    expect(ics_note).to_be_visible()
    expect(ics_note).to_have_text(t("widget.report.ics_none", lang))
    expect(page.locator('[data-download="ics"]')).to_be_disabled()
    click_answers(page, {item: "no", other: "partial"})
    # Trimmed, empty lines dropped; the due date is before the assessment date: overdue.
    fill_plan(
        page,
        item,
        PLAN_OWNER[lang],
        "2026-01-10",
        f"  {PLAN_EVIDENCE[0]} \n\n {PLAN_EVIDENCE[1]}  ",
    )
    run_axe(page, f"action plan fields open ({lang})")
    want = {
        "value": "no",
        "owner": PLAN_OWNER[lang],
        "due": "2026-01-10",
        "evidence": PLAN_EVIDENCE,
    }

    # Autosave keeps them; the check step shows them.
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored["doc"]["schema_version"] == 2 and stored["doc"]["answers"][item] == want
    go(page, "check")
    row = page.locator(f'.daleel-check-row[data-item="{item}"] .daleel-check-answer')
    expect(row).to_contain_text(t("widget.check.owner", lang, owner=PLAN_OWNER[lang]))
    expect(row).to_contain_text(t("widget.check.due", lang, due="2026-01-10"))
    sep = t("widget.plan.separator", lang)
    expect(row).to_contain_text(t("widget.check.evidence", lang, evidence=sep.join(PLAN_EVIDENCE)))
    expect(
        page.locator(f'.daleel-check-row[data-item="{other}"] .daleel-check-plan')
    ).to_have_count(0)

    # The results show the engine's owner, due date and evidence, and say "overdue" in words.
    go(page, "results")
    entry = page.locator(f'.daleel-plan > li[data-item="{item}"]')
    expect(entry.locator(".daleel-plan-given")).to_contain_text(PLAN_OWNER[lang])
    expect(entry.locator(".daleel-plan-given")).to_contain_text(PLAN_EVIDENCE[1])
    expect(entry.locator(".daleel-overdue")).to_have_text(
        t("widget.plan.overdue", lang, date="2026-11-28")
    )
    expect(page.locator(f'.daleel-plan > li[data-item="{other}"] .daleel-overdue')).to_have_count(0)
    run_axe(page, f"results with an overdue plan item ({lang})")

    # The answers file: schema 2 with the plan fields, valid for the engine.
    _name, body = download(page, '[data-download="json"]')
    data = json.loads(body)
    assert data["schema_version"] == 2 and data["answers"][item] == want
    assert data["answers"][other] == {"value": "partial"}
    assert json.loads(api.validate(body.decode()))["ok"]

    # The calendar: one to-do, on the due date, for the dated item only.
    expect(ics_note).to_be_hidden()
    name, body = download(page, '[data-download="ics"]')
    assert name.endswith(".ics")
    expect(page.locator("#daleel-report-feedback")).to_contain_text(name)
    todos = icalendar.Calendar.from_ical(body).walk("VTODO")
    assert len(todos) == 1
    assert todos[0].decoded("dtstart") == datetime.date(2026, 1, 10)
    assert item in str(todos[0]["uid"])
    assert PLAN_OWNER[lang] in str(todos[0]["description"])

    # A reload restores every field from the autosave.
    page.reload()
    expect(page.locator("#daleel-assessment[data-ready]")).to_be_attached()
    show_step(page, step_of(item))
    expect(plan_field(page, item, "owner")).to_have_value(PLAN_OWNER[lang])
    expect(plan_field(page, item, "due")).to_have_value("2026-01-10")
    expect(plan_field(page, item, "evidence")).to_have_value("\n".join(PLAN_EVIDENCE))
    expect(page.locator(f"#item-{item} details.daleel-plan-fields")).to_have_attribute("open", "")
    expect(page.locator(f"#item-{other} details.daleel-plan-fields")).not_to_have_attribute(
        "open", ""
    )
    expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(timeout=BOOT_MS)


@pytest.mark.parametrize("ready", ["ar", "en"], indirect=True)
def test_a_schema_2_file_loses_nothing_when_resumed_and_saved(ready: Ready) -> None:
    lang = ready.lang
    page = ready.fresh()
    item = IDS[3]
    v2 = doc(pattern(12), name="وزارة الخطة", date="2026-10-01")
    v2["schema_version"] = 2
    v2["entity"]["code"] = "MODEE-SM-07"
    v2["answers"][item] = {
        "value": "no",
        "note": "ملاحظة",
        "owner": "Comms office / مكتب الاتصال",
        "due": "2027-02-15",
        "evidence": ["https://example.gov.jo/a", "Memo 3/2026"],
    }
    # An answer to an id the checklist does not have, and one already set aside: both kept.
    v2["answers"]["no-longer-in-checklist"] = {"value": "partial", "owner": "X"}
    v2["retired_answers"] = {
        "retired-earlier": {"value": "no", "note": "kept", "due": "2025-12-01", "evidence": ["e1"]}
    }
    set_file(
        page, "#daleel-import-file", "plan-v2.json", json.dumps(v2, ensure_ascii=False).encode()
    )
    page.click("#daleel-resume")
    # Before anything is replaced, the engine's notes on the file (here: an answer to an id the
    # checklist does not have) are shown in the page's language.
    warnings = cpython_score(v2)["warnings"]
    assert warnings
    for warning in warnings:
        expect(page.locator("#daleel-resume-warnings")).to_contain_text(warning[lang])
    run_axe(page, f"resume panel with the engine's notes ({lang})")
    page.click("#daleel-resume-replace")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 12))
    expect(page.locator("#daleel-entity-code")).to_have_value("MODEE-SM-07")
    expect(plan_field(page, item, "owner")).to_have_value("Comms office / مكتب الاتصال")
    go(page, "results")
    expect(page.locator("#daleel-report-head")).to_contain_text(
        t("widget.report_code", lang, code="MODEE-SM-07")
    )

    _name, body = download(page, '[data-download="json"]')
    saved = json.loads(body)
    assert saved["schema_version"] == 2

    def dumped(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    assert dumped(saved["entity"]) == dumped(v2["entity"])
    assert dumped(saved["answers"][item]) == dumped(v2["answers"][item])
    assert dumped(saved["retired_answers"]) == dumped(
        {**v2["retired_answers"], "no-longer-in-checklist": v2["answers"]["no-longer-in-checklist"]}
    )
    # The autosave holds the same, so a reload would not lose it either.
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["doc"]
    assert dumped(stored["retired_answers"]) == dumped(saved["retired_answers"])
    assert stored["entity"]["code"] == "MODEE-SM-07"


CRITICAL_MUST = [
    i["id"] for i in CHECKLIST["items"] if i.get("critical") and i["obligation"] == "must"
]


@pytest.mark.parametrize("ready", ["ar", "en"], indirect=True)
def test_scores_cannot_be_gamed(ready: Ready) -> None:
    """One "yes" earns no maturity level; a critical "must" item marked "not applicable" is a
    critical gap until its note justifies it: the widget shows the engine's rules as they are."""
    lang = ready.lang
    page = ready.fresh()
    item = CRITICAL_MUST[0]
    one = {IDS[0]: "yes"}
    click_answers(page, one)
    go(page, "results")
    expected = cpython_score(doc(one))
    assert expected["level"]["id"] == "insufficient"
    expect(page.locator("#daleel-level")).to_have_text(t("term.level_insufficient", lang))
    assert_results(page, lang, expected)

    gamed = {i: "yes" for i in IDS} | {item: "na"}
    click_answers(page, {k: v for k, v in gamed.items() if k != IDS[0]})
    go(page, "results")
    expected = cpython_score(doc(gamed))
    assert [g["id"] for g in expected["critical_gaps"]] == [item]
    assert expected["level"]["id"] != "advanced"
    assert_results(page, lang, expected)

    show_step(page, step_of(item))
    page.fill(f"#note-{item}", "Managed by the ministry's own staff only")
    go(page, "results")
    expected = cpython_score(doc(gamed, **{item: "Managed by the ministry's own staff only"}))
    assert expected["critical_gaps"] == [] and expected["level"]["id"] == "advanced"
    assert_results(page, lang, expected)
    assert ready.errors == []


@pytest.mark.parametrize("ready", ["ar", "en"], indirect=True)
def test_quick_changes_end_on_the_score_of_the_last_answers(ready: Ready) -> None:
    """Answers changed faster than the engine scores them: the summary bar, which stays on
    every step, ends on the score of the answers as they are, not on an older one."""
    lang = ready.lang
    page = ready.fresh()
    click_answers(page, pattern(6))
    show_step(page, step_of(IDS[0]))
    page.locator(f'#item-{IDS[0]} input[value="{pattern(6)[IDS[0]]}"]').focus()
    for _ in range(7):  # round the options and back, as fast as keys arrive
        page.keyboard.press("ArrowDown")
    for item in [i for i in IDS[1:6] if step_of(i) == step_of(IDS[0])]:
        page.locator(f'#item-{item} input[value="no"]').check()
    answers = checked_answers(page)
    assert answers[IDS[0]] != pattern(6)[IDS[0]] and len(answers) == 6
    expected = cpython_score(doc(answers))
    expect(page.locator("#daleel-bar-score")).to_have_text(fmt(expected["overall"], lang))
    expect(page.locator("#daleel-bar-level")).to_have_text(
        expected["level"][lang] if expected["level"] else t("widget.bar.none", lang)
    )
    go(page, "results")
    assert_results(page, lang, expected)


@pytest.mark.parametrize("ready", ["en"], indirect=True)
def test_compare_never_changes_answers(ready: Ready) -> None:
    page = ready.fresh()
    current_answers = {**pattern(20), **{IDS[k]: "yes" for k in range(5)}}
    click_answers(page, current_answers)
    before = form_state(page)
    baseline = doc({i: "no" if k % 3 else "partial" for k, i in enumerate(IDS)}, date="2025-11-01")
    go(page, "compare")
    set_file(page, "#daleel-compare-file", "baseline.json", json.dumps(baseline).encode())
    page.click("#daleel-compare")
    feedback = page.locator("#daleel-compare-feedback")
    expect(feedback).to_be_focused()
    expect(feedback).to_have_text(t("widget.compare.shown", "en"))
    expected = cpython_score(doc(current_answers, name="-"), baseline)
    assert expected["comparison"]
    for d in expected["comparison"]["domains"]:
        cells = page.locator(f'.daleel-comparison-table tr[data-domain="{d["id"]}"] td')
        expect(cells.nth(0)).to_have_text(fmt(d["before"], "en"))
        expect(cells.nth(1)).to_have_text(fmt(d["after"], "en"))
        delta = "" if d["delta"] is None else f"{'+' if d['delta'] > 0 else ''}{d['delta']:.1f} "
        expect(cells.nth(2)).to_have_text(f"{delta}{t('widget.trend.' + d['trend'], 'en')}")
    after = form_state(page)
    assert after["checked"] == before["checked"] and after["stored"] == before["stored"]
    page.click("#daleel-clear-compare")
    expect(feedback).to_have_text(t("widget.compare.cleared", "en"))
    expect(page.locator(".daleel-comparison")).to_have_count(0)


@pytest.mark.parametrize("ready", ["ar"], indirect=True)
def test_arabic_comparison_reads_from_to_with_isolated_numbers(ready: Ready) -> None:
    page = ready.fresh("phone")
    click_answers(page, {i: "yes" for i in IDS[:12]})
    go(page, "compare")
    set_file(
        page,
        "#daleel-compare-file",
        "old.json",
        json.dumps(doc({i: "no" for i in IDS[:12]}, date="2025-01-01")).encode(),
    )
    page.click("#daleel-compare")
    expect(page.locator("#daleel-compare-feedback")).to_be_visible()
    expected = cpython_score(
        doc({i: "yes" for i in IDS[:12]}, name="-"),
        doc({i: "no" for i in IDS[:12]}, date="2025-01-01"),
    )
    overall = expected["comparison"]["overall"]
    line = page.locator("#daleel-comparison-overall")
    expect(line).to_contain_text(f"من {overall['before']:.1f} إلى {overall['after']:.1f}")
    assert "→" not in line.inner_text()
    # Signed changes keep their sign in front, isolated from the Arabic around them.
    improved = page.locator(
        '.daleel-comparison-table tr[data-trend="improved"] td:nth-child(4) bdi'
    ).first
    expect(improved).to_have_text(re.compile(r"^\+\d+\.\d$"))
    assert improved.get_attribute("dir") == "ltr"
    # Table cells are padded apart (no "0.045.0" run-together).
    padding = page.locator(".daleel-comparison-table td").first.evaluate(
        "(c) => parseFloat(getComputedStyle(c).paddingInlineStart)"
    )
    assert padding >= 8
    run_axe(page, "comparison, Arabic phone")


BAD_FILES: list[tuple[str, Callable[[], bytes], str]] = [
    ("truncated.json", lambda: json.dumps(doc(pattern(5))).encode()[:-40], "widget.error.not_json"),
    (
        "v9.json",
        lambda: json.dumps({**doc(pattern(5)), "schema_version": 9}).encode(),
        "widget.error.invalid",
    ),
    (
        "unknown.json",
        lambda: json.dumps({**doc(pattern(2)), "checklist": "another-list"}).encode(),
        "widget.error.invalid",
    ),
    ("huge.json", lambda: b"[" + b"0," * (1536 * 1024) + b"0]", "widget.error.too_large"),
    (
        "image.json",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "widget.error.binary",
    ),
    ("array.json", lambda: b'[{"schema_version": 1}]', "widget.error.invalid"),
    ("badvalue.json", lambda: json.dumps(doc({IDS[0]: "maybe"})).encode(), "widget.error.invalid"),
    (
        "proto.json",
        lambda: b'{"__proto__": {"polluted": 1}, "schema_version": 1}',
        "widget.error.invalid",
    ),
    ("empty.json", lambda: b"", "widget.error.empty"),
]


@pytest.mark.parametrize("ready", ["ar", "en"], indirect=True)
def test_bad_files_change_nothing_and_are_explained_in_the_page_language(ready: Ready) -> None:
    lang = ready.lang
    other = "en" if lang == "ar" else "ar"
    page = ready.fresh("phone")
    click_answers(page, pattern(4))
    go(page, "overview")
    page.fill("#daleel-entity-name", "Keep me")
    before = form_state(page)
    box = page.locator("#daleel-import-error")
    for name, make, key in BAD_FILES:
        set_file(page, "#daleel-import-file", name, make())
        page.click("#daleel-resume")
        expect(box).to_be_focused()
        expect(box).to_contain_text(t("widget.error.heading", lang))
        expect(box).to_contain_text(t(key, lang, size="3.0 MB", max="2.0 MB"))
        assert t("widget.error.heading", other) not in box.inner_text(), name
        assert form_state(page) == before, name
        expect(page.locator("#daleel-resume-panel")).to_be_hidden()
    # The engine's own words and the path are there, folded away as technical detail.
    set_file(
        page, "#daleel-import-file", "badvalue.json", json.dumps(doc({IDS[0]: "maybe"})).encode()
    )
    page.click("#daleel-resume")
    details = box.locator("details.daleel-error-details")
    expect(details).to_be_visible()
    expect(details.locator("li[data-path]").first).to_be_hidden()
    details.locator("summary").click()
    expect(
        details.locator(f'li[data-path="answers.{IDS[0]}.value"], li[data-path^="answers"]').first
    ).to_be_visible()
    run_axe(page, f"import error ({lang})")
    assert page.evaluate("() => ({}).polluted") is None
    # Compare refuses the same files, and shows nothing of them.
    go(page, "compare")
    set_file(page, "#daleel-compare-file", "truncated.json", BAD_FILES[0][1]())
    page.click("#daleel-compare")
    expect(page.locator("#daleel-compare-error")).to_contain_text(t("widget.error.not_json", lang))
    expect(page.locator(".daleel-comparison")).to_have_count(0)
    assert form_state(page) == before
    # A good file afterwards clears the error.
    go(page, "overview")
    set_file(page, "#daleel-import-file", "good.json", json.dumps(doc(pattern(6))).encode())
    page.click("#daleel-resume")
    expect(box).to_be_hidden()
    page.click("#daleel-resume-replace")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 6))


# ---------------------------------------------------------------- Pyodide failure


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_missing_runtime_fails_plainly_and_the_form_still_works(
    watched: Page, requests_log: Any, lang: str
) -> None:
    page = watched
    refuse_runtime(page)
    open_page(page, lang, wait_engine=False)
    note = page.locator("#daleel-engine-note")
    expect(page.locator("#daleel-assessment[data-engine=failed]")).to_be_attached(timeout=BOOT_MS)
    expect(note).to_be_hidden()
    error = page.locator("#daleel-engine-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(t("widget.engine.failed", lang))
    expect(error.get_by_role("button")).to_be_visible()

    answers = pattern(7)
    click_answers(page, answers)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 7))
    expect(page.locator('[data-download="html"]')).to_be_disabled()
    expect(page.locator('[data-download="ics"]')).to_be_disabled()
    expect(page.locator("#daleel-ics-note")).to_be_hidden()
    name, body = download(page, '[data-download="json"]')
    data = json.loads(body)
    assert name.endswith(".json")
    assert {k: v["value"] for k, v in data["answers"].items()} == answers
    assert data["schema_version"] == 2 and data["checklist"] == CHECKLIST["id"]
    run_axe(page, f"engine failed ({lang})")

    if lang == "en":
        # Retry once the file is reachable again: the engine loads and scores the same answers.
        page.unroute(RUNTIME_WASM)
        page.locator("#daleel-retry").click()
        expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(
            timeout=BOOT_MS
        )
        expect(error).to_be_hidden()
        go(page, "results")
        assert_results(page, lang, cpython_score(doc(answers, name="-")))
    assert requests_log.foreign() == []


def test_first_visit_says_what_is_downloading_and_questions_stay_answerable(watched: Page) -> None:
    page = watched
    # Hold the runtime's largest file: the page must say what it is fetching, and answer.
    held = hold_runtime(page)
    open_page(page, "ar", wait_engine=False)
    note = page.locator("#daleel-engine-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text(re.compile(r"\d+\.\d ميغابايت"))
    click_answers(page, pattern(2))
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 2))
    run_axe(page, "engine loading")
    expect(page.locator("#daleel-assessment")).not_to_have_attribute("data-engine", "ready")
    for route in held:
        route.continue_()
    page.unroute(RUNTIME_WASM)
    expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(timeout=BOOT_MS)
    expect(note).to_be_hidden()


def test_answers_given_before_the_script_runs_are_kept(watched: Page, requests_log: Any) -> None:
    """The first domain's questions are answerable from the page's first paint (make bench
    measures them so): what is answered before main.js runs survives its start, over the saved
    answers, and the reader stays on the step they were answering."""
    page = watched
    hold_runtime(page)
    root = page.locator("#daleel-assessment")
    first, second = IDS[0], IDS[1]
    assert step_of(first) == f"domain-{DOMAINS[0]['number']}" != step_of(second)
    open_page(page, "ar", wait_engine=False)
    click_answers(page, {first: "yes", second: "no"})
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 2))

    held: list[Route] = []
    script = "**/assets/javascripts/assessment/main.js"
    page.route(script, lambda route: held.append(route))
    page.goto(PATHS["ar"], wait_until="commit")
    option = page.locator(f'#item-{first} input[value="partial"]')
    option.check()
    page.fill(f"#note-{first}", "كُتبت قبل أن يعمل البرنامج")
    expect(root).not_to_have_attribute("data-ready", "true")
    assert held, "main.js was not held: the answers above were given after it ran"
    for route in held:
        route.continue_()
    page.unroute(script)

    expect(root).to_have_attribute("data-ready", "true")
    expect(root).to_have_attribute("data-step", step_of(first))
    expect(option).to_be_checked()
    expect(page.locator(f"#note-{first}")).to_have_value("كُتبت قبل أن يعمل البرنامج")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 2))
    stored = json.loads(form_state(page)["stored"])["doc"]["answers"]
    assert stored[first] == {"value": "partial", "note": "كُتبت قبل أن يعمل البرنامج"}
    assert stored[second] == {"value": "no"}
    page.reload()
    expect(root).to_have_attribute("data-ready", "true")
    assert checked_answers(page) == {first: "partial", second: "no"}
    assert requests_log.foreign() == []


# ---------------------------------------------------------------- start over


def test_start_over_asks_and_offers_to_save(watched: Page) -> None:
    page = watched
    refuse_runtime(page)
    open_page(page, "en", wait_engine=False)
    click_answers(page, pattern(3))
    page.click("#daleel-restart")
    dialog = page.get_by_role("dialog", name="Start over?")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 3))

    page.click("#daleel-restart")
    _name, body = download(page, "#daleel-dialog-download")
    assert {k: v["value"] for k, v in json.loads(body)["answers"].items()} == pattern(3)
    page.click("#daleel-dialog-confirm")
    expect(dialog).to_be_hidden()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 0))
    expect(page.locator("#daleel-entity-name")).to_have_value("")
    expect(page.locator("#daleel-entity-name")).to_be_focused()
    page.reload()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 0))


# ---------------------------------------------------------------- readable text, accessibility

FONT_SIZES = """(sel) => [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length)
  .map((e) => ({size: parseFloat(getComputedStyle(e).fontSize), weight: Number(getComputedStyle(e).fontWeight) || 400}))"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_obligations_and_guidance_are_body_size(page: Page, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    hold_runtime(page)  # the guidance is the form's own text
    for chapter, kind in (("05-governance", "must"), ("09-performance-indicators", "should")):
        for prefix in ("/", "/en/"):
            page.goto(f"{prefix}guideline/{chapter}/")
            body = page.locator(".md-content__inner > p").first.evaluate(
                "(p) => parseFloat(getComputedStyle(p).fontSize)"
            )
            boxes = page.evaluate(
                FONT_SIZES, f".admonition.{kind} > :not(.admonition-title), .admonition.{kind} li"
            )
            titles = page.evaluate(FONT_SIZES, f".admonition.{kind} > .admonition-title")
            assert boxes and titles, (chapter, prefix, kind)
            assert min(b["size"] for b in boxes) >= max(16, body - 0.5), (chapter, prefix, boxes)
            assert min(b["weight"] for b in titles) >= 700
    page.goto(PATHS["ar"] + "#domain-5")
    expect(page.locator("#daleel-assessment")).to_have_attribute("data-step", "domain-5")
    page.locator("fieldset.daleel-item:visible details.daleel-why summary").first.click()
    guidance = page.evaluate(
        FONT_SIZES, "fieldset.daleel-item .daleel-why dd, fieldset.daleel-item .daleel-meta"
    )
    labels = page.evaluate(
        FONT_SIZES, "fieldset.daleel-item .daleel-why dt, fieldset.daleel-item legend"
    )
    assert guidance and min(g["size"] for g in guidance) >= 16, guidance
    assert labels and min(x["weight"] for x in labels) >= 700


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("ready", ["ar", "en"], indirect=True)
def test_axe_in_every_step(ready: Ready, size: str) -> None:
    lang = ready.lang
    page = ready.fresh(size)
    run_axe(page, f"overview, empty ({lang}, {size})")
    click_answers(page, pattern(9))
    run_axe(page, f"a domain, answered ({lang}, {size})")
    go(page, "overview")
    run_axe(page, f"overview, in progress ({lang}, {size})")
    go(page, "check")
    run_axe(page, f"check your answers ({lang}, {size})")
    go(page, "results")
    expect(page.locator("#daleel-completeness")).to_contain_text("9")
    run_axe(page, f"results ({lang}, {size})")
    go(page, "compare")
    set_file(
        page,
        "#daleel-compare-file",
        "old.json",
        json.dumps(doc(pattern(12), date="2025-01-01")).encode(),
    )
    page.click("#daleel-compare")
    expect(page.locator(".daleel-comparison")).to_be_visible()
    run_axe(page, f"comparison ({lang}, {size})")
    go(page, "overview")
    set_file(page, "#daleel-import-file", "full.json", json.dumps(doc(pattern(len(IDS)))).encode())
    page.click("#daleel-resume")
    expect(page.locator("#daleel-resume-replace")).to_be_visible()
    run_axe(page, f"resume asks ({lang}, {size})")
    page.click("#daleel-resume-cancel")
    set_file(page, "#daleel-import-file", "bad.json", b'{"schema_version": 1, "checklist"')
    page.click("#daleel-resume")
    expect(page.locator("#daleel-import-error")).to_be_visible()
    run_axe(page, f"import error ({lang}, {size})")
    page.click("#daleel-restart")
    expect(page.locator("#daleel-dialog")).to_be_visible()
    run_axe(page, f"start-over dialog ({lang}, {size})")
    page.click("#daleel-dialog-cancel")
    assert visible_ids(page) == []
