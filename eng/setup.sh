#!/usr/bin/env bash
# Installs what building and running MLNet.DeepTrainers needs on Debian 12: libtorch (the deep
# learning engine) and Gloo's headers (libtorch's CPU transport for training on several processes), zlib (model files' CRC-32 checks), OpenBLAS (Debian's reference BLAS makes
# libtorch's matrix products about four times slower), CMake and g++ (to build the native shim) and
# Fashion-MNIST (for the samples).
#   --tests  adds the outside yardsticks the tests compare against: Debian's PyTorch (eng/golden), the
#            ONNX checker (python3-onnx), and onnxruntime for Node (npm's onnxruntime-node, eng/onnx).
#   --peers  adds the benchmark peers of ../shared/peers.
# Idempotent: when everything is there it changes nothing and takes a second.
set -euo pipefail

packages=(libtorch-dev libgloo-dev libopenblas0-pthread zlib1g cmake g++ make dataset-fashion-mnist)
case "${1:-}" in
  --tests)
    packages+=(python3-torch python3-onnx nodejs)
    command -v npm >/dev/null || packages+=(npm) ;;
  # The benchmark peers of ../shared/peers: PyTorch, XGBoost and scikit-learn from Debian.
  --peers) packages+=(python3-torch python3-xgboost python3-sklearn) ;;
  "") ;;
  *) echo "eng/setup.sh: unknown option '$1' (use --tests, --peers or nothing)." >&2; exit 2 ;;
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

# libtorch links the generic libblas.so.3: make sure it is OpenBLAS's, not the reference one.
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
if [[ -e $openblas ]] && [[ "$(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null)" != "$openblas" ]]; then
  as_root update-alternatives --set libblas.so.3-x86_64-linux-gnu "$openblas"
fi

if [[ "${1:-}" == "--tests" ]] && [[ ! -d "$(dirname "$0")/onnx/node_modules/onnxruntime-node" ]]; then
  # Its install script downloads GPU binaries from outside the registries; the CPU runtime is in the package.
  (cd "$(dirname "$0")/onnx" && npm ci --ignore-scripts --no-audit --no-fund)
fi

command -v dotnet >/dev/null || { echo "eng/setup.sh: the .NET 10 SDK is needed (dotnet was not found on PATH)." >&2; exit 1; }
