#!/usr/bin/env bash
# The health checker at scale: 10,000 records checked every 10 s, half unreachable (refused), CPU and
# memory over a 30 s window, then detection latency of 8 targets that die. Usage: [records] [interval s] [window s]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project benchmarks/health-checks -- "${1:-10000}" "${2:-10}" "${3:-30}"
