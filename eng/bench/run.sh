#!/usr/bin/env bash
# One command for every benchmark: installs the peers (Debian's PyTorch, XGBoost, scikit-learn) and
# runs eng/bench/run.py with Debian's interpreter. Arguments pass through (see run.py --help).
set -euo pipefail
cd "$(dirname "$0")/../.."
eng/setup.sh --peers
exec /usr/bin/python3 eng/bench/run.py "$@"
