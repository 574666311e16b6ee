#!/usr/bin/env python3
"""Render the PDF editions from the built site with Debian's Chromium (Playwright `page.pdf()`).

Inputs are the print pages the build writes (overrides/hooks/pdf_print.py):
`site/print_page/{guideline,checklist}-{ar,en}.html`. Outputs, next to each language's pages:

    site/downloads/guideline.pdf      Arabic guideline      (saved as guideline-ar.pdf)
    site/downloads/checklist.pdf      Arabic worksheet      (saved as checklist-ar.pdf)
    site/en/downloads/guideline.pdf   English guideline     (saved as guideline-en.pdf)
    site/en/downloads/checklist.pdf   English worksheet     (saved as checklist-en.pdf)

The site is served from a loopback HTTP server thread; every request the pages make is logged
and the run fails if any goes to another origin. One browser renders all four documents. The
guideline's table of contents gets its page numbers from a first pass (Chromium's named
destinations for the TOC's links), then the page is printed again with the numbers filled in.
Each PDF's text layer is then repaired (`repair_text_layer`), and finally the "(size)" slots
of the download links on every built page are filled in.

Usage: python scripts/build_pdfs.py [--site DIR] [--only guideline-ar ...]
"""

from __future__ import annotations

import argparse
import base64
import functools
import html
import io
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from chromium import CHROMIUM, CHROMIUM_ARGS
from pdf_text_layer import repair_text_layer
from playwright.sync_api import BrowserContext, Page, PdfMargins, Request, sync_playwright
from pypdf import PdfReader
from serve import serve_in_thread

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ar", "en")
DOCS = ("guideline", "checklist")
MARGIN: PdfMargins = {"top": "16mm", "bottom": "20mm", "left": "17mm", "right": "17mm"}
FOOTER_LABEL = {"ar": ("صفحة", "من"), "en": ("Page", "of")}
SIZE_UNITS = {"ar": ("كيلوبايت", "ميغابايت"), "en": ("KB", "MB")}
SIZE_SLOT = re.compile(
    r'(<span class="daleel-pdf-size" data-daleel-pdf="(\w+)/(\w+)">)[^<]*(</span>)'
)
# The downloads page's table cells (overrides/hooks/pdf_print.py): pages or size of a PDF, in
# the language of the page that shows it.
INFO_SLOT = re.compile(
    r'(<span class="daleel-pdf-info" data-daleel-pdf="(\w+)/(\w+)" '
    r'data-daleel-field="(pages|size)" data-daleel-page-lang="(\w+)">)[^<]*(</span>)'
)


@dataclass(frozen=True)
class Doc:
    lang: str
    kind: str

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.lang}"

    @property
    def source(self) -> str:
        return f"/print_page/{self.name}.html"

    def output(self, site: Path) -> Path:
        root = site if self.lang == "ar" else site / self.lang
        return root / "downloads" / f"{self.kind}.pdf"


ALL_DOCS = tuple(Doc(lang, kind) for lang in LANGS for kind in DOCS)


def pdf_file(site: Path, lang: str, kind: str) -> Path:
    """Where the PDF of `kind` ("guideline"/"checklist") in `lang` is published."""
    return Doc(lang, kind).output(site)


@functools.cache
def _font_face(site: Path, lang: str) -> str:
    """@font-face rules with the site's own fonts inlined: the header/footer templates are
    rendered apart from the page and cannot fetch anything."""
    fonts = site / "assets" / "fonts"
    # (file, size-adjust): the body's Arabic face (print.css), scaled the same way there.
    files = [("noto-sans-latin-400-normal.woff2", "100%")]
    if lang == "ar":
        files.insert(0, ("amiri-arabic-400-normal.woff2", "125%"))
    rules = []
    for name, scale in files:
        data = base64.b64encode((fonts / name).read_bytes()).decode("ascii")
        src = f"url(data:font/woff2;base64,{data}) format('woff2')"
        rules.append(f"@font-face{{font-family:'Daleel Footer';src:{src};size-adjust:{scale};}}")
    return "".join(rules)


def footer_template(site: Path, doc: Doc, title: str) -> str:
    page, of = FOOTER_LABEL[doc.lang]
    direction = "rtl" if doc.lang == "ar" else "ltr"
    return (
        f"<style>{_font_face(site, doc.lang)}</style>"
        f'<div dir="{direction}" lang="{doc.lang}" style="font-family:\'Daleel Footer\',sans-serif;'
        "font-size:8pt;color:#555;width:100%;margin:0 17mm;display:flex;"
        'justify-content:space-between;-webkit-print-color-adjust:exact;">'
        '<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis;max-width:70%">'
        f"{html.escape(title)}</span>"
        f'<span>{page} <span class="pageNumber"></span> {of} <span class="totalPages"></span>'
        "</span>"
        "</div>"
    )


def _pdf(page: Page, site: Path, doc: Doc, title: str) -> bytes:
    return page.pdf(
        format="A4",
        margin=MARGIN,
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=footer_template(site, doc, title),
        outline=True,
        tagged=True,
    )


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Named destination (an element id Chromium linked to) -> 1-based page number."""
    reader = PdfReader(io.BytesIO(pdf))
    pages: dict[str, int] = {}
    for name, dest in reader.named_destinations.items():
        try:
            number = reader.get_destination_page_number(dest)
        except (KeyError, ValueError, TypeError):
            continue
        if number is not None:
            pages[unquote(str(name).lstrip("/"))] = number + 1
    return pages


def _fill_toc(page: Page, numbers: dict[str, int]) -> list[str]:
    """Write the page numbers into the TOC; return the targets that had no number."""
    missing: list[str] = page.evaluate(
        """(numbers) => {
            const missing = [];
            for (const slot of document.querySelectorAll('.daleel-toc-page[data-target]')) {
                const n = numbers[slot.dataset.target];
                if (n === undefined) missing.push(slot.dataset.target);
                slot.textContent = n === undefined ? '' : String(n);
            }
            return missing;
        }""",
        numbers,
    )
    return missing


def _wait_for_fonts(page: Page) -> None:
    failed = page.evaluate(
        """async () => {
            await document.fonts.ready;
            const faces = [...document.fonts];
            const pending = faces.filter(f => f.status === 'loading');
            await Promise.all(pending.map(f => f.loaded.catch(() => {})));
            return faces.filter(f => f.status === 'error').map(f => f.family);
        }"""
    )
    if failed:
        raise SystemExit(f"fonts failed to load: {failed}")


def render(context: BrowserContext, base: str, site: Path, doc: Doc) -> tuple[Path, int]:
    page = context.new_page()
    try:
        page.goto(base + doc.source, wait_until="load")
        _wait_for_fonts(page)
        title = page.title()
        if doc.kind == "guideline":
            first = _pdf(page, site, doc, title)
            numbers = destination_pages(first)
            missing = _fill_toc(page, numbers)
            if missing:
                raise SystemExit(f"{doc.name}: no page found for TOC entries {missing[:5]}")
        data = _pdf(page, site, doc, title)
        if doc.kind == "guideline" and destination_pages(data) != numbers:
            raise SystemExit(f"{doc.name}: page numbers moved after filling in the TOC")
        headings: list[str] = page.evaluate(
            """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
                .filter(h => h.getClientRects().length > 0)
                .map(h => h.textContent.replace(/\\s+/g, ' ').trim())"""
        )
    finally:
        page.close()
    data, _mapped, unknown = repair_text_layer(data, headings)
    if unknown:
        print(f"{doc.name}: {unknown} glyphs have no text in the text layer", file=sys.stderr)
    out = doc.output(site)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out, len(PdfReader(io.BytesIO(data)).pages)


def size_text(size: int, lang: str) -> str:
    kb, mb = SIZE_UNITS[lang]
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} {mb}"
    return f"{max(1, round(size / 1024))} {kb}"


def human_size(size: int, lang: str) -> str:
    return f"({size_text(size, lang)})"


def fill_sizes(site: Path) -> int:
    """Put each PDF's size (and, on the downloads pages, its page count) into the download
    links of every built page; returns the number of pages changed."""
    sizes: dict[tuple[str, str], int] = {}
    pages: dict[tuple[str, str], int] = {}
    for doc in ALL_DOCS:
        out = doc.output(site)
        if out.is_file():
            sizes[(doc.lang, doc.kind)] = out.stat().st_size
            pages[(doc.lang, doc.kind)] = len(PdfReader(out).pages)
    changed = 0

    def slot(m: re.Match[str]) -> str:
        key = (m[2], m[3])
        text = human_size(sizes[key], m[2]) if key in sizes else ""
        return f"{m[1]}{text}{m[4]}"

    def info(m: re.Match[str]) -> str:
        key, field, page_lang = (m[2], m[3]), m[4], m[5]
        text = ""
        if key in sizes:
            text = str(pages[key]) if field == "pages" else size_text(sizes[key], page_lang)
        return f"{m[1]}{text}{m[6]}"

    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        if "daleel-pdf-size" not in text and "daleel-pdf-info" not in text:
            continue
        new = INFO_SLOT.sub(info, SIZE_SLOT.sub(slot, text))
        if new != text:
            html_file.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (site/)")
    parser.add_argument("--only", nargs="*", choices=[d.name for d in ALL_DOCS], help="subset")
    args = parser.parse_args(argv)
    site: Path = args.site.resolve()
    docs = [d for d in ALL_DOCS if not args.only or d.name in args.only]
    for doc in docs:
        if not (site / doc.source.lstrip("/")).is_file():
            print(f"missing {doc.source} in {site}: run `mkdocs build` first", file=sys.stderr)
            return 1
    start = time.monotonic()
    foreign: list[str] = []
    with serve_in_thread(site) as base, sync_playwright() as pw:
        own = urlparse(base).netloc

        def on_request(request: Request) -> None:
            url = urlparse(request.url)
            if url.scheme not in ("data", "blob", "about") and url.netloc != own:
                foreign.append(request.url)

        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.on("request", on_request)
            for doc in docs:
                t0 = time.monotonic()
                out, pages = render(context, base, site, doc)
                print(
                    f"{out.relative_to(site)}: {pages} pages, "
                    f"{out.stat().st_size / 1024:.0f} KiB, {time.monotonic() - t0:.1f} s"
                )
        finally:
            browser.close()
    if foreign:
        print("requests to other origins:", *sorted(set(foreign)), sep="\n  ", file=sys.stderr)
        return 1
    changed = fill_sizes(site)
    elapsed = time.monotonic() - start
    print(f"PDFs: {len(docs)} in {elapsed:.1f} s; sizes written into {changed} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
