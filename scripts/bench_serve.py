"""Servers for the benchmark: the shipped nginx config (as the tests run it), or http.server.

`serve(root, csp=...)` yields a base URL. With nginx, the configuration is deploy/nginx.conf
rewritten by scripts/nginx_server.config_for_tests (listen address, root, pid/log/temp paths),
plus two bench-only edits: the bare Pyodide page's worker gets the same CSP as the site's
worker (it needs 'wasm-unsafe-eval'), and for the default-Material reference the CSP header
is dropped (its inline scripts carry other hashes; blocking them would make it lighter).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from serve import serve_in_thread

ROOT = Path(__file__).resolve().parents[1]

SHIPPED = ROOT / "deploy" / "nginx.conf"
SITE_WORKER = "/assets/javascripts/assessment/worker.js"
BARE_DIR = "bench-bare"
BARE_WORKER = f"/{BARE_DIR}/worker.js"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/bin/nginx") if Path(p).is_file()), None
    )


def server_kind() -> str:
    return "nginx" if nginx_binary() and SHIPPED.is_file() else "python http.server"


def _bench_config(conf: str, csp: bool) -> str:
    if not csp:
        conf, n = re.subn(r"^\s*add_header Content-Security-Policy .*\n", "", conf, flags=re.M)
        if n != 1:
            raise RuntimeError("deploy/nginx.conf: cannot find the CSP add_header line")
        return conf
    line = re.search(rf"^(\s*){re.escape(SITE_WORKER)} (\".*\");$", conf, flags=re.M)
    if line is None:
        raise RuntimeError("deploy/nginx.conf: no CSP entry for the assessment worker")
    extra = f"{line.group(1)}{BARE_WORKER} {line.group(2)};\n"
    return conf[: line.end() + 1] + extra + conf[line.end() + 1 :]


@contextmanager
def _nginx(root: Path, csp: bool) -> Iterator[str]:
    from nginx_server import config_for_tests, free_port

    nginx = nginx_binary()
    assert nginx is not None
    with tempfile.TemporaryDirectory(prefix="daleel-bench-nginx-") as tmp:
        prefix = Path(tmp)
        (prefix / "tmp").mkdir()
        port = free_port()
        shipped = SHIPPED.read_text(encoding="utf-8")
        conf = config_for_tests(shipped, port=port, prefix=prefix, root=root)
        (prefix / "nginx.conf").write_text(_bench_config(conf, csp), encoding="utf-8")
        args = [nginx, "-p", str(prefix), "-e", str(prefix / "error.log")]
        args += ["-c", str(prefix / "nginx.conf")]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"nginx exited with status {process.returncode}")
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("nginx did not listen within 10 s") from None
                    time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def serve(root: Path, csp: bool = True) -> Iterator[str]:
    if server_kind() == "nginx":
        with _nginx(root, csp) as url:
            yield url
    else:
        with serve_in_thread(root) as url:
            yield url


@contextmanager
def site_with_bare_page(site: Path) -> Iterator[Path]:
    """A temp root that is the site (symlinked entries) plus /bench-bare/ (bench/bare-*)."""
    with tempfile.TemporaryDirectory(prefix="daleel-bench-root-") as tmp:
        root = Path(tmp)
        root.chmod(0o755)  # nginx's workers run as an unprivileged user
        for entry in site.iterdir():
            (root / entry.name).symlink_to(entry.resolve())
        bare = root / BARE_DIR
        bare.mkdir()
        shutil.copy2(ROOT / "bench" / "bare-pyodide.html", bare / "index.html")
        shutil.copy2(ROOT / "bench" / "bare-pyodide.js", bare / "bare-pyodide.js")
        shutil.copy2(ROOT / "bench" / "bare-worker.js", bare / "worker.js")
        yield root
