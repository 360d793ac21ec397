#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks the C layout (STYLE.md §1) with clang-format and .clang-format:
# 2-space indent, no tabs, 80 columns.  `check-style.sh --fix` rewrites.
set -u
cd "$(dirname "$0")/.." || exit 1
files=$(git ls-files --cached --others --exclude-standard 'src/*.c' 'src/*.h' 'include/*.h' 'tests/*.c' 2>/dev/null)
[ -n "$files" ] || files=$(find src include tests -name '*.[ch]')
if [ "${1:-}" = "--fix" ]; then
  # shellcheck disable=SC2086
  exec clang-format -i $files
fi
# shellcheck disable=SC2086
if clang-format --dry-run -Werror $files; then
  echo "style: ok"
else
  echo "style: run scripts/check-style.sh --fix" >&2
  exit 1
fi
