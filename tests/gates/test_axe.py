"""axe-core (WCAG 2.0/2.1/2.2 A and AA, and best practice) on the built site, in Chromium.

The matrix, chosen so the run stays within a few minutes on two cores:

- every page (both languages, and the 404 page) at 1280 px in the light palette, and at
  390 px in the dark palette;
- a representative subset in both languages (home, a chapter with obligation boxes, the
  glossary with its table, the self-assessment form, and the 404 page) in the other
  two viewport/palette pairings, with the navigation drawer open (390 px, both palettes) and
  with search open and showing highlighted results (1280 px light, 390 px dark).

Each page is opened once per palette and checked in each of its states in place
(tests/gates/visits.py); each state is one test that reports every violation at once. The
site's CSP stays on: axe is evaluated through the DevTools protocol.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.gates.common import ALL_PAGES, SUBSET
from tests.gates.visits import STATES, TABS, Tour


@pytest.mark.parametrize("state", STATES)
def test_no_axe_violations(site_visits: Tour, state: str) -> None:
    tab = next(t for t, states in TABS.items() if state in [s[0] for s in states])
    failures: dict[str, Any] = {}
    for path, visit in site_visits.visits[tab].items():
        assert visit.status == 200, path
        assert visit.scheme == ("slate" if tab == "dark" else "default"), path
        if state in visit.errors or "load" in visit.errors:
            failures[path] = visit.errors.get(state) or visit.errors["load"]
        elif visit.axe.get(state):
            failures[path] = visit.axe[state]
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_matrix_size(site_visits: Tour) -> None:
    """The report's count: pages × states checked."""
    assert len(ALL_PAGES) >= 39
    assert len(SUBSET) == 9
    assert len(STATES) == 8
    assert site_visits.checked() == 2 * len(ALL_PAGES) + 6 * len(SUBSET)
