#!/usr/bin/env bash
# Builds the project, runs every chapter and renders the book (Doxygen + Sphinx)
# into build/book/html. The last line printed is the path of the book's index page.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset default
cmake --build --preset default --parallel 2
cmake --build --preset default --target book
echo "$(pwd)/build/book/html/index.html"
