# ruff: noqa: E501  (expected bilingual messages and JS snippets read better unbroken)
"""The entities dashboard in a real browser, in both languages: generated sets of answers files
(good schema 1 and 2, malformed, oversized, binary, wrong-tool, duplicate, older, and a previous
round) give the figures `python -m assessment aggregate` gives on the same files; both CSVs
downloaded equal the CLI's byte for byte and parse back; keyboard only; engine failure; too many
files; clear everything; zero foreign requests and zero axe violations in every state.

Waiting is done with `expect(locator)` (the CSP refuses Playwright's string evaluation for
`wait_for_function`); axe-core is injected with `page.evaluate` for the same reason.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect

from assessment import api
from assessment.aggregate import MAX_FILE_BYTES
from assessment.strings import text
from tests.conftest import (
    SharedPage,
    chooser_opened_by,
    closing_shared,
    new_context,
    refuse_runtime,
    use_shared,
)
from tests.gates.visits import LAY_OUT_EVERYTHING, axe_violations

ROOT = Path(__file__).resolve().parents[2]
PATHS = {"ar": "/dashboard/", "en": "/en/dashboard/"}
BOOT_MS = 180_000  # a ceiling for waiting, not a timing assertion (the machine may be loaded)
CHECKLIST = json.loads(api.checklist_json())
IDS = [i["id"] for i in CHECKLIST["items"]]
VALUES = ("yes", "partial", "no", "na")
NAMES = ["وزارة الاختبار", "Ministry of Tests", "مؤسسة المثال", "Department of Samples", "هيئة التجربة", "Agency =cmd|' /C calc'!A0", "<b>Office</b> of Markup", "سلطة «الاقتباس»"]


def answers_doc(k: int, name: str, date: str, schema: int = 1, code: str = "") -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for n, item in enumerate(IDS):
        if (n + k) % 9 == 0:
            continue  # some unanswered
        entry: dict[str, Any] = {"value": VALUES[(n * (k + 3) + k // 2) % 4]}
        if n % 5 == k % 5:
            entry["note"] = f"ملاحظة {k}-{n}: in progress"
        if schema == 2 and entry["value"] in ("no", "partial"):
            entry.update(owner="Unit head", due="2027-03-01", evidence=["https://example.org/doc", "memo 12/2026"])
        answers[item] = entry
    entity: dict[str, str] = {"name": name, "unit": "Digital unit", "assessor": "A. Tester", "date": date}
    if code:
        entity["code"] = code
    return {
        "schema_version": schema,
        "checklist": CHECKLIST["id"],
        "checklist_version": CHECKLIST["version"],
        "entity": entity,
        "answers": answers,
    }


def encode(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def current_set() -> list[tuple[str, bytes]]:
    files = [(f"entity-{k:02d}.json", encode(answers_doc(k, NAMES[k % len(NAMES)] + ("" if k < len(NAMES) else f" {k}"), "2026-11-15"))) for k in range(12)]
    files.append(("schema2.json", encode(answers_doc(20, "Schema Two Authority", "2026-11-20", schema=2, code="JO-042"))))
    files.append(("duplicate.json", files[1][1]))  # same entity and date as entity-01
    files.append(("older.json", encode(answers_doc(3, NAMES[3], "2026-01-10"))))
    files.append(("malformed.json", b'{"schema_version": 1, "entity": '))
    files.append(("binary.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00"))
    files.append(("other-tool.json", json.dumps({"type": "FeatureCollection", "features": []}).encode()))
    files.append(("bom.json", b"\xef\xbb\xbf" + encode(answers_doc(30, "Bom Office", "2026-11-15"))))
    files.append(("oversized.json", b" " * (MAX_FILE_BYTES + 1)))
    return files


def previous_set() -> list[tuple[str, bytes]]:
    files = [(f"prev-{k:02d}.json", encode(answers_doc(k + 40, NAMES[k % len(NAMES)] + ("" if k < len(NAMES) else f" {k}"), "2026-05-15"))) for k in range(0, 12, 2)]
    files.append(("prev-gone.json", encode(answers_doc(50, "Closed Directorate", "2026-05-15"))))
    files.append(("prev-bad.json", b"not json at all"))
    return files


def write(files: list[tuple[str, bytes]], folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files:
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    return paths


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "assessment", "aggregate", *args], cwd=ROOT, capture_output=True, timeout=300, check=False)


def payloads(files: list[tuple[str, bytes]]) -> list[FilePayload]:
    return [{"name": n, "mimeType": "application/json", "buffer": b} for n, b in files]


def t(key: str, lang: str, **values: object) -> str:
    return text(key, lang=lang, **values)


def run_axe(page: Page, state: str) -> None:
    # The sections below the summary are laid out when scrolled to (content-visibility: auto);
    # axe measures them as a reader scrolling would see them.
    page.evaluate(LAY_OUT_EVERYTHING)
    result = axe_violations(page, "#daleel-dashboard")
    assert result == [], f"axe violations in state {state!r}: {json.dumps(result, ensure_ascii=False, indent=1)}"


def open_page(page: Page, lang: str, wait_engine: bool = True) -> None:
    page.goto(PATHS[lang])
    if wait_engine:
        expect(page.locator("#daleel-dashboard[data-engine=ready]")).to_be_attached(timeout=BOOT_MS)


def wait_renders(page: Page, n: int) -> None:
    expect(page.locator(f'#daleel-dashboard[data-state=shown][data-renders="{n}"]')).to_be_attached(timeout=BOOT_MS)


class Board(SharedPage):
    """One engine-ready dashboard of one language, shared by the tests that need no cold start
    of the engine (each start costs about 6 s of CPU). Each test begins from "clear
    everything", which test_sorting_by_keyboard_and_clear_everything shows forgets every file."""

    def __init__(self, browser: Browser, base_url: str, lang: str) -> None:
        super().__init__(browser, base_url, lang)
        open_page(self.page, lang)
        self.renders = 0

    def fresh(self) -> Page:
        """The page with no files, and `self.renders` the renders so far."""
        page = self.page
        page.set_viewport_size({"width": 1280, "height": 720})
        page.locator("#dd-clear").click()
        expect(page.locator("#dd-status")).to_have_text(t("dashboard.cleared", self.lang))
        expect(page.locator("#dd-empty")).to_be_visible()
        self.renders = int(page.locator("#daleel-dashboard").get_attribute("data-renders") or 0)
        return page


@pytest.fixture(scope="module")
def boards() -> Iterator[dict[str, Board]]:
    yield from closing_shared()


@pytest.fixture
def board(boards: dict[str, Board], browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Board]:
    yield from use_shared(boards, request.param, lambda lang: Board(browser, base_url, lang))


def download(page: Page, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(selector).click()
    dl = info.value
    return dl.suggested_filename, Path(dl.path()).read_bytes()


def table_rows(page: Page, table: str) -> list[list[str]]:
    rows: list[list[str]] = page.evaluate(
        "(sel) => [...document.querySelectorAll(sel + ' tbody tr')].map(tr => [...tr.children].map(c => c.textContent.trim()))",
        table,
    )
    return rows


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The CLI's outputs on the same files: figures (JSON) and both CSVs in both languages."""
    tmp = tmp_path_factory.mktemp("dashboard")
    cur = write(current_set(), tmp / "current")
    prev = write(previous_set(), tmp / "previous")
    out: dict[str, Any] = {}
    proc = cli(*cur, "--previous", *prev, "--format", "json")
    assert proc.returncode == 1, proc.stderr  # some files are bad on purpose
    out["json"] = json.loads(proc.stdout)
    alone = cli(*cur, "--format", "json")
    out["json_alone"] = json.loads(alone.stdout)
    for lang in ("ar", "en"):
        for fmt_ in ("csv", "matrix"):
            out[f"{fmt_}-{lang}"] = cli(*cur, "--previous", *prev, "--format", fmt_, "--lang", lang).stdout
    return out


def check_figures(page: Page, data: dict[str, Any], lang: str) -> None:
    s = data["summary"]
    summary: dict[str, str] = {r[0]: r[1] for r in table_rows(page, "#dd-summary-table")}
    assert summary[t("dashboard.files", lang)] == str(s["files"])
    assert summary[t("dashboard.entities", lang)] == str(s["entities"])
    assert summary[t("dashboard.median", lang)] == fmt(s["overall"]["median"])
    assert summary[t("dashboard.middle_half", lang)] == f"{fmt(s['overall']['q1'])} – {fmt(s['overall']['q3'])}"
    assert summary[t("dashboard.with_gaps", lang)] == str(s["with_gaps"])
    assert summary[t("dashboard.problems_count", lang)] == str(s["unreadable"])
    for level in data["levels"]:
        assert summary[f"{t('term.maturity_level', lang)}: {level[lang]}"] == str(s["levels"][level["id"]])
    medians = table_rows(page, "#dd-domain-table")
    assert [r[1] for r in medians] == [fmt(x) for x in data["domain_medians"]]
    rows = table_rows(page, "#dd-entity-table")
    assert [r[0] for r in rows] == [e["name"] for e in data["entities"]]
    for row, e in zip(rows, data["entities"], strict=True):
        assert row[3] == fmt(e["overall"])
        assert row[5 : 5 + len(data["domains"])] == [fmt(x) for x in e["domains"]]
        assert row[-1] == e["file"]
    items = table_rows(page, "#dd-item-table")
    assert len(items) == len(IDS)
    for row, item in zip(items, data["items"], strict=True):
        assert item["id"] in row[0]
        assert row[2:] == [str(item["counts"][k]) for k in ("yes", "partial", "no", "na", "none")]
    problems = table_rows(page, "#dd-problem-table")
    assert [(r[0], r[3]) for r in problems] == [(p["file"], p[lang]) for p in data["problems"]]


@pytest.mark.parametrize("board", ["ar", "en"], indirect=True)
def test_figures_and_downloads_equal_the_cli(board: Board, expected: dict[str, Any]) -> None:
    lang, page = board.lang, board.fresh()
    run_axe(page, f"empty, engine ready ({lang})")
    page.set_input_files("#dd-current", files=payloads(current_set()))
    wait_renders(page, board.renders + 1)
    check_figures(page, expected["json_alone"], lang)
    expect(page.locator("#dd-comparison")).to_be_hidden()
    run_axe(page, f"current round ({lang})")

    page.set_input_files("#dd-previous", files=payloads(previous_set()))
    wait_renders(page, board.renders + 2)
    data = expected["json"]
    check_figures(page, data, lang)
    c = data["comparison"]
    rounds = table_rows(page, "#dd-round-table")
    assert rounds == [[str(c["matched"]), str(c["improved"]), str(c["regressed"]), str(c["unchanged"]), str(len(c["new"])), str(len(c["missing"]))]]
    assert c["matched"] >= 5 and c["missing"] and c["new"]
    change = table_rows(page, "#dd-change-table")
    assert change[0][1:] == [fmt(c["overall"]["before"]), fmt(c["overall"]["after"]), (f"{c['overall']['delta']:+.1f}" if c["overall"]["delta"] else "0.0")]
    expect(page.locator("#dd-comparison")).to_contain_text("Closed Directorate")
    # What the page says about each kind of bad file, in its language.
    problems = page.locator("#dd-problem-table")
    for name in ("malformed.json", "binary.png", "other-tool.json", "oversized.json", "duplicate.json", "older.json", "prev-bad.json"):
        expect(problems).to_contain_text(name)
    expect(problems).to_contain_text(t("dashboard.problem_not_utf8", lang))
    expect(problems).to_contain_text(t("dashboard.problem_too_large", lang, limit=f"{MAX_FILE_BYTES:,}"))
    expect(problems).to_contain_text(t("dashboard.kind_duplicate", lang))
    run_axe(page, f"with previous round ({lang})")

    for fmt_, selector in (("csv", '[data-download="csv"]'), ("matrix", '[data-download="matrix"]')):
        name, body = download(page, selector)
        assert name.endswith(".csv")
        assert body == expected[f"{fmt_}-{lang}"], f"{fmt_} differs from the CLI's"
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert len(rows) == len(data["entities"]) + 1 and len({len(r) for r in rows}) == 1
        assert [r[0] for r in rows[1:]] == [e["file"] for e in data["entities"]]
        if fmt_ == "matrix":
            assert rows[0][4:] == IDS
    name, body = download(page, '[data-download="html"]')
    report = body.decode("utf-8")
    assert name.endswith(".html") and f'lang="{lang}"' in report and "A4 landscape" in report
    assert "<b>Office</b>" not in report and "&lt;b&gt;Office" in report


@pytest.mark.parametrize("board", ["en"], indirect=True)
def test_sorting_by_keyboard_and_clear_everything(board: Board) -> None:
    page = board.fresh()
    # Keyboard only: move focus to this round's file input and open it with Space.
    page.locator("#dd-clear").focus()
    page.keyboard.press("Shift+Tab")  # back over the previous round's input to this round's
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#dd-current")).to_be_focused()
    chooser = chooser_opened_by(page, lambda: page.keyboard.press("Space"), timeout=BOOT_MS)
    chooser.set_files(files=payloads(current_set()[:12]))
    wait_renders(page, board.renders + 1)
    header = page.locator("#dd-entity-table thead th").nth(3)
    header.locator("button").focus()
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "ascending")
    scores = [r[3] for r in table_rows(page, "#dd-entity-table")]
    numbers = [float(x) for x in scores if x != "—"]
    assert numbers == sorted(numbers) and scores[len(numbers):] == ["—"] * (len(scores) - len(numbers))
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "descending")
    numbers = [float(x) for x in (r[3] for r in table_rows(page, "#dd-entity-table")) if x != "—"]
    assert numbers == sorted(numbers, reverse=True)
    expect(page.locator("#dd-status")).to_have_text(t("dashboard.sorted", "en", column=t("term.overall_score", "en"), direction=t("dashboard.sorted_desc", "en")))
    run_axe(page, "sorted")
    # Downloads by keyboard too.
    page.locator('[data-download="csv"]').focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".csv")
    page.locator("#dd-clear").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#dd-status")).to_have_text(t("dashboard.cleared", "en"))
    expect(page.locator("#dd-results")).to_be_hidden()
    expect(page.locator("#dd-empty")).to_be_visible()
    assert page.locator("#dd-entity-table").count() == 0
    run_axe(page, "cleared")
    # The worker forgot the cleared files too: the next files are counted alone.
    page.set_input_files("#dd-current", files=payloads(current_set()[:2]))
    wait_renders(page, board.renders + 2)
    assert len(table_rows(page, "#dd-entity-table")) == 2
    expect(page.locator("#dd-status")).to_have_text(t("dashboard.done", "en", entities=2, files=2, problems=0))


@pytest.mark.parametrize("board", ["ar", "en"], indirect=True)
def test_too_many_files_change_nothing(board: Board) -> None:
    lang, page = board.lang, board.fresh()
    page.set_input_files("#dd-current", files=payloads(current_set()[:3]))
    wait_renders(page, board.renders + 1)
    before = table_rows(page, "#dd-entity-table")
    tiny = [(f"f{i}.json", b"{}") for i in range(1000)]
    page.set_input_files("#dd-current", files=payloads(tiny))
    expect(page.locator("#dd-status")).to_have_text(t("dashboard.too_many", lang, count=1003, max="1,000"))
    assert table_rows(page, "#dd-entity-table") == before
    run_axe(page, f"too many files ({lang})")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_engine_failure_says_so_and_changes_nothing(watched: Page, requests_log: Any, lang: str) -> None:
    page = watched
    refuse_runtime(page)
    open_page(page, lang, wait_engine=False)
    expect(page.locator("#daleel-dashboard[data-engine=failed]")).to_be_attached(timeout=BOOT_MS)
    expect(page.locator("#dd-status")).to_have_text(t("dashboard.engine_failed", lang))
    expect(page.locator("#dd-retry")).to_be_visible()
    page.set_input_files("#dd-current", files=payloads(current_set()[:2]))
    expect(page.locator("#dd-status")).to_have_text(t("dashboard.engine_failed", lang))
    expect(page.locator("#dd-results")).to_be_hidden()
    run_axe(page, f"engine failed ({lang})")
    assert requests_log.foreign() == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_dark_scheme_and_print_layout(browser: Any, base_url: str, lang: str) -> None:
    context = new_context(browser, base_url, color_scheme="dark", accept_downloads=True)
    try:
        page = context.new_page()
        open_page(page, lang)
        page.set_input_files("#dd-current", files=payloads(current_set()[:12]))
        page.set_input_files("#dd-previous", files=payloads(previous_set()))
        wait_renders(page, 2)
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        run_axe(page, f"results, dark scheme ({lang})")
        page.emulate_media(media="print")
        expect(page.locator(".dd-inputs")).to_be_hidden()
        expect(page.locator("#dd-downloads")).to_be_hidden()
        expect(page.locator("#dd-entity-table")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("board", ["en"], indirect=True)
def test_a_thousand_entities_are_paged(board: Board) -> None:
    page = board.fresh()
    files = [(f"e{k:03d}.json", encode(answers_doc(k, f"Entity {k:03d}", "2026-11-15"))) for k in range(120)]
    page.set_input_files("#dd-current", files=payloads(files))
    wait_renders(page, board.renders + 1)
    status = page.locator(".dd-page-status")
    expect(status).to_have_text(t("dashboard.page_status", "en", **{"from": 1, "to": 100, "total": 120}))
    assert len(table_rows(page, "#dd-entity-table")) == 100
    expect(page.locator(".dd-page-prev")).to_be_disabled()
    page.locator(".dd-page-next").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text(t("dashboard.page_status", "en", **{"from": 101, "to": 120, "total": 120}))
    assert [r[0] for r in table_rows(page, "#dd-entity-table")] == [f"Entity {k:03d}" for k in range(100, 120)]
    expect(page.locator(".dd-page-next")).to_be_disabled()
    # Sorting sorts every entity, not the page, and starts again at the first page.
    page.locator("#dd-entity-table thead th").nth(0).locator("button").click()
    page.locator("#dd-entity-table thead th").nth(0).locator("button").click()
    expect(status).to_have_text(t("dashboard.page_status", "en", **{"from": 1, "to": 100, "total": 120}))
    assert table_rows(page, "#dd-entity-table")[0][0] == "Entity 119"
    run_axe(page, "paged")
