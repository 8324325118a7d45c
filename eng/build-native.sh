#!/usr/bin/env bash
# Builds the project's native library, libmlnet_deeptrainers_gloo.so (src/MLNet.DeepTrainers.Gloo),
# into artifacts/native/, where the library's project picks it up and copies it beside every
# application and test that references it. eng/setup.sh runs this; it rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S src/MLNet.DeepTrainers.Gloo -B artifacts/native/build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build artifacts/native/build --parallel 2 >/dev/null
cp -p artifacts/native/build/libmlnet_deeptrainers_gloo.so artifacts/native/
