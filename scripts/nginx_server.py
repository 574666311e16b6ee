"""Run Debian's nginx with the shipped deploy/nginx.conf on a loopback port (tests, bench).

Only the machine-specific lines change (listen address, root, pid/log/temp paths); each
replacement must match exactly once, so an edit to the shipped file that moves one of them
fails loudly instead of testing something else.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/bin/nginx") if Path(p).is_file()), None
)


def _once(pattern: str, repl: str, text: str) -> str:
    new, count = re.subn(pattern, lambda _m: repl, text, flags=re.M)
    if count != 1:
        raise AssertionError(f"deploy/nginx.conf: expected one match of {pattern!r}, got {count}")
    return new


def config_for_tests(shipped: str, *, port: int, prefix: Path, root: Path) -> str:
    """The shipped configuration, pointed at a loopback port, a site dir and a temp prefix."""
    conf = shipped
    # The workers read the checkout as the user running the tests. Only root can switch user
    # (nginx warns otherwise), and as root the shipped www-data could not enter a private
    # (0700) folder such as `mktemp -d`'s, which answered every page with 404.
    conf = _once(r"^user .*;\n", "user root;\n" if os.geteuid() == 0 else "", conf)
    conf = _once(r"^pid .*;$", f"pid {prefix}/nginx.pid;", conf)
    conf = _once(r"^error_log .*;$", f"error_log {prefix}/error.log warn;", conf)
    conf = _once(r"^worker_processes .*;$", "worker_processes 2;\ndaemon off;", conf)
    log = f"    access_log {prefix}/access.log daleel;"
    conf = _once(r"^[ \t]*access_log \S+ daleel;$", log, conf)
    conf = _once(r"^[ \t]*listen 80;$", f"        listen 127.0.0.1:{port};", conf)
    conf = _once(r"^[ \t]*listen \[::\]:80;\n", "", conf)
    conf = _once(r"^[ \t]*root /var/www/daleel;$", f"        root {root};", conf)
    temp = "".join(
        f"    {kind}_temp_path {prefix}/tmp/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return _once(r"^http \{\n", "http {\n" + temp, conf)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class NginxServer:
    """nginx in the foreground (daemon off), stopped by terminating the master process."""

    def __init__(self, site: Path, prefix: Path) -> None:
        if NGINX is None:
            raise RuntimeError("nginx is not installed")
        self.prefix = prefix
        (prefix / "tmp").mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(
            config_for_tests(
                SHIPPED.read_text(encoding="utf-8"), port=self.port, prefix=prefix, root=site
            ),
            encoding="utf-8",
        )
        args = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(self.conf)]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self.process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self._wait_ready()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read() if self.process.stderr else ""
                raise RuntimeError(f"nginx exited: {err}\n{self.error_log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not start listening within 10 s")

    def error_log(self) -> str:
        log = self.prefix / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: fast shutdown of master and workers
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
