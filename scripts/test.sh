#!/usr/bin/env bash
# Builds the project and runs the test suite (unit tests, and every chapter with
# --quick plus the check of its results.json). The last lines are CTest's summary;
# the exit status is non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset default
cmake --build --preset default --parallel 2
ctest --preset default
