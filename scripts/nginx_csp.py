#!/usr/bin/env python3
"""Write (or --check) the Content-Security-Policy map in deploy/nginx.conf.

The policy comes from deploy/csp.json; the script hashes come from the inline scripts of the
built site (default site/, build it first). Usage:

    scripts/nginx_csp.py [--site DIR] [--check | --print]

--print writes the two header values (pages, Pyodide worker) for hosts other than nginx.
The code is the build's CSP hook (overrides/hooks/csp.py, `main`), run here as a script so
the policy has one implementation and no folder is added to the import path.
"""

from __future__ import annotations

import runpy
from pathlib import Path

if __name__ == "__main__":
    runpy.run_path(
        str(Path(__file__).resolve().parents[1] / "overrides" / "hooks" / "csp.py"),
        run_name="__main__",
    )
