"""A Content-Security-Policy <meta> element on every page, from deploy/csp.json.

The policy allows scripts from the site itself and, for inline scripts that remain (Material
writes three small ones into every page), exactly those scripts: their sha256 hashes are
computed here from the rendered HTML, so an edited or injected inline script never runs.

The same functions build the HTTP header versions written into deploy/nginx.conf by
scripts/nginx_csp.py, which runs `main` below (the header also carries `frame-ancestors`,
which a meta element cannot, and the Pyodide worker's header adds `'wasm-unsafe-eval'`).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
POLICY_FILE = ROOT / "deploy" / "csp.json"

Directives = dict[str, list[str]]

# An inline classic or module script: no src attribute, and a type the browser executes.
SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
SRC = re.compile(r"\ssrc\s*=", re.I)
TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.I)
META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def load_policy(path: Path = POLICY_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would execute, exactly as written."""
    found = []
    for m in SCRIPT.finditer(html):
        attrs = m["attrs"]
        if SRC.search(attrs):
            continue
        kind = TYPE.search(attrs)
        if (kind[1].lower() if kind else "") in EXECUTABLE_TYPES:
            found.append(m["body"])
    return found


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def merge(*parts: Directives) -> Directives:
    merged: Directives = {}
    for part in parts:
        for name, sources in part.items():
            merged.setdefault(name, [])
            merged[name] += [s for s in sources if s not in merged[name]]
    return merged


def serialize(directives: Directives) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def page_policy(hashes: Iterable[str], policy: dict[str, Any] | None = None) -> str:
    policy = policy or load_policy()
    return serialize(merge(policy["page"], {"script-src": sorted(set(hashes))}))


def header_policy(
    hashes: Iterable[str], *, pyodide: bool = False, policy: dict[str, Any] | None = None
) -> str:
    policy = policy or load_policy()
    parts: list[Directives] = [policy["page"], {"script-src": sorted(set(hashes))}]
    if pyodide:
        parts.append(policy["pyodide"])
    parts.append(policy["header_only"])
    return serialize(merge(*parts))


def meta_policy_of(html: str) -> str | None:
    m = META_CSP.search(html)
    return m[1] if m else None


# After every other plugin and hook has changed the page.
# `make dev` (mkdocs serve) injects an inline live-reload script into every page it serves,
# after the hooks ran: no policy there, or the reload would be blocked. Builds always have one.
DEV_SERVER = "DALEEL_DEV_SERVER"


@event_priority(-1000)
def on_post_page(output: str, **_: Any) -> str:
    if os.environ.get(DEV_SERVER) == "1":
        return output
    if META_CSP.search(output):
        raise SystemExit("csp.py: page already has a CSP meta element")
    hashes = [script_hash(body) for body in inline_scripts(output)]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{page_policy(hashes)}">'
    # First thing after the charset, so the policy covers every element that follows.
    output, count = CHARSET.subn(lambda m: m[0] + meta, output, count=1)
    if count != 1:
        raise SystemExit("csp.py: no <meta charset> to put the policy after")
    return output


@event_priority(-1000)
def on_post_template(output_content: str, template_name: str, **_: Any) -> str:
    """The 404 page is rendered as a theme template: it gets the policy too. A later language's
    build keeps the page the default language's build wrote (a11y.py), policy included."""
    if not template_name.endswith(".html") or "<head" not in output_content:
        return output_content
    if META_CSP.search(output_content):
        hashes = [script_hash(body) for body in inline_scripts(output_content)]
        if meta_policy_of(output_content) != page_policy(hashes):
            raise SystemExit(f"csp.py: {template_name} carries a stale CSP meta element")
        return output_content
    return on_post_page(output_content)


# --- The HTTP header versions, for deploy/nginx.conf (scripts/nginx_csp.py, tests/gates/) ---

NGINX_BEGIN = (
    "    # BEGIN CSP (generated by scripts/nginx_csp.py from deploy/csp.json; do not edit)\n"
)
NGINX_END = "    # END CSP\n"


def site_hashes(site: Path) -> list[str]:
    """Hashes of every inline script on any page of the built site."""
    found: set[str] = set()
    for page in site.rglob("*.html"):
        found.update(script_hash(body) for body in inline_scripts(page.read_text("utf-8")))
    return sorted(found)


def nginx_csp_block(site: Path, policy: dict[str, Any] | None = None) -> str:
    """The `map $uri $daleel_csp` block: the page policy, and the Pyodide workers' policy."""
    policy = policy or load_policy()
    hashes = site_hashes(site)
    lines = [
        NGINX_BEGIN,
        "    map $uri $daleel_csp {\n",
        f'        default "{header_policy(hashes, policy=policy)}";\n',
    ]
    for worker in policy["pyodide_workers"]:
        lines.append(f'        {worker} "{header_policy(hashes, pyodide=True, policy=policy)}";\n')
    lines += ["    }\n", NGINX_END]
    return "".join(lines)


def nginx_csp_section(conf: str) -> str:
    start, end = conf.index(NGINX_BEGIN), conf.index(NGINX_END) + len(NGINX_END)
    return conf[start:end]


# --- scripts/nginx_csp.py ---

CONF = ROOT / "deploy" / "nginx.conf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the CSP map in deploy/nginx.conf.")
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
