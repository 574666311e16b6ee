"""A single self-contained HTML report: inline CSS and SVG, no script, no external reference.

Every string that reaches the page goes through `_e` (html.escape), whether it comes from the
answers file or from the checklist, so there is no path by which markup gets in.
"""

from __future__ import annotations

from html import escape

from .labels import OBLIGATION_LABELS, STRINGS, TREND_LABELS, VALUE_LABELS, check_lang, fmt_score
from .scoring import DomainResult, ItemResult, Result

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
.subtitle { margin: 0 0 12px; color: #555; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
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
.ref code { unicode-bidi: plaintext; font-family: inherit; }
.note { white-space: pre-wrap; }
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
    t = STRINGS[lang]
    width, row, label_w, bar_w = 640, 26, 300, 280
    height = row * len(domains) + 8
    rtl = lang == "ar"
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="chart-title" direction="ltr" '
        f'font-size="12" font-family="inherit">',
        f'<title id="chart-title">{_e(t["chart_title"])}</title>',
    ]
    for i, d in enumerate(domains):
        y = 4 + i * row
        score = d.score or 0.0
        length = round(bar_w * score / 100.0, 1)
        label = f"{d.domain.number}. {d.domain.title.get(lang)}"
        shown = fmt_score(d.score, lang)
        if rtl:
            # direction="rtl" keeps "2." before the Arabic title; "start" is then the right edge.
            lx, label_attrs = width - 4, 'text-anchor="start" direction="rtl"'
            bg_x = width - label_w - bar_w
            bx = width - label_w - length
            vx, vanchor = bx - 6, "end"
        else:
            lx, label_attrs = 4, 'text-anchor="start"'
            bg_x = label_w
            bx = label_w
            vx, vanchor = label_w + length + 6, "start"
        parts.append(
            f'<text x="{lx}" y="{y + 16}" {label_attrs}>{_e(label)}</text>'
            f'<rect class="chart-bg" x="{bg_x}" y="{y + 4}" width="{bar_w}" height="16"/>'
            f'<rect class="{_bar_class(d.score)}" x="{bx}" y="{y + 4}" width="{length}" '
            'height="16"/>'
            f'<text x="{vx}" y="{y + 16}" text-anchor="{vanchor}">{_e(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ref(r: ItemResult, result: Result, lang: str, base_url: str | None) -> str:
    t = STRINGS[lang]
    domain = result.checklist.domain(r.item.domain)
    path = r.item.section.url(lang)
    text = f"{_e(t['chapter'])} {domain.number}: {_e(domain.title.get(lang))}"
    if base_url is not None:
        href = base_url.rstrip("/") + "/" + path
        return f'<span class="ref">{text} · <a href="{_e(href)}"><code>{_e(path)}</code></a></span>'
    return f'<span class="ref">{text} · <code>{_e(path)}</code></span>'


def _tags(r: ItemResult, lang: str) -> str:
    t = STRINGS[lang]
    obligation = OBLIGATION_LABELS[lang][r.item.obligation]
    out = f'<span class="tag {_e(r.item.obligation)}">{_e(obligation)}</span>'
    out += f'<span class="tag">{_e(t["weight"])} {r.item.weight}</span>'
    out += f'<span class="tag">{_e(t["answer"])}: {_e(VALUE_LABELS[lang][r.value or ""])}</span>'
    if r.is_critical_gap:
        out += f'<span class="tag critical">{_e(t["critical"])}</span>'
    return out


def _item_block(r: ItemResult, result: Result, lang: str, base_url: str | None) -> str:
    t = STRINGS[lang]
    parts = [
        f"<h3>{_e(r.item.question.get(lang))}</h3>",
        f"<div>{_tags(r, lang)}</div>",
        f"<p><strong>{_e(t['fix'])}:</strong> {_e(r.item.fix.get(lang))}</p>",
    ]
    if r.note:
        parts.append(f'<p class="note"><strong>{_e(t["note"])}:</strong> {_e(r.note)}</p>')
    parts.append(f"<p>{_ref(r, result, lang, base_url)}</p>")
    return "".join(parts)


def render_html(result: Result, lang: str, base_url: str | None = None) -> str:
    """The whole report as one HTML document in `lang` ("ar" is right-to-left)."""
    check_lang(lang)
    t = STRINGS[lang]
    entity = result.answers.entity
    direction = "rtl" if lang == "ar" else "ltr"
    c = result.completeness
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}" dir="{direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(t['report_title'])}: {_e(entity.name)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(t['report_title'])}</h1>",
        f'<p class="subtitle">{_e(result.checklist.title.get(lang))}</p>',
        '<dl class="meta">',
    ]
    meta = [
        (t["entity"], entity.name),
        (t["unit"], entity.unit or "—"),
        (t["assessor"], entity.assessor or "—"),
        (t["date"], entity.date),
        (t["checklist_version"], result.checklist.version),
    ]
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta]
    out += ["</dl>", "</header>", "<main>", '<section class="headline">']
    percent = f"{c.percent:g}"
    answered_of = t["answered_of"].format(answered=c.answered, total=c.total, percent=percent)
    out += [
        f'<div class="figure"><span class="label">{_e(t["overall"])}</span>'
        f'<span class="value">{_e(fmt_score(result.overall, lang))}</span></div>',
        f'<div class="figure"><span class="label">{_e(t["level"])}</span>'
        f'<span class="value">{_e(result.level.title.get(lang))}</span></div>',
        f'<div class="figure"><span class="label">{_e(t["completeness"])}</span>'
        f'<span class="value">{_e(percent)}{"٪" if lang == "ar" else "%"}</span>'
        f'<span class="label">{_e(answered_of)}</span></div>',
        "</section>",
    ]
    if result.capped:
        uncapped = result.uncapped_level.title.get(lang)
        out.append(f'<p class="capped">{_e(t["capped"].format(level=uncapped))}</p>')

    out += [f"<section><h2>{_e(t['domains'])}</h2>", _chart(result.domains, lang)]
    out.append(_thead(t["domain"], t["score"], t["answered"]))
    for d in result.domains:
        out.append(
            f"<tr><td>{d.domain.number}. {_e(d.domain.title.get(lang))}</td>"
            f'<td class="num">{_e(fmt_score(d.score, lang))}</td>'
            f'<td class="num">{d.answered} / {d.total}</td></tr>'
        )
    out.append("</tbody></table></section>")

    out.append(f"<section><h2>{_e(t['critical_gaps'])}</h2>")
    if result.critical_gaps:
        out.append('<ul class="gaps">')
        out += [f"<li>{_item_block(r, result, lang, base_url)}</li>" for r in result.critical_gaps]
        out.append("</ul>")
    else:
        out.append(f"<p>{_e(t['no_critical_gaps'])}</p>")
    out.append("</section>")

    out.append(f'<section class="page-break"><h2>{_e(t["action_plan"])}</h2>')
    if result.action_plan:
        out.append('<ol class="plan">')
        out += [f"<li>{_item_block(r, result, lang, base_url)}</li>" for r in result.action_plan]
        out.append("</ol>")
    else:
        out.append(f"<p>{_e(t['no_actions'])}</p>")
    out.append("</section>")

    if result.comparison is not None:
        cmp = result.comparison
        out.append(f"<section><h2>{_e(t['comparison'])}</h2>")
        out.append(
            f"<p>{_e(t['date'])} ({_e(t['before'])}): {_e(cmp.previous_date)} · "
            f"{_e(t['overall'])}: {_e(fmt_score(cmp.overall_before, lang))} → "
            f"{_e(fmt_score(cmp.overall_after, lang))}</p>"
        )
        out.append(_thead(t["domain"], t["before"], t["after"], t["change"], t["trend"]))
        for dc in cmp.domains:
            dom = result.checklist.domain(dc.id)
            delta = "—" if dc.delta is None else f"{dc.delta:+.1f}"
            out.append(
                f"<tr><td>{dom.number}. {_e(dom.title.get(lang))}</td>"
                f'<td class="num">{_e(fmt_score(dc.before, lang))}</td>'
                f'<td class="num">{_e(fmt_score(dc.after, lang))}</td>'
                f'<td class="num">{_e(delta)}</td><td>{_e(TREND_LABELS[lang][dc.trend])}</td></tr>'
            )
        out.append("</tbody></table>")
        changed = [ic for ic in cmp.items if ic.trend != "unchanged"]
        if changed:
            out.append(_thead(t["item"], t["before"], t["after"], t["trend"]))
            for ic in changed:
                out.append(
                    f"<tr><td>{_e(result.checklist.item(ic.id).question.get(lang))}</td>"
                    f"<td>{_e(VALUE_LABELS[lang][ic.before or ''])}</td>"
                    f"<td>{_e(VALUE_LABELS[lang][ic.after or ''])}</td>"
                    f"<td>{_e(TREND_LABELS[lang][ic.trend])}</td></tr>"
                )
            out.append("</tbody></table>")
        out.append("</section>")

    out.append(f"<section><h2>{_e(t['unanswered'])}</h2>")
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
                f'<td class="note">{_e(r.note)}</td></tr>'
            )
        out.append("</tbody></table>")
    else:
        out.append(f"<p>{_e(t['none'])}</p>")
    out.append("</section>")
    out += ["</main>", f"<footer><p>{_e(t['footer'])}</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)
