"""The reports' vocabulary, read from the one string source (data/strings/<lang>.json).

A thin accessor kept so that callers can ask for "the label of answer value X" without
knowing key names; every wording itself lives in the strings files.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .languages import CODES, language
from .strings import table

LANGS = CODES

# Report keys that are shared vocabulary, so they live under "term." with the site's wording.
_TERMS = {
    "action_plan": "term.action_plan",
    "completeness": "term.completeness",
    "critical_gaps": "term.critical_gaps",
    "domain": "term.domain",
    "fix": "term.fix",
    "level": "term.maturity_level",
    "overall": "term.overall_score",
}


def _report(lang: str) -> Mapping[str, str]:
    t = table(lang)
    out = {k.removeprefix("report."): v for k, v in t.items() if k.startswith("report.")}
    out.update({short: t[key] for short, key in _TERMS.items()})
    return MappingProxyType(out)


def _values(lang: str) -> Mapping[str, str]:
    t = table(lang)
    out = {v: t[f"term.value_{v}"] for v in ("yes", "partial", "no", "na")}
    out[""] = t["term.value_none"]
    return MappingProxyType(out)


def _prefixed(lang: str, prefix: str, names: tuple[str, ...]) -> Mapping[str, str]:
    t = table(lang)
    return MappingProxyType({n: t[f"{prefix}{n}"] for n in names})


# Read-only views of the strings files, per language; derived data, not state.
STRINGS: Mapping[str, Mapping[str, str]] = {c: _report(c) for c in CODES}
VALUE_LABELS: Mapping[str, Mapping[str, str]] = {c: _values(c) for c in CODES}
OBLIGATION_LABELS: Mapping[str, Mapping[str, str]] = {
    c: _prefixed(c, "term.", ("must", "should", "may")) for c in CODES
}
TREND_LABELS: Mapping[str, Mapping[str, str]] = {
    c: _prefixed(c, "term.trend_", ("improved", "regressed", "unchanged")) for c in CODES
}


def check_lang(lang: str) -> str:
    """`lang` if it is a supported language code, else a UsageError."""
    return language(lang).code


def fmt_score(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}"
