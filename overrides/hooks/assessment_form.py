# ruff: noqa: E501  (bilingual interface strings and HTML read better unbroken)
"""Render the self-assessment form into the assessment page of each language at build time.

`docs/{ar,en}/assessment.md` marks the place with `<!-- daleel:assessment-form -->`. The form
is generated from the engine's checklist (`assessment/data/checklist.json`), so every question
can be read and answered before any script runs; the page script (assets/javascripts/assessment/)
adds autosave, scoring in Pyodide, downloads and imports on top of it.

Also: the assessment stylesheet is linked from the <head> of the assessment pages only, and
after the build every guideline link the form makes is checked against the built pages (a
missing anchor is a warning, so `mkdocs build --strict` fails on it).
"""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = ROOT / "assessment" / "data" / "checklist.json"
DOCS = ROOT / "docs"
MARKER = "<!-- daleel:assessment-form -->"
PAGE = "assessment.md"
log = logging.getLogger("mkdocs.hooks.assessment_form")

VALUES = ("yes", "partial", "no", "na")

LABELS: dict[str, dict[str, Any]] = {
    "ar": {
        "values": {"yes": "نعم", "partial": "جزئياً", "no": "لا", "na": "لا ينطبق"},
        "answer": "الإجابة",
        "obligation": "درجة الإلزام",
        "obligations": {"must": "إلزامي", "should": "مفضّل", "may": "اختياري"},
        "critical": "بند حرج",
        "note": "ملاحظة (اختيارية)",
        "section": "القسم في الدليل",
        "domain_section": "اقرأ هذا المحور في الدليل",
        "details": "لماذا هذا البند، وما الدليل على تحقيقه؟",
        "why": "لماذا",
        "fix": "كيف تعالجه",
        "evidence": "ما يثبت تحقيقه",
        "progress": "أُجيب عن {answered} من {total}",
        "progress_label": "التقدّم في الإجابة",
        "jump": "انتقل إلى أول سؤال لم تُجب عنه",
        "entity": "بيانات الجهة",
        "entity_hint": "تظهر هذه البيانات في التقرير واسم الملف. لا تُرسل إلى أي مكان.",
        "name": "اسم الجهة",
        "unit": "الوحدة التنظيمية",
        "assessor": "اسم القائم بالتقييم",
        "date": "تاريخ التقييم",
        "questions": "أسئلة التقييم",
        "results": "النتائج",
        "results_pending": "ستظهر الدرجات هنا عند جاهزية أداة الاحتساب، وتتحدّث مع كل إجابة.",
        "save": "التنزيل والطباعة",
        "download_html": "تنزيل التقرير (HTML)",
        "download_json": "تنزيل الإجابات والنتائج (JSON)",
        "download_csv": "تنزيل الجدول (CSV)",
        "print": "طباعة / حفظ بصيغة PDF",
        "downloads_hint": "تُنشأ الملفات في متصفحك بلغة هذه الصفحة، ولا يُرسل شيء إلى أي خادم.",
        "import": "استيراد تقييم سابق",
        "import_hint": "اختر ملف JSON نزّلته من هذه الصفحة سابقاً: إما لمتابعة الإجابة عليه، أو لمقارنة إجاباتك الحالية به.",
        "import_file": "ملف التقييم (JSON)",
        "resume": "متابعة من هذا الملف",
        "compare": "المقارنة بهذا الملف",
        "clear_compare": "إلغاء المقارنة",
        "restart": "البدء من جديد",
        "restart_hint": "يمسح جميع الإجابات وبيانات الجهة المحفوظة في هذا المتصفح.",
        "dialog_title": "هل تريد البدء من جديد؟",
        "dialog_body": "سيؤدي ذلك إلى مسح جميع إجاباتك وبيانات الجهة من هذا المتصفح نهائياً. يمكنك تنزيل إجاباتك أولاً للاحتفاظ بنسخة منها.",
        "dialog_download": "تنزيل إجاباتي أولاً (JSON)",
        "dialog_confirm": "مسح الإجابات والبدء من جديد",
        "dialog_cancel": "إلغاء",
        "retry": "إعادة المحاولة",
        "report_title": "تقرير التقييم الذاتي",
    },
    "en": {
        "values": {"yes": "Yes", "partial": "Partly", "no": "No", "na": "Not applicable"},
        "answer": "Answer",
        "obligation": "Obligation",
        "obligations": {"must": "Must", "should": "Should", "may": "May"},
        "critical": "Critical item",
        "note": "Note (optional)",
        "section": "In the guideline",
        "domain_section": "Read this domain in the guideline",
        "details": "Why this item matters, and what shows it is met",
        "why": "Why",
        "fix": "How to fix it",
        "evidence": "Evidence",
        "progress": "{answered} of {total} answered",
        "progress_label": "Answering progress",
        "jump": "Go to the first unanswered question",
        "entity": "Entity details",
        "entity_hint": "These details appear in the report and the file names. They are not sent anywhere.",
        "name": "Entity name",
        "unit": "Unit",
        "assessor": "Assessor",
        "date": "Assessment date",
        "questions": "Assessment questions",
        "results": "Results",
        "results_pending": "Scores appear here once the scoring engine is ready, and update with every answer.",
        "save": "Download and print",
        "download_html": "Download report (HTML)",
        "download_json": "Download answers and results (JSON)",
        "download_csv": "Download table (CSV)",
        "print": "Print / Save as PDF",
        "downloads_hint": "Files are produced in your browser in the language of this page; nothing is sent to any server.",
        "import": "Import a previous assessment",
        "import_hint": "Choose a JSON file downloaded from this page before: either to continue answering it, or to compare your current answers with it.",
        "import_file": "Assessment file (JSON)",
        "resume": "Resume from this file",
        "compare": "Compare with this file",
        "clear_compare": "Stop comparing",
        "restart": "Start over",
        "restart_hint": "Erases all answers and entity details saved in this browser.",
        "dialog_title": "Start over?",
        "dialog_body": "This permanently erases all your answers and entity details from this browser. You can download your answers first to keep a copy.",
        "dialog_download": "Download my answers first (JSON)",
        "dialog_confirm": "Erase answers and start over",
        "dialog_cancel": "Cancel",
        "retry": "Try again",
        "report_title": "Self-assessment report",
    },
}

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_SAFE_PAGE = re.compile(r"^guideline/[a-z0-9\-]+$")
_links: set[tuple[str, str, str]] = set()


def load_checklist() -> dict[str, Any]:
    with CHECKLIST.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _safe_id(value: str) -> str:
    if not _SAFE_ID.match(value):
        raise ValueError(f"checklist id not usable in HTML: {value!r}")
    return value


def _page_title(lang: str, page: str) -> str:
    path = DOCS / lang / f"{page}.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page


def _section_link(lang: str, section: dict[str, Any], text: str) -> str:
    page = section["page"]
    if not _SAFE_PAGE.match(page):
        raise ValueError(f"checklist section page is not a guideline page: {page!r}")
    anchor = section.get("anchor", {}).get(lang) or ""
    _links.add((lang, page, anchor))
    href = f"../{page}/" + (f"#{anchor}" if anchor else "")
    return f'<a href="{_e(href)}">{_e(text)}</a>'


def _field(kind: str, label: str, autocomplete: str, input_type: str = "text") -> str:
    fid = f"daleel-entity-{kind}"
    return (
        f'<div class="daleel-field"><label for="{fid}">{_e(label)}</label>'
        f'<input type="{input_type}" id="{fid}" name="entity.{kind}" data-entity="{kind}" '
        f'autocomplete="{autocomplete}" maxlength="300"></div>'
    )


def _item(lang: str, item: dict[str, Any], domain_title: str) -> str:
    t = LABELS[lang]
    iid = _safe_id(item["id"])
    obligation = item["obligation"]
    source_word = item.get("source_word") or ""
    obligation_html = _e(t["obligations"].get(obligation, obligation))
    if source_word:
        # The source's own word, marked as Arabic so English screen readers switch voice.
        word = f'«<span lang="ar" dir="rtl">{_e(source_word)}</span>»'
        obligation_html += f" {word}" if lang == "ar" else f" (Arabic: {word})"
    section = item["section"]
    page_title = _page_title(lang, section["page"])
    radios = "".join(
        f'<label class="daleel-option"><input type="radio" name="q-{iid}" value="{v}" '
        f'data-item="{iid}"><span>{_e(t["values"][v])}</span></label>'
        for v in VALUES
    )
    critical = (
        f'<span class="daleel-badge daleel-badge--critical">{_e(t["critical"])}</span>'
        if item.get("critical")
        else ""
    )
    details = "".join(
        f"<dt>{_e(t[key])}</dt><dd>{_e(item[key][lang])}</dd>"
        for key in ("why", "fix", "evidence")
        if item.get(key, {}).get(lang)
    )
    return (
        f'<fieldset class="daleel-item" id="item-{iid}" data-item="{iid}" '
        f'data-obligation="{_e(obligation)}">'
        f'<legend><span class="daleel-item-id">{_e(iid)}</span> {_e(item["question"][lang])}</legend>'
        f'<p class="daleel-meta"><span class="daleel-badge daleel-badge--{_e(obligation)}">'
        f"{_e(t['obligation'])}: {obligation_html}</span>{critical} "
        f'<span class="daleel-section-link">{_e(t["section"])}: '
        f"{_section_link(lang, section, page_title)}</span></p>"
        f'<div class="daleel-options">{radios}</div>'
        f'<div class="daleel-note"><label for="note-{iid}">{_e(t["note"])}</label>'
        f'<textarea id="note-{iid}" name="note-{iid}" data-note="{iid}" rows="2" maxlength="5000"></textarea></div>'
        + (
            f'<details class="daleel-why"><summary>{_e(t["details"])}</summary><dl>{details}</dl></details>'
            if details
            else ""
        )
        + "</fieldset>"
    )


def render_form(lang: str, checklist: dict[str, Any] | None = None) -> str:
    data = checklist if checklist is not None else load_checklist()
    t = LABELS[lang]
    items = data["items"]
    total = len(items)
    parts = [
        f'<div class="daleel-assessment" id="daleel-assessment" data-lang="{lang}" '
        f'data-checklist="{_e(data["id"])}" data-checklist-version="{_e(data["version"])}" data-total="{total}" '
        f'data-renamed="{_e(json.dumps(data.get("renamed") or {}))}" data-removed="{_e(json.dumps(data.get("removed") or []))}">',
        '<div class="daleel-status" id="daleel-status" role="status" aria-live="polite" aria-atomic="true"></div>',
        '<div class="daleel-alert daleel-alert--error" id="daleel-engine-error" hidden>'
        '<p id="daleel-engine-error-text"></p>'
        f'<button type="button" class="md-button" id="daleel-retry">{_e(t["retry"])}</button></div>',
        '<div class="daleel-alert daleel-alert--warning" id="daleel-storage-warning" hidden><p></p></div>',
        '<form class="daleel-form" id="daleel-form" novalidate>',
        f'<div class="daleel-progress"><p id="daleel-progress-text">'
        f"{_e(t['progress'].format(answered=0, total=total))}</p>"
        f'<progress id="daleel-progress" max="{total}" value="0" aria-label="{_e(t["progress_label"])}"></progress>'
        f'<button type="button" class="md-button" id="daleel-jump">{_e(t["jump"])}</button></div>',
        f'<section class="daleel-entity" aria-labelledby="daleel-entity-h"><h2 id="daleel-entity-h">{_e(t["entity"])}</h2>'
        f'<p class="daleel-hint">{_e(t["entity_hint"])}</p><div class="daleel-fields">'
        + _field("name", t["name"], "organization")
        + _field("unit", t["unit"], "off")
        + _field("assessor", t["assessor"], "name")
        + _field("date", t["date"], "off", "date")
        + "</div></section>",
    ]
    for domain in data["domains"]:
        did = _safe_id(domain["id"])
        title = f"{domain['number']}. {domain['title'][lang]}"
        parts.append(
            f'<section class="daleel-domain" id="domain-{did}" aria-labelledby="domain-{did}-h">'
            f'<h2 id="domain-{did}-h">{_e(title)}</h2>'
            f'<p class="daleel-domain-link">{_section_link(lang, domain["section"], t["domain_section"])}</p>'
        )
        parts.extend(_item(lang, item, title) for item in items if item["domain"] == domain["id"])
        parts.append("</section>")
    parts.append("</form>")
    parts.append(
        f'<section class="daleel-results" id="daleel-results" aria-labelledby="daleel-results-h">'
        f'<h2 id="daleel-results-h">{_e(t["results"])}</h2>'
        f'<div class="daleel-report-head" id="daleel-report-head"></div>'
        f'<div id="daleel-results-body"><p>{_e(t["results_pending"])}</p></div></section>'
    )
    parts.append(
        f'<section class="daleel-actions" aria-labelledby="daleel-actions-h">'
        f'<h2 id="daleel-actions-h">{_e(t["save"])}</h2><p class="daleel-hint">{_e(t["downloads_hint"])}</p>'
        '<div class="daleel-buttons">'
        f'<button type="button" class="md-button" data-download="html" disabled>{_e(t["download_html"])}</button>'
        f'<button type="button" class="md-button" data-download="json">{_e(t["download_json"])}</button>'
        f'<button type="button" class="md-button" data-download="csv" disabled>{_e(t["download_csv"])}</button>'
        f'<button type="button" class="md-button" id="daleel-print">{_e(t["print"])}</button></div>'
        f'<h3 id="daleel-import-h">{_e(t["import"])}</h3><p class="daleel-hint">{_e(t["import_hint"])}</p>'
        f'<div class="daleel-field"><label for="daleel-import-file">{_e(t["import_file"])}</label>'
        '<input type="file" id="daleel-import-file" accept=".json,application/json"></div>'
        '<div class="daleel-buttons">'
        f'<button type="button" class="md-button" id="daleel-resume">{_e(t["resume"])}</button>'
        f'<button type="button" class="md-button" id="daleel-compare">{_e(t["compare"])}</button>'
        f'<button type="button" class="md-button" id="daleel-clear-compare" hidden>{_e(t["clear_compare"])}</button></div>'
        '<div class="daleel-alert daleel-alert--error" id="daleel-import-error" tabindex="-1" hidden></div>'
        f'<h3 id="daleel-restart-h">{_e(t["restart"])}</h3><p class="daleel-hint">{_e(t["restart_hint"])}</p>'
        f'<button type="button" class="md-button" id="daleel-restart">{_e(t["restart"])}</button>'
        "</section>"
    )
    parts.append(
        '<dialog class="daleel-dialog" id="daleel-dialog" aria-labelledby="daleel-dialog-h" aria-describedby="daleel-dialog-body">'
        f'<h2 id="daleel-dialog-h">{_e(t["dialog_title"])}</h2><p id="daleel-dialog-body">{_e(t["dialog_body"])}</p>'
        '<div class="daleel-buttons">'
        f'<button type="button" class="md-button" id="daleel-dialog-download">{_e(t["dialog_download"])}</button>'
        f'<button type="button" class="md-button daleel-danger" id="daleel-dialog-confirm">{_e(t["dialog_confirm"])}</button>'
        f'<button type="button" class="md-button" id="daleel-dialog-cancel" autofocus>{_e(t["dialog_cancel"])}</button>'
        "</div></dialog>"
    )
    parts.append("</div>")
    return "".join(parts)


MODULES = ("main.js", "engine.js", "results.js", "strings.js")


def _lang(page: Any) -> str:
    return str(page.file.src_uri).split("/", 1)[0]


def _is_assessment(page: Any) -> bool:
    uri = str(page.file.src_uri)
    return uri.split("/", 1)[-1] == PAGE


def on_page_content(content: str, page: Any, **_: Any) -> str:
    if not _is_assessment(page) or MARKER not in content:
        return content
    return content.replace(MARKER, render_form(_lang(page)), 1)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    if not _is_assessment(page):
        return output
    depth = str(page.url).strip("/").count("/") + 1 if page.url.strip("/") else 0
    base = "../" * depth + "assets/"
    links = f'<link rel="stylesheet" href="{base}stylesheets/assessment.css">\n'
    # The page's module graph, fetched with the page instead of one round trip after main.js
    # (the first question is answerable only once main.js has run; scripts/bench.py).
    links += "".join(
        f'<link rel="modulepreload" href="{base}javascripts/assessment/{name}">\n'
        for name in MODULES
    )
    # Starts the worker while the form is parsed; main.js adopts it (early.js).
    links += f'<script type="module" async src="{base}javascripts/assessment/early.js"></script>\n'
    return output.replace("</head>", f"{links}</head>", 1)


def on_pre_build(**_: Any) -> None:
    _links.clear()


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    for lang, page, anchor in sorted(_links):
        built = site / ("" if lang == "ar" else lang) / page / "index.html"
        if not built.is_file():
            log.warning("assessment form links to a missing page: %s (%s)", page, lang)
        elif anchor and f'id="{anchor}"' not in built.read_text(encoding="utf-8"):
            log.warning("assessment form links to a missing anchor: %s#%s (%s)", page, anchor, lang)
