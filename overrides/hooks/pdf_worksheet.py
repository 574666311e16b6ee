# ruff: noqa: E501  (bilingual strings and HTML read better unbroken)
"""The checklist as a paper worksheet (print HTML per language), for workshops scored by hand.

Built from the engine's checklist (`assessment.checklist.default_checklist`, the same data as
the widget). The scoring page states the rules of docs/*/methodology.md with the numbers taken
from `assessment.scoring` (points, level thresholds, the cap), so the paper and the engine agree.
Imported by pdf_print.py; not a hook of its own.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from pathlib import Path

from assessment.checklist import Checklist, Item, default_checklist
from assessment.labels import OBLIGATION_LABELS, VALUE_LABELS
from assessment.languages import CODES
from assessment.scoring import CAP, LEVELS, POINTS
from assessment.strings import text

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST_FILE = ROOT / "assessment" / "data" / "checklist.json"
VALUES = ("yes", "partial", "no", "na")

# The worksheet's interface strings (assessment/data/strings/<lang>.json, "pdf.ws_<name>").
W_KEYS = (
    "kind",
    "checklist_version",
    "entity",
    "name",
    "unit",
    "assessor",
    "date",
    "how",
    "how_1",
    "how_2",
    "how_3",
    "obligation",
    "weight",
    "critical",
    "reference",
    "chapter",
    "answer",
    "points",
    "notes",
    "items",
    "scoring",
    "scoring_intro",
    "step_points",
    "step_na",
    "step_domain",
    "step_overall",
    "step_level",
    "level_from",
    "level_top",
    "level_first",
    "step_cap",
    "table_domain",
    "table_items",
    "table_earned",
    "table_possible",
    "table_score",
    "table_total",
    "result_level",
    "result_gaps",
)
W: dict[str, dict[str, str]] = {
    lang: {key: text(f"pdf.ws_{key}", lang=lang) for key in W_KEYS} for lang in CODES
}

CoverFn = Callable[[str, str, str, str], str]
ColophonFn = Callable[[str, str], str]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:g}"


def checklist_version(checklist: Checklist) -> str:
    digest = hashlib.sha256(CHECKLIST_FILE.read_bytes()).hexdigest()[:12]
    return f"{checklist.id} {checklist.version} · sha256 {digest}"


def _reference(lang: str, item: Item, headings: dict[tuple[str, str], str]) -> str:
    page = item.section.page
    chapter = headings.get((page, ""), page)
    heading = headings.get((page, item.section.anchor.get(lang)), "")
    sep = " ‹ " if lang == "ar" else " › "
    return chapter + (sep + heading if heading and heading != chapter else "")


def _item(lang: str, item: Item, headings: dict[tuple[str, str], str]) -> str:
    w = W[lang]
    obligation = OBLIGATION_LABELS[lang][item.obligation]
    if item.source_word:
        obligation += (
            f" «{item.source_word}»"
            if lang == "ar"
            else ' (Arabic: <span lang="ar">«' + _e(item.source_word) + "»</span>)"
        )
    boxes = "".join(
        f'<span class="ws-choice"><span class="ws-box" aria-hidden="true"></span>{_e(VALUE_LABELS[lang][v])}</span>'
        for v in VALUES
    )
    critical = f'<span class="ws-critical">{_e(w["critical"])}</span>' if caps_level(item) else ""
    return (
        f'<div class="ws-item ws-{item.obligation}">'
        f'<p class="ws-question"><span class="ws-id" dir="ltr">{_e(item.id)}</span> {_e(item.question.get(lang))}</p>'
        f'<p class="ws-meta"><span>{_e(w["obligation"])}: <b>{obligation if item.source_word and lang == "en" else _e(obligation)}</b></span>'
        f"<span>{_e(w['weight'])}: <b>{item.weight}</b></span>{critical}"
        f'<span class="ws-ref">{_e(w["reference"])}: {_e(_reference(lang, item, headings))}</span></p>'
        f'<div class="ws-answer"><span class="ws-label">{_e(w["answer"])}:</span>{boxes}'
        f'<span class="ws-points">{_e(w["points"])}: <span class="ws-blank"></span></span></div>'
        f'<div class="ws-notes"><span class="ws-label">{_e(w["notes"])}:</span><span class="ws-line"></span><span class="ws-line"></span></div>'
        "</div>"
    )


def _levels(lang: str) -> str:
    w = W[lang]
    parts = []
    for i, level in enumerate(LEVELS):
        title = level.title.get(lang)
        if i == 0:
            text = w["level_first"].format(title=title, high=_num(LEVELS[1].minimum))
        elif i == len(LEVELS) - 1:
            text = w["level_top"].format(title=title, low=_num(level.minimum))
        else:
            text = w["level_from"].format(
                title=title, low=_num(level.minimum), high=_num(LEVELS[i + 1].minimum)
            )
        parts.append(f"<li>{_e(text)}</li>")
    return f'<ul class="ws-levels">{"".join(parts)}</ul>'


def _scoring(lang: str, checklist: Checklist) -> str:
    w = W[lang]
    v = VALUE_LABELS[lang]
    critical = [i for i in checklist.items if caps_level(i)]
    rows = "".join(
        f"<tr><td>{d.number}. {_e(d.title.get(lang))}</td><td>{len(checklist.items_in(d.id))}</td><td></td><td></td><td></td></tr>"
        for d in checklist.domains
    )
    steps = [
        w["step_points"].format(
            yes=v["yes"],
            partial=v["partial"],
            no=v["no"],
            p_yes=_num(POINTS["yes"]),
            p_partial=_num(POINTS["partial"]),
            p_no=_num(POINTS["no"]),
        ),
        w["step_na"].format(na=v["na"]),
        w["step_domain"],
        w["step_overall"],
    ]
    return (
        f'<section class="ws-scoring"><h1 id="ws-scoring">{_e(w["scoring"])}</h1>'
        f'<p>{_e(w["scoring_intro"])}</p><ol class="ws-steps">'
        + "".join(f"<li>{_e(s)}</li>" for s in steps)
        + f"<li>{_e(w['step_level'])}{_levels(lang)}</li>"
        + f"<li>{_e(w['step_cap'].format(no=v['no'], cap=CAP.title.get(lang)))}<ul>"
        + "".join(
            f'<li><span class="ws-id" dir="ltr">{_e(i.id)}</span> {_e(i.question.get(lang))}</li>'
            for i in critical
        )
        + "</ul></li></ol>"
        f'<table class="ws-table"><thead><tr><th>{_e(w["table_domain"])}</th><th>{_e(w["table_items"])}</th>'
        f"<th>{_e(w['table_earned'])}</th><th>{_e(w['table_possible'])}</th><th>{_e(w['table_score'])}</th></tr></thead>"
        f"<tbody>{rows}</tbody><tfoot><tr><th>{_e(w['table_total'])}</th><td>{len(checklist.items)}</td><td></td><td></td><td></td></tr>"
        f'<tr class="ws-result"><th>{_e(w["result_level"])}</th><td colspan="4"></td></tr>'
        f'<tr class="ws-result"><th>{_e(w["result_gaps"])}</th><td colspan="4"></td></tr></tfoot></table>'
        "</section>"
    )


def caps_level(item: Item) -> bool:
    """Whether a "no" to `item` is a critical gap that caps the level: a critical "must" item
    (assessment.scoring.ItemResult.is_critical_gap). Only these carry the worksheet's mark."""
    return item.critical and item.obligation == "must"


def render_worksheet(
    lang: str, headings: dict[tuple[str, str], str], cover: CoverFn, colophon: ColophonFn
) -> tuple[str, str]:
    """(document title, body HTML) of the worksheet in `lang`."""
    w = W[lang]
    checklist = default_checklist()
    title = checklist.title.get(lang)
    fields = "".join(
        f'<div class="ws-field"><span class="ws-label">{_e(w[k])}</span><span class="ws-line"></span></div>'
        for k in ("name", "unit", "assessor", "date")
    )
    parts = [
        cover(lang, title, w["kind"], ""),
        f'<section class="ws-intro"><h1 id="ws-entity">{_e(w["entity"])}</h1><div class="ws-fields">{fields}</div>'
        f'<h2 id="ws-how">{_e(w["how"])}</h2><ol>'
        + "".join(f"<li>{_e(w[k])}</li>" for k in ("how_1", "how_2", "how_3"))
        + "</ol></section>",
        '<main class="md-typeset ws-main">',
    ]
    for domain in checklist.domains:
        items = checklist.items_in(domain.id)
        chapter = headings.get((domain.section.page, ""), "")
        parts.append(
            # The heading is kept on the page of the domain's first item.
            f'<section class="ws-domain"><div class="ws-domain-head"><h1 id="ws-{_e(domain.id)}">{domain.number}. {_e(domain.title.get(lang))}</h1>'
            f'<p class="ws-domain-meta">{_e(w["chapter"])}: {_e(chapter)} · {_e(w["items"].format(n=len(items)))}</p>'
            + _item(lang, items[0], headings)
            + "</div>"
            + "".join(_item(lang, item, headings) for item in items[1:])
            + "</section>"
        )
    parts.append(_scoring(lang, checklist))
    parts.append("</main>")
    parts.append(colophon(lang, checklist_version(checklist)))
    return title, "\n".join(parts)
