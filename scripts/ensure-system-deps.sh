#!/usr/bin/env bash
# Make sure the Debian packages used by the test suite are present.
# Installs them when running as root (CI, fresh machines); otherwise says what to run.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# nginx serves the built site to the browser tests with the shipped deploy/nginx.conf.
[ -x /usr/sbin/nginx ] || need+=(nginx)
# pdftoppm: the PDF tests render pages to PNG for review.
[ -x /usr/bin/pdftoppm ] || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing: ${need[*]}. Run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
