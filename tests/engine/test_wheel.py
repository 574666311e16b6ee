"""The engine builds into a pure wheel that carries its data and works straight from the zip.

Importing from the zip (zipimport) is the strictest check that data is read through the
package's loader only (assessment/packaged.py), never from a path beside a module's file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).parent / "golden" / "sample-answers.json"


def test_wheel_is_pure_and_complete(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    wheels = list(tmp_path.glob("*.whl"))
    assert len(wheels) == 1
    wheel = wheels[0]
    assert wheel.name.endswith("-py3-none-any.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "assessment/api.py",
        "assessment/py.typed",
        "assessment/data/checklist.json",
        "assessment/schemas/checklist.schema.json",
        "assessment/schemas/answers.schema.json",
    ):
        assert needed in names
    assert not any(n.startswith("tests/") for n in names)

    code = (
        "import json, sys, assessment, assessment.api as api;"
        "assert assessment.__file__.startswith(sys.argv[1]), assessment.__file__;"
        "r = json.loads(api.score(open(sys.argv[2], encoding='utf-8').read()));"
        "print(r['result']['overall'])"
    )
    env = {**os.environ, "PYTHONPATH": str(wheel)}
    run = subprocess.run(
        [sys.executable, "-P", "-c", code, str(wheel), str(SAMPLE)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "68.0"
