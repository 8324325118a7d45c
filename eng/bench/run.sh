#!/usr/bin/env bash
# Benchmarks (not tests): the library beside a plain TorchSharp loop and the tuned PyTorch peers, ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/../.."
eng/setup.sh --peers
dotnet build eng/bench/Bench -c Release -v q -nologo
exec /usr/bin/python3 eng/bench/run.py "$@"
