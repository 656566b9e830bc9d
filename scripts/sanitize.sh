#!/usr/bin/env bash
# The sanitizer job: builds the library, its unit tests and the catalogue of bad
# inputs with AddressSanitizer and UBSan (the `sanitize` preset, build-sanitize/;
# no chapters, no CUDA) and runs them. A memory error, a leak or undefined
# behaviour ends the test that hit it with the sanitizer's report.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset sanitize
cmake --build --preset sanitize --parallel 2
ctest --preset sanitize
