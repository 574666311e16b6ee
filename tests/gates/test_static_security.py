"""No inline event handlers or script URLs in the built HTML, and no HTML built from data in
the site's own JavaScript.

(Reports escaping every user-supplied value is tested where they are made:
tests/engine/test_reports.py, and with a hostile entity name in the browser:
tests/e2e/test_assessment_widget.py.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITE

HTML_FILES = sorted(SITE.rglob("*.html")) if SITE.exists() else []
OUR_JS = sorted((ROOT / "overrides" / "assets" / "javascripts").rglob("*.js"))

# Sinks that parse a string as HTML or code. innerHTML/outerHTML may only be given a literal
# without substitutions (e.g. "" to clear an element); the others are not used at all.
HTML_PROPERTY = re.compile(r"\.(?:inner|outer)HTML\s*\+?=\s*(?P<rhs>[^;\n]*)")
LITERAL = re.compile(r"""^\s*(?:"[^"\\]*"|'[^'\\]*'|`[^`$\\]*`)\s*$""")
BANNED = {
    "insertAdjacentHTML": re.compile(r"\binsertAdjacentHTML\s*\("),
    "document.write": re.compile(r"\bdocument\s*\.\s*write(?:ln)?\s*\("),
    "eval": re.compile(r"(?<![\w.])eval\s*\("),
    "new Function": re.compile(r"\bnew\s+Function\s*\("),
    "string timer": re.compile(r"\bset(?:Timeout|Interval)\s*\(\s*[\"'`]"),
    "on* attribute": re.compile(r"""setAttribute\s*\(\s*["'`]on""", re.I),
    "srcdoc": re.compile(r"\bsrcdoc\b"),
    "createContextualFragment": re.compile(r"\bcreateContextualFragment\b"),
    "parseFromString": re.compile(r"\bparseFromString\b"),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "data") and (
                (value or "").strip().lower().startswith("javascript:")
            ):
                self.found.append(f"<{tag} {name}={value}>")


@pytest.mark.parametrize("html_file", HTML_FILES, ids=lambda p: p.relative_to(SITE).as_posix())
def test_no_inline_handlers_or_script_urls(html_file: Path) -> None:
    parser = _Attributes()
    parser.feed(html_file.read_text(encoding="utf-8"))
    assert parser.found == []


def js_problems(source: str) -> list[str]:
    problems = [
        f"{m[0].strip()}" for m in HTML_PROPERTY.finditer(source) if not LITERAL.match(m["rhs"])
    ]
    problems += [name for name, pattern in BANNED.items() if pattern.search(source)]
    return problems


@pytest.mark.parametrize("js_file", OUR_JS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_our_javascript_builds_no_html_from_data(js_file: Path) -> None:
    assert js_problems(js_file.read_text(encoding="utf-8")) == []


def test_the_javascript_check_catches_what_it_should() -> None:
    assert js_problems('el.innerHTML = "";') == []
    assert js_problems("el.innerHTML = `<b>${name}</b>`;") != []
    assert js_problems("el.innerHTML = name;") != []
    assert js_problems("el.outerHTML += '<i>' + x;") != []
    assert js_problems('el.insertAdjacentHTML("beforeend", x);') == ["insertAdjacentHTML"]
    assert js_problems('setTimeout("go()", 1);') == ["string timer"]
    assert js_problems('a.setAttribute("onclick", f);') == ["on* attribute"]
    assert js_problems("el.textContent = name;") == []


def test_the_html_check_catches_what_it_should() -> None:
    parser = _Attributes()
    parser.feed('<a href="JavaScript:go()">x</a><img src=x onerror=alert(1)><p>on=1</p>')
    assert parser.found == ["<a href=JavaScript:go()>", "<img onerror=...>"]
