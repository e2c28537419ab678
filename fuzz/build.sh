#!/usr/bin/env bash
# Builds the fuzz targets on stable Rust: libFuzzer (libfuzzer-sys) linked into each target,
# with the coverage instrumentation it steers by, as `cargo fuzz build --sanitizer none` does.
# No sanitizer: AddressSanitizer needs nightly, and the code under test has no `unsafe` of its
# own. Debug assertions and overflow checks stay on, so an overflow is a crash.
#
#   bash fuzz/build.sh            # all targets
#   bash fuzz/build.sh --bin params
#
# Binaries: $CARGO_TARGET_DIR/<host triple>/release/<target>. The target dir is kept apart
# from the workspace's (these flags would rebuild everything there).
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/ft-fuzz-target}"
host=$(rustc -vV | sed -n 's/^host: //p')
# --target makes RUSTFLAGS apply to the targets only, not to build scripts and proc macros.
export RUSTFLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
nice -n 10 cargo build --release --target "$host" "${@:---bins}"
echo "$CARGO_TARGET_DIR/$host/release"
