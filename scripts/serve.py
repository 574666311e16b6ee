"""The built site on loopback: `make serve`, and a background server for scripts and tests.

Usage: python scripts/serve.py [PORT] [DIRECTORY]

`serve_in_thread()` is the one static server the PDF renderer, the benchmark and the tests
(where nginx is absent) share, so they all send the MIME types Pyodide needs.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

TYPES = {
    ".wasm": "application/wasm",  # streaming compilation refuses any other type
    ".mjs": "text/javascript",  # module workers refuse non-JavaScript types
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}  # noqa: RUF012


class QuietHandler(Handler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve_in_thread(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free loopback port in a daemon thread; yield its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    directory = sys.argv[2] if len(sys.argv) > 2 else "site"
    handler = functools.partial(Handler, directory=directory)
    with _Server(("127.0.0.1", port), handler) as server:
        print(f"Serving {directory}/ on http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
