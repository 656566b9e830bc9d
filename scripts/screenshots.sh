#!/usr/bin/env bash
# Screenshots of every page of the built book at a desktop and a phone width,
# for looking at the site as a reader would (headless Chromium; installed with
# apt-get when missing). Not part of the tests.
#
#   bash scripts/screenshots.sh [HTML_DIR] [OUT_DIR]
#
# HTML_DIR defaults to build/book/html, OUT_DIR to build/book/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
html=${1:-build/book/html}
out=${2:-build/book/screenshots}
if ! command -v chromium >/dev/null; then
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium
fi
[[ -f "$html/index.html" ]] || { echo "no book at $html: run scripts/book.sh" >&2; exit 2; }
mkdir -p "$out"
# width x height: a desktop window and a phone (tall, to see more of each page).
sizes=("desktop 1280,2400" "phone 390,3200")
find "$html" -name '*.html' ! -path '*/_static/*' ! -name 'genindex.html' \
  ! -name 'search.html' | sort | while read -r page; do
  rel=${page#"$html"/}
  for size in "${sizes[@]}"; do
    read -r label window <<<"$size"
    png="$out/${rel%.html}.$label.png"
    mkdir -p "$(dirname "$png")"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
      --allow-file-access-from-files --virtual-time-budget=4000 \
      --window-size="$window" --screenshot="$png" "file://$(realpath "$page")" \
      >/dev/null 2>&1
  done
  echo "$rel"
done
echo "screenshots in $out"
