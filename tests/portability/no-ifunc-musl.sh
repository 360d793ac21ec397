#!/bin/sh
# SPDX-License-Identifier: MIT
# The MinHash update's AVX2 clone (target_clones in src/analyze/fingerprint.c)
# is dispatched through an ifunc, which musl's loader refuses ("unsupported
# relocation type 37": the program does not start).  Compiles fingerprint.c
# against musl with musl-gcc and checks that no IFUNC symbol comes out.
# Skips (77) when musl-gcc (Debian: musl-tools) is not installed.
#
#   no-ifunc-musl.sh SOURCE_DIR
set -u
src=$1
command -v musl-gcc >/dev/null 2>&1 || { echo "skip: no musl-gcc"; exit 77; }
command -v readelf >/dev/null 2>&1 || { echo "skip: no readelf"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! musl-gcc -std=c11 -O2 -c -I"$src/include" -I"$src/src" \
  "$src/src/analyze/fingerprint.c" -o "$tmp/fingerprint.o"; then
  echo "not ok - fingerprint.c does not compile against musl"
  exit 1
fi
if readelf -s "$tmp/fingerprint.o" | grep -q IFUNC; then
  echo "not ok - fingerprint.c against musl has an IFUNC symbol:"
  readelf -s "$tmp/fingerprint.o" | grep IFUNC
  exit 1
fi
echo "ok - fingerprint.c against musl: no ifunc"
