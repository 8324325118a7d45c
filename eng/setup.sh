#!/usr/bin/env bash
# Installs what building and running MLNet.DeepTrainers needs on Debian 12 beyond the .NET 10 SDK.
# NuGet brings the rest when the projects restore: ML.NET, TorchSharp and libtorch (TorchSharp-cpu),
# onnxruntime. Debian gives Fashion-MNIST (the samples and benchmarks read it), and Gloo with the
# compiler and CMake that build the library's native collectives (eng/build-native.sh, run at the end).
#   --peers  adds the benchmark peers of ../shared/peers (PyTorch, XGBoost, scikit-learn from Debian)
#   --golden adds Debian's PyTorch and scikit-learn, which eng/golden's scripts use to write the tests' fixtures (and one test runs PyTorch)
# Idempotent: when everything is there and built it changes nothing and takes a second.
set -euo pipefail

packages=(dataset-fashion-mnist libgloo-dev g++ cmake make)
case "${1:-}" in
  --peers) packages+=(python3-torch python3-xgboost python3-sklearn libopenblas0-pthread) ;;
  --golden) packages+=(python3-torch python3-sklearn) ;;
  "") ;;
  *) echo "eng/setup.sh: unknown option '$1' (use --peers, --golden or nothing)." >&2; exit 2 ;;
esac

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "eng/setup.sh: installing ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

command -v dotnet >/dev/null || { echo "eng/setup.sh: the .NET 10 SDK is needed (dotnet was not found on PATH)." >&2; exit 1; }

"$(dirname "$0")/build-native.sh"
