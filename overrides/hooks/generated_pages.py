"""Fill the glossary and editorial-notes pages from their data files.

A page marks the place with `<!-- daleel:glossary -->` or `<!-- daleel:editorial-notes -->`,
so the prose around the table stays in Markdown and only the data is generated.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from site_data import CORRECTIONS, GLOSSARY, load_yaml, page_language

LABELS = {
    "ar": {
        "term_ar": "المصطلح بالعربية",
        "term_en": "المصطلح بالإنجليزية",
        "definition": "التعريف",
        "source": "المصدر",
        "from_guideline": "الدليل",
        "editorial": "شرح تحريري",
        "line": "السطر في المصدر",
        "kind": "نوع التصحيح",
        "original": "النص الأصلي",
        "corrected": "بعد التصحيح",
        "reason": "السبب",
        "caption_glossary": "مسرد المصطلحات بالعربية والإنجليزية",
        "caption_notes": "التصحيحات على النص المصدر",
        "none": "—",
        "kinds": {
            "replace": "تصحيح",
            "delete": "حذف تكرار",
            "move": "نقل",
            "incomplete": "نص ناقص",
            "note": "ملاحظة دون تغيير",
        },
    },
    "en": {
        "term_ar": "Arabic term",
        "term_en": "English term",
        "definition": "Definition",
        "source": "Source",
        "from_guideline": "Guideline",
        "editorial": "Editorial note",
        "line": "Source line",
        "kind": "Kind of change",
        "original": "Original text",
        "corrected": "Corrected text",
        "reason": "Reason",
        "caption_glossary": "Glossary of terms in Arabic and English",
        "caption_notes": "Corrections made to the source text",
        "none": "—",
        "kinds": {
            "replace": "Correction",
            "delete": "Duplicate removed",
            "move": "Moved",
            "incomplete": "Incomplete text",
            "note": "Note, no change",
        },
    },
}


def _ar(text: str) -> str:
    return f'<span lang="ar" dir="rtl">{html.escape(text)}</span>'


def _en(text: str) -> str:
    return f'<span lang="en" dir="ltr">{html.escape(text)}</span>'


def glossary_table(lang: str) -> str:
    t = LABELS[lang]
    rows = []
    for term in load_yaml(GLOSSARY):
        source = term["source"]
        if source == "editorial":
            src = t["editorial"]
        else:
            src = f'<a href="../{source.removesuffix(".md")}/">{t["from_guideline"]}</a>'
        slug = term["en"].lower().replace(" ", "-")
        rows.append(
            f'<tr id="term-{html.escape(slug)}"><th scope="row">{_ar(term["ar"])}</th>'
            f"<td>{_en(term['en'])}</td>"
            f"<td>{html.escape(term['definition'][lang])}</td><td>{src}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{t[k]}</th>' for k in ("term_ar", "term_en", "definition", "source")
    )
    return _table(t["caption_glossary"], head, rows)


def _prose(text: str, lang: str) -> str:
    """Escape prose; in English prose, mark Arabic quoted in «» as Arabic for screen readers."""
    out = html.escape(text)
    if lang == "en":
        out = re.sub(r"«([^»]+)»", r'«<span lang="ar" dir="rtl">\1</span>»', out)
    return out


def _quote(text: str | None, t: dict[str, Any]) -> str:
    if not text:
        return t["none"]
    return f'<q lang="ar" dir="rtl">{html.escape(text.strip())}</q>'


def notes_table(lang: str) -> str:
    t = LABELS[lang]
    rows = []
    for c in load_yaml(CORRECTIONS):
        line = str(c["line"]) + (
            f"–{c['end_line']}" if c.get("end_line", c["line"]) != c["line"] else ""
        )
        corrected = c.get("corrected")
        if c["kind"] == "delete":
            corrected = None
        rows.append(
            f'<tr id="{html.escape(c["id"])}"><td>{line}</td><td>{t["kinds"][c["kind"]]}</td>'
            f"<td>{_quote(c.get('original'), t)}</td><td>{_quote(corrected, t)}</td>"
            f"<td>{_prose(c['reason'][lang], lang)}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{t[k]}</th>' for k in ("line", "kind", "original", "corrected", "reason")
    )
    return _table(t["caption_notes"], head, rows)


def _table(caption: str, head: str, rows: list[str]) -> str:
    return (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        f"<caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )


MARKERS = {
    "<!-- daleel:glossary -->": glossary_table,
    "<!-- daleel:editorial-notes -->": notes_table,
}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    lang = page_language(page.file.src_uri)
    for marker, render in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render(lang))
    return markdown
