#!/usr/bin/env bash
# compare-results.sh BEFORE AFTER: are two `citynoise run` result folders the same to the last
# bit, apart from what measures the run itself? For refactors that must not change behaviour.
#   - every file byte for byte, except:
#   - GeoPackages: every layer, feature and field through `ogrinfo -al` (GDAL stamps the time of
#     writing into gpkg_contents);
#   - summary.csv / summary.md: without the lines of times, memory and threads;
#   - compare.csv / compare.md: without the evaluation-seconds column.
# Prints each difference and "identical" or "DIFFERENT" (exit 1).
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BEFORE AFTER" >&2; exit 2; }
before=$(cd "$1" && pwd); after=$(cd "$2" && pwd)
timing='seconds|time|memory|threads|per receiver per thread'
bad=0; files=0; bytes=0
same() {  # same FILE: the one comparison FILE's kind allows
  local a="$before/$1" b="$after/$1"
  cmp -s "$a" "$b" && { bytes=$((bytes + 1)); return 0; }
  case "$1" in
    *.gpkg) diff -q <(ogrinfo -ro -al -q "$a") <(ogrinfo -ro -al -q "$b") >/dev/null ;;
    */summary.csv|summary.csv|*/summary.md|summary.md)
      diff -q <(grep -viE "$timing" "$a") <(grep -viE "$timing" "$b") >/dev/null ;;
    */compare.csv|compare.csv)
      diff -q <(sed -E 's/,[0-9]+\.[0-9]+,([a-z][^,]*)$/,S,\1/' "$a") <(sed -E 's/,[0-9]+\.[0-9]+,([a-z][^,]*)$/,S,\1/' "$b") >/dev/null ;;
    */compare.md|compare.md)
      diff -q <(sed -E 's/\| [0-9]+\.[0-9]+ \|$/| S |/' "$a") <(sed -E 's/\| [0-9]+\.[0-9]+ \|$/| S |/' "$b") >/dev/null ;;
    *) return 1 ;;
  esac
}
while IFS= read -r f; do
  files=$((files + 1))
  if [ ! -f "$after/$f" ]; then echo "only before: $f"; bad=1
  elif ! same "$f"; then echo "differs: $f"; bad=1; fi
done < <(cd "$before" && find . -type f ! -name '*.log' ! -name status | sed 's|^\./||' | sort)
while IFS= read -r f; do
  [ -f "$before/$f" ] || { echo "only after: $f"; bad=1; }
done < <(cd "$after" && find . -type f ! -name '*.log' ! -name status | sed 's|^\./||' | sort)
echo "$files files, $bytes byte for byte"
if [ $bad -eq 0 ]; then echo identical; else echo DIFFERENT; exit 1; fi
