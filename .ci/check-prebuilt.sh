#!/usr/bin/env bash
# Rebuilds the guest programs with the cross compiler and fails if any byte differs from
# the committed glibc-shim/prebuilt/ outputs. Installs Debian's cross compiler if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "check-prebuilt: installing gcc-aarch64-linux-gnu" >&2
    (apt-get update -qq && apt-get install -y -qq gcc-aarch64-linux-gnu make) >/dev/null
  else
    echo "check-prebuilt: aarch64-linux-gnu-gcc not found (apt-get install gcc-aarch64-linux-gnu)" >&2
    exit 1
  fi
fi
make -C glibc-shim --no-print-directory check-prebuilt
