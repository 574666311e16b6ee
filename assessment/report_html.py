"""A single self-contained HTML report: inline CSS and SVG, no script, nothing it loads.

Its only references are plain links to the published guideline site (`site_url`), so a
director reading the file alone can follow them. Every string that reaches the page goes
through `_e` (html.escape), whether it comes from the answers file or from the checklist, so
there is no path by which markup gets in; text from the answers file is also isolated in
`<bdi>` so an Arabic name in an English report cannot reorder the line.
"""

from __future__ import annotations

from html import escape

from .labels import OBLIGATION_LABELS, STRINGS, TREND_LABELS, VALUE_LABELS, check_lang, fmt_score
from .languages import language
from .links import page_url, section_url
from .scoring import MIN_APPLICABLE, MIN_COMPLETENESS, DomainResult, ItemResult, Result

_CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, Arial, sans-serif;
  color: #1b1b1b; background: #fff; line-height: 1.6; }
body { margin: 0 auto; max-width: 190mm; padding: 12px 16px; font-size: 11pt; }
h1 { font-size: 20pt; margin: 0 0 4px; color: #00695c; }
h2 { font-size: 14pt; margin: 22px 0 8px; color: #00695c; border-bottom: 2px solid #b2dfdb;
  padding-bottom: 2px; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 0 0 4px; }
.summary h2 { margin-top: 12px; }
.subtitle { margin: 0 0 12px; color: #555; }
dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0 14px;
  margin: 0; font-size: 10pt; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.figure { flex: 1 1 150px; border: 1px solid #b2dfdb; border-radius: 6px; padding: 8px 12px;
  background: #f1f8f7; }
.figure .label { display: block; font-size: 9.5pt; color: #444; }
.figure .value { display: block; font-size: 18pt; font-weight: bold; }
.capped { border: 1px solid #d84315; background: #fbe9e7; padding: 6px 10px; border-radius: 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 10pt; }
th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: start; vertical-align: top; }
th { background: #e0f2f1; }
td.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
ol.plan, ul.gaps { padding-inline-start: 22px; margin: 0; }
ol.plan > li, ul.gaps > li { margin: 0 0 10px; break-inside: avoid; page-break-inside: avoid; }
.tag { display: inline-block; font-size: 8.5pt; border: 1px solid #888; border-radius: 3px;
  padding: 0 4px; margin-inline-end: 4px; }
.tag.must { border-color: #b71c1c; color: #b71c1c; }
.tag.critical { background: #b71c1c; color: #fff; border-color: #b71c1c; }
.ref { font-size: 9pt; color: #555; }
.ref a { color: #00695c; }
.note { white-space: pre-wrap; unicode-bidi: plaintext; }
bdi { unicode-bidi: isolate; }
.summary { break-after: page; page-break-after: always; }
.summary ol { margin: 4px 0; padding-inline-start: 22px; font-size: 10pt; line-height: 1.45; }
.summary ol > li { margin-bottom: 3px; }
.summary .headline { margin: 8px 0; }
.legend { font-size: 9pt; color: #333; border-top: 1px solid #ccc; margin-top: 10px; }
.legend p { margin: 2px 0; }
.insufficient { border: 1px solid #6d4c41; background: #efebe9; padding: 6px 10px;
  border-radius: 6px; }
.overdue { color: #b71c1c; font-weight: bold; }
.warnings li { unicode-bidi: plaintext; }
td.num { padding-inline: 10px; }
.plan-meta { margin: 2px 0; font-size: 10pt; }
svg { display: block; max-width: 100%; height: auto; }
.chart-bg { fill: #eceff1; }
.bar { fill: #00897b; }
.bar.low { fill: #d84315; }
.bar.mid { fill: #f9a825; }
.page-break { break-before: page; page-break-before: always; }
footer { margin-top: 24px; font-size: 9pt; color: #555; border-top: 1px solid #ccc;
  padding-top: 6px; }
@media print {
  body { max-width: none; padding: 0; }
  h2 { margin-top: 14px; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _u(text: str) -> str:
    """User-supplied text: escaped and isolated from the surrounding direction."""
    return f"<bdi>{_e(text)}</bdi>"


def _n(text: str) -> str:
    """A number or signed figure, isolated so its sign stays in place in Arabic."""
    return f'<bdi dir="ltr">{_e(text)}</bdi>'


def _thead(*labels: str) -> str:
    cells = "".join(f'<th scope="col">{_e(label)}</th>' for label in labels)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>"


def _bar_class(score: float | None) -> str:
    if score is None or score < 40:
        return "bar low"
    if score < 60:
        return "bar mid"
    return "bar"


def _chart(domains: tuple[DomainResult, ...], lang: str) -> str:
    # Each label sits on its own line above its bar, across the chart's whole width, so no
    # domain title is clipped however long it is in either language.
    t = STRINGS[lang]
    width, row, bar_w = 640, 40, 560
    height = row * len(domains) + 4
    rtl = language(lang).direction == "rtl"
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart-title" '
        f'font-size="12" font-family="inherit">',
        f'<title id="chart-title">{_e(t["chart_title"])}</title>',
    ]
    for i, d in enumerate(domains):
        y = 2 + i * row
        length = round(bar_w * (d.score or 0.0) / 100.0, 1)
        label = f"{d.domain.number}. {d.domain.title.get(lang)}"
        if rtl:
            lx, anchor = width - 2, 'text-anchor="start" direction="rtl"'
            bg_x, bx = width - bar_w, width - length
            vx, vanchor = width - bar_w - 6, "end"
        else:
            lx, anchor = 2, 'text-anchor="start"'
            bg_x, bx = 0, 0
            vx, vanchor = bar_w + 6, "start"
        parts.append(
            f'<text x="{lx}" y="{y + 13}" {anchor}>{_e(label)}</text>'
            f'<rect class="chart-bg" x="{bg_x}" y="{y + 19}" width="{bar_w}" height="14"/>'
            f'<rect class="{_bar_class(d.score)}" x="{bx}" y="{y + 19}" width="{length}" '
            'height="14"/>'
            f'<text x="{vx}" y="{y + 31}" text-anchor="{vanchor}" direction="ltr">'
            f"{_e(fmt_score(d.score, lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


class _Page:
    """What every part of one report needs: the result, the language and the link base."""

    def __init__(self, result: Result, lang: str, site_url: str | None, report_date: str) -> None:
        self.result = result
        self.lang = lang
        self.site_url = site_url
        self.report_date = report_date
        self.t = STRINGS[lang]

    def percent(self, value: float) -> str:
        return f"{value:g}" + ("٪" if self.lang == "ar" else "%")

    def link(self, href: str, text: str) -> str:
        return f'<a href="{_e(href)}">{_e(text)}</a>'

    def ref(self, r: ItemResult) -> str:
        domain = self.result.checklist.domain(r.item.domain)
        text = f"{self.t['chapter']} {domain.number}: {domain.title.get(self.lang)}"
        href = section_url(r.item.section, lang=self.lang, site_url=self.site_url)
        return f'<span class="ref">{self.link(href, text)}</span>'

    def overdue(self, r: ItemResult) -> bool:
        due = r.answer.due if r.answer else ""
        return bool(due) and due < self.report_date and r.effective in ("no", "partial")

    def tags(self, r: ItemResult) -> str:
        t, lang = self.t, self.lang
        obligation = OBLIGATION_LABELS[lang][r.item.obligation]
        out = f'<span class="tag {_e(r.item.obligation)}">{_e(obligation)}</span>'
        out += f'<span class="tag">{_e(t["weight"])} {r.item.weight}</span>'
        answer = t["unjustified_na"] if r.unjustified_na else VALUE_LABELS[lang][r.value or ""]
        out += f'<span class="tag">{_e(t["answer"])}: {_e(answer)}</span>'
        if r.is_critical_gap:
            out += f'<span class="tag critical">{_e(t["critical"])}</span>'
        if self.overdue(r):
            out += f'<span class="tag overdue">{_e(t["overdue"])}</span>'
        return out

    def plan_meta(self, r: ItemResult) -> str:
        a, t = r.answer, self.t
        if a is None or not (a.owner or a.due or a.evidence):
            return ""
        parts = []
        if a.owner:
            parts.append(f"<strong>{_e(t['owner'])}:</strong> {_u(a.owner)}")
        if a.due:
            due = _n(a.due)
            if self.overdue(r):
                late = t["overdue_on"].format(date=self.report_date)
                due += f' <span class="overdue">({_e(late)})</span>'
            parts.append(f"<strong>{_e(t['due'])}:</strong> {due}")
        out = f'<p class="plan-meta">{" · ".join(parts)}</p>' if parts else ""
        if a.evidence:
            items = "".join(f"<li>{_u(e)}</li>" for e in a.evidence)
            label = f"<strong>{_e(t['evidence_given'])}:</strong>"
            out += f'<p class="plan-meta">{label}</p><ul>{items}</ul>'
        return out

    def item_block(self, r: ItemResult) -> str:
        t, lang = self.t, self.lang
        parts = [
            f"<h3>{_e(r.item.question.get(lang))}</h3>",
            f"<div>{self.tags(r)}</div>",
            f"<p><strong>{_e(t['why'])}:</strong> {_e(r.item.why.get(lang))}</p>",
            f"<p><strong>{_e(t['fix'])}:</strong> {_e(r.item.fix.get(lang))}</p>",
            f"<p><strong>{_e(t['evidence'])}:</strong> {_e(r.item.evidence.get(lang))}</p>",
        ]
        if r.note:
            parts.append(
                f'<p class="note" dir="auto"><strong>{_e(t["note"])}:</strong> {_u(r.note)}</p>'
            )
        parts.append(self.plan_meta(r))
        parts.append(f"<p>{self.ref(r)}</p>")
        return "".join(parts)


def _head(p: _Page) -> list[str]:
    t, lang, entity = p.t, p.lang, p.result.answers.entity
    lg = language(lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lg.code}" dir="{lg.direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(t['report_title'])}: {_e(entity.name)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(t['report_title'])}</h1>",
        f'<p class="subtitle">{_e(p.result.checklist.title.get(lang))}</p>',
        '<dl class="meta">',
    ]
    meta = [
        (t["entity"], _u(entity.name)),
        (t["entity_code"], _u(entity.code or "—")),
        (t["unit"], _u(entity.unit or "—")),
        (t["assessor"], _u(entity.assessor or "—")),
        (t["date"], _n(entity.date)),
        (t["report_date"], _n(p.report_date)),
        (t["checklist_version"], _n(p.result.checklist.version)),
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in meta]
    out += ["</dl>", "</header>"]
    return out


def _figures(p: _Page) -> list[str]:
    t, c, result = p.t, p.result.completeness, p.result
    detail = t["applicable_of"].format(
        scored=c.scored, applicable=c.applicable, percent=f"{c.percent:g}", na=c.not_applicable
    )
    out = [
        '<section class="headline">',
        f'<div class="figure"><span class="label">{_e(t["overall"])}</span>'
        f'<span class="value">{_n(fmt_score(result.overall, p.lang))}</span></div>',
        f'<div class="figure"><span class="label">{_e(t["level"])}</span>'
        f'<span class="value">{_e(result.level.title.get(p.lang))}</span></div>',
        f'<div class="figure"><span class="label">{_e(t["completeness"])}</span>'
        f'<span class="value">{_n(p.percent(c.percent))}</span>'
        f'<span class="label">{_e(detail)}</span></div>',
        "</section>",
    ]
    if result.capped:
        uncapped = result.uncapped_level.title.get(p.lang)
        reason = t["capped_reason"].format(count=len(result.critical_gaps))
        out.append(f'<p class="capped">{_e(t["capped"].format(level=uncapped))} {_e(reason)}</p>')
    if result.level.id == "insufficient":
        text = t["insufficient"].format(
            scored=c.scored,
            applicable=c.applicable,
            min=f"{MIN_COMPLETENESS:g}",
            min_applicable=f"{MIN_APPLICABLE:g}",
        )
        out.append(f'<p class="insufficient">{_e(text)}</p>')
    return out


TOP_ACTIONS = 5


def _summary(p: _Page) -> list[str]:
    t, lang, plan = p.t, p.lang, p.result.action_plan
    out = ['<section class="summary">', f"<h2>{_e(t['summary'])}</h2>", *_figures(p)]
    out.append(f"<h2>{_e(t['top_actions'])}</h2>")
    if plan:
        out.append("<ol>")
        for r in plan[:TOP_ACTIONS]:
            overdue = f' <span class="overdue">({_e(t["overdue"])})</span>' if p.overdue(r) else ""
            out.append(
                f"<li><strong>{_e(r.item.question.get(lang))}</strong>{overdue}<br>"
                f"{_e(r.item.fix.get(lang))}</li>"
            )
        out.append("</ol>")
        if len(plan) > TOP_ACTIONS:
            out.append(f"<p>{_e(t['more_actions'].format(count=len(plan) - TOP_ACTIONS))}</p>")
    else:
        out.append(f"<p>{_e(t['no_actions'])}</p>")
    methodology = page_url("methodology/", lang=lang, site_url=p.site_url)
    out += [
        f'<div class="legend"><h3>{_e(t["legend"])}</h3>',
        f"<p>{_e(t['legend_levels'])}</p>",
        f"<p>{_e(t['legend_obligations'])}</p>",
        f"<p>{_e(t['legend_weights'])}</p>",
        f"<p>{_e(t['methodology_link'])} {p.link(methodology, t['methodology'])}</p>",
        "</div>",
        "</section>",
    ]
    return out


def _warnings(p: _Page) -> list[str]:
    warnings = p.result.warnings
    if not warnings:
        return []
    items = "".join(f"<li><code>{_u(w.path)}</code>: {_e(w.text(p.lang))}</li>" for w in warnings)
    return [
        f"<section><h2>{_e(p.t['warnings'])}</h2>",
        f'<ul class="warnings">{items}</ul>',
        "</section>",
    ]


def _domains(p: _Page) -> list[str]:
    t, lang = p.t, p.lang
    out = [f"<section><h2>{_e(t['domains'])}</h2>", _chart(p.result.domains, lang)]
    out.append(_thead(t["domain"], t["score"], t["answered"]))
    for d in p.result.domains:
        out.append(
            f"<tr><td>{d.domain.number}. {_e(d.domain.title.get(lang))}</td>"
            f'<td class="num">{_n(fmt_score(d.score, lang))}</td>'
            f'<td class="num">{_n(f"{d.answered} / {d.total}")}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return out


def _item_list(
    p: _Page, title: str, rows: tuple[ItemResult, ...], empty: str, cls: str
) -> list[str]:
    out = [f"<h2>{_e(title)}</h2>"]
    if not rows:
        return [*out, f"<p>{_e(empty)}</p>"]
    tag = "ol" if cls == "plan" else "ul"
    return [
        *out,
        f'<{tag} class="{cls}">',
        *(f"<li>{p.item_block(r)}</li>" for r in rows),
        f"</{tag}>",
    ]


def _justified(p: _Page) -> list[str]:
    rows = p.result.justified_na
    if not rows:
        return []
    t, lang = p.t, p.lang
    out = [f"<section><h2>{_e(t['justified_na'])}</h2>", _thead(t["item"], t["justification"])]
    for r in rows:
        out.append(
            f"<tr><td>{_e(r.item.question.get(lang))}</td>"
            f'<td class="note" dir="auto">{_u(r.note)}</td></tr>'
        )
    return [*out, "</tbody></table></section>"]


def _comparison(p: _Page) -> list[str]:
    cmp = p.result.comparison
    if cmp is None:
        return []
    t, lang = p.t, p.lang
    change = t["change_from_to"]
    overall = _e(change).format(
        before=_n(fmt_score(cmp.overall_before, lang)), after=_n(fmt_score(cmp.overall_after, lang))
    )
    out = [
        f"<section><h2>{_e(t['comparison'])}</h2>",
        f"<p>{_e(t['date'])} ({_e(t['before'])}): {_n(cmp.previous_date)} · "
        f"{_e(t['overall'])}: {overall}</p>",
        _thead(t["domain"], t["before"], t["after"], t["change"], t["trend"]),
    ]
    for dc in cmp.domains:
        dom = p.result.checklist.domain(dc.id)
        delta = "—" if dc.delta is None else f"{dc.delta:+.1f}"
        out.append(
            f"<tr><td>{dom.number}. {_e(dom.title.get(lang))}</td>"
            f'<td class="num">{_n(fmt_score(dc.before, lang))}</td>'
            f'<td class="num">{_n(fmt_score(dc.after, lang))}</td>'
            f'<td class="num">{_n(delta)}</td><td>{_e(TREND_LABELS[lang][dc.trend])}</td></tr>'
        )
    out.append("</tbody></table>")
    changed = [ic for ic in cmp.items if ic.trend != "unchanged"]
    if changed:
        out.append(_thead(t["item"], t["before"], t["after"], t["trend"]))
        for ic in changed:
            out.append(
                f"<tr><td>{_e(p.result.checklist.item(ic.id).question.get(lang))}</td>"
                f"<td>{_e(VALUE_LABELS[lang][ic.before or ''])}</td>"
                f"<td>{_e(VALUE_LABELS[lang][ic.after or ''])}</td>"
                f"<td>{_e(TREND_LABELS[lang][ic.trend])}</td></tr>"
            )
        out.append("</tbody></table>")
    return [*out, "</section>"]


def _rest(p: _Page) -> list[str]:
    t, lang, result = p.t, p.lang, p.result
    out = [f"<section><h2>{_e(t['unanswered'])}</h2>"]
    if result.unanswered:
        out.append("<ul>")
        out += [
            f"<li>{_e(result.checklist.item(i).question.get(lang))}</li>" for i in result.unanswered
        ]
        out.append("</ul>")
    else:
        out.append(f"<p>{_e(t['none'])}</p>")
    out.append("</section>")
    noted = [r for r in result.items if r.note]
    out.append(f"<section><h2>{_e(t['notes'])}</h2>")
    if noted:
        out.append(_thead(t["item"], t["answer"], t["note"]))
        for r in noted:
            out.append(
                f"<tr><td>{_e(r.item.question.get(lang))}</td>"
                f"<td>{_e(VALUE_LABELS[lang][r.value or ''])}</td>"
                f'<td class="note" dir="auto">{_u(r.note)}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append(f"<p>{_e(t['none'])}</p>")
    out.append("</section>")
    return out


def render_html(
    result: Result, lang: str, site_url: str | None = None, report_date: str | None = None
) -> str:
    """The whole report as one HTML document in `lang` ("ar" is right-to-left).

    `site_url` is the published site the links point to; `report_date` (YYYY-MM-DD, default
    the assessment date) is the date overdue actions are judged against.
    """
    check_lang(lang)
    p = _Page(result, lang, site_url, report_date or result.answers.entity.date)
    t = p.t
    out = [*_head(p), "<main>", *_summary(p), *_warnings(p), *_domains(p)]
    out.append("<section>")
    out += _item_list(p, t["critical_gaps"], result.critical_gaps, t["no_critical_gaps"], "gaps")
    out.append("</section>")
    out += _justified(p)
    out.append('<section class="page-break">')
    out += _item_list(p, t["action_plan"], result.action_plan, t["no_actions"], "plan")
    out.append("</section>")
    out += _comparison(p) + _rest(p)
    out += ["</main>", f"<footer><p>{_e(t['footer'])}</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)
