#!/usr/bin/env bash
# The README's test command: set up, build and run every test.
set -uo pipefail
cd "$(dirname "$0")/.."
eng/setup.sh --golden || exit 1

log=$(mktemp)
dotnet test MLNet.DeepTrainers.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# A closing line in the plain 'N passed, N failed' form, summed over test assemblies.
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
