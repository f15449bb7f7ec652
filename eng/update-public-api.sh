#!/usr/bin/env bash
# Records a deliberate change of the runtime's public API in src/GruNative/PublicAPI.Unshipped.txt: every symbol the
# build reports as new (RS0016) is added, every declared symbol that is gone (RS0017) is marked *REMOVED*. The
# analyzer's own messages carry the exact text of each line. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/../src/GruNative"
log=$(mktemp)
# --no-incremental: an up-to-date build reports no analyzer warnings at all.
dotnet build -c Release --no-incremental -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
added=$(grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" "$log" | sort -u || true)
removed=$(grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but is either not public or could not be found)" "$log" | sort -u || true)
rm -f "$log"
{
  cat PublicAPI.Unshipped.txt
  if [ -n "$added" ]; then printf '%s\n' "$added"; fi
  if [ -n "$removed" ]; then printf '%s\n' "$removed" | sed 's/^/*REMOVED*/'; fi
} | awk 'NR == 1 || !seen[$0]++' > PublicAPI.Unshipped.txt.new
{ head -n 1 PublicAPI.Unshipped.txt.new; tail -n +2 PublicAPI.Unshipped.txt.new | sort; } > PublicAPI.Unshipped.txt
rm -f PublicAPI.Unshipped.txt.new
count() { if [ -n "$1" ]; then printf '%s\n' "$1" | wc -l; else echo 0; fi; }
echo "added $(count "$added"), removed $(count "$removed"); see git diff src/GruNative/PublicAPI.Unshipped.txt"
