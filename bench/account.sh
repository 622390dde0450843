#!/bin/sh
# Whole-process benchmark at account scale (issue 7): generates the synthetic account of
# tools/gen_account.py at each scale given (default 1 and 10), then diagnoses every service with
# `fargate-doctor diagnose --stats`, which prints wall and CPU time of ingest, model building,
# diagnosis (traces included) and rendering, and the peak memory against the input's size.
# Never part of the tests.
#
#   bench/account.sh [BINARY] [SCALE...]      e.g. bench/account.sh build-bench/fargate-doctor 1 10
#
# Accounts are kept under ${FD_BENCH_DIR:-/tmp/fd-bench} (1x: 44 MB in 10,600 files; 10x: 440 MB
# in 106,000 files) and reused when present. Each run is repeated 3 times for each format; read
# the best, on a machine doing nothing else.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build-bench/fargate-doctor}
[ $# -gt 0 ] && shift
scales=${*:-1 10}
dir=${FD_BENCH_DIR:-/tmp/fd-bench}
mkdir -p "$dir"
for scale in $scales; do
  account="$dir/account-$scale"
  if [ ! -f "$account/manifest.json" ]; then
    echo "generating the ${scale}x account in $account ..."
    rm -rf "$account"
    python3 "$here/tools/gen_account.py" --scale "$scale" --seed 1 --out "$account" >/dev/null
  fi
  cat "$account"/*.json "$account"/ecr/*.json >/dev/null 2>&1 || true  # warm the page cache
  for format in text json; do
    for run in 1 2 3; do
      echo "== ${scale}x, --format $format, run $run"
      "$bin" diagnose "$account" --format "$format" --stats >/dev/null || true
    done
  done
done
