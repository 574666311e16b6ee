"""One search index per language, holding what a reader searches for, in results that fit.

1. Before Material's search plugin reads a page (`on_page_context`, priority 50): form controls
   (labels, buttons, options, text areas, item guidance) are marked `data-search-exclude`, which
   the search plugin honours and then strips from the page; every page gets a search boost by
   kind (`BOOSTS`) so that a chapter section outranks the glossary, assessment or notes
   for a term they merely mention.
2. After the build of the last language (`on_post_build`), the combined index that
   mkdocs-static-i18n writes is rewritten by `build_indexes()`, a pure function of that index,
   the built glossary and editorial-notes pages, the checklist's item ids and the languages:
   one index per language (`/search/`, `/en/search/`), checklist ids removed, the generated
   tables indexed row by row (each row links to its anchor), and each result's displayed text
   capped at `SNIPPET` characters. The full text stays searchable in a `body` field.
3. English pages point their search `base` at `/en/` (`on_post_page`).

No state is kept between the Arabic and English builds: each step reads its inputs from the
page, the configuration or the written files.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from assessment.checklist import default_checklist
from assessment.languages import CODES, DEFAULT, language, of_path

BASE = re.compile(r'("base": ")([^"]*)(")')
# Characters of section text a search result shows (the whole text is still searched).
SNIPPET = 240
# Search boost by page (first matching prefix, language prefix removed). Chapters rank first;
# pages that restate or act on the guideline (glossary, tools, assessment, notes) follow it.
# Without Arabic stemming «كلمة المرور» misses chapter 13's «كلمات المرور», so a tool page
# that names both words must weigh far less than a chapter to leave it in the top three.
BOOSTS: tuple[tuple[str, float], ...] = (
    ("guideline/", 2.0),
    ("glossary", 0.15),
    ("methodology", 0.5),
    ("editorial-notes", 0.2),
    ("assessment", 0.3),
    ("tools/", 0.1),
    ("", 0.5),
)
# Material weighs a word in a heading like 1,000 in the text, so a page that names a term in one
# heading (the methodology's "passwords") outranks the chapter that deals with it; 10 keeps
# headings first among equals without drowning the text.
TITLE_BOOST = 10.0
FORM_TEXT = re.compile(r"<(label|button|select|option|textarea|output|summary|details)\b")
TABLE_PAGES = ("glossary/", "editorial-notes/")
_TAGS = re.compile(r"<[^>]+>")


def _page_path(src_uri: str) -> str:
    """The page's path without its language folder: `guideline/05-governance.md`."""
    head, _, rest = src_uri.partition("/")
    return rest if head in CODES else src_uri


def boost_for(src_uri: str) -> float:
    path = _page_path(src_uri)
    return next(boost for prefix, boost in BOOSTS if path.startswith(prefix))


def exclude_form_text(content: str) -> str:
    """Mark form controls so the search index leaves them out (the attribute is removed later)."""
    return FORM_TEXT.sub(r'<\1 data-search-exclude="form"', content)


@event_priority(50)  # before Material's search plugin indexes the page
def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    page.meta["search"] = {**(page.meta.get("search") or {}), "boost": boost_for(page.file.src_uri)}
    page.content = exclude_form_text(page.content or "")
    return context


def on_post_page(output: str, page: Any, **_: Any) -> str:
    prefix = of_path(page.file.src_uri).prefix
    if not prefix:
        return output
    head, sep, tail = output.partition('<script id="__config" type="application/json">')
    if not sep:
        return output
    config, end, rest = tail.partition("</script>")
    config = BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/') or '.'}/{prefix}{m[3]}", config, count=1)
    return head + sep + config + end + rest


class _Rows(HTMLParser):
    """Rows of the tables in a page's article: (row id, [cell texts])."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((dict(attrs).get("id") or "", []))
        elif tag in ("td", "th") and self.rows:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(page_html: str) -> list[tuple[str, list[str]]]:
    parser = _Rows()
    parser.feed(page_html)
    return [(rid, cells) for rid, cells in parser.rows if rid and cells]


def row_entries(page: str, page_html: str, boost: float, lang: str) -> list[dict[str, Any]]:
    """One entry per table row with an id: the term or kind of change as title, the rest as text."""
    out = []
    for rid, cells in table_rows(page_html):
        if page.startswith("glossary/"):  # Arabic term, English term, definition, source
            title = f"{cells[0]} ({cells[1]})" if lang == DEFAULT.code else cells[1]
            text = cells[2] if len(cells) > 2 else ""
        else:  # line, kind, original, corrected, reason: the reason first, as the snippet
            title, text = cells[1], " ".join([cells[-1], *cells[2:-1]])
        out.append({"location": f"{page}#{rid}", "title": title, "text": text, "boost": boost})
    return out


def snippet(text: str, limit: int = SNIPPET) -> str:
    """At most `limit` characters of plain text, cut at a word boundary."""
    plain = " ".join(html.unescape(_TAGS.sub(" ", text)).split())
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0] + " …"


_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{3,}")


def number_variants(text: str) -> str:
    """The other number of Arabic words in -ة / -ات («كلمة» / «كلمات»), for the searched body only.

    The index has no Arabic stemmer, so «كلمة المرور» missed chapter 13's «كلمات المرور». A wrong
    guess («أدوات» → «أدوة») only adds a token nobody searches for.
    """
    out = []
    for word in dict.fromkeys(_ARABIC_WORD.findall(text)):
        if word.endswith("ات") and len(word) > 4:
            out.append(word[:-2] + "ة")
        elif word.endswith("ة"):
            out.append(word[:-1] + "ات")
    return " ".join(out)


def clean_entry(entry: dict[str, Any], ids: re.Pattern[str], lang: str) -> dict[str, Any]:
    body = " ".join(_TAGS.sub(" ", ids.sub(" ", entry.get("text", ""))).split())
    searched = f"{body} {number_variants(body)}".strip() if lang == "ar" else body
    return {**entry, "text": snippet(body), "body": searched}


def build_indexes(
    index: dict[str, Any], tables: dict[str, dict[str, str]], item_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """The index of each language from the combined one. `tables[lang][page]` is the built HTML
    of a page whose table rows become entries ("glossary/", "editorial-notes/")."""
    ids = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(map(re.escape, sorted(item_ids, key=len, reverse=True)))
        + r")(?![\w-])"
    )
    fields = {**index["config"]["fields"], "title": {"boost": TITLE_BOOST}, "body": {"boost": 1.0}}
    # The displayed text is a prefix of the body: without a tiny boost it would count twice.
    fields["text"] = {"boost": 1e-6}
    out = {}
    for code in CODES:
        prefix = language(code).prefix
        docs = []
        for doc in index["docs"]:
            if of_path(doc["location"]).code != code:
                continue
            location = doc["location"].removeprefix(prefix)
            page = location.split("#", 1)[0]
            if page in tables.get(code, {}):
                if "#" not in location:  # the table replaces the page's own text
                    boost = doc.get("boost", 1.0)
                    docs.append(clean_entry({**doc, "location": location, "text": ""}, ids, code))
                    rows = row_entries(page, tables[code][page], boost, code)
                    docs += [clean_entry(r, ids, code) for r in rows]
                continue
            docs.append(clean_entry({**doc, "location": location}, ids, code))
        lang = [code] if code != DEFAULT.code else index["config"]["lang"]
        out[code] = {**index, "config": {**index["config"], "lang": lang, "fields": fields}}
        out[code]["docs"] = docs
    return out


# After mkdocs-static-i18n has written the combined index (its on_post_build, priority -100,
# runs first and builds the other languages from within the default language's build).
@event_priority(-100)
def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    present = {of_path(d["location"]).code for d in index["docs"]}
    if present != set(CODES):  # not the combined index yet, or already split
        return
    tables = {
        code: {
            page: (site / language(code).prefix / page / "index.html").read_text(encoding="utf-8")
            for page in TABLE_PAGES
            if (site / language(code).prefix / page / "index.html").is_file()
        }
        for code in CODES
    }
    item_ids = [item.id for item in default_checklist().items]
    for code, lang_index in build_indexes(index, tables, item_ids).items():
        out = site / language(code).prefix / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(lang_index, ensure_ascii=False), encoding="utf-8")
