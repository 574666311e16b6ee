"""Serve the built site on loopback for `make serve`, with the MIME types Pyodide needs.

Usage: python scripts/serve.py [PORT] [DIRECTORY]
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys

TYPES = {
    ".wasm": "application/wasm",  # streaming compilation refuses any other type
    ".mjs": "text/javascript",  # module workers refuse non-JavaScript types
    ".js": "text/javascript",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}  # noqa: RUF012


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    directory = sys.argv[2] if len(sys.argv) > 2 else "site"
    handler = functools.partial(Handler, directory=directory)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {directory}/ on http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
