"""The source text with the recorded corrections applied, as the pages must publish it."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from tests.content.markdown_pages import ROOT
from tests.textnorm import normalise

SOURCE = ROOT / "source" / "guideline-2024-ar.txt"
CORRECTIONS = ROOT / "source" / "corrections.yml"
_SENTENCE_END = re.compile(r"(?<=[.؟!])\s+")


def load_corrections() -> list[dict[str, Any]]:
    with CORRECTIONS.open(encoding="utf-8") as fh:
        data: list[dict[str, Any]] = yaml.safe_load(fh)
    return data


def apply_corrections(source: str, corrections: list[dict[str, Any]]) -> list[str]:
    """Return the corrected source as lines; fail loudly if a correction no longer fits."""
    lines = source.split("\n")
    moves: list[dict[str, Any]] = []
    dropped: set[int] = set()
    for c in corrections:
        i = c["line"] - 1
        assert c["original"] in lines[i] or (
            c["kind"] == "delete" and lines[i].strip() == c["original"]
        ), f"correction {c['id']}: {c['original']!r} not found on line {c['line']}"
        if c["kind"] == "replace":
            assert lines[i].count(c["original"]) == 1, f"correction {c['id']} is ambiguous"
            lines[i] = lines[i].replace(c["original"], c["corrected"])
        elif c["kind"] == "delete":
            dropped.update(range(i, c["end_line"]))
        elif c["kind"] == "move":
            moves.append(c)
        else:
            assert c["kind"] in ("incomplete", "note"), c["id"]
    for m in moves:
        block = list(range(m["line"] - 1, m["end_line"]))
        order = [n for n in range(len(lines)) if n not in block]
        at = order.index(m["after_line"] - 1) + 1
        lines = [lines[n] for n in order[:at] + block + order[at:]]
    return [line for n, line in enumerate(lines) if n not in dropped]


def sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for part in _SENTENCE_END.split(line.strip()):
            norm = normalise(part)
            if norm:
                out.append(norm)
    return out


@cache
def corrected_sentences() -> tuple[str, ...]:
    """Every sentence of the corrected source, normalised."""
    return tuple(
        sentences(apply_corrections(SOURCE.read_text(encoding="utf-8"), load_corrections()))
    )


def missing_sentences(source_sentences: list[str] | tuple[str, ...], page_text: str) -> list[str]:
    return [s for s in source_sentences if s not in page_text]
