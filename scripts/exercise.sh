#!/usr/bin/env bash
# Checks your answers to the book's exercises.
#
#   bash scripts/exercise.sh stable_softmax               one exercise
#   bash scripts/exercise.sh softmax_regression_scratch   a section's exercises
#   bash scripts/exercise.sh 02_linear_networks           a part's
#   bash scripts/exercise.sh all                          every one
#   bash scripts/exercise.sh --solutions NAME             the reference answers
#
# Your answer to an exercise is exercises/<part>/<section>/<name>.cpp; each check
# says what it expected, what came out and a hint. The exit status is 0 when
# every check passed. Builds in build/ (the README's build), so the first call
# may take a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=mine
if [[ ${1:-} == --solutions ]]; then
  kind=solution
  shift
fi
what=${1:-}
if [[ -z $what ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

names=()
while IFS= read -r check; do
  rel=${check#exercises/}
  name=$(basename "$check" .check.cpp)
  if [[ $what == all || $what == "$name" || $rel == "$what"/* || $rel == */"$what"/* ]]; then
    names+=("$name")
  fi
done < <(find exercises -name '*.check.cpp' | sort)
if ((${#names[@]} == 0)); then
  echo "no exercise, section or part named '$what'; the exercises are:" >&2
  find exercises -name '*.check.cpp' | sed 's|^exercises/||; s|\.check\.cpp$||' | sort >&2
  exit 2
fi

[[ -f build/CMakeCache.txt ]] || { bash scripts/setup.sh && cmake --preset default >/dev/null; }
targets=("${names[@]/#/${kind}_}")
# Quiet when it builds; the compiler's messages when your answer does not.
cmake --build build --parallel 2 --target "${targets[@]}" >/dev/null ||
  cmake --build build --target "${targets[@]}"
passed=0
for name in "${names[@]}"; do
  if "build/exercises/${kind}_${name}"; then passed=$((passed + 1)); fi
  echo
done
echo "$passed of ${#names[@]} exercises passed"
((passed == ${#names[@]}))
