#!/usr/bin/env bash
# Unit tests (GoogleTest through CTest), then, when clang++ is available, 60 seconds of fuzzing of the
# pattern matcher, 30 seconds of the export reader and 30 seconds of the stored summaries' decoders. Assumes the dependencies are installed (scripts/lib.sh install_deps; libFuzzer also
# needs libclang-rt-14-dev). Exits non-zero on a failing test or on any fuzzer crash, hang or leak.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== unit tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2
ctest --test-dir build --output-on-failure

if ! command -v clang++ >/dev/null; then
    echo "== clang++ not found: fuzzing skipped"
    exit 0
fi
echo "== fuzzing fuzz_patterns for 60 s"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DAR_FUZZ=ON
cmake --build build-fuzz --target fuzz_patterns fuzz_exports fuzz_summaries summary_seeds -j2
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp test/fuzz/corpus/* "$corpus"/
# Crash inputs are written to build-fuzz/ (crash-*, timeout-*) for reproduction: build-fuzz/fuzz_patterns FILE
build-fuzz/fuzz_patterns -max_total_time=60 -max_len=4096 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/ "$corpus"

echo "== fuzzing fuzz_exports (the CSV / JSON export reader) for 30 s"
exports=$(mktemp -d)
trap 'rm -rf "$corpus" "$exports"' EXIT
for f in test/cli/data/*; do { printf '\003'; cat "$f"; } > "$exports/$(basename "$f")"; done
build-fuzz/fuzz_exports -max_total_time=30 -max_len=8192 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/ "$exports"

echo "== fuzzing fuzz_summaries (presence, reaction and watch summaries, aggregate states) for 30 s"
summaries=$(mktemp -d)
trap 'rm -rf "$corpus" "$exports" "$summaries"' EXIT
build-fuzz/summary_seeds "$summaries"
build-fuzz/fuzz_summaries -max_total_time=30 -max_len=4096 -timeout=10 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/ "$summaries"
