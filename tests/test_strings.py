"""The one string source: both languages have the same keys and the same placeholders."""

from __future__ import annotations

import string

from assessment.languages import CODES, of_path, url
from assessment.strings import browser_tables, table, text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_the_same_keys() -> None:
    keys = {code: set(table(code)) for code in CODES}
    reference = keys[CODES[0]]
    for code, found in keys.items():
        assert found == reference, f"{code}: missing {reference - found}, extra {found - reference}"


def test_placeholders_match_across_languages() -> None:
    ar, en = table("ar"), table("en")
    mismatched = [k for k in ar if _fields(ar[k]) != _fields(en[k])]
    assert not mismatched, mismatched


def test_no_empty_strings() -> None:
    for code in CODES:
        assert not [k for k, v in table(code).items() if not v.strip()], code


def test_text_fills_placeholders() -> None:
    assert text("term.domain", lang="en") == "Domain"


def test_browser_copy_is_limited_to_browser_namespaces() -> None:
    for code, strings in browser_tables().items():
        assert strings, code
        assert all(not k.startswith(("report.", "pdf.", "site.")) for k in strings)


def test_language_facts() -> None:
    assert of_path("/en/guideline/").code == "en"
    assert of_path("en/index.md").code == "en"
    assert of_path("ar/index.md").code == "ar"
    assert of_path("/guideline/").code == "ar"
    assert url("/glossary/", lang="en") == "/en/glossary/"
    assert url("glossary/", lang="ar") == "/glossary/"
