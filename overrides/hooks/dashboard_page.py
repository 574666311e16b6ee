# ruff: noqa: E501  (HTML and JavaScript snippets read better unbroken)
"""Render the dashboard's controls into `docs/{ar,en}/dashboard.md` at build time.

The page marks the place with `<!-- daleel:dashboard -->`. Every label comes from the one
string source (`assessment.strings`, `dashboard.*` and `term.*`), so the page's static text
and the script's messages share one wording. The script (assets/javascripts/dashboard/)
fills the results in; its stylesheet is linked from the dashboard pages only.
"""

from __future__ import annotations

from html import escape
from typing import Any

from assessment.aggregate import MAX_FILE_BYTES
from assessment.strings import text

MARKER = "<!-- daleel:dashboard -->"
PAGE = "dashboard.md"
MAX_FILES = 1000


def _lang(page: Any) -> str:
    return str(page.file.src_uri).split("/", 1)[0]


def _is_dashboard(page: Any) -> bool:
    return str(page.file.src_uri).split("/", 1)[-1] == PAGE


def _drop_zone(lang: str, round_: str, key: str) -> str:
    t = escape(text(f"dashboard.{key}", lang=lang))
    hint = escape(text("dashboard.drop_hint", lang=lang, max=f"{MAX_FILES:,}"))
    return (
        f'<div class="dd-drop" data-round="{round_}">'
        f'<label class="dd-label" for="dd-{round_}">{t}</label>'
        f'<input type="file" id="dd-{round_}" data-round="{round_}" multiple '
        f'accept=".json,application/json" aria-describedby="dd-{round_}-hint">'
        f'<p class="dd-hint" id="dd-{round_}-hint">{hint}</p></div>'
    )


def _section(lang: str, ident: str, key: str, body: str = "") -> str:
    title = escape(text(f"dashboard.{key}", lang=lang))
    return (
        f'<section class="dd-section" id="dd-{ident}">'
        f'<h2 id="dd-{ident}-h">{title}</h2>{body}</section>'
    )


def render(lang: str) -> str:
    def tx(key: str) -> str:
        return escape(text(f"dashboard.{key}", lang=lang))

    downloads = (
        f'<p class="dd-hint">{tx("downloads_hint")}</p><p class="dd-buttons">'
        f'<button type="button" class="md-button" data-download="csv">{tx("download_entities")}</button> '
        f'<button type="button" class="md-button" data-download="matrix">{tx("download_matrix")}</button> '
        f'<button type="button" class="md-button" data-download="html">{tx("download_report")}</button> '
        f'<button type="button" class="md-button" id="dd-print">{tx("print")}</button></p>'
    )
    return (
        f'<div id="daleel-dashboard" class="daleel-dashboard" data-lang="{lang}" '
        f'data-max-files="{MAX_FILES}" data-max-bytes="{MAX_FILE_BYTES}">'
        f'<p class="dd-privacy">{tx("privacy")}</p>'
        f'<div class="dd-inputs"><p>{tx("intro_files")}</p>'
        + _drop_zone(lang, "current", "current_input")
        + _drop_zone(lang, "previous", "previous_input")
        + f'<p class="dd-buttons"><button type="button" class="md-button" id="dd-clear">{tx("clear")}</button> '
        f'<button type="button" class="md-button" id="dd-retry" hidden>{tx("retry")}</button></p></div>'
        f'<p id="dd-status" class="dd-status" role="status">{tx("engine_loading")}</p>'
        f'<progress id="dd-progress" max="1" value="0" hidden aria-labelledby="dd-status"></progress>'
        f'<p id="dd-empty" class="dd-empty">{tx("empty")}</p>'
        '<div id="dd-results" hidden>'
        + _section(lang, "summary", "summary")
        + _section(lang, "downloads", "downloads", downloads)
        + _section(lang, "entities", "entity_table", f'<p class="dd-hint">{tx("entity_table_hint")}</p>')
        + _section(lang, "items", "item_view")
        + _section(lang, "comparison", "comparison")
        + _section(lang, "problems", "problems")
        + "</div></div>"
    )


def on_page_content(content: str, page: Any, **_: Any) -> str:
    if not _is_dashboard(page) or MARKER not in content:
        return content
    # The <head> of this page (overrides/main.html reads page.meta.head). main.js is one file
    # with its imports once scripts/bundle_modules.py has run.
    page.meta["head"] = {
        "stylesheets": ["assets/stylesheets/dashboard.css"],
        "modulepreload": ["assets/javascripts/dashboard/main.js"],
    }
    return content.replace(MARKER, render(_lang(page)), 1)
