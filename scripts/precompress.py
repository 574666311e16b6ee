#!/usr/bin/env python3
"""Write `.gz` (and `.br`) copies of the built site's compressible static files.

A server with `gzip_static on;` (nginx; `brotli_static on;` where the brotli module is loaded)
sends the ready-made copy instead of compressing on every request, and can use the highest
levels because the work is done once, at build time. Nothing here needs the network: gzip is
in the standard library and brotli is the PyPI `brotli` package pinned in requirements.lock
(without it only `.gz` files are written, with a note).

Rules: files of at least MIN_BYTES with a compressible suffix; a copy is kept only when it
saves at least 5 % (so already-compressed data such as Pyodide's stdlib zip gets none, and the
server sends the file itself). Levels fall with size (see BIG) to keep the build short.
Outputs are deterministic (gzip mtime 0, no file name), and a copy newer than its source is
not redone.

Usage: python scripts/precompress.py [SITE_DIR] [--no-brotli] [--quiet]
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".zip", ".svg", ".xml", ".txt"}
)
MIN_BYTES = 1400  # about one packet: smaller files gain nothing worth a second file
MAX_RATIO = 0.95  # keep a copy only when it is at least 5 % smaller
# Above this size the levels drop (measured on this 2-core machine, Pyodide's 9.6 MB wasm):
# brotli 11 takes 72 s (2.74 MB), 9 takes 7 s (3.10 MB), 5 takes 0.7 s (3.23 MB; gzip -9:
# 3.53 MB); gzip -9 gains 0.5 % over -6 for 1.9 s against 0.7 s. Below it, brotli 9 rather
# than 11: within a few per cent of 11 on the site's HTML and JavaScript at a tenth of the time.
BIG = 4 * 1024 * 1024


def _brotli_compressor() -> Callable[[bytes, int], bytes] | None:
    try:
        import brotli  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None

    def compress(data: bytes, quality: int) -> bytes:
        out: bytes = brotli.compress(data, quality=quality)
        return out

    return compress


def brotli_quality(size: int) -> int:
    return 9 if size <= BIG else 5


def gzip_level(size: int) -> int:
    return 9 if size <= BIG else 6


@dataclass(frozen=True)
class Outcome:
    path: str
    raw: int
    gz: int | None  # None: no copy kept (not worth it)
    br: int | None


def _fresh(src: Path, dest: Path) -> bool:
    return dest.is_file() and dest.stat().st_mtime >= src.stat().st_mtime


def _write(dest: Path, data: bytes, raw: int, src: Path) -> int | None:
    if len(data) > raw * MAX_RATIO:
        dest.unlink(missing_ok=True)
        return None
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dest)
    return len(data)


def compress_file(path: str, want_brotli: bool) -> Outcome:
    src = Path(path)
    data = src.read_bytes()
    raw = len(data)
    gz_path = src.with_name(src.name + ".gz")
    if _fresh(src, gz_path):
        gz: int | None = gz_path.stat().st_size
    else:
        gz = _write(gz_path, gzip.compress(data, compresslevel=gzip_level(raw), mtime=0), raw, src)
    br: int | None = None
    compress = _brotli_compressor() if want_brotli else None
    if compress is not None:
        br_path = src.with_name(src.name + ".br")
        if _fresh(src, br_path):
            br = br_path.stat().st_size
        else:
            br = _write(br_path, compress(data, brotli_quality(raw)), raw, src)
    return Outcome(path, raw, gz, br)


def candidates(site: Path) -> list[Path]:
    out = []
    for p in site.rglob("*"):
        if p.suffix in SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES:
            out.append(p)
    # Largest first, so the wasm starts at once and the pool finishes together.
    return sorted(out, key=lambda p: p.stat().st_size, reverse=True)


def remove_orphans(site: Path) -> int:
    """Drop copies whose source is gone (site/ built with --dirty, or a renamed asset)."""
    removed = 0
    for suffix in (".gz", ".br"):
        for p in site.rglob(f"*{suffix}"):
            src = p.with_name(p.name.removesuffix(suffix))
            if src.suffix in SUFFIXES and not src.exists():
                p.unlink()
                removed += 1
    return removed


def precompress(site: Path, want_brotli: bool = True, workers: int | None = None) -> list[Outcome]:
    files = candidates(site)
    remove_orphans(site)
    workers = workers or min(len(files), os.cpu_count() or 1) or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(compress_file, str(p), want_brotli) for p in files]
        return [f.result() for f in futures]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--no-brotli", action="store_true", help="write .gz copies only")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"precompress: {site} is not a built site", file=sys.stderr)
        return 2
    want_brotli = not args.no_brotli
    if want_brotli and _brotli_compressor() is None:
        print("precompress: the brotli package is missing; writing .gz only", file=sys.stderr)
        want_brotli = False
    started = time.perf_counter()
    outcomes = precompress(site, want_brotli)
    if not args.quiet:
        raw = sum(o.raw for o in outcomes)
        gz = sum(o.gz if o.gz is not None else o.raw for o in outcomes)
        br = sum(o.br if o.br is not None else o.raw for o in outcomes)
        kept = sum(o.gz is not None for o in outcomes)
        line = f"precompress: {len(outcomes)} files, {kept} with copies; {raw / 1e6:.1f} MB"
        line += f" → gz {gz / 1e6:.1f} MB"
        if want_brotli:
            line += f", br {br / 1e6:.1f} MB"
        print(f"{line} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
