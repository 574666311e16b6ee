"""Content tests: most read the Markdown and data files only; those that need `site/` say so.

`@pytest.mark.site` (or `pytestmark = pytest.mark.site`) marks a test that reads the built
site; `pytest -m "not site" tests/content` runs the rest without a build, in seconds.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "site: needs the built site/ (make build)")
