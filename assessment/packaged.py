"""The package's own data files (data/...), read through the loader that imported it.

`pkgutil.get_data` reads from a directory and from a zip (the wheel itself on sys.path, as
tests/engine/test_wheel.py runs it) as importlib.resources does, and costs the browser far
less: Pyodide's standard library ships as source only, and importlib.resources meant eight
more modules compiled before the first score. The engine's import and first score took about
17 ms less (110 + 14 ms against 97 + 10 ms, medians of 4 runs in Node with Pyodide 314.0.7).
"""

from __future__ import annotations

import pkgutil


def data_text(*parts: str) -> str:
    """The UTF-8 text of data/<parts...> in this package."""
    name = "/".join(("data", *parts))
    raw = pkgutil.get_data("assessment", name)
    if raw is None:
        raise FileNotFoundError(f"assessment/{name}: the package's loader cannot read data")
    return raw.decode("utf-8")
