# ruff: noqa: E501  (bilingual strings and HTML read better unbroken)
"""Print pages for the PDF editions, one per language, written next to the built site.

mkdocs-print-site-plugin 2.9 was tried first and is not used: with mkdocs-static-i18n each
language is a separate build of the same config, and the plugin writes its page to the same
`print_page/index.html` for every language (the English build overwrote the Arabic one), adds
its script twice, and has one cover/TOC title for all languages. So this hook assembles the
print HTML itself from the pages' own rendered Markdown (no second copy of the text):

- `print_page/guideline-{ar,en}.html`: cover, table of contents, every guideline chapter in nav
  order, the glossary and the editorial notes, in the page language only;
- `print_page/checklist-{ar,en}.html`: the checklist worksheet (overrides/hooks/pdf_worksheet.py).

`scripts/build_pdfs.py` renders them to PDF with Chromium after the build. The home page's
`<!-- daleel:pdf-downloads -->` marker becomes the download list; the footer links come from
overrides/partials/copyright.html. Both carry empty size slots that the PDF script fills in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.plugins import event_priority

# MkDocs puts this folder on sys.path while it loads a hook, so the sibling module imports.
from pdf_worksheet import render_worksheet

from assessment.languages import CODES
from assessment.strings import text

ROOT = Path(__file__).resolve().parents[2]

OUT_DIR = "print_page"
MARKER = "<!-- daleel:pdf-downloads -->"
TABLE_MARKER = "<!-- daleel:pdf-downloads-table -->"
# Pages of the guideline edition, besides every page under guideline/ (in nav order).
EXTRA_PAGES = ("glossary.md", "editorial-notes.md")
STYLESHEETS = ("fonts.css", "daleel.css", "print.css")
# The Arabic face of the PDFs (print.css), next to the site's fonts. Only the print pages
# load it; the offline post-build subsetting must keep these files' glyphs whole.
PRINT_FONTS = ("amiri-arabic-400-normal.woff2", "amiri-arabic-700-normal.woff2")
PRINT_FONT_PACKAGE = ROOT / "node_modules" / "@fontsource" / "amiri" / "files"

# The PDFs and where they are published: each language's files under its own root, with the
# same names, so both home pages link `downloads/guideline.pdf` (the parity test compares
# link paths) and the URL says the language like every other page of the site.
DOCS = ("guideline", "checklist")


def pdf_path(lang: str, doc: str) -> str:
    """Site-relative path of a PDF, e.g. `downloads/guideline.pdf` or `en/downloads/...`."""
    return ("" if lang == "ar" else f"{lang}/") + f"downloads/{doc}.pdf"


def download_name(lang: str, doc: str) -> str:
    return f"{doc}-{lang}.pdf"


# The print pages' interface strings (assessment/data/strings/<lang>.json, keys "pdf.<name>").
T_KEYS = (
    "title",
    "ministry",
    "country",
    "language",
    "toc",
    "note",
    "downloads",
    "guideline",
    "checklist",
    "guideline_hint",
    "checklist_hint",
)
T: dict[str, dict[str, str]] = {
    lang: {key: text(f"pdf.{key}", lang=lang) for key in T_KEYS} for lang in CODES
}

_ID = re.compile(r'\b(id|for|aria-labelledby|aria-describedby)="([^"]*)"')
_HREF = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_HEADING = re.compile(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_ANY_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


class _State:
    def __init__(self) -> None:
        self.order: dict[str, list[str]] = {}
        # lang -> page path without the language folder -> (page url, content html)
        self.pages: dict[str, dict[str, tuple[str, str]]] = {}


_state = _State()


def _split(src_uri: str) -> tuple[str, str]:
    lang, _, rel = src_uri.partition("/")
    return lang, rel


def _printed(rel: str) -> bool:
    return rel.startswith("guideline/") or rel in EXTRA_PAGES


def page_key(rel: str) -> str:
    """Anchor of a page's start in the print page: `guideline-04-plan`, `glossary`."""
    return rel.removesuffix(".md").replace("/", "-")


def _url_key(lang: str, url: str) -> str:
    """The printed page's key for a site URL path such as `en/guideline/04-plan/`."""
    path = url.strip("/")
    if lang != "ar":
        path = path.removeprefix(f"{lang}").strip("/")
    return path.replace("/", "-")


def _text(fragment: str) -> str:
    return html.unescape(_TAGS.sub("", fragment)).strip()


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def source_version(paths: list[Path]) -> str:
    """Git short hash of HEAD (when in a checkout) and a hash of the source files themselves."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    content = f"sha256 {digest.hexdigest()[:12]}"
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return content
    return f"git {rev} · {content}" if rev else content


def build_date() -> str:
    """UTC date of the build, or of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def _id_map(rel: str, content: str) -> dict[str, str]:
    """Original element ids of a page -> short ASCII ids unique in the print page. (Chromium
    names a PDF destination after the id; percent-encoded Arabic ids exceed the 127-byte limit
    of a PDF name.)"""
    key = page_key(rel)
    ids = dict.fromkeys(m[2] for m in _ID.finditer(content) if m[1] == "id")
    return {old: f"{key}-{n}" for n, old in enumerate(ids, 1)}


def _rewrite(lang: str, rel: str, url: str, content: str, maps: dict[str, dict[str, str]]) -> str:
    """One page's HTML made to live inside the print page: unique ids, links inside the PDF."""
    key = page_key(rel)
    own = maps[rel]
    content = _HEADERLINK.sub("", content)
    content = _ID.sub(
        lambda m: f'{m[1]}="' + " ".join(own.get(v, f"{key}-{v}") for v in m[2].split()) + '"',
        content,
    )
    content = content.replace("<details", "<details open")
    base = "/" + url

    def link(m: re.Match[str]) -> str:
        before, href, after, inner = m.groups()
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            return m[0]
        target = urlsplit(urljoin(base, href))
        target_lang = "en" if target.path.startswith("/en/") else "ar"
        target_key = _url_key(target_lang, target.path)
        target_rel = (
            target_key.replace("-", "/", 1) if target_key.startswith("guideline-") else target_key
        ) + ".md"
        if target_lang == lang and target_rel in maps:
            anchor = maps[target_rel].get(unquote(target.fragment), target_key)
            return f'<a{before}href="#{anchor}"{after}>{inner}</a>'
        # A page that is not in the print edition (the interactive assessment, the home page):
        # keep the words, drop a link that could only point at a local server.
        return f'<span class="daleel-print-xref">{inner}</span>'

    content = _HREF.sub(link, content)
    return f'<article class="daleel-print-page" id="{key}">{content}</article>'


def _head(lang: str, title: str, site: Path) -> str:
    css = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    css += sorted((site / "assets" / "stylesheets").glob("palette.*.min.css"))
    links = [f"../assets/stylesheets/{p.name}" for p in css]
    links += [f"../assets/stylesheets/{name}" for name in STYLESHEETS]
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        f'<!doctype html>\n<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        + "".join(f'<link rel="stylesheet" href="{_e(h)}">\n' for h in links)
        + "</head>\n"
        f'<body dir="{direction}" class="daleel-print" data-md-color-scheme="default" '
        'data-md-color-primary="teal" data-md-color-accent="deep-orange">\n'
    )


def cover(lang: str, title: str, kind: str, extra: str = "") -> str:
    t = T[lang]
    return (
        '<section class="daleel-cover">'
        f'<p class="daleel-cover-country">{_e(t["country"])}<br>{_e(t["ministry"])}</p>'
        f'<p class="daleel-cover-title">{_e(title)}</p>'
        f'<p class="daleel-cover-kind">{_e(kind)}</p>'
        '<p class="daleel-cover-year">2024</p>'
        f'<p class="daleel-cover-lang">{_e(t["language"])}</p>'
        f"{extra}"
        "</section>\n"
    )


def colophon(lang: str, version: str) -> str:
    """The edition's build identifiers, at the end of the document rather than on the cover
    (a trainer's cover shows what the document is, not how it was made)."""
    rows = (
        ("pdf.colophon_edition", "2024", ""),
        ("pdf.colophon_built", build_date(), ' dir="ltr"'),
        ("pdf.colophon_source", version, ' dir="ltr"'),
    )
    items = "".join(
        f"<dt>{_e(text(key, lang=lang))}</dt><dd{attrs}>{_e(value)}</dd>"
        for key, value, attrs in rows
    )
    return (
        '<section class="daleel-colophon" aria-labelledby="daleel-colophon-h">'
        f'<h2 id="daleel-colophon-h">{_e(text("pdf.colophon", lang=lang))}</h2>'
        f"<dl>{items}</dl></section>\n"
    )


def render_guideline(lang: str, site: Path) -> str:
    t = T[lang]
    pages = _state.pages.get(lang, {})
    order = [rel for rel in _state.order.get(lang, []) if _printed(rel) and rel in pages]
    missing = [rel for rel in EXTRA_PAGES if rel not in order]
    if missing or not any(rel.startswith("guideline/") for rel in order):
        raise SystemExit(f"print page ({lang}): pages missing from the nav: {missing}")
    toc: list[str] = []
    body: list[str] = []
    maps = {rel: _id_map(rel, pages[rel][1]) for rel in order}
    for rel in order:
        url, content = pages[rel]
        printed = _rewrite(lang, rel, url, content, maps)
        body.append(printed)
        for level, hid, inner in _HEADING.findall(printed):
            cls = "daleel-toc-chapter" if level == "1" else "daleel-toc-section"
            toc.append(
                f'<li class="{cls}"><a href="#{_e(hid)}"><span class="daleel-toc-text">{_e(_text(inner))}</span>'
                f'<span class="daleel-toc-page" data-target="{_e(hid)}"></span></a></li>'
            )
    sources = [ROOT / "docs" / lang / rel for rel in order]
    version = source_version(sources)
    return (
        _head(lang, t["title"], site)
        + cover(lang, t["title"], "", f'<p class="daleel-cover-note">{_e(t["note"])}</p>')
        + f'<nav class="daleel-toc" aria-labelledby="daleel-toc-h"><h1 id="daleel-toc-h">{_e(t["toc"])}</h1>'
        + f"<ol>{''.join(toc)}</ol></nav>\n"
        + f'<main class="md-typeset">{"".join(body)}</main>\n'
        + colophon(lang, version)
        + "</body>\n</html>\n"
    )


def downloads_html(lang: str, page_url: str) -> str:
    """The home page's list of PDFs (sizes are filled in after rendering)."""
    t = T[lang]
    path = page_url.strip("/")
    if lang != "ar":
        path = path.removeprefix(lang).strip("/")
    to_lang_root = "../" * (path.count("/") + 1 if path else 0)
    items = "".join(
        f'<li><a href="{_e(to_lang_root)}downloads/{doc}.pdf" download="{download_name(lang, doc)}" '
        f'type="application/pdf">{_e(t[doc])}</a> '
        f'<span class="daleel-pdf-size" data-daleel-pdf="{lang}/{doc}"></span>: {_e(t[doc + "_hint"])}</li>'
        for doc in DOCS
    )
    return f'<ul class="daleel-downloads">{items}</ul>'


def _pdf_info_slot(pdf_lang: str, doc: str, field: str, page_lang: str) -> str:
    """An empty slot scripts/build_pdfs.py fills once the PDF exists (pages, size)."""
    return (
        f'<span class="daleel-pdf-info" data-daleel-pdf="{pdf_lang}/{doc}" '
        f'data-daleel-field="{field}" data-daleel-page-lang="{page_lang}"></span>'
    )


def downloads_table(lang: str, page_url: str) -> str:
    """The downloads page's table: the PDFs of the page's language, with language, pages,
    size and build date (pages and size are filled in after rendering). Each language's page
    lists its own editions, like the home pages (the parity test compares link paths); the
    other language's are one click away through the language switcher."""
    here = "/" + page_url.strip("/") + "/"
    date = build_date()
    head = "".join(
        f'<th scope="col">{_e(text(f"pdf.downloads_{key}", lang=lang))}</th>'
        for key in ("document", "language", "pages", "size", "date")
    )
    rows = []
    for pdf_lang in (lang,):
        for doc in DOCS:
            href = posixpath.relpath("/" + pdf_path(pdf_lang, doc), here)
            name = _e(text(f"pdf.downloads_{doc}", lang=lang))
            rows.append(
                "<tr>"
                f'<th scope="row"><a href="{_e(href)}" download="{download_name(pdf_lang, doc)}" '
                f'type="application/pdf" hreflang="{pdf_lang}">{name}</a></th>'
                f"<td>{_e(text(f'pdf.downloads_lang_{pdf_lang}', lang=lang))}</td>"
                f"<td>{_pdf_info_slot(pdf_lang, doc, 'pages', lang)}</td>"
                f"<td>{_pdf_info_slot(pdf_lang, doc, 'size', lang)}</td>"
                f'<td><time datetime="{date}" dir="ltr">{date}</time></td>'
                "</tr>"
            )
    caption = _e(text("pdf.downloads_caption", lang=lang))
    return (
        # Material's wrapper and class-less table: the site's table style, scrolling on phones.
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        f'<table id="daleel-downloads-table"><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>"
    )


def on_env(env: Any, config: Any, **_: Any) -> Any:
    """The footer's PDF labels (overrides/partials/copyright.html) in the build's language."""
    lang = str(config["theme"]["language"])
    env.globals["daleel_pdf"] = {
        key: text(f"pdf.footer_{key}", lang=lang)
        for key in ("label", "guideline", "checklist", "downloads")
    }
    return env


def on_pre_build(**_: Any) -> None:
    _state.order.clear()
    _state.pages.clear()


@event_priority(-200)  # after mkdocs-static-i18n has narrowed the nav to the current language
def on_nav(nav: Any, **_: Any) -> Any:
    for page in nav.pages:
        lang, rel = _split(str(page.file.src_uri))
        _state.order.setdefault(lang, []).append(rel)
    return nav


@event_priority(-200)  # after the other hooks have finished the page's HTML
def on_page_content(content: str, page: Any, **_: Any) -> str:
    lang, rel = _split(str(page.file.src_uri))
    if rel == "index.md" and MARKER in content:
        content = content.replace(MARKER, downloads_html(lang, str(page.url)), 1)
    if TABLE_MARKER in content:
        content = content.replace(TABLE_MARKER, downloads_table(lang, str(page.url)), 1)
    if _printed(rel):
        _state.pages.setdefault(lang, {})[rel] = (str(page.url), content)
    return content


def copy_print_fonts(site: Path) -> None:
    fonts = site / "assets" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for name in PRINT_FONTS:
        source = PRINT_FONT_PACKAGE / name
        if not source.is_file():
            raise SystemExit(f"{source} is missing: run `make setup` (npm ci) first")
        shutil.copy2(source, fonts / name)


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    copy_print_fonts(site)
    out = site / OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    for lang in sorted(_state.pages):
        (out / f"guideline-{lang}.html").write_text(render_guideline(lang, site), encoding="utf-8")
        headings: dict[tuple[str, str], str] = {}
        for rel, (_url, content) in _state.pages[lang].items():
            page = rel.removesuffix(".md")
            for level, hid, inner in _ANY_HEADING.findall(_HEADERLINK.sub("", content)):
                headings[(page, hid)] = _text(inner)
                if level == "1":
                    headings.setdefault((page, ""), _text(inner))
        title, body = render_worksheet(lang, headings, cover, colophon)
        (out / f"checklist-{lang}.html").write_text(
            _head(lang, title, site) + body + "\n</body>\n</html>\n", encoding="utf-8"
        )
