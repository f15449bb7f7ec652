#!/usr/bin/env bash
# Cross-publishes SegmentForecaster as a NativeAOT linux-arm64 binary on an x64 Debian or Ubuntu machine, then runs
# `--info` under qemu-user to show it starts and which kernel it runs (Vector128, AdvSimd). The steps and what they
# need (Debian's cross toolchain and qemu; exit code 3 when something is missing) are in ../publish-arm64.sh.
#
#   samples/SegmentForecaster/publish-arm64.sh [OUTPUT_DIR]     (default: artifacts/segment/linux-arm64)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec bash "$here/../publish-arm64.sh" SegmentForecaster "${1:-$here/../../artifacts/segment/linux-arm64}"
