#!/usr/bin/env bash
# Measures a build of StreamingForecaster on this machine: binary size, start to first forecast, peak resident memory,
# and time per model step and per streamed line. The figures in README.md come from this script.
#
#   samples/StreamingForecaster/measure.sh BINARY [RUNS]      e.g. artifacts/streaming/linux-x64-v3/StreamingForecaster
#
# Start to first forecast is measured as process start to exit after one observation and its forecast (so it also
# counts the exit), over RUNS runs (default 50), beside the cost of starting /bin/true the same way. Peak memory is the kernel's VmHWM (also /usr/bin/time's
# maximum RSS) for one observation and for 100,000.
set -euo pipefail
bin="$1"
runs="${2:-50}"
[ -x "$bin" ] || { echo "measure.sh: $bin is not an executable" >&2; exit 1; }
line="18.4,65.9,2.2"
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
awk 'BEGIN { for (t = 0; t < 100000; t++) printf "%.4f,%.3f,%.4f\n", 18 + 4 * sin(t / 3.82), 65 - 10 * sin(t / 3.82), 2 + 0.3 * sin(t / 3.82) }' > "$lines"

echo "binary: $bin, $(stat -c %s "$bin") bytes"
"$bin" --info | grep -E '^(runtime|kernel):'

# Process start to exit after one forecast, median and minimum of $runs runs; the same for /bin/true in the same
# pipeline is what starting any process costs here (fork, exec, the shell's pipe).
startup() {
  local times=() start end
  for ((i = 0; i < runs; i++)); do
    start=$EPOCHREALTIME
    echo "$line" | "$@" > /dev/null 2>&1
    end=$EPOCHREALTIME
    times+=("$(echo "($end - $start) * 1000" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "median %.1f ms, minimum %.1f ms", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2, a[1] }'
}
echo "start to first forecast (and exit): $(startup "$bin") of $runs runs; /bin/true in its place: $(startup /bin/true)"

echo "$line" | "$bin" --report-memory 2>&1 > /dev/null | sed 's/^/1 observation: /'
"$bin" --report-memory < "$lines" 2>&1 > /dev/null | sed 's/^/100,000 observations: /'
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "100,000 observations: maximum RSS %M kB (/usr/bin/time)" "$bin" < "$lines" > /dev/null
fi

start=$EPOCHREALTIME
"$bin" < "$lines" > /dev/null
end=$EPOCHREALTIME
echo "100,000 lines streamed (parse, step, forecast, write): $(echo "($end - $start) * 10" | bc -l | xargs printf '%.2f') µs per line"
"$bin" --bench 2000000
