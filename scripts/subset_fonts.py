#!/usr/bin/env python3
"""Subset the built site's fonts to the characters it uses (run right after `mkdocs build`).

For every `@font-face` in the site's own stylesheets (site/assets/stylesheets/*.css, Material's
hashed bundles excepted) whose source is a woff2 under site/assets/fonts/, this writes a subset
`<name>.<hash>.woff2` holding the glyphs of the characters the site shows plus a typing
baseline (printable ASCII, the Arabic letters, marks and digits), and rewrites the rule as two:

- the subset, with `unicode-range` = exactly the characters it holds;
- the original file as a fallback, with `unicode-range` = its original range minus those
  characters, so text a reader types outside the subset still renders in the face. The two
  ranges are disjoint: the browser fetches the fallback only when such a character is shown.

Characters come from every built HTML page (the PDF print pages included; script, style and
SVG elements left out, attribute values kept for placeholders), the JSON files the browser
reads (search indexes), the browser's strings module, and the JSON data inside the engine
wheel (checklist wording in reports shown on the page). The subset's name carries a hash of
its bytes because /assets/fonts/ is served `immutable`.

The original files keep their names (scripts/build_pdfs.py inlines them into PDF footers).

Usage: python scripts/subset_fonts.py [SITE_DIR] [--quiet]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
MARKER = "/* Subset by scripts/subset_fonts.py */"
# What a reader may type even if no page shows it: printable ASCII, no-break space, the Arabic
# comma/semicolon/question mark, letters, tatweel, harakat, Arabic-Indic digits and signs, and
# the joiners/direction marks. Cheap (a few kB over both scripts), and typed Arabic then never
# mixes two faces inside a word, which would break its joining.
TYPING = frozenset(
    [*range(0x20, 0x7F), 0xA0, 0x60C, 0x61B, 0x61F, *range(0x621, 0x63B), *range(0x640, 0x653),
     *range(0x660, 0x66E), *range(0x200C, 0x2010)]
)
FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
URL = re.compile(r"""url\(\s*["']?(?P<url>[^"')]+\.woff2)["']?\s*\)""")
RANGE = re.compile(r"unicode-range\s*:\s*(?P<value>[^;]+);?")
# Control characters are never drawn, but Chromium matches the newlines of whitespace text
# nodes against unicode-range: the subset declares tab/newline/return, the fallback no control.
WHITESPACE = frozenset({0x9, 0xA, 0xD})
CONTROLS = frozenset([*range(0x20), *range(0x7F, 0xA0)])
HIDDEN = re.compile(r"<(script|style|svg)\b.*?</\1\s*>", re.S | re.I)


@dataclass(frozen=True)
class Subset:
    source: Path
    target: Path
    codepoints: frozenset[int]
    original_bytes: int
    subset_bytes: int


def parse_range(value: str) -> set[int]:
    """`U+0600-06FF, U+200C, U+4??` -> code points."""
    points: set[int] = set()
    for part in value.replace(" ", "").split(","):
        if not part:
            continue
        spec = part.upper().removeprefix("U+")
        if "?" in spec:
            lo, hi = int(spec.replace("?", "0"), 16), int(spec.replace("?", "F"), 16)
        elif "-" in spec:
            a, b = spec.split("-", 1)
            lo, hi = int(a, 16), int(b, 16)
        else:
            lo = hi = int(spec, 16)
        points.update(range(lo, hi + 1))
    return points


def format_range(points: Iterable[int]) -> str:
    """Code points -> the shortest list of `U+X` / `U+X-Y` items."""
    items: list[str] = []
    run: list[int] = []
    for p in sorted(points):
        if run and p == run[-1] + 1:
            run.append(p)
            continue
        if run:
            items.append(_item(run[0], run[-1]))
        run = [p]
    if run:
        items.append(_item(run[0], run[-1]))
    return ", ".join(items)


def _item(lo: int, hi: int) -> str:
    return f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}"


def _texts(site: Path) -> Iterator[str]:
    for page in site.rglob("*.html"):
        yield html.unescape(HIDDEN.sub(" ", page.read_text(encoding="utf-8")))
    for data in site.rglob("*.json"):
        if "pyodide" not in data.parts:
            yield data.read_text(encoding="utf-8", errors="replace")
    strings = site / "assets" / "javascripts" / "strings.js"
    if strings.is_file():
        yield strings.read_text(encoding="utf-8")
    for wheel in site.rglob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if name.endswith(".json"):
                    yield archive.read(name).decode("utf-8", errors="replace")


def site_codepoints(site: Path) -> frozenset[int]:
    used: set[int] = set(TYPING)
    for text in _texts(site):
        used.update(map(ord, text))
    return frozenset(used)


def subset_font(source: Path, wanted: set[int]) -> tuple[bytes, frozenset[int]]:
    """The woff2 bytes of `source` cut to `wanted` (those it has), and the code points kept."""
    font = TTFont(source, recalcTimestamp=False)
    kept = frozenset(wanted & set(font.getBestCmap()))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic joining, ligatures, marks, kerning
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(kept))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), kept


def _rewrite_face(body: str, css: Path, site: Path, used: frozenset[int],
                  done: list[Subset]) -> str:
    url, declared = URL.search(body), RANGE.search(body)
    if url is None:
        return f"@font-face {{{body}}}"
    source = (css.parent / url.group("url")).resolve()
    if site.resolve() / "assets" / "fonts" not in source.parents or not source.is_file():
        raise SystemExit(f"{css.name}: {url.group('url')} is not a font under assets/fonts/")
    original = parse_range(declared.group("value")) if declared else set(range(0x110000))
    data, kept = subset_font(source, set(used) & original)
    digest = hashlib.sha256(data).hexdigest()[:10]
    target = source.with_name(f"{source.name.removesuffix('.woff2')}.{digest}.woff2")
    target.write_bytes(data)
    done.append(Subset(source, target, kept, source.stat().st_size, len(data)))
    plain = RANGE.sub("", body).rstrip()
    folder = url.group("url").rpartition("/")[0]
    subset_body = URL.sub(f'url("{folder}/{target.name}")', plain, count=1)
    declared_subset = kept | (WHITESPACE & original)
    rules = [f"@font-face {{{subset_body}\n  unicode-range: {format_range(declared_subset)};\n}}"]
    rest = original - declared_subset - CONTROLS
    if rest:
        rules.insert(0, f"@font-face {{{plain}\n  unicode-range: {format_range(rest)};\n}}")
    return "\n".join(rules)


def subset_site(site: Path) -> list[Subset]:
    stylesheets = sorted((site / "assets" / "stylesheets").glob("*.css"))
    used = site_codepoints(site)
    done: list[Subset] = []
    for css in stylesheets:
        if ".min." in css.name:
            continue
        text = css.read_text(encoding="utf-8")
        if "@font-face" not in text:
            continue
        if MARKER in text:
            raise SystemExit(f"{css}: already subset (run mkdocs build first)")

        def rewrite(match: re.Match[str], css: Path = css) -> str:
            return _rewrite_face(match.group("body"), css, site, used, done)

        new = FACE.sub(rewrite, text)
        css.write_text(f"{MARKER}\n{new}", encoding="utf-8")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"subset_fonts: {site} is not a built site", file=sys.stderr)
        return 2
    done = subset_site(site)
    if not args.quiet:
        for s in done:
            print(f"{s.target.name}: {len(s.codepoints)} characters, "
                  f"{s.original_bytes:,} -> {s.subset_bytes:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
