#!/usr/bin/env bash
# The Debian packages a target needs, installed before anything else (the virtualenv needs
# python3-venv; node_modules needs npm). As root (CI, fresh machines) they are installed;
# otherwise one line says what to run.
#   scripts/ensure-system-deps.sh setup   python3-venv, nodejs + npm       (make setup)
#   scripts/ensure-system-deps.sh build   chromium, nginx, poppler-utils   (make build, test)
set -euo pipefail
PYTHON=${PYTHON:-python3}
need=()
case "${1:-build}" in
  setup)
    # Debian's python3 ships without ensurepip; `python3 -m venv` then leaves a .venv without pip.
    "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
    command -v npm >/dev/null || need+=(npm)
    command -v node >/dev/null || need+=(nodejs)
    ;;
  build)
    # Chromium: PDFs and browser tests; nginx serves the site to the tests with
    # deploy/nginx.conf; pdftoppm renders PDF pages to PNG for review.
    [ -x /usr/bin/chromium ] || need+=(chromium)
    [ -x /usr/sbin/nginx ] || need+=(nginx)
    [ -x /usr/bin/pdftoppm ] || need+=(poppler-utils)
    ;;
  *) echo "usage: $0 setup|build" >&2; exit 2 ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing: ${need[*]}. Run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
