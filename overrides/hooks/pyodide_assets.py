"""Ship the in-browser scoring runtime with the site: Pyodide and the assessment engine wheel.

After the build, copy the five Pyodide runtime files from the pinned npm package into
`site/assets/pyodide/<version>/`, and the engine wheel (built from `assessment/` with the
project's own pyproject.toml) into `site/assets/wheels/<sha256 prefix>/`, with
`assets/wheels/manifest.json` naming both, so the Web Worker knows what to fetch. Paths carry a
version or a content hash so a server can cache them as immutable; only the manifest changes.
Nothing is fetched from any other origin at run time.

A wheel in `dist/` is reused when it is newer than every engine source file; otherwise the
wheel is built into a temporary directory (`python -m build --wheel --no-isolation`).
mkdocs-static-i18n runs this hook once per language build, into the same site/: the manifest
records a digest of the engine's sources, and a build that finds the wheel of the same
sources already in site/ keeps it (the input is the site directory, not state kept between
the two builds).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
ENGINE_SOURCES = ("assessment", "pyproject.toml")
# Pyodide names its CDN (package downloads we never make: the worker passes packageBaseUrl)
# and a Node-only socket URL. Rewritten so the shipped files name no other origin.
FOREIGN_IN_RUNTIME = {
    "pyodide.mjs": ("`https://cdn.jsdelivr.net/pyodide/v${U}/full/`", "`./`"),
    "pyodide.asm.mjs": ("`https://${t}`", "`about:blank#${t}`"),
}
WHEEL_GLOB = "*-py3-none-any.whl"


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in ENGINE_SOURCES:
        path = ROOT / name
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
        elif path.is_dir():
            for f in path.rglob("*"):
                if f.is_file() and "__pycache__" not in f.parts:
                    newest = max(newest, f.stat().st_mtime)
    return newest


def engine_digest() -> str:
    """sha256 of the engine's sources (paths and contents): what the wheel is built from."""
    digest = hashlib.sha256()
    for name in ENGINE_SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                digest.update(f.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(f.read_bytes())
    return digest.hexdigest()


def _kept_wheel(wheels: Path, source: str) -> bool:
    """site/ already has the wheel of these sources (written by an earlier language's build)."""
    manifest = wheels / "manifest.json"
    if not manifest.is_file():
        return False
    found = json.loads(manifest.read_text(encoding="utf-8"))
    return found.get("source") == source and (wheels / str(found.get("wheel"))).is_file()


def _fresh_dist_wheel() -> Path | None:
    dist = ROOT / "dist"
    wheels = sorted(dist.glob(WHEEL_GLOB), key=lambda p: p.stat().st_mtime) if dist.is_dir() else []
    if len(wheels) == 1 and wheels[0].stat().st_mtime >= _newest_source_mtime():
        return wheels[0]
    return None


def _build_wheel(outdir: Path) -> Path:
    if not (ROOT / "pyproject.toml").is_file() or not (ROOT / "assessment").is_dir():
        raise SystemExit(
            "assessment engine missing: pyproject.toml and assessment/ are needed for the wheel"
        )
    # A fixed timestamp makes the wheel's bytes, and so its content-addressed path, repeatable.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "SOURCE_DATE_EPOCH": "1704067200"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(outdir),
            str(ROOT),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = list(outdir.glob(WHEEL_GLOB))
    if proc.returncode != 0 or len(wheels) != 1:
        raise SystemExit(f"building the assessment wheel failed:\n{proc.stdout}\n{proc.stderr}")
    return wheels[0]


def _copy_if_changed(src: Path, dest: Path) -> None:
    if (
        dest.is_file()
        and dest.stat().st_size == src.stat().st_size
        and dest.stat().st_mtime >= src.stat().st_mtime
    ):
        return
    shutil.copy2(src, dest)


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    package = ROOT / "node_modules" / "pyodide"
    if not package.is_dir():
        raise SystemExit("node_modules/pyodide is missing: run `make setup` (npm ci) first")
    pyodide_version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    runtime = site / "assets" / "pyodide" / pyodide_version
    runtime.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        if name in FOREIGN_IN_RUNTIME:
            old, new = FOREIGN_IN_RUNTIME[name]
            text = (package / name).read_text(encoding="utf-8")
            if old not in text:
                raise SystemExit(f"pyodide/{name}: expected {old!r}; review FOREIGN_IN_RUNTIME")
            (runtime / name).write_text(text.replace(old, new), encoding="utf-8")
        else:
            _copy_if_changed(package / name, runtime / name)

    wheels = site / "assets" / "wheels"
    source = engine_digest()
    if _kept_wheel(wheels, source):
        return
    if wheels.is_dir():
        shutil.rmtree(wheels)
    wheels.mkdir(parents=True)
    wheel = _fresh_dist_wheel()
    with tempfile.TemporaryDirectory(prefix="daleel-wheel-") as tmp:
        built = wheel if wheel is not None else _build_wheel(Path(tmp))
        name = built.name
        digest = hashlib.sha256(built.read_bytes()).hexdigest()
        (wheels / digest[:12]).mkdir()
        shutil.copy2(built, wheels / digest[:12] / name)
    manifest = {
        "wheel": f"{digest[:12]}/{name}",
        "sha256": digest,
        "pyodide": pyodide_version,
        "source": source,
    }
    (wheels / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
