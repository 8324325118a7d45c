#!/usr/bin/env bash
# The README's sample command: set up, build and run the main sample (Boston housing, 4-fold CV).
set -euo pipefail
cd "$(dirname "$0")/.."
eng/setup.sh
dotnet run --project src/MLNet.DeepTrainers.Samples -c Release -- "$@"
