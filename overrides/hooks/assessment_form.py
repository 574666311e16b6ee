# ruff: noqa: E501  (HTML fragments read better unbroken)
"""Render the self-assessment into the assessment page of each language at build time.

`docs/{ar,en}/assessment.md` marks the place with `<!-- daleel:assessment-form -->`. The
assessment is a task list (GOV.UK's pattern): an overview of the domains with their status,
one step per domain, "check your answers", results and comparison. Every step is in the page
from the start, so each question can be read and answered before any engine loads; steps other
than the first are `hidden` (no layout cost) until the page script shows them. Strings come
from assessment/data/strings/<lang>.json (`widget.*`, `term.*`).

Also: the assessment stylesheet and module script are linked from the <head> of the assessment
pages only, and after the build every guideline link the form makes is checked against the
built pages (a missing anchor is a warning, so `mkdocs build --strict` fails on it).
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from assessment.languages import language
from assessment.strings import text

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = ROOT / "assessment" / "data" / "checklist.json"
DOCS = ROOT / "docs"
MARKER = "<!-- daleel:assessment-form -->"
PAGE = "assessment.md"
LINKS_KEY = "daleel_assessment_links"  # where the links to check are kept: the build's config
log = logging.getLogger("mkdocs.hooks.assessment_form")

VALUES = ("yes", "partial", "no", "na")
# What the worker downloads on a first visit (overrides/hooks/pyodide_assets.py ships them).
RUNTIME = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_SAFE_PAGE = re.compile(r"^guideline/[a-z0-9\-]+$")

Text = Callable[..., str]


def load_checklist() -> dict[str, Any]:
    with CHECKLIST.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def download_size(lang: str, root: Path = RUNTIME) -> str:
    """The runtime's download size as a person reads it ("6.4 MB"), gzip-compressed as served."""
    total = 0
    for name in RUNTIME_FILES:
        path = root / name
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), compresslevel=6))
    mb = f"{total / 1_000_000:.1f}"
    return f"{mb} ميغابايت" if lang == "ar" else f"{mb} MB"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


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


class Renderer:
    """One language's form; collects the guideline links it makes, for the post-build check."""

    def __init__(self, lang: str, checklist: dict[str, Any]) -> None:
        self.lang = language(lang).code
        self.t: Text = partial(text, lang=self.lang)
        self.data = checklist
        self.links: set[tuple[str, str, str]] = set()

    def link(self, section: dict[str, Any], label: str) -> str:
        page = section["page"]
        if not _SAFE_PAGE.match(page):
            raise ValueError(f"checklist section page is not a guideline page: {page!r}")
        anchor = section.get("anchor", {}).get(self.lang) or ""
        self.links.add((self.lang, page, anchor))
        href = f"../{page}/" + (f"#{anchor}" if anchor else "")
        return f'<a href="{_e(href)}">{_e(label)}</a>'

    def field(self, kind: str, autocomplete: str, input_type: str = "text") -> str:
        fid = f"daleel-entity-{kind}"
        return (
            f'<div class="daleel-field"><label for="{fid}">{_e(self.t(f"widget.entity.{kind}"))}</label>'
            f'<input type="{input_type}" id="{fid}" name="entity.{kind}" data-entity="{kind}" '
            f'autocomplete="{autocomplete}" maxlength="300"></div>'
        )

    def item(self, item: dict[str, Any], number: str) -> str:
        t, lang = self.t, self.lang
        iid = _safe_id(item["id"])
        obligation = item["obligation"]
        source_word = item.get("source_word") or ""
        obligation_html = _e(t(f"term.{obligation}"))
        if source_word:
            # The source's own word, marked as Arabic so English screen readers switch voice.
            word = f'«<span lang="ar" dir="rtl">{_e(source_word)}</span>»'
            obligation_html += f" {word}" if lang == "ar" else f" (Arabic: {word})"
        section = item["section"]
        radios = "".join(
            f'<label class="daleel-option"><input type="radio" name="q-{iid}" value="{v}" '
            f'data-item="{iid}"><span>{_e(t(f"widget.value.{v}"))}</span></label>'
            for v in VALUES
        )
        critical = (
            f'<span class="daleel-badge daleel-badge--critical">{_e(t("widget.critical"))}</span>'
            if item.get("critical")
            else ""
        )
        labels = {"why": t("widget.why"), "fix": t("term.fix"), "evidence": t("widget.evidence")}
        details = "".join(
            f"<dt>{_e(labels[key])}</dt><dd>{_e(item[key][lang])}</dd>"
            for key in ("why", "fix", "evidence")
            if item.get(key, {}).get(lang)
        )
        return (
            f'<fieldset class="daleel-item" id="item-{iid}" data-item="{iid}" data-number="{number}" '
            f'data-obligation="{_e(obligation)}">'
            f'<legend><span class="daleel-qnum"><bdi>{number}</bdi></span> {_e(item["question"][lang])}</legend>'
            f'<p class="daleel-meta"><span class="daleel-badge daleel-badge--{_e(obligation)}">'
            f"{_e(t('widget.obligation'))}: {obligation_html}</span>{critical} "
            f'<span class="daleel-section-link">{_e(t("widget.section"))}: '
            f"{self.link(section, _page_title(lang, section['page']))}</span></p>"
            f'<div class="daleel-options">{radios}</div>'
            f'<div class="daleel-note"><label for="note-{iid}">{_e(t("widget.note"))}</label>'
            f'<textarea id="note-{iid}" name="note-{iid}" data-note="{iid}" rows="2" maxlength="5000"></textarea></div>'
            + self.plan(iid)
            + (
                f'<details class="daleel-why"><summary>{_e(t("widget.details"))}</summary><dl>{details}</dl></details>'
                if details
                else ""
            )
            + "</fieldset>"
        )

    def plan(self, iid: str) -> str:
        """The question's action-plan fields (owner, due date, evidence), folded by default."""
        t = self.t
        hint = f"plan-{iid}-evidence-hint"
        return (
            f'<details class="daleel-plan-fields" data-plan-for="{iid}">'
            f"<summary>{_e(t('widget.plan.title'))}</summary>"
            f'<p class="daleel-hint">{_e(t("widget.plan.hint"))}</p><div class="daleel-plan-grid">'
            f'<div class="daleel-field"><label for="plan-{iid}-owner">{_e(t("widget.plan.owner"))}</label>'
            f'<input type="text" id="plan-{iid}-owner" data-plan="owner" maxlength="300" autocomplete="off"></div>'
            f'<div class="daleel-field"><label for="plan-{iid}-due">{_e(t("widget.plan.due"))}</label>'
            f'<input type="date" id="plan-{iid}-due" data-plan="due"></div></div>'
            f'<div class="daleel-field"><label for="plan-{iid}-evidence">{_e(t("widget.plan.evidence"))}</label>'
            f'<p class="daleel-hint" id="{hint}">{_e(t("widget.plan.evidence_hint"))}</p>'
            f'<textarea id="plan-{iid}-evidence" data-plan="evidence" rows="2" maxlength="40000" '
            f'aria-describedby="{hint}" dir="auto"></textarea></div></details>'
        )

    def bar(self, total: int) -> str:
        t = self.t
        none = _e(t("widget.bar.none"))
        steps = "".join(
            f'<li><a href="#{step}" data-goto="{step}">{_e(t(f"widget.step.{step}"))}</a></li>'
            for step in ("overview", "check", "results", "compare")
        )
        return (
            f'<section class="daleel-bar" id="daleel-bar" aria-label="{_e(t("widget.bar.label"))}">'
            '<p class="daleel-bar-figures">'
            f'<span id="daleel-progress-text">{_e(t("widget.progress", answered=0, total=total))}</span>'
            f'<span>{_e(t("term.overall_score"))}: <strong id="daleel-bar-score">{none}</strong></span>'
            f'<span>{_e(t("term.maturity_level"))}: <strong id="daleel-bar-level">{none}</strong></span></p>'
            f'<progress id="daleel-progress" max="{total}" value="0" aria-label="{_e(t("widget.progress_label"))}"></progress>'
            f'<nav aria-label="{_e(t("widget.bar.steps"))}"><ul class="daleel-steps">{steps}</ul></nav>'
            "</section>"
        )

    def overview(self, domains: list[dict[str, Any]], counts: dict[str, int], hidden: bool) -> str:
        t = self.t
        rows = "".join(
            f'<li class="daleel-task" data-domain="{_e(d["id"])}">'
            f'<a href="#domain-{d["number"]}" data-goto="domain-{d["number"]}" id="daleel-task-{d["number"]}" '
            f'aria-describedby="daleel-task-{d["number"]}-status">{_e(d["number"])}. {_e(d["title"][self.lang])}</a>'
            f'<span class="daleel-task-count" data-count="{_e(d["id"])}">{_e(t("widget.tasks.count", answered=0, total=counts[d["id"]]))}</span>'
            f'<strong class="daleel-tag" data-status="not_started" id="daleel-task-{d["number"]}-status">{_e(t("widget.status.not_started"))}</strong></li>'
            for d in domains
        )
        finish = "".join(
            f'<li class="daleel-task"><a href="#{s}" data-goto="{s}">{_e(t(f"widget.step.{s}"))}</a></li>'
            for s in ("check", "results", "compare")
        )
        return (
            f'<section class="daleel-step" data-step="overview" aria-labelledby="daleel-overview-h"{" hidden" if hidden else ""}>'
            f'<h2 id="daleel-overview-h" tabindex="-1">{_e(t("widget.tasks.title"))}</h2>'
            f'<p class="daleel-hint">{_e(t("widget.tasks.hint"))}</p>'
            f'<section class="daleel-entity" aria-labelledby="daleel-entity-h"><h3 id="daleel-entity-h">{_e(t("widget.entity"))}</h3>'
            f'<p class="daleel-hint">{_e(t("widget.entity_hint"))}</p><div class="daleel-fields">'
            + self.field("name", "organization")
            + self.field("code", "off")
            + self.field("unit", "off")
            + self.field("assessor", "name")
            + self.field("date", "off", "date")
            + "</div></section>"
            f'<h3 id="daleel-tasks-h">{_e(t("widget.tasks.domains"))}</h3>'
            f'<ol class="daleel-tasks" aria-labelledby="daleel-tasks-h">{rows}</ol>'
            f'<h3 id="daleel-finish-h">{_e(t("widget.tasks.finish"))}</h3>'
            f'<ul class="daleel-tasks" aria-labelledby="daleel-finish-h">{finish}</ul>'
            + self.resume()
            + "</section>"
        )

    def resume(self) -> str:
        t = self.t
        return (
            f'<section class="daleel-resume" aria-labelledby="daleel-resume-h"><h3 id="daleel-resume-h">{_e(t("widget.resume.title"))}</h3>'
            f'<p class="daleel-hint">{_e(t("widget.resume.hint"))}</p>'
            f'<div class="daleel-field"><label for="daleel-import-file">{_e(t("widget.resume.file"))}</label>'
            '<input type="file" id="daleel-import-file" accept=".json,application/json"></div>'
            f'<div class="daleel-buttons"><button type="button" class="md-button" id="daleel-resume">{_e(t("widget.resume.button"))}</button></div>'
            '<div class="daleel-panel" id="daleel-resume-panel" tabindex="-1" hidden></div>'
            '<div class="daleel-alert daleel-alert--error" id="daleel-import-error" tabindex="-1" hidden></div>'
            "</section>"
        )

    def domain(
        self,
        d: dict[str, Any],
        items: list[dict[str, Any]],
        neighbours: tuple[dict[str, Any] | None, dict[str, Any] | None],
        position: int,
        hidden: bool,
    ) -> str:
        t, lang = self.t, self.lang
        n = d["number"]
        prev, nxt = neighbours
        name = {
            k: f"{v['number']}. {v['title'][lang]}"
            for k, v in (("prev", prev), ("next", nxt))
            if v is not None
        }
        buttons = []
        if nxt is not None:
            buttons.append(
                f'<a class="md-button md-button--primary" href="#domain-{nxt["number"]}" data-goto="domain-{nxt["number"]}">'
                f"{_e(t('widget.nav.next_domain', title=name['next']))}</a>"
            )
        else:
            buttons.append(
                f'<a class="md-button md-button--primary" href="#check" data-goto="check">{_e(t("widget.nav.to_check"))}</a>'
            )
        if prev is not None:
            buttons.append(
                f'<a class="md-button" href="#domain-{prev["number"]}" data-goto="domain-{prev["number"]}">'
                f"{_e(t('widget.nav.previous_domain', title=name['prev']))}</a>"
            )
        buttons.append(
            f'<a class="md-button" href="#overview" data-goto="overview">{_e(t("widget.nav.overview"))}</a>'
        )
        questions = "".join(self.item(item, f"{n}.{k}") for k, item in enumerate(items, 1))
        return (
            f'<section class="daleel-step daleel-domain" data-step="domain-{n}" data-domain="{_e(d["id"])}" id="daleel-domain-{_safe_id(d["id"])}" '
            f'aria-labelledby="daleel-domain-{n}-h"{" hidden" if hidden else ""}>'
            f'<p class="daleel-step-caption">{_e(t("widget.step.domain", number=position, count=len(self.data["domains"])))}</p>'
            f'<h2 id="daleel-domain-{n}-h" tabindex="-1">{_e(n)}. {_e(d["title"][lang])}</h2>'
            f'<p class="daleel-domain-link">{self.link(d["section"], t("widget.domain_section"))}</p>'
            f"{questions}"
            f'<div class="daleel-buttons daleel-nav">{"".join(buttons)}</div>'
            "</section>"
        )

    def check(self) -> str:
        t = self.t
        return (
            '<section class="daleel-step" data-step="check" aria-labelledby="daleel-check-h" hidden>'
            f'<h2 id="daleel-check-h" tabindex="-1">{_e(t("widget.step.check"))}</h2>'
            f'<p class="daleel-hint">{_e(t("widget.check.hint"))}</p>'
            '<div id="daleel-check-body"></div>'
            f'<div class="daleel-buttons daleel-nav"><a class="md-button md-button--primary" href="#results" data-goto="results">{_e(t("widget.nav.to_results"))}</a>'
            f'<a class="md-button" href="#overview" data-goto="overview">{_e(t("widget.nav.overview"))}</a></div>'
            "</section>"
        )

    def results(self) -> str:
        t = self.t
        return (
            '<section class="daleel-step daleel-results" data-step="results" id="daleel-results" aria-labelledby="daleel-results-h" hidden>'
            f'<h2 id="daleel-results-h" tabindex="-1">{_e(t("widget.step.results"))}</h2>'
            '<div class="daleel-report-head" id="daleel-report-head"></div>'
            f'<div id="daleel-results-body"><p>{_e(t("widget.results_pending"))}</p></div>'
            f'<div class="daleel-buttons daleel-nav"><a class="md-button" href="#compare" data-goto="compare">{_e(t("widget.step.compare"))}</a>'
            f'<a class="md-button" href="#overview" data-goto="overview">{_e(t("widget.nav.overview"))}</a></div>'
            "</section>"
        )

    def compare(self) -> str:
        t = self.t
        return (
            '<section class="daleel-step" data-step="compare" aria-labelledby="daleel-compare-h" hidden>'
            f'<h2 id="daleel-compare-h" tabindex="-1">{_e(t("widget.step.compare"))}</h2>'
            f'<p class="daleel-hint">{_e(t("widget.compare.hint"))}</p>'
            f'<div class="daleel-field"><label for="daleel-compare-file">{_e(t("widget.compare.file"))}</label>'
            '<input type="file" id="daleel-compare-file" accept=".json,application/json"></div>'
            '<div class="daleel-buttons">'
            f'<button type="button" class="md-button" id="daleel-compare">{_e(t("widget.compare.button"))}</button>'
            f'<button type="button" class="md-button" id="daleel-clear-compare" hidden>{_e(t("widget.compare.clear"))}</button></div>'
            '<p class="daleel-feedback" id="daleel-compare-feedback" tabindex="-1" hidden></p>'
            '<div class="daleel-alert daleel-alert--error" id="daleel-compare-error" tabindex="-1" hidden></div>'
            f'<div id="daleel-comparison-body"><p>{_e(t("widget.compare.none"))}</p></div>'
            f'<div class="daleel-buttons daleel-nav"><a class="md-button" href="#results" data-goto="results">{_e(t("widget.step.results"))}</a>'
            f'<a class="md-button" href="#overview" data-goto="overview">{_e(t("widget.nav.overview"))}</a></div>'
            "</section>"
        )

    def actions(self) -> str:
        t = self.t

        def report(kind: str, attrs: str) -> str:
            detail = (
                f' <span class="daleel-format">({_e(t(f"widget.report.{kind}_detail"))})</span>'
                if kind != "print"
                else ""
            )
            return f'<button type="button" class="md-button" {attrs}>{_e(t(f"widget.report.{kind}"))}{detail}</button>'

        return (
            '<div class="daleel-actions">'
            f'<section class="daleel-action-group" aria-labelledby="daleel-save-h"><h2 id="daleel-save-h">{_e(t("widget.save.title"))}</h2>'
            f'<p class="daleel-hint">{_e(t("widget.save.hint"))}</p>'
            f'<div class="daleel-buttons"><button type="button" class="md-button" data-download="json">{_e(t("widget.save.button"))}</button></div>'
            '<p class="daleel-feedback" id="daleel-save-feedback" hidden></p></section>'
            f'<section class="daleel-action-group" aria-labelledby="daleel-report-h"><h2 id="daleel-report-h">{_e(t("widget.report.title"))}</h2>'
            f'<p class="daleel-hint">{_e(t("widget.report.hint"))}</p><div class="daleel-buttons">'
            + report("html", 'data-download="html" disabled')
            + report("csv", 'data-download="csv" disabled')
            + report("print", 'id="daleel-print"')
            + '</div><div class="daleel-buttons">'
            + report("ics", 'data-download="ics" aria-describedby="daleel-ics-note" disabled')
            + f'</div><p class="daleel-hint" id="daleel-ics-note" hidden>{_e(t("widget.report.ics_none"))}</p>'
            '<p class="daleel-feedback" id="daleel-report-feedback" hidden></p>'
            '<div class="daleel-alert daleel-alert--error" id="daleel-report-error" tabindex="-1" hidden></div></section>'
            f'<section class="daleel-action-group" aria-labelledby="daleel-restart-h"><h2 id="daleel-restart-h">{_e(t("widget.restart.title"))}</h2>'
            f'<p class="daleel-hint">{_e(t("widget.restart.hint"))}</p>'
            f'<div class="daleel-buttons"><button type="button" class="md-button" id="daleel-restart">{_e(t("widget.restart.title"))}</button></div></section>'
            "</div>"
            '<dialog class="daleel-dialog" id="daleel-dialog" aria-labelledby="daleel-dialog-h" aria-describedby="daleel-dialog-body">'
            f'<h2 id="daleel-dialog-h">{_e(t("widget.restart.dialog_title"))}</h2><p id="daleel-dialog-body">{_e(t("widget.restart.dialog_body"))}</p>'
            '<div class="daleel-buttons">'
            f'<button type="button" class="md-button" id="daleel-dialog-download">{_e(t("widget.restart.dialog_save"))}</button>'
            f'<button type="button" class="md-button daleel-danger" id="daleel-dialog-confirm">{_e(t("widget.restart.dialog_confirm"))}</button>'
            f'<button type="button" class="md-button" id="daleel-dialog-cancel" autofocus>{_e(t("widget.restart.dialog_cancel"))}</button>'
            "</div></dialog>"
        )

    def render(self, size: str) -> str:
        data, t = self.data, self.t
        items = data["items"]
        domains = data["domains"]
        counts = {d["id"]: sum(1 for i in items if i["domain"] == d["id"]) for d in domains}
        parts = [
            f'<div class="daleel-assessment" id="daleel-assessment" data-lang="{self.lang}" '
            f'data-checklist="{_e(data["id"])}" data-checklist-version="{_e(data["version"])}" data-total="{len(items)}">',
            '<div class="daleel-status" id="daleel-status" role="status" aria-live="polite" aria-atomic="true"></div>',
            f'<p class="daleel-engine-note" id="daleel-engine-note">{_e(t("widget.engine.loading", size=size))}</p>',
            '<div class="daleel-alert daleel-alert--error" id="daleel-engine-error" hidden>'
            f'<p id="daleel-engine-error-text">{_e(t("widget.engine.failed"))}</p>'
            f'<button type="button" class="md-button" id="daleel-retry">{_e(t("widget.engine.retry"))}</button></div>',
            '<div class="daleel-alert daleel-alert--warning" id="daleel-storage-warning" hidden><p></p></div>',
            self.bar(len(items)),
            '<form class="daleel-form" id="daleel-form" novalidate autocomplete="off">',
            # A first visit lands on the first domain (its questions answerable at once); the
            # page script moves to the step in the URL, or to the overview when answers exist.
            self.overview(domains, counts, hidden=True),
        ]
        for k, d in enumerate(domains):
            neighbours = (
                domains[k - 1] if k else None,
                domains[k + 1] if k + 1 < len(domains) else None,
            )
            mine = [i for i in items if i["domain"] == d["id"]]
            parts.append(self.domain(d, mine, neighbours, k + 1, hidden=k > 0))
        parts.append(self.check())
        parts.append("</form>")
        parts.append(self.results())
        parts.append(self.compare())
        parts.append(self.actions())
        parts.append("</div>")
        return "".join(parts)


def render_form(
    lang: str,
    checklist: dict[str, Any] | None = None,
    links: set[tuple[str, str, str]] | None = None,
) -> str:
    renderer = Renderer(lang, checklist if checklist is not None else load_checklist())
    out = renderer.render(download_size(lang))
    if links is not None:
        links.update(renderer.links)
    return out


def _lang(page: Any) -> str:
    return str(page.file.src_uri).split("/", 1)[0]


def _is_assessment(page: Any) -> bool:
    return str(page.file.src_uri).split("/", 1)[-1] == PAGE


def on_pre_build(config: Any, **_: Any) -> None:
    # The links to check live in this build's config, not in the module, so the Arabic and
    # English builds (mkdocs-static-i18n) each check their own.
    config[LINKS_KEY] = set()


def on_page_content(content: str, page: Any, config: Any, **_: Any) -> str:
    if not _is_assessment(page) or MARKER not in content:
        return content
    # The <head> of this page (overrides/main.html reads page.meta.head). main.js is fetched
    # with the page, and scripts/bundle_modules.py makes it one file with its imports. The
    # questions are answerable before it runs (it keeps what was answered then). main.js, not
    # the <head>, starts the scoring worker, once the form is parsed: started from <head>, its
    # compilation competed with the page's parsing and layout on two CPUs (first question
    # 99 ms later, scores 41 ms sooner: within the noise; README, "Performance").
    page.meta["head"] = {
        "stylesheets": ["assets/stylesheets/assessment.css"],
        "modulepreload": ["assets/javascripts/assessment/main.js"],
    }
    links: set[tuple[str, str, str]] = config.get(LINKS_KEY, set())
    return content.replace(MARKER, render_form(_lang(page), links=links), 1)


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    links: set[tuple[str, str, str]] = config.get(LINKS_KEY, set())
    for lang, page, anchor in sorted(links):
        built = site / ("" if lang == "ar" else lang) / page / "index.html"
        if not built.is_file():
            log.warning("assessment form links to a missing page: %s (%s)", page, lang)
        elif anchor and f'id="{anchor}"' not in built.read_text(encoding="utf-8"):
            log.warning("assessment form links to a missing anchor: %s#%s (%s)", page, anchor, lang)
