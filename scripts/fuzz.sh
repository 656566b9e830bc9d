#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer, UBSan; the `fuzz` preset in
# build-fuzz/) and runs each for a while on the committed seed corpus.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Defaults: 60 seconds each for idx, npy, npz and params. New interesting inputs
# go to build-fuzz/corpus/<target>/ (the committed seeds in fuzz/corpus/ are only
# read); a crash, leak, timeout or big allocation is written to
# build-fuzz/artifacts/ and ends the run with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(idx npy npz params)

command -v clang++ >/dev/null || {
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends clang
}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --parallel 2 --target "${targets[@]/#/fuzz_}"

mkdir -p build-fuzz/artifacts
status=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  echo "== fuzz_$t for ${seconds} s"
  # A single allocation over 256 MB for inputs of at most 64 KiB is a finding:
  # the readers must not allocate on a header's word.
  log="build-fuzz/fuzz_$t.log"
  build-fuzz/fuzz/fuzz_"$t" "build-fuzz/corpus/$t" "fuzz/corpus/$t" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -malloc_limit_mb=256 -artifact_prefix="build-fuzz/artifacts/${t}-" \
    -print_final_stats=1 >"$log" 2>&1 || status=1
  grep -E "DONE|stat::number_of_executed_units|SUMMARY|^==[0-9]+==ERROR" "$log" || true
  if ls build-fuzz/artifacts/"$t"-* >/dev/null 2>&1; then
    echo "fuzz_$t: findings in build-fuzz/artifacts/ (replay: build-fuzz/fuzz/fuzz_$t FILE)"
    status=1
  fi
done
exit $status
