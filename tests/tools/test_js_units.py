"""The tools' pure browser functions under `node --test` (tests/tools/js/), on the built site."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "js"


@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.test.mjs")))
def test_node_unit_tests_pass(site_dir: Path, name: str) -> None:
    node = shutil.which("node")
    assert node, "Node.js is required (README: Python 3.11+ and Node.js 20)"
    run = subprocess.run(
        [node, "--test", str(HERE / name)],
        env={**os.environ, "SITE_DIR": str(site_dir)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
