# ruff: noqa: E501  (HTML templates read better unbroken)
"""Render the three daily-work tools into their pages at build time (issue 15).

`docs/{ar,en}/tools/<tool>.md` marks the place with `<!-- daleel:tool:<tool> -->`. Every line,
label and source sentence is there before any script runs (from data/tools/pre-publication.yml,
assessment/data/reminders.json and the `tools.` strings); the page's module in
assets/javascripts/tools/ adds ticking, storage, timing and downloads on top.

Links into the guideline are checked against the headings of the Markdown they point to, so
a renamed heading fails `mkdocs build --strict` (a warning) without state kept between builds.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pymdownx.slugs import slugify

from assessment.languages import language
from assessment.strings import table

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PRE_PUBLICATION = ROOT / "data" / "tools" / "pre-publication.yml"
REMINDERS = ROOT / "assessment" / "data" / "reminders.json"
MARKER = re.compile(r"<!-- daleel:tool:([a-z-]+) -->")
log = logging.getLogger("mkdocs.hooks.tools_pages")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_slugify = slugify(case="lower")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


@cache
def _headings(lang: str, page: str) -> dict[str, str]:
    """Heading id → heading text of docs/<lang>/<page>.md (the first H1 under the key "")."""
    found: dict[str, str] = {}
    for line in (DOCS / lang / f"{page}.md").read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line)
        if match:
            title = match.group(2)
            found.setdefault("", title)
            found.setdefault(_slugify(title, "-"), title)
    return found


def source_link(lang: str, source: Mapping[str, Any], depth: int) -> str:
    """A link to a section of a page from a page `depth` folders below the language root."""
    page = str(source["page"])
    anchor = str(source["anchor"][lang] or "")
    if not re.fullmatch(r"[a-z0-9/-]+", page) or not (DOCS / lang / f"{page}.md").is_file():
        log.warning("tool links to a missing page: %s (%s)", page, lang)
        return ""
    heads = _headings(lang, page)
    if anchor and anchor not in heads:
        log.warning("tool links to a missing heading: %s#%s (%s)", page, anchor, lang)
    label = heads.get("")
    if anchor and heads.get(anchor, label) != label:
        label = f"{label}: {heads[anchor]}"
    href = "../" * depth + f"{page}/" + (f"#{anchor}" if anchor else "")
    return f'<a href="{_e(href)}">{_e(label)}</a>'


def load_pre_publication() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PRE_PUBLICATION.read_text(encoding="utf-8"))
    return data


def load_reminders() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REMINDERS.read_text(encoding="utf-8"))
    return data


_ARABIC_RUN = re.compile(r"[\u0600-\u06ff](?:[\u0600-\u06ff\s\d()]*[\u0600-\u06ff)])?")


def _text(value: str, lang: str) -> str:
    """Escaped text; on English pages, Arabic quotations marked as Arabic (lang, direction)."""
    escaped = _e(value)
    if lang == "ar":
        return escaped
    return _ARABIC_RUN.sub(lambda m: f'<span lang="ar" dir="rtl">{m.group(0)}</span>', escaped)


def _quote(lang: str, t: Mapping[str, str], line: Mapping[str, Any]) -> str:
    word = f"«{_text(line['quote']['ar'], lang)}»"
    if lang == "en":
        word += f" ({_e(line['quote']['en'])})"
    return f"{_e(t['tools.common.source_words'])} {word}"


def render_pre_publication(lang: str) -> str:
    t = table(lang)
    data = load_pre_publication()
    lines = data["lines"]
    required = sum(1 for line in lines if line["obligation"] == "must")
    items = []
    for line in lines:
        lid = _e(line["id"])
        ob = line["obligation"]
        items.append(
            f'<li class="daleel-check daleel-check--{_e(ob)}">'
            f'<input type="checkbox" id="pp-{lid}" name="{lid}" data-obligation="{_e(ob)}" '
            f'data-ar="{_e(line["check"]["ar"])}" data-en="{_e(line["check"]["en"])}" aria-describedby="pp-{lid}-src">'
            f'<label for="pp-{lid}">{_e(line["check"][lang])} '
            f'<span class="daleel-tag daleel-tag--{_e(ob)}">{_e(t["term." + ob])}</span></label>'
            f'<div class="daleel-source" id="pp-{lid}-src">'
            f'<blockquote lang="{lang}"><p>{_e(line["source"]["sentence"][lang])}</p></blockquote>'
            f"<p>{_quote(lang, t, line)} — {source_link(lang, line['source'], 2)}</p></div></li>"
        )
    status = t["tools.prepub.status_missing"].format(done=0, total=required)
    return (
        '<div class="daleel-tool" id="daleel-prepub">'
        '<form id="pp-form" class="daleel-tool-form" novalidate>'
        f'<fieldset class="daleel-fields"><legend>{_e(t["tools.prepub.post"])}</legend>'
        + _field("pp-title", t["tools.prepub.title"], "text")
        + _field("pp-date", t["tools.prepub.date"], "date")
        + _field("pp-approver", t["tools.prepub.approver"], "text")
        + "</fieldset>"
        f'<fieldset><legend>{_e(t["tools.prepub.lines"])}</legend>'
        f'<p class="daleel-hint">{_e(t["tools.prepub.lines_hint"].format(required=required, total=len(lines)))}</p>'
        f'<ul class="daleel-checks">{"".join(items)}</ul></fieldset></form>'
        f'<p class="daleel-tool-status" id="pp-status" role="status" data-required="{required}">{_e(status)}</p>'
        '<section class="daleel-tool-record" aria-labelledby="pp-record-h">'
        f'<h2 id="pp-record-h">{_e(t["tools.prepub.record"])}</h2>'
        f'<p class="daleel-hint">{_e(t["tools.prepub.record_hint"])}</p>'
        '<pre class="daleel-record" id="pp-record" tabindex="0" aria-labelledby="pp-record-h" dir="auto"></pre>'
        '<div class="daleel-buttons">'
        f'<button type="button" class="md-button" id="pp-copy">{_e(t["tools.prepub.copy"])}</button>'
        f'<button type="button" class="md-button" id="pp-print">{_e(t["tools.common.print"])}</button>'
        f'<button type="button" class="md-button" id="pp-download">{_e(t["tools.prepub.download"])}</button>'
        f'<button type="button" class="md-button" id="pp-clear">{_e(t["tools.prepub.clear"])}</button>'
        "</div>"
        '<p class="daleel-hint" id="pp-copy-status" role="status"></p>'
        "</section></div>"
    )


def _field(fid: str, label: str, kind: str, extra: str = "") -> str:
    return (
        f'<div class="daleel-field"><label for="{fid}">{_e(label)}</label>'
        f'<input type="{kind}" id="{fid}" name="{fid}" autocomplete="off" maxlength="200"{extra}></div>'
    )


def _breach_steps(lang: str, t: Mapping[str, str]) -> str:
    source = {
        "page": "guideline/13-account-protection",
        "anchor": {"ar": "التعامل-مع-حالات-الاختراق-للصفحة", "en": "handling-a-breach-of-the-page"},
    }
    link = source_link(lang, source, 2)
    steps = []
    for n in (1, 2, 3):
        steps.append(
            f'<li class="daleel-step" id="br-step-{n}" data-step="{n}">'
            f'<h3 id="br-step-{n}-h">{_e(t[f"tools.breach.step{n}"])}</h3>'
            f'<blockquote><p>{_e(t[f"tools.breach.step{n}_source"])}</p></blockquote>'
            f'<div class="daleel-step-contacts" id="br-step-{n}-contacts"></div>'
            f'<div class="daleel-field"><label for="br-step-{n}-note">{_e(t["tools.breach.note"])}</label>'
            f'<textarea id="br-step-{n}-note" rows="2" maxlength="2000"></textarea></div>'
            f'<button type="button" class="md-button" id="br-step-{n}-done" disabled>{_e(t["tools.breach.mark_done"])}</button>'
            f'<p class="daleel-step-time" id="br-step-{n}-time"></p></li>'
        )
    return (
        f'<p class="daleel-hint">{_e(t["tools.breach.steps_source"])} {link}</p>'
        f'<ol class="daleel-steps" id="br-steps">{"".join(steps)}</ol>'
    )


def render_breach(lang: str) -> str:
    t = table(lang)
    governance = {"page": "guideline/05-governance", "anchor": {"ar": "إدارة-الحساب-الحكومي", "en": "managing-the-government-account"}}
    return (
        '<div class="daleel-tool" id="daleel-breach">'
        # Prepare
        '<section class="daleel-tool-part" aria-labelledby="br-prepare-h">'
        f'<h2 id="br-prepare-h">{_e(t["tools.breach.prepare"])}</h2>'
        f'<p class="daleel-hint">{_e(t["tools.breach.prepare_hint"])}</p>'
        '<form id="br-prepare" class="daleel-tool-form" novalidate>'
        + _field("br-entity", t["tools.breach.entity"], "text")
        + f'<fieldset><legend>{_e(t["tools.breach.officials"])}</legend>'
        f'<p class="daleel-hint">{_e(t["tools.breach.officials_hint"])}</p>'
        '<ul class="daleel-rows" id="br-officials"></ul>'
        f'<button type="button" class="md-button" id="br-add-official">{_e(t["tools.breach.add_official"])}</button></fieldset>'
        f'<fieldset><legend>{_e(t["tools.breach.accounts"])}</legend>'
        f'<p class="daleel-hint">{_e(t["tools.breach.accounts_hint"])} {source_link(lang, governance, 2)}</p>'
        '<ul class="daleel-rows" id="br-accounts"></ul>'
        f'<button type="button" class="md-button" id="br-add-account">{_e(t["tools.breach.add_account"])}</button></fieldset>'
        '<div class="daleel-field">'
        f'<label for="br-ministry">{_e(t["tools.breach.ministry"])}</label>'
        f'<p class="daleel-hint" id="br-ministry-hint">{_e(t["tools.breach.ministry_hint"])}</p>'
        '<textarea id="br-ministry" rows="2" maxlength="2000" aria-describedby="br-ministry-hint"></textarea></div>'
        "</form>"
        f'<h3 id="br-file-h">{_e(t["tools.breach.file"])}</h3>'
        f'<p class="daleel-hint">{_e(t["tools.breach.file_hint"])}</p>'
        '<div class="daleel-buttons">'
        f'<button type="button" class="md-button" id="br-export">{_e(t["tools.breach.export"])}</button></div>'
        f'<div class="daleel-field"><label for="br-import">{_e(t["tools.breach.import"])}</label>'
        '<input type="file" id="br-import" accept=".json,application/json"></div>'
        '<div class="daleel-alert" id="br-import-status" role="status" tabindex="-1"></div>'
        '<p class="daleel-alert daleel-alert--error" id="br-storage" role="status"></p>'
        "</section>"
        # Respond
        '<section class="daleel-tool-part" aria-labelledby="br-respond-h">'
        f'<h2 id="br-respond-h">{_e(t["tools.breach.respond"])}</h2>'
        '<div class="daleel-field">'
        f'<label for="br-account">{_e(t["tools.breach.incident_account"])}</label>'
        '<input type="text" id="br-account" list="br-account-list" maxlength="200" autocomplete="off">'
        '<datalist id="br-account-list"></datalist></div>'
        '<div class="daleel-buttons">'
        f'<button type="button" class="md-button md-button--primary" id="br-start">{_e(t["tools.breach.start"])}</button>'
        f'<button type="button" class="md-button" id="br-close" disabled>{_e(t["tools.breach.close"])}</button></div>'
        '<p class="daleel-tool-status" id="br-started" role="status"></p>'
        f'<p class="daleel-elapsed" id="br-elapsed" hidden></p>'
        + _breach_steps(lang, t)
        + "</section>"
        # Record
        '<section class="daleel-tool-part" aria-labelledby="br-record-h">'
        f'<h2 id="br-record-h">{_e(t["tools.breach.record"])}</h2>'
        f'<p class="daleel-hint">{_e(t["tools.breach.record_hint"])}</p>'
        '<div class="daleel-buttons">'
        f'<button type="button" class="md-button" id="br-download-html">{_e(t["tools.breach.download_html"])}</button>'
        f'<button type="button" class="md-button" id="br-download-json">{_e(t["tools.breach.download_json"])}</button>'
        f'<button type="button" class="md-button" id="br-print">{_e(t["tools.common.print"])}</button></div>'
        '<div class="daleel-log" id="br-log"></div>'
        "</section></div>"
    )


def render_reminders(lang: str) -> str:
    t = table(lang)
    data = load_reminders()
    items = []
    for action in data["actions"]:
        aid = _e(action["id"])
        period = ""
        if action["fixed"]:
            period = f'<p class="daleel-hint">{_e(t["tools.remind.period_" + str(action["months"])])}</p>'
        else:
            options = "".join(
                f'<option value="{n}"{" selected" if n == action["months"] else ""}>{_e(t["tools.remind.period_" + str(n)])}</option>'
                for n in data["choices"]
            )
            period = (
                f'<div class="daleel-field"><label for="rm-{aid}-months">{_e(t["tools.remind.period"])}</label>'
                f'<select id="rm-{aid}-months" data-action="{aid}">{options}</select></div>'
            )
        sentence = action["source"]["sentence"]
        quote = f'<blockquote><p>{_e(sentence[lang])}</p></blockquote>' if sentence else ""
        link = source_link(lang, action["source"], 2)
        items.append(
            f'<li class="daleel-check">'
            f'<input type="checkbox" id="rm-{aid}" name="action" value="{aid}" checked aria-describedby="rm-{aid}-note">'
            f'<label for="rm-{aid}">{_e(action["summary"][lang])}</label>'
            f'<div class="daleel-source">{quote}<p id="rm-{aid}-note">{_text(action["note"][lang], lang)} — {link}</p>{period}</div></li>'
        )
    return (
        '<div class="daleel-tool" id="daleel-reminders">'
        '<form id="rm-form" class="daleel-tool-form" novalidate>'
        f'<fieldset><legend>{_e(t["tools.remind.actions"])}</legend>'
        f'<ul class="daleel-checks">{"".join(items)}</ul></fieldset>'
        + _field("rm-start", t["tools.remind.start"], "date", " required")
        + '<div class="daleel-field">'
        f'<label for="rm-accounts">{_e(t["tools.remind.accounts"])}</label>'
        f'<p class="daleel-hint" id="rm-accounts-hint">{_e(t["tools.remind.accounts_hint"])}</p>'
        '<textarea id="rm-accounts" rows="4" maxlength="6000" aria-describedby="rm-accounts-hint"></textarea></div>'
        '<div class="daleel-buttons">'
        f'<button type="submit" class="md-button md-button--primary" id="rm-download">{_e(t["tools.remind.download"])}</button></div>'
        "</form>"
        f'<p class="daleel-tool-status" id="rm-status" role="status">{_e(t["tools.remind.loading"])}</p>'
        f'<button type="button" class="md-button" id="rm-retry" hidden>{_e(t["tools.remind.retry"])}</button>'
        "</div>"
    )


RENDERERS = {
    "pre-publication": render_pre_publication,
    "breach-response": render_breach,
    "reminders": render_reminders,
}


def _lang(page: Any) -> str:
    return language(str(page.file.src_uri).split("/", 1)[0]).code


def _is_tool_page(page: Any) -> bool:
    return str(page.file.src_uri).split("/", 1)[-1].startswith("tools/")


def on_page_content(content: str, page: Any, **_: Any) -> str:
    if not _is_tool_page(page):
        return content

    def render(match: re.Match[str]) -> str:
        renderer = RENDERERS.get(match.group(1))
        if renderer is None:
            log.warning("unknown tool marker %s in %s", match.group(0), page.file.src_uri)
            return ""
        return renderer(_lang(page))

    return MARKER.sub(render, content)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    if not _is_tool_page(page):
        return output
    depth = str(page.url).strip("/").count("/") + 1 if page.url.strip("/") else 0
    link = f'<link rel="stylesheet" href="{"../" * depth}assets/stylesheets/tools.css">\n'
    return output.replace("</head>", f"{link}</head>", 1)
