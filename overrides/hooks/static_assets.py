"""Copy runtime files from node_modules into the built site (never committed to git)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from site_data import ROOT  # noqa: E402

FONTS = {
    "@fontsource/noto-sans-arabic/files": [
        "noto-sans-arabic-arabic-400-normal.woff2",
        "noto-sans-arabic-arabic-700-normal.woff2",
    ],
    "@fontsource/noto-sans/files": [
        "noto-sans-latin-400-normal.woff2",
        "noto-sans-latin-700-normal.woff2",
        "noto-sans-latin-400-italic.woff2",
    ],
}


def on_post_build(config: Any, **_: Any) -> None:
    site = Path(config["site_dir"])
    modules = ROOT / "node_modules"
    if not modules.is_dir():
        raise SystemExit("node_modules is missing: run `make setup` (npm ci) first")
    fonts = site / "assets" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for folder, names in FONTS.items():
        for name in names:
            shutil.copy2(modules / folder / name, fonts / name)
