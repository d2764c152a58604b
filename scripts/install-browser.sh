#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (Playwright cannot download its own browsers here),
# plus fonts so screenshots show text and emoji. Idempotent: installs only what is missing.
set -euo pipefail

packages=(chromium chromium-driver fonts-liberation fonts-noto-color-emoji)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ -x /usr/bin/chromium ] && [ "${#missing[@]}" -eq 0 ]; then
  echo "chromium is installed: $(/usr/bin/chromium --version 2>/dev/null)"
  exit 0
fi

# apt-get needs root: CI containers run as root, developers get sudo when it exists.
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-browser.sh: root is needed to run: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
echo "chromium is installed: $(/usr/bin/chromium --version 2>/dev/null)"
