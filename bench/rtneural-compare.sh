#!/usr/bin/env bash
# GruNative beside RTNeural, timed in one run on this machine (docs/benchmarks.md, "Beside RTNeural, in the same run").
#
#   bench/rtneural-compare.sh [--rounds N] [--only 'PATTERN ...'] [OUT]
#
#   --rounds N   rounds of all nine programs (default 3); each program's figure is its fastest round
#   --only P     the models whose names match one of the shell patterns, e.g. '*_H8 *_H64' or 'GRU_I1_*'
#                (default: all 24, GRU and LSTM, I in {1, 8}, H in {8, 16, 32, 64, 128, 256})
#   OUT          a scratch folder outside the repository (default: a new one under $TMPDIR or /tmp)
#
# Into OUT it builds RTNeural's three benchmark binaries with ../shared/tools/rtneural-bench/build.sh (RTNEURAL_BENCH
# overrides that folder) and publishes bench/GruNative.Benchmarks.Aot three times: framework-dependent (the JIT), and
# NativeAOT with IlcInstructionSet=native and x86-64-v3; each GruNative build runs twice, the fp32 models and their
# bfloat16 twins (--lines --bf16). Then it runs the nine in rounds, one program at a time, each
# round starting one program later so none always follows the same one: drift on the machine hits all nine alike.
# Every program's output is kept in OUT/raw/round-<n>/<program>.txt (with a copy of /proc/cpuinfo and the start time);
# the harness turns that folder into OUT/tables.md (--rtneural-tables, BesideRtNeural/), and prints it.
# Nothing of RTNeural is copied into the repository; dotnet publish uses the projects' own bin/ and obj/ as always.
#
# Needs a linux-x64 machine with g++ (C++20), the .NET SDK, and for NativeAOT's linker clang and zlib1g-dev.
set -euo pipefail

rounds=3
only='*'
out=''
while (($#)); do
    case $1 in
        --rounds) rounds=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "rtneural-compare: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) out=$1; shift ;;
    esac
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "rtneural-compare: --rounds takes a positive number" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
rtneural=${RTNEURAL_BENCH:-$repo/../shared/tools/rtneural-bench}
if [[ -n $out ]]; then
    out=$(realpath -m "$out")
    case $out/ in "$repo"/*) echo "rtneural-compare: OUT must be outside the repository ($repo)" >&2; exit 2 ;; esac
fi

missing=()
[[ $(uname -m) == x86_64 ]] || missing+=("an x86-64 machine (this is $(uname -m))")
command -v g++ >/dev/null || missing+=(g++)
command -v dotnet >/dev/null || missing+=("the .NET SDK")
command -v clang >/dev/null || missing+=("clang (NativeAOT's linker)")
[[ -e /usr/include/zlib.h ]] || missing+=("zlib1g-dev (NativeAOT links zlib)")
[[ -f $rtneural/build.sh ]] || missing+=("$rtneural/build.sh (RTNeural's benchmark; set RTNEURAL_BENCH)")
if ((${#missing[@]})); then
    printf 'rtneural-compare: missing %s\n' "${missing[@]}" >&2
    echo "On Debian or Ubuntu: apt-get install g++ clang zlib1g-dev" >&2
    exit 1
fi

# The models: the names RTNeural's benchmark knows, filtered by --only (patterns, not file names: no globbing).
names=()
set -f
for cell in GRU LSTM; do
    for i in 1 8; do
        for h in 8 16 32 64 128 256; do
            for pattern in $only; do
                # shellcheck disable=SC2053  # the pattern is meant to match as a pattern
                if [[ ${cell}_I${i}_H${h} == $pattern ]]; then names+=("${cell}_I${i}_H${h}"); break; fi
            done
        done
    done
done
set +f
((${#names[@]})) || { echo "rtneural-compare: --only '$only' matches no model (names look like GRU_I1_H8)" >&2; exit 2; }

if [[ -n $out ]]; then mkdir -p "$out"; else out=$(mktemp -d "${TMPDIR:-/tmp}/grunative-rtneural.XXXXXX"); fi
started=$SECONDS
echo "== RTNeural's three builds -> $out/rtneural"
bash "$rtneural/build.sh" "$out/rtneural"
harness=$repo/bench/GruNative.Benchmarks.Aot
echo "== the harness: JIT -> $out/jit"
dotnet publish "$harness" -c Release -o "$out/jit" -nologo -v quiet
for set in native x86-64-v3; do
    echo "== the harness: NativeAOT, IlcInstructionSet=$set -> $out/aot-$set"
    dotnet publish "$harness" -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=$set -o "$out/aot-$set" -nologo -v quiet
done
built=$SECONDS

# The names are those of BesideRtNeural/Contender.cs: the tables find each program's output by them.
# The -bf16 programs time the models' bfloat16 twins (WeightPrecision.BFloat16) under the same names.
programs=(rtneural-xsimd-native rtneural-xsimd-avx2 rtneural-eigen-native grunative-jit grunative-aot-native grunative-aot-v3
          grunative-jit-bf16 grunative-aot-native-bf16 grunative-aot-v3-bf16)
run() {
    case $1 in
        rtneural-*) "$out/rtneural/$1" "${names[@]}" ;;
        grunative-jit) dotnet "$out/jit/GruNative.Benchmarks.Aot.dll" --lines "${names[@]}" ;;
        grunative-aot-native) "$out/aot-native/GruNative.Benchmarks.Aot" --lines "${names[@]}" ;;
        grunative-aot-v3) "$out/aot-x86-64-v3/GruNative.Benchmarks.Aot" --lines "${names[@]}" ;;
        grunative-jit-bf16) dotnet "$out/jit/GruNative.Benchmarks.Aot.dll" --lines --bf16 "${names[@]}" ;;
        grunative-aot-native-bf16) "$out/aot-native/GruNative.Benchmarks.Aot" --lines --bf16 "${names[@]}" ;;
        grunative-aot-v3-bf16) "$out/aot-x86-64-v3/GruNative.Benchmarks.Aot" --lines --bf16 "${names[@]}" ;;
    esac
}

raw=$out/raw
rm -rf "$raw"
mkdir -p "$raw"
date -u +%Y-%m-%dT%H:%M:%SZ > "$raw/started-utc"
cp /proc/cpuinfo "$raw/cpuinfo"
echo "== $rounds round(s) of ${#programs[@]} programs x ${#names[@]} models"
for ((r = 1; r <= rounds; r++)); do
    mkdir -p "$raw/round-$r"
    for ((k = 0; k < ${#programs[@]}; k++)); do
        program=${programs[(k + r - 1) % ${#programs[@]}]}
        echo "   round $r/$rounds: $program"
        run "$program" > "$raw/round-$r/$program.txt"
    done
done
# A stale NativeAOT publish would time the wrong instruction sets: x86-64-v3 has no AVX-512 by definition.
if grep -q 'Vector512 accelerated: True' "$raw/round-1/grunative-aot-v3.txt"; then
    echo "rtneural-compare: the x86-64-v3 binary runs 512-bit code; delete bench/GruNative.Benchmarks.Aot/obj and rerun" >&2
    exit 1
fi

dotnet "$out/jit/GruNative.Benchmarks.Aot.dll" --rtneural-tables "$raw" > "$out/tables.md"
cat "$out/tables.md"
echo "== tables: $out/tables.md; raw output: $raw; built in $((built - started)) s, measured in $((SECONDS - built)) s"
