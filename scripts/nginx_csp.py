#!/usr/bin/env python3
"""Write (or --check) the Content-Security-Policy map in deploy/nginx.conf.

The policy comes from deploy/csp.json; the script hashes come from the inline scripts of the
built site (default site/, build it first). Usage:

    scripts/nginx_csp.py [--site DIR] [--check | --print]

--print writes the two header values (pages, Pyodide worker) for hosts other than nginx.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

from csp import header_policy, load_policy, nginx_csp_block, nginx_csp_section, site_hashes  # noqa: E402

CONF = ROOT / "deploy" / "nginx.conf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if nginx.conf is stale")
    mode.add_argument("--print", action="store_true", help="print the header values")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} is not a built site: run `make build` first")
    if args.print:
        hashes = site_hashes(args.site)
        print(f"Content-Security-Policy (every response): {header_policy(hashes)}")
        for worker in load_policy()["pyodide_workers"]:
            print(f"Content-Security-Policy ({worker}): {header_policy(hashes, pyodide=True)}")
        return 0
    conf = CONF.read_text(encoding="utf-8")
    current, wanted = nginx_csp_section(conf), nginx_csp_block(args.site)
    if current == wanted:
        print("deploy/nginx.conf: CSP is up to date")
        return 0
    if args.check:
        print("deploy/nginx.conf: CSP is stale; run scripts/nginx_csp.py", file=sys.stderr)
        return 1
    CONF.write_text(conf.replace(current, wanted), encoding="utf-8")
    print("deploy/nginx.conf: CSP updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
