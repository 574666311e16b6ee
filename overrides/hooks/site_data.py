"""Read the data files that pages are built from (glossary, corrections)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assessment.languages import of_path

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "data" / "glossary.yml"
CORRECTIONS = ROOT / "source" / "corrections.yml"
SOURCE = ROOT / "source" / "guideline-2024-ar.txt"


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def page_language(src_uri: str) -> str:
    """The language code of a docs source path ("en/glossary.md" → "en")."""
    return of_path(src_uri).code
