"""Each page's module script and the scoring worker are one file each
(scripts/bundle_modules.py), and every file a bundle names relative to itself (the scoring
worker, a stylesheet, the wheels' folder) is where the bundle looks for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bundle_modules import MODULE_RELATIVE, broken_urls, entry_modules, worker_modules

from tests.conftest import SITE

pytestmark = pytest.mark.site

# A static import or re-export left in a bundle: one more request before the page can start.
STATIC_IMPORT = re.compile(r"^\s*(?:import\s|export\s[^;]*\sfrom\s)", re.MULTILINE)


@pytest.fixture(scope="module")
def entries() -> dict[str, Path]:
    """Each module a built page loads, by its path in the site (every page read once)."""
    return {e.relative_to(SITE.resolve()).as_posix(): e for e in entry_modules(SITE)}


def test_page_modules_are_bundled(entries: dict[str, Path]) -> None:
    assert {
        "assets/javascripts/assessment/main.js",
        "assets/javascripts/dashboard/main.js",
        "assets/javascripts/tools/reminders.js",
        "assets/javascripts/offline/register.js",
    } <= set(entries)
    for name, entry in entries.items():
        text = entry.read_text(encoding="utf-8")
        assert STATIC_IMPORT.search(text) is None, f"{name} still imports"
    assert broken_urls(list(entries.values())) == []


def test_the_engine_is_reached_from_every_bundle_that_carries_it(entries: dict[str, Path]) -> None:
    carriers = [e for e in entries.values() if "new Worker(" in e.read_text(encoding="utf-8")]
    assert len(carriers) >= 3  # the assessment, the dashboard, the reminders tool
    for entry in carriers:
        named = MODULE_RELATIVE.findall(entry.read_text(encoding="utf-8"))
        assert "../assessment/worker.js" in named


def test_the_scoring_worker_is_bundled(entries: dict[str, Path]) -> None:
    workers = worker_modules(list(entries.values()))
    assert [w.relative_to(SITE.resolve()).as_posix() for w in workers] == [
        "assets/javascripts/assessment/worker.js"
    ]
    text = workers[0].read_text(encoding="utf-8")
    assert STATIC_IMPORT.search(text) is None, "the worker still imports"
    # The dashboard's decoder travels inside it, not as a path beside a file that moved.
    assert "../dashboard/read.js" not in text
    assert "decodeAll" in text
    assert MODULE_RELATIVE.findall(text)  # its wheels' folder, checked by broken_urls
    assert broken_urls(workers) == []
