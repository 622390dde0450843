#!/bin/sh
# The HTML report at account scale (issue 15): renders the 1x account of tools/gen_account.py
# (5,000 services; generated as bench/account.sh does, and shared with it) with
# `--format html --stats` three times, prints the file's size, then opens the page in headless
# Chromium: the time to load, parse and run its script (--dump-dom), and to load, lay out and
# paint a 1280x800 screenshot of the top and one scrolled to the last target's section. Never
# part of the tests; figures go into README.md "Speed".
#
#   bench/html.sh [BINARY]        e.g. bench/html.sh build-bench/fargate-doctor
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build-bench/fargate-doctor}
dir=${FD_BENCH_DIR:-/tmp/fd-bench}
account="$dir/account-1"
mkdir -p "$dir"
if [ ! -f "$account/manifest.json" ]; then
  echo "generating the 1x account in $account ..."
  rm -rf "$account"
  python3 "$here/tools/gen_account.py" --scale 1 --seed 1 --out "$account" >/dev/null
fi
page="$dir/account-1.html"
for run in 1 2 3; do
  echo "== 1x, --format html, run $run"
  "$bin" diagnose "$account" --format html --stats --output "$page" 2>&1 | grep -E 'render|peak' || true
done
size=$(stat -c %s "$page")
echo "html: $size bytes ($(gzip -c "$page" | wc -c) gzipped); $(grep -o '<section class="card tgt' "$page" | wc -l) target sections, $(grep -o '<svg' "$page" | wc -l) drawings"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium not installed: browser figures skipped"
  exit 0
fi
last=$(grep -o 'id="t[0-9]*"' "$page" | tail -1 | sed 's/id="\(.*\)"/\1/' || true)
profile=$(mktemp -d)
browse() {
  "$chromium" --headless --no-sandbox --disable-gpu '--host-resolver-rules=MAP * ~NOTFOUND' \
    --disable-background-networking --disable-component-update --no-first-run \
    --user-data-dir="$profile" "$@" 2>/dev/null
}
for run in 1 2 3; do
  t0=$(date +%s.%N)
  browse --dump-dom "file://$page" | tail -c 100 >/dev/null
  t1=$(date +%s.%N)
  browse --hide-scrollbars --window-size=1280,800 --screenshot="$dir/top.png" "file://$page" >/dev/null
  t2=$(date +%s.%N)
  browse --hide-scrollbars --window-size=1280,800 --screenshot="$dir/last.png" "file://$page#$last" >/dev/null
  t3=$(date +%s.%N)
  echo "chromium run $run: dump-dom $(echo "$t1 - $t0" | bc) s, screenshot top $(echo "$t2 - $t1" | bc) s, screenshot at #$last $(echo "$t3 - $t2" | bc) s"
done
rm -rf "$profile"
