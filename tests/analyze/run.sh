#!/bin/sh
# SPDX-License-Identifier: MIT
# ctest's analyze-eval: scores `zhnews analyze` on the hand-annotated cases
# (cases.jsonl) and fails only when a figure drops under the thresholds in
# score.py.  Skips (exit 0) when python3 is missing.
#
#   run.sh ZHNEWS
set -u
zhnews=$1
here=${0%/*}
if ! command -v python3 >/dev/null 2>&1; then
  echo "analyze-eval: python3 not found, skipped"
  exit 0
fi
exec python3 "$here/score.py" --zhnews "$zhnews" --check
