"""The downloads pages (/downloads/, /en/downloads/) in a real browser on the built site, served
like production (nginx with deploy/nginx.conf when present): status, what they list, that every
link downloads the PDF it names, the footer link to them, and axe-core.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.conftest import SITE, RequestLog
from tests.gates.visits import run_axe

PAGES = {"ar": "/downloads/", "en": "/en/downloads/"}
HEADING = {"ar": "نسخ PDF للتنزيل", "en": "PDF downloads"}
LANGUAGE = {
    "ar": ("العربية (النص المعتمد)", "الإنجليزية (ترجمة)"),
    "en": ("Arabic (authoritative text)", "English (translation)"),
}
UNIT = {"ar": r"(?:كيلوبايت|ميغابايت)", "en": r"(?:KB|MB)"}
ASK = {
    "ar": "وزارة الاقتصاد الرقمي والريادة",
    "en": "Ministry of Digital Economy and Entrepreneurship",
}
FOOTER = {"ar": "جميع نسخ PDF", "en": "All PDF editions"}


def _pdf_file(lang: str, kind: str) -> PdfReader:
    return PdfReader((SITE if lang == "ar" else SITE / lang) / "downloads" / f"{kind}.pdf")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_downloads_page_lists_every_pdf_with_its_facts(
    page: Page, requests_log: RequestLog, lang: str
) -> None:
    response = page.goto(PAGES[lang])
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("article h1")).to_contain_text(HEADING[lang])
    rows = page.locator("table#daleel-downloads-table tbody tr")
    expect(rows).to_have_count(2)
    seen = set()
    for i in range(2):
        cells = rows.nth(i).locator("th, td")
        link = cells.nth(0).locator("a")
        pdf_lang = link.get_attribute("hreflang") or ""
        kind = "guideline" if "guideline" in (link.get_attribute("href") or "") else "checklist"
        seen.add((pdf_lang, kind))
        expect(cells.nth(1)).to_have_text(LANGUAGE[lang][0 if pdf_lang == "ar" else 1])
        # Pages and size as the PDF on the server has them.
        assert cells.nth(2).inner_text() == str(len(_pdf_file(pdf_lang, kind).pages))
        assert re.fullmatch(rf"\d+(?:\.\d)? {UNIT[lang]}", cells.nth(3).inner_text())
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", cells.nth(4).inner_text())
    assert seen == {(lang, "guideline"), (lang, "checklist")}
    expect(page.locator("article")).to_contain_text(ASK[lang])
    assert requests_log.foreign() == [] and requests_log.failed == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_link_on_the_downloads_page_gives_the_pdf(page: Page, lang: str) -> None:
    page.goto(PAGES[lang])
    links = page.locator("table#daleel-downloads-table a")
    expect(links).to_have_count(2)
    for i in range(2):
        link = links.nth(i)
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == link.get_attribute("download")
        path = download.path()
        assert path.read_bytes()[:5] == b"%PDF-"
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.status == 200
        assert response.headers["content-type"].startswith("application/pdf")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_footer_links_the_downloads_page(page: Page, lang: str) -> None:
    page.goto("/" if lang == "ar" else "/en/")
    footer_link = page.locator(".daleel-footer-pdf a", has_text=FOOTER[lang])
    expect(footer_link).to_have_count(1)
    footer_link.click()
    page.wait_for_url(f"**{PAGES[lang]}")
    expect(page.locator("article h1")).to_contain_text(HEADING[lang])


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_downloads_page_has_no_axe_violations(page: Page, lang: str) -> None:
    page.goto(PAGES[lang])
    violations = run_axe(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
