#!/usr/bin/env bash
# Fuzzes every reader of outside bytes under AFL++ (Debian's afl++), through SharpFuzz: builds the harnesses
# (GruNative.Fuzz), instruments GruNative, GruNative.Training, GruNative.Generators and the StreamingForecaster sample
# for coverage, and runs afl-fuzz on each target for SECONDS from the committed corpus (corpus/TARGET).
#
#   fuzz/fuzz.sh [SECONDS] [TARGET...]     default: 60 s for each target; targets: `dotnet fuzz/out/bin/GruNative.Fuzz.dll list`
#
# Findings land in fuzz/findings/TARGET/default/{crashes,hangs} (not committed): replay one with
#   dotnet fuzz/out/bin/GruNative.Fuzz.dll TARGET FILE
# then make it a regression test (docs/fuzzing.md). Prints one line per target (executions, executions/s, edges
# covered, crashes, hangs) and exits 1 when any target found a crash or a hang.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
[ $# -gt 0 ] && shift
command -v afl-fuzz > /dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }

bin=$PWD/out/bin
rm -rf "$bin"   # SharpFuzz instruments in place and refuses an assembly twice: always from a fresh build
dotnet build GruNative.Fuzz -c Release -o "$bin" -v quiet -nologo > out.build.log 2>&1 || { tail -n 20 out.build.log; exit 2; }
dotnet tool restore > /dev/null
for assembly in GruNative GruNative.Training GruNative.Generators StreamingForecaster; do
  dotnet tool run sharpfuzz "$bin/$assembly.dll" > /dev/null
done

targets=("$@")
[ ${#targets[@]} -eq 0 ] && mapfile -t targets < <(dotnet "$bin/GruNative.Fuzz.dll" list | awk '{print $1}')
found=0
for target in "${targets[@]}"; do
  rm -rf "findings/$target"
  mkdir -p findings
  # -t: afl-fuzz's own hang limit per input, well above each harness's bound (which is checked inside); -m none: the
  # CLR reserves far more address space than it uses.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
    timeout $((seconds + 60)) afl-fuzz -V "$seconds" -i "corpus/$target" -o "findings/$target" -t 30000 -m none \
    -- dotnet "$bin/GruNative.Fuzz.dll" "$target" > "findings/$target.log" 2>&1 || true
  stats="findings/$target/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "$target: afl-fuzz did not start (findings/$target.log):"; tail -n 15 "findings/$target.log"; found=1; continue
  fi
  value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(value saved_crashes); hangs=$(value saved_hangs)
  echo "$target: $(value execs_done) execs in $(value run_time) s ($(value execs_per_sec)/s), $(value corpus_count) inputs in the queue, edges $(value edges_found)/$(value total_edges) ($(value bitmap_cvg)), $crashes crash(es), $hangs hang(s)"
  [ "${crashes:-0}" -eq 0 ] && [ "${hangs:-0}" -eq 0 ] || found=1
done
exit "$found"
