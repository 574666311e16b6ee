# ruff: noqa: E501  (expected bilingual messages and JS snippets read better unbroken)
"""The self-assessment page in a real browser: keyboard completion, live score equal to the
engine on CPython, downloads, persistence, imports, Pyodide failure, storage failure, start over,
zero foreign requests and zero axe violations in each state.

Notes for whoever edits this file: Playwright's `wait_for_function` evaluates a string and is
refused by the site's CSP (`script-src 'self'`), so waiting is done with `expect(locator)`.
axe-core is injected with `page.evaluate` for the same reason (an injected <script> is inline).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import BrowserContext, Dialog, Error, FilePayload, Page, expect

from assessment import api

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
KEY = "daleel.assessment.v1"
PATHS = {"ar": "/assessment/", "en": "/en/assessment/"}
BOOT_MS = 60_000
HOSTILE = "<img src=x onerror=alert(1)>"
CHECKLIST = json.loads(api.checklist_json())
IDS = [i["id"] for i in CHECKLIST["items"]]
VALUES = ("yes", "partial", "no", "na")
TEXT = {
    "ar": {
        "progress": "أُجيب عن {n} من {t}",
        "not_scored": "لا توجد درجة",
        "failed": "تعذّر تحميل أداة احتساب الدرجات",
    },
    "en": {
        "progress": "{n} of {t} answered",
        "not_scored": "No score",
        "failed": "The scoring engine could not be loaded",
    },
}


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
    return TEXT[lang]["not_scored"] if value is None else f"{value:.1f}"


def pattern(n: int) -> dict[str, str]:
    """A deterministic, varied set of answers for the first n items."""
    return {i: VALUES[(k * 7 + k // 3) % 4] for k, i in enumerate(IDS[:n])}


def progress(lang: str, n: int) -> str:
    return TEXT[lang]["progress"].format(n=n, t=len(IDS))


def block_pyodide(page: Page) -> None:
    """Make the engine fail fast (the wasm answers 404): for tests of what works without it."""
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404))


def open_page(page: Page, lang: str, wait_engine: bool = True) -> None:
    page.goto(PATHS[lang])
    expect(page.locator("#daleel-assessment[data-ready]")).to_be_attached()
    if wait_engine:
        expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(
            timeout=BOOT_MS
        )


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
    for item, value in answers.items():
        page.locator(f'#item-{item} input[value="{value}"]').check()


def assert_results(page: Page, lang: str, expected: dict[str, Any]) -> None:
    expect(page.locator("#daleel-completeness")).to_contain_text(
        f"{expected['completeness']['answered']}"
    )
    expect(page.locator("#daleel-overall")).to_have_text(fmt(expected["overall"], lang))
    expect(page.locator("#daleel-level")).to_have_text(expected["level"][lang])
    for d in expected["domains"]:
        cells = page.locator(f'.daleel-domain-table tr[data-domain="{d["id"]}"] td')
        expect(cells.nth(0)).to_have_text(fmt(d["score"], lang))
        expect(cells.nth(1)).to_have_text(f"{d['answered']} / {d['total']}")
    gaps = [g["id"] for g in expected["critical_gaps"]]
    shown = page.locator(".daleel-gaps .daleel-item-id").all_inner_texts() if gaps else []
    assert shown == gaps


def set_import(page: Page, name: str, data: bytes, mime: str = "application/json") -> None:
    payload: FilePayload = {"name": name, "mimeType": mime, "buffer": data}
    page.set_input_files("#daleel-import-file", files=[payload])


def run_axe(page: Page, state: str) -> None:
    """axe-core on the widget (form, results, actions, dialog). The site chrome around it
    (header, navigation, search) is checked page by page by the site-wide accessibility tests."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
          const r = await axe.run({include: [['#daleel-assessment']]}, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
          return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }"""
    )
    assert result == [], (
        f"axe violations in state {state!r}: {json.dumps(result, ensure_ascii=False, indent=1)}"
    )


def download(page: Page, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(selector).click()
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


@pytest.fixture
def watched(page: Page) -> Iterator[Page]:
    """The page, failing the test on any uncaught script error or alert()."""
    errors: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def on_error(error: Error) -> None:
        errors.append(str(error))

    page.on("pageerror", on_error)
    page.on("dialog", on_dialog)
    yield page
    assert errors == []


# ---------------------------------------------------------------- keyboard, score, downloads

ACTIVE = "() => { const a = document.activeElement; return a ? [a.tagName, a.id || '', a.name || ''] : null; }"


def tab_until(page: Page, want: Any, limit: int = 400) -> list[str]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if want(active):
            return list(active)
    raise AssertionError(f"focus never reached the wanted element (last: {active})")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_keyboard_completion_scores_like_cpython_and_downloads(
    watched: Page, requests_log: Any, lang: str
) -> None:
    page = watched
    open_page(page, lang)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 0))

    # Keyboard only from the top of the page.
    tab_until(page, lambda a: a[1] == "daleel-entity-name")
    page.keyboard.type(HOSTILE)
    page.keyboard.press("Tab")
    page.keyboard.type("Social media unit")
    page.keyboard.press("Tab")
    page.keyboard.type("Assessor K.")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)[1] == "daleel-entity-date"
    date = page.locator("#daleel-entity-date").input_value()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)

    chosen = pattern(len(IDS))
    for k, item in enumerate(IDS):
        active = tab_until(
            page, lambda a, item=item: a[0] == "INPUT" and a[2] == f"q-{item}", limit=12
        )
        assert active[2] == f"q-{item}"
        page.keyboard.press("Space")  # the first option: yes
        for _ in range(VALUES.index(chosen[item])):
            page.keyboard.press("ArrowDown")  # next option, in both directions of text
        if k == 0:
            page.keyboard.press("Tab")
            assert page.evaluate(ACTIVE)[2] == f"note-{item}"
            page.keyboard.type("Reviewed by the unit head")

    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, len(IDS)))
    assert checked_answers(page) == chosen

    expected_doc = doc(chosen, name=HOSTILE, date=date, **{IDS[0]: "Reviewed by the unit head"})
    expected_doc["entity"].update(unit="Social media unit", assessor="Assessor K.")
    expected = cpython_score(expected_doc)
    assert_results(page, lang, expected)
    plan = page.locator(".daleel-plan > li")
    expect(plan).to_have_count(len(expected["action_plan"]))
    if expected["action_plan"]:
        first = expected["action_plan"][0]
        href = plan.first.locator("a").get_attribute("href")
        anchor = quote(first["section"]["anchor"][lang], safe="-_.!~*'()")
        assert href == f"../{first['section']['page']}/#{anchor}"
    chart = page.locator("svg.daleel-chart[role=img]")
    expect(chart).to_have_count(1)
    expect(chart.locator("rect.daleel-chart-bar")).to_have_count(
        sum(1 for d in expected["domains"] if d["score"])
    )

    # Downloads, in the language of the page, named after the entity and the date.
    slug = "img-src-x-onerror-alert-1"
    name, body = download(page, '[data-download="json"]')
    assert name.endswith(".json") and slug in name and date in name
    data = json.loads(body)
    assert {k: v["value"] for k, v in data["answers"].items()} == chosen
    assert data["entity"]["name"] == HOSTILE
    assert json.loads(api.validate(body.decode()))["ok"]

    name, body = download(page, '[data-download="csv"]')
    assert name.endswith(".csv") and slug in name and date in name
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == len(IDS) + 1
    id_col = next(
        i for i, h in enumerate(rows[0]) if h in ("معرّف البند", "Item id", "Item ID", "id")
    )
    assert [r[id_col] for r in rows[1:]] == IDS
    assert ("السؤال" in rows[0]) == (lang == "ar")

    name, body = download(page, '[data-download="html"]')
    assert name.endswith(".html") and slug in name and date in name
    report = body.decode("utf-8")
    assert f'lang="{lang}"' in report
    assert "<script" not in report.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", report, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", report, re.I)
    assert "<img" not in report.lower()
    viewer = page.context.new_page()
    viewer.set_content(report)
    expect(viewer.get_by_text(HOSTILE).first).to_be_visible()
    expect(viewer.locator("img")).to_have_count(0)
    viewer.close()

    assert requests_log.foreign() == []


# ---------------------------------------------------------------- persistence


def test_answers_survive_reload_navigation_and_language_switch(
    watched: Page, requests_log: Any
) -> None:
    page = watched
    open_page(page, "ar", wait_engine=False)
    answers = pattern(3)
    click_answers(page, answers)
    page.fill(f"#note-{IDS[1]}", "ملاحظة محفوظة")
    page.fill("#daleel-entity-name", "وزارة الاختبار")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 3))

    page.reload()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 3))
    assert checked_answers(page) == answers
    expect(page.locator(f"#note-{IDS[1]}")).to_have_value("ملاحظة محفوظة")

    page.locator(".md-footer a, .md-nav a[href*='glossary']").first.click()
    expect(page).not_to_have_url(re.compile(r"/assessment/$"))
    page.go_back()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 3))
    assert checked_answers(page) == answers

    # The English page reads the same answers; a change there shows in Arabic.
    open_page(page, "en", wait_engine=False)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 3))
    assert checked_answers(page) == answers
    expect(page.locator("#daleel-entity-name")).to_have_value("وزارة الاختبار")
    expect(page.locator(f"#note-{IDS[1]}")).to_have_value("ملاحظة محفوظة")
    page.locator(f'#item-{IDS[3]} input[value="no"]').check()
    open_page(page, "ar", wait_engine=False)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("ar", 4))
    assert checked_answers(page) == {**answers, IDS[3]: "no"}
    assert requests_log.foreign() == []


def test_storage_unavailable_warns_and_keeps_working(
    context: BrowserContext, watched: Page
) -> None:
    page = watched
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    block_pyodide(page)
    open_page(page, "en", wait_engine=False)
    click_answers(page, pattern(2))
    warning = page.locator("#daleel-storage-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("cannot be saved in this browser")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 2))
    _name, body = download(
        page, '[data-download="json"]'
    )  # still possible, whatever the engine state
    assert {k: v["value"] for k, v in json.loads(body)["answers"].items()} == pattern(2)


# ---------------------------------------------------------------- imports


def test_resume_and_compare_imports(watched: Page, requests_log: Any) -> None:
    page = watched
    open_page(page, "en")
    baseline = doc({i: "no" if k % 3 else "partial" for k, i in enumerate(IDS)}, date="2025-11-01")
    resumed = doc(pattern(20), name="Resumed ministry", **{IDS[2]: "from the file"})

    set_import(page, "resume.json", json.dumps(resumed).encode())
    page.click("#daleel-resume")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress("en", 20))
    assert checked_answers(page) == pattern(20)
    expect(page.locator("#daleel-entity-name")).to_have_value("Resumed ministry")
    expect(page.locator(f"#note-{IDS[2]}")).to_have_value("from the file")
    assert_results(page, "en", cpython_score(resumed))
    assert (
        json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["doc"]["answers"][IDS[0]][
            "value"
        ]
        == pattern(20)[IDS[0]]
    )

    # Improve a few answers, then compare with the older baseline.
    click_answers(page, {IDS[k]: "yes" for k in range(5)})
    current = doc(
        {**pattern(20), **{IDS[k]: "yes" for k in range(5)}},
        name="Resumed ministry",
        **{IDS[2]: "from the file"},
    )
    set_import(page, "baseline.json", json.dumps(baseline).encode())
    page.click("#daleel-compare")
    expected = cpython_score(current, baseline)
    assert expected["comparison"]
    expect(page.locator(".daleel-comparison")).to_be_visible()
    labels = {"improved": "Improved", "regressed": "Regressed", "unchanged": "Unchanged"}
    for d in expected["comparison"]["domains"]:
        cells = page.locator(f'.daleel-comparison-table tr[data-domain="{d["id"]}"] td')
        expect(cells.nth(0)).to_have_text(fmt(d["before"], "en"))
        expect(cells.nth(1)).to_have_text(fmt(d["after"], "en"))
        delta = "" if d["delta"] is None else f"{'+' if d['delta'] > 0 else ''}{d['delta']:.1f} "
        expect(cells.nth(2)).to_have_text(f"{delta}{labels[d['trend']]}")
    # The comparison does not replace the answers.
    assert checked_answers(page) == {**pattern(20), **{IDS[k]: "yes" for k in range(5)}}
    page.click("#daleel-clear-compare")
    expect(page.locator(".daleel-comparison")).to_have_count(0)
    assert requests_log.foreign() == []


BAD_FILES: list[tuple[str, Callable[[], bytes], str]] = [
    ("truncated.json", lambda: json.dumps(doc(pattern(5))).encode()[:-40], "not valid JSON"),
    (
        "v2.json",
        lambda: json.dumps({**doc(pattern(5)), "schema_version": 2}).encode(),
        "Unsupported file format version (2)",
    ),
    (
        "unknown.json",
        lambda: json.dumps(
            doc({**pattern(2), "no-such-item": "yes", "other-bogus": "no"})
        ).encode(),
        "Unknown question ids: no-such-item, other-bogus",
    ),
    ("huge.json", lambda: b"[" + b"0," * (10 * 1024 * 1024) + b"0]", "too large (20.0 MB)"),
    (
        "image.json",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "not text",
    ),
    ("array.json", lambda: b'[{"schema_version": 1}]', "does not contain a JSON object"),
    (
        "badvalue.json",
        lambda: json.dumps(doc({IDS[0]: "maybe"})).encode(),
        f"Invalid answer value for question {IDS[0]}",
    ),
    (
        "proto.json",
        lambda: b'{"__proto__": {"polluted": 1}, "schema_version": 1}',
        "another checklist",
    ),
]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_malformed_imports_leave_answers_untouched(
    watched: Page, requests_log: Any, lang: str
) -> None:
    page = watched
    if lang == "ar":
        block_pyodide(page)  # the checks in plain JS alone (ar), and with the engine (en)
    open_page(page, lang, wait_engine=(lang == "en"))
    click_answers(page, pattern(4))
    page.fill("#daleel-entity-name", "Keep me")
    before = form_state(page)
    box = page.locator("#daleel-import-error")
    for k, (name, make, message) in enumerate(BAD_FILES):
        for button in ("#daleel-resume", "#daleel-compare") if k in (0, 2) else ("#daleel-resume",):
            set_import(page, name, make())
            page.click(button)
            expect(box).to_be_visible()
            expect(box).to_contain_text(message)
            expect(box.locator('[lang="ar"]').first).to_contain_text("تعذّر استيراد الملف")
            expect(box.locator('[lang="en"]').first).to_contain_text("could not be imported")
            assert form_state(page) == before, name
            expect(page.locator(".daleel-comparison")).to_have_count(0)
    assert page.evaluate("() => ({}).polluted") is None
    # A good file afterwards clears the error.
    set_import(page, "good.json", json.dumps(doc(pattern(6))).encode())
    page.click("#daleel-resume")
    expect(box).to_be_hidden()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 6))
    assert requests_log.foreign() == []


# ---------------------------------------------------------------- Pyodide failure


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pyodide_blocked_form_still_works(watched: Page, requests_log: Any, lang: str) -> None:
    page = watched
    block_pyodide(page)
    open_page(page, lang, wait_engine=False)
    expect(page.locator("#daleel-assessment[data-engine=failed]")).to_be_attached(timeout=BOOT_MS)
    error = page.locator("#daleel-engine-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(TEXT[lang]["failed"])
    expect(error.get_by_role("button")).to_be_visible()
    expect(page.locator("#daleel-status")).to_contain_text(TEXT[lang]["failed"])

    answers = pattern(7)
    click_answers(page, answers)
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 7))
    expect(page.locator('[data-download="html"]')).to_be_disabled()
    name, body = download(page, '[data-download="json"]')
    data = json.loads(body)
    assert name.endswith(".json")
    assert {k: v["value"] for k, v in data["answers"].items()} == answers
    assert data["schema_version"] == 1 and data["checklist"] == CHECKLIST["id"]
    run_axe(page, f"engine failed ({lang})")

    page.reload()
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, 7))
    if lang == "en":
        # Retry once the file is reachable again: the engine loads and scores the same answers.
        expect(page.locator("#daleel-assessment[data-engine=failed]")).to_be_attached(
            timeout=BOOT_MS
        )
        page.unroute("**/pyodide.asm.wasm")
        page.locator("#daleel-retry").click()
        expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(
            timeout=BOOT_MS
        )
        expect(error).to_be_hidden()
        assert_results(page, lang, cpython_score(doc(answers, name="-")))
    assert requests_log.foreign() == []


# ---------------------------------------------------------------- start over


def test_start_over_asks_and_offers_download(watched: Page) -> None:
    page = watched
    block_pyodide(page)
    open_page(page, "en", wait_engine=False)
    click_answers(page, pattern(3))
    page.fill("#daleel-entity-name", "Erase me")
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


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_axe_in_every_state(watched: Page, lang: str) -> None:
    page = watched
    open_page(page, lang, wait_engine=False)
    run_axe(page, "empty, engine loading")
    expect(page.locator("#daleel-assessment[data-engine=ready]")).to_be_attached(timeout=BOOT_MS)
    expect(page.locator("#daleel-overall")).to_be_visible()
    run_axe(page, "empty, engine ready")

    click_answers(page, pattern(9))
    expect(page.locator("#daleel-completeness")).to_contain_text("9")
    run_axe(page, "partly answered")

    full = doc(pattern(len(IDS)))
    set_import(page, "full.json", json.dumps(full).encode())
    page.click("#daleel-resume")
    expect(page.locator("#daleel-progress-text")).to_have_text(progress(lang, len(IDS)))
    set_import(page, "old.json", json.dumps(doc(pattern(12), date="2025-01-01")).encode())
    page.click("#daleel-compare")
    expect(page.locator(".daleel-comparison")).to_be_visible()
    run_axe(page, "results with comparison")

    set_import(page, "bad.json", b'{"schema_version": 1, "checklist"')
    page.click("#daleel-resume")
    expect(page.locator("#daleel-import-error")).to_be_visible()
    run_axe(page, "import error")

    page.click("#daleel-restart")
    expect(page.locator("#daleel-dialog")).to_be_visible()
    run_axe(page, "start-over dialog")
