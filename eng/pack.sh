#!/usr/bin/env bash
# Builds the NuGet package MLNet.DeepTrainers.<version>.nupkg into artifacts/ (or the folder given).
#   eng/pack.sh [FOLDER] [--version-suffix SUFFIX]   (a prerelease, 0.1.0-SUFFIX; the tests pack one of their own)
# The version lives in Directory.Build.props (VersionPrefix). The package is deterministic: the same sources give the same
# bytes, wherever the clone is (ContinuousIntegrationBuild maps the paths under the clone, its build folder's
# included, to /_/; the library's project fixes the zip entries' timestamps). Its build goes to a folder of its
# own, artifacts/build, so it never replaces the build the tests run on.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts
suffix=()
while (($#)); do
  case "$1" in
    --version-suffix) suffix=(--version-suffix "$2"); shift 2 ;;
    *) out="$1"; shift ;;
  esac
done
out="$(realpath -m "$out")"
# The package carries the native collectives (runtimes/linux-x64/native); eng/setup.sh installs what building them needs.
eng/build-native.sh
dotnet pack src/MLNet.DeepTrainers/MLNet.DeepTrainers.csproj -c Release -o "$out" "${suffix[@]}" --artifacts-path artifacts/build -v q -nologo -p:ContinuousIntegrationBuild=true
ls "$out"/MLNet.DeepTrainers.*.nupkg
