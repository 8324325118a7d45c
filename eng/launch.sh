#!/usr/bin/env bash
# Starts N local ranks of a data-parallel program, as torchrun does on one machine:
#   eng/launch.sh [--nproc N] [--master-port PORT] -- COMMAND [ARGS...]
# Each rank runs COMMAND with MASTER_ADDR=127.0.0.1, MASTER_PORT, WORLD_SIZE=N, RANK and LOCAL_RANK set, its
# output (stdout and stderr) prefixed "[rank R] ". When a rank fails, the others are stopped and the script
# exits with that rank's code; Ctrl-C stops them all. Defaults: 2 ranks, port 29500 (torchrun's).
set -uo pipefail

usage() { echo "usage: eng/launch.sh [--nproc N] [--master-port PORT] -- COMMAND [ARGS...]" >&2; exit 2; }
nproc=2
port=29500
while (($#)); do
  case "$1" in
    --nproc) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; nproc=$2; shift 2 ;;
    --master-port) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; port=$2; shift 2 ;;
    --) shift; break ;;
    *) usage ;;
  esac
done
(($#)) || usage

# Each rank in a process group of its own (setsid), so that stopping it stops its whole pipeline.
declare -A rank_of
pids=()
for ((rank = 0; rank < nproc; rank++)); do
  MASTER_ADDR=127.0.0.1 MASTER_PORT=$port WORLD_SIZE=$nproc RANK=$rank LOCAL_RANK=$rank \
    setsid bash -c 'set -o pipefail; rank=$1; shift; "$@" 2>&1 | sed -u "s/^/[rank $rank] /"' launch "$rank" "$@" &
  pids+=($!)
  rank_of[$!]=$rank
done

stop_all() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  wait
}
trap 'stop_all; exit 130' INT TERM

status=0
for ((ended = 0; ended < nproc; ended++)); do
  wait -n -p finished
  code=$?
  if ((code != 0)); then
    echo "eng/launch.sh: rank ${rank_of[$finished]} exited with $code; stopping the other ranks" >&2
    status=$code
    stop_all
    break
  fi
done
exit $status
