#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/system-packages.txt that are missing.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# A line is "package [component]": a package from a component other than main (libttspico-utils is in
# non-free) gets that component enabled, deliberately and only then, in its own sources file.
mapfile -t wanted < <(grep -v '^\s*#' "$here/system-packages.txt" | grep -v '^\s*$')
missing=()
components=()
for line in "${wanted[@]}"; do
  read -r p component _ <<<"$line"
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
    if [ -n "${component:-}" ]; then components+=("$component"); fi
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "pqk: installing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "pqk: not root and no sudo; run: apt-get install -y ${missing[*]}" >&2; exit 1
  fi
else
  SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
for component in $(printf '%s\n' "${components[@]}" | sort -u); do
  sources="/etc/apt/sources.list.d/pqk-$component.sources"
  if [ ! -f "$sources" ] && [ -f /etc/os-release ]; then
    . /etc/os-release
    echo "pqk: enabling Debian's $component component for ${VERSION_CODENAME:-this release} in $sources" >&2
    printf '%s\n' "# Written by pqk's scripts/install-system-packages.sh for packages listed with '$component'." \
      "Types: deb" "URIs: http://deb.debian.org/debian" \
      "Suites: ${VERSION_CODENAME} ${VERSION_CODENAME}-updates" "Components: $component" \
      "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" | $SUDO tee "$sources" >/dev/null
  fi
done
$SUDO apt-get update -q >&2
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
