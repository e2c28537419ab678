#!/usr/bin/env bash
# Runs one fuzz target (built by build.sh) on one core, from its seeds and its corpus.
#
#   bash fuzz/run.sh <target> [seconds] [more libFuzzer options]
#   bash fuzz/run.sh params 600
#
# New inputs go to fuzz/corpus/<target>/ (not committed), crashes and hangs to
# fuzz/artifacts/<target>/; the committed seeds in fuzz/seeds/<target>/ are only read.
# Exits non-zero when the run found a crash, a hang (an input over 10 s) or an input using
# more than 2 GiB.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?usage: run.sh <target> [seconds] [libFuzzer options]}"
secs="${2:-600}"
shift $(($# < 2 ? $# : 2))
bin="${CARGO_TARGET_DIR:-/var/tmp/ft-fuzz-target}/$(rustc -vV | sed -n 's/^host: //p')/release/$target"
[ -x "$bin" ] || { echo "no $bin: run bash fuzz/build.sh first" >&2; exit 2; }
mkdir -p "corpus/$target" "artifacts/$target"
exec nice -n 10 "$bin" "corpus/$target" "seeds/$target" \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="artifacts/$target/" "$@"
