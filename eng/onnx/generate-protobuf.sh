#!/usr/bin/env bash
# Regenerates src/MLNet.DeepTrainers/Saving/Protobuf/OnnxMl.cs, the C# classes of the ONNX schema
# (onnx-ml.proto as Debian's python3-onnx 1.12 ships it), with Debian's protoc. The classes are
# internal: the library writes ONNX, it does not expose the schema. Run after changing ONNX versions.
set -euo pipefail
cd "$(dirname "$0")/../.."
apt-get install -y --no-install-recommends protobuf-compiler python3-onnx >/dev/null
schema=/usr/lib/python3/dist-packages/onnx/onnx-ml.proto
out=src/MLNet.DeepTrainers/Saving/Protobuf
protoc --proto_path="$(dirname "$schema")" --csharp_out="$out" --csharp_opt=internal_access "$schema"
echo "generated $out/OnnxMl.cs from $schema"
