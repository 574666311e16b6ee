"""Moved to scripts/nginx_server.py (scripts must not import from tests/); kept until
scripts/bench_serve.py imports it from there."""

from nginx_server import NGINX, SHIPPED, NginxServer, config_for_tests, free_port

__all__ = ["NGINX", "SHIPPED", "NginxServer", "config_for_tests", "free_port"]
