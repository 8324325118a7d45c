#!/usr/bin/env bash
# Builds the NuGet package: eng/pack.sh [output folder] (default artifacts/packages).
# The build is deterministic and its paths normalised (ContinuousIntegrationBuild), and it runs in a
# build folder of its own, so packing never disturbs the repository's ordinary build outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-artifacts/packages}
eng/setup.sh
dotnet pack src/MLNet.DeepTrainers -c Release -o "$output" --artifacts-path artifacts/pack -p:ContinuousIntegrationBuild=true
