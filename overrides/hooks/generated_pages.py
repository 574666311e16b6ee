"""Fill the glossary and editorial-notes pages, and editorial notes on chapters, from data files.

A page marks the place with `<!-- daleel:glossary -->`, `<!-- daleel:editorial-notes -->` or
`<!-- daleel:note ID -->` (the correction `ID` of source/corrections.yml, shown as a note box
on the chapter it concerns), so the prose around them stays in Markdown and only the data is
generated. Every label comes from assessment/data/strings/<lang>.json.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from site_data import CORRECTIONS, GLOSSARY, load_yaml, page_language

from assessment.strings import text

NOTE_MARKER = re.compile(r"<!-- daleel:note ([a-z0-9-]+) -->")


def _ar(value: str) -> str:
    return f'<span lang="ar" dir="rtl">{html.escape(value)}</span>'


def _en(value: str) -> str:
    return f'<span lang="en" dir="ltr">{html.escape(value)}</span>'


def glossary_table(lang: str) -> str:
    def t(key: str) -> str:
        return text(f"site.glossary.{key}", lang=lang)

    rows = []
    for term in load_yaml(GLOSSARY):
        source = term["source"]
        if source == "editorial":
            src = t("editorial")
        else:
            src = f'<a href="../{source.removesuffix(".md")}/">{t("from_guideline")}</a>'
        definition = html.escape(term["definition"][lang])
        if term.get("abridged"):
            definition += f' <em class="daleel-abridged">({html.escape(t("abridged"))})</em>'
        slug = term["en"].lower().replace(" ", "-")
        rows.append(
            f'<tr id="term-{html.escape(slug)}"><th scope="row">{_ar(term["ar"])}</th>'
            f"<td>{_en(term['en'])}</td><td>{definition}</td><td>{src}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{t(k)}</th>'
        for k in ("col_term_ar", "col_term_en", "col_definition", "col_source")
    )
    return _table(t("caption"), head, rows)


def _prose(value: str, lang: str) -> str:
    """Escape prose; in English prose, mark Arabic quoted in «» as Arabic for screen readers."""
    out = html.escape(value)
    if lang == "en":
        out = re.sub(r"«([^»]+)»", r'«<span lang="ar" dir="rtl">\1</span>»', out)
    return out


def _quote(value: str | None, lang: str) -> str:
    if not value:
        return text("site.notes.none", lang=lang)
    return f'<q lang="ar" dir="rtl">{html.escape(value.strip())}</q>'


def notes_table(lang: str) -> str:
    def t(key: str) -> str:
        return text(f"site.notes.{key}", lang=lang)

    rows = []
    for c in load_yaml(CORRECTIONS):
        line = str(c["line"]) + (
            f"–{c['end_line']}" if c.get("end_line", c["line"]) != c["line"] else ""
        )
        corrected = None if c["kind"] == "delete" else c.get("corrected")
        rows.append(
            f'<tr id="{html.escape(c["id"])}"><td>{line}</td><td>{t("kind." + c["kind"])}</td>'
            f"<td>{_quote(c.get('original'), lang)}</td><td>{_quote(corrected, lang)}</td>"
            f"<td>{_prose(c['reason'][lang], lang)}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{t(k)}</th>'
        for k in ("col_line", "col_kind", "col_original", "col_corrected", "col_reason")
    )
    return _table(t("caption"), head, rows)


def chapter_note(correction_id: str, lang: str, corrections: list[dict[str, Any]]) -> str:
    """A correction's reason as a note box on its chapter, linking to its editorial-notes row."""
    found = [c for c in corrections if c["id"] == correction_id]
    if not found:
        raise ValueError(f"<!-- daleel:note {correction_id} -->: no such correction")
    title = text("site.notes.page_title", lang=lang)
    link = text("site.notes.page_link", lang=lang)
    body = _prose(found[0]["reason"][lang], lang)
    # Chapters live one folder below the editorial-notes page (docs/<lang>/guideline/).
    return (
        f'!!! note "{title}"\n'
        f"    {body} [{link}](../editorial-notes.md#{correction_id})\n"
    )


def _table(caption: str, head: str, rows: list[str]) -> str:
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        f"<caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )


MARKERS: dict[str, Callable[[str], str]] = {
    "<!-- daleel:glossary -->": glossary_table,
    "<!-- daleel:editorial-notes -->": notes_table,
}


def render(markdown: str, lang: str) -> str:
    """The page's Markdown with every daleel marker replaced by its generated content."""
    for marker, make in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make(lang))
    if NOTE_MARKER.search(markdown):
        corrections = load_yaml(CORRECTIONS)
        markdown = NOTE_MARKER.sub(lambda m: chapter_note(m[1], lang, corrections), markdown)
    return markdown


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    return render(markdown, page_language(page.file.src_uri))
