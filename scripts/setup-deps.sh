#!/usr/bin/env bash
# Installs the Debian 12 packages citynoise builds, tests and runs with. Idempotent: quiet and
# quick when everything is present. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcgal-dev libembree-dev libassimp-dev libcitygml-dev libtbb-dev libvtk9-dev catch2
  libgdal-dev libproj-dev proj-bin gdal-bin nlohmann-json3-dev libtomlplusplus-dev
  libcli11-dev libbenchmark-dev libopenmpi-dev openmpi-bin xvfb xauth clang libclang-rt-14-dev
  libsqlite3-dev libssl-dev libpq-dev postgresql-15 libcpp-httplib-dev python3
  nodejs chromium fonts-wqy-microhei
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Debian's npm is a package of its own; a Node.js from elsewhere (NodeSource's nodejs) brings its
# own npm, which Debian's would conflict with.
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
