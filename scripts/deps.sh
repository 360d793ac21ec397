#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs what zhnews needs to build and test on Debian 12, with apt-get.
# Does nothing (and needs no network) when everything is already there.
set -eu
pkgs="cmake ninja-build gcc clang clang-format pkg-config libjansson-dev libxml2-dev libcmocka-dev jq libsqlite3-dev sqlite3 libopencc-dev libopencc-data python3 musl-tools"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: need root to install:$missing" >&2
    exit 1
  fi
  echo "deps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
