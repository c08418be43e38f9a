#!/usr/bin/env bash
# Installs everything the tests need (where missing) and runs the whole suite.
#   scripts/test.sh              every test
#   scripts/test.sh -k calendar  pytest's own options pass through
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: LibreOffice and poppler print the programme to PDF, libical (through python3-gi)
# and ical.js (node) read the calendars back, Playwright drives the browser tests in Chromium
# (/usr/bin/chromium, no driver needed), PostgreSQL serves the store tests beside SQLite, zbar reads
# the links' QR codes back, calcurse imports the calendars as a third reader.
debian_packages=(libreoffice-calc-nogui poppler-utils python3-gi gir1.2-ical-3.0 chromium zbar-tools postgresql calcurse)
missing=()
for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m pip install -q -r requirements-dev.txt
if [ -f package.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${TEST_POSTGRES_URL:-}" ] && [ "$(id -u)" -eq 0 ]; then
    TEST_POSTGRES_URL=$(scripts/start_postgres.sh)
    export TEST_POSTGRES_URL
fi

python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
python3 -m pytest "$@"
