"""Template overrides stay in step with Material, and take their words from the string source."""

from __future__ import annotations

import re
from pathlib import Path

import material

from assessment.strings import table
from tests.conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"


def test_search_partial_is_materials_plus_a_name() -> None:
    """Material's search partial has no block to add the dialog's name to, so it is copied;
    this fails when a Material upgrade changes the original (copy it again, re-add the name)."""
    ours = (OVERRIDES / "partials" / "search.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    ours_body = ours[ours.index("-#}") :]
    theirs_body = theirs[theirs.index("-#}") :]
    named = theirs_body.replace(
        'role="dialog">', 'role="dialog" aria-label="{{ t(\'site.search_dialog\') }}">', 1
    )
    assert named != theirs_body and ours_body == named


def test_templates_use_only_known_strings() -> None:
    keys = set(table("ar"))
    used = set()
    for template in OVERRIDES.rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"""(?<![.\w])t\(\s*["']([\w.]+)["']""", source))
    assert used and used <= keys, used - keys
