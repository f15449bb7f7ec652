#!/usr/bin/env bash
# Cross-publishes an edge sample as a NativeAOT linux-arm64 binary on an x64 Debian or Ubuntu machine, then runs
# `--info` under qemu-user to show it starts and which kernel it runs (Vector128, AdvSimd). Each sample's own
# publish-arm64.sh calls this with its name and default output folder.
#
#   samples/publish-arm64.sh SAMPLE OUTPUT_DIR     (SAMPLE: the folder and project name, e.g. StreamingForecaster)
#
# Needs Debian's cross toolchain and qemu (about 550 MB, 45 s to install):
#   apt-get install -y clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
# clang compiles and lld links for aarch64; the C runtime and libraries come from the arm64 cross packages, found
# through the aarch64-linux-gnu gcc that clang locates under / (hence SysRoot=/). Exit code 3: something is missing.
set -euo pipefail
samples="$(cd "$(dirname "$0")" && pwd)"
sample="$1"
out="$2"

missing=()
for tool in clang ld.lld aarch64-linux-gnu-gcc qemu-aarch64-static; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || missing+=("/usr/aarch64-linux-gnu/lib/libc.so.6")
if [ ${#missing[@]} -gt 0 ]; then
  echo "publish-arm64.sh: missing ${missing[*]}; install with:" >&2
  echo "  apt-get install -y clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static" >&2
  exit 3
fi

dotnet publish "$samples/$sample/$sample.csproj" -c Release -r linux-arm64 -p:PublishAot=true \
  -p:CppCompilerAndLinker=clang -p:SysRoot=/ -p:LinkerFlavor=lld -o "$out"
qemu-aarch64-static -L /usr/aarch64-linux-gnu "$out/$sample" --info
echo "linux-arm64 binary: $out/$sample ($(stat -c %s "$out/$sample") bytes)"
