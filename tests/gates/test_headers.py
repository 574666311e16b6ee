"""nginx with the shipped deploy/nginx.conf: security headers, MIME types, caching, compression
and the bilingual 404 page, as a browser receives them."""

from __future__ import annotations

import difflib
import gzip
import re
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError

import pytest
from csp import nginx_csp_block
from nginx_server import SHIPPED, config_for_tests

from tests.conftest import ROOT

pytestmark = pytest.mark.usefixtures("needs_nginx")

YEAR_IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(base_url: str, path: str, gzip_ok: bool = True) -> Reply:
    request = urllib.request.Request(base_url + path)
    if gzip_ok:
        request.add_header("Accept-Encoding", "gzip")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            status, headers, raw = response.status, response.headers, response.read()
    except HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    if headers.get("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    return Reply(status, headers, raw)


def expected_csp(site: Path, worker: bool = False) -> str:
    block = nginx_csp_block(site)
    key = "/assets/javascripts/assessment/worker.js" if worker else "default"
    m = re.search(rf'{re.escape(key)} "([^"]+)"', block)
    assert m is not None
    return m[1]


def assert_security_headers(reply: Reply, site: Path, worker: bool = False) -> None:
    h = reply.headers
    assert h["Content-Security-Policy"] == expected_csp(site, worker)
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "no-referrer"
    permissions = h["Permissions-Policy"] or ""
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert h["X-Frame-Options"] == "DENY"
    assert h["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "nginx/" not in (h["Server"] or "")  # server_tokens off


def one(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


def test_html_page(base_url: str, site_dir: Path) -> None:
    reply = fetch(base_url, "/en/guideline/13-account-protection/")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert_security_headers(reply, site_dir)
    assert reply.headers["Cache-Control"] == "public, max-age=300"
    assert reply.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in (reply.headers["Vary"] or "")
    page = site_dir / "en" / "guideline" / "13-account-protection" / "index.html"
    assert reply.body == page.read_bytes()


def test_wasm(base_url: str, site_dir: Path) -> None:
    reply = fetch(base_url, one(site_dir, "assets/pyodide/**/pyodide.asm.wasm"))
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/wasm"
    assert reply.headers["Cache-Control"] == YEAR_IMMUTABLE
    assert_security_headers(reply, site_dir)
    assert reply.body[:4] == b"\0asm"


def test_module_script(base_url: str, site_dir: Path) -> None:
    reply = fetch(base_url, one(site_dir, "assets/pyodide/**/pyodide.mjs"))
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert reply.headers["Cache-Control"] == YEAR_IMMUTABLE
    assert_security_headers(reply, site_dir)


def test_pyodide_worker_gets_the_webassembly_policy(base_url: str, site_dir: Path) -> None:
    reply = fetch(base_url, "/assets/javascripts/assessment/worker.js")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert_security_headers(reply, site_dir, worker=True)
    assert "'wasm-unsafe-eval'" in reply.headers["Content-Security-Policy"]
    assert reply.headers["Cache-Control"] == "no-cache"  # not versioned: revalidated


def test_font(base_url: str, site_dir: Path) -> None:
    reply = fetch(base_url, "/assets/fonts/noto-sans-arabic-arabic-400-normal.woff2")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "font/woff2"
    assert reply.headers["Cache-Control"] == YEAR_IMMUTABLE
    assert "Content-Encoding" not in reply.headers  # already compressed
    assert_security_headers(reply, site_dir)


def test_material_bundle_is_immutable_and_own_files_are_revalidated(
    base_url: str, site_dir: Path
) -> None:
    bundle = fetch(base_url, one(site_dir, "assets/javascripts/bundle.*.min.js"))
    assert bundle.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert bundle.headers["Cache-Control"] == YEAR_IMMUTABLE
    css = fetch(base_url, "/assets/stylesheets/a11y.css")
    assert css.headers["Content-Type"] == "text/css; charset=utf-8"
    assert css.headers["Cache-Control"] == "no-cache"
    index = fetch(base_url, "/search/search_index.json")
    assert index.headers["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("path", ["/no-such-page/", "/en/no-such-page/", "/assets/x.wasm"])
def test_missing_pages_get_the_bilingual_404(base_url: str, site_dir: Path, path: str) -> None:
    reply = fetch(base_url, path)
    assert reply.status == 404
    assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
    assert reply.headers["Cache-Control"] == "public, max-age=300"
    assert_security_headers(reply, site_dir)
    assert reply.body == (site_dir / "404.html").read_bytes()
    html = reply.body.decode("utf-8")
    assert 'lang="ar" dir="rtl"' in html and 'lang="en" dir="ltr"' in html
    assert "Page not found" in html and "الصفحة غير موجودة" in html


def test_precompressed_files_are_served_as_they_are(base_url: str, site_dir: Path) -> None:
    """gzip_static: a `.gz` beside a file is sent instead of compressing on the fly."""
    reply = fetch(base_url, "/sitemap.xml")
    assert reply.status == 200 and reply.headers["Content-Encoding"] == "gzip"
    # On-the-fly compression is chunked; the precompressed file goes out with its length.
    assert reply.headers["Content-Length"] == str((site_dir / "sitemap.xml.gz").stat().st_size)


def test_redirects_stay_relative_and_dotfiles_are_hidden(base_url: str) -> None:
    reply = fetch(base_url, "/en")
    assert reply.status == 301 and reply.headers["Location"] == "/en/"
    assert fetch(base_url, "/.git/config").status == 404


def test_the_tests_change_only_machine_specific_lines(tmp_path: Path) -> None:
    shipped = SHIPPED.read_text(encoding="utf-8")
    tested = config_for_tests(shipped, port=1234, prefix=tmp_path, root=ROOT / "site")
    removed = [
        line[1:].strip()
        for line in difflib.unified_diff(shipped.splitlines(), tested.splitlines(), lineterm="")
        if line.startswith("-") and not line.startswith("---")
    ]
    assert sorted(removed) == sorted(
        [
            "user www-data;",
            "worker_processes auto;",
            "pid /run/nginx.pid;",
            "error_log /var/log/nginx/error.log warn;",
            "access_log /var/log/nginx/access.log daleel;",
            "listen 80;",
            "listen [::]:80;",
            "root /var/www/daleel;",
        ]
    )
