#!/usr/bin/env bash
# Starts N processes of one command on this machine for distributed training, as torchrun does: each
# gets MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK and LOCAL_RANK; their output comes back line by line
# with a "[rank i]" prefix; when one fails, the others are stopped and the launcher exits with the
# failed process's status.
#
#   eng/launch.sh -n 2 -- dotnet run --project src/MLNet.DeepTrainers.Samples -- distributed
#   eng/launch.sh -n 4 --port 29600 -- ./my-trainer
#
# Options: -n N (processes, required), --port P (rank 0's port, default 29500), --master ADDR (rank
# 0's address, default 127.0.0.1), --node-rank K and --nodes M (this machine's number and the
# machine count, for several machines: ranks K*N to K*N+N-1 of M*N; --master must then be rank 0's
# machine as the others reach it).
set -uo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

processes="" port=29500 master=127.0.0.1 node_rank=0 nodes=1
while (($#)); do
  case "$1" in
    -n) processes="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --master) master="${2:-}"; shift 2 ;;
    --node-rank) node_rank="${2:-}"; shift 2 ;;
    --nodes) nodes="${2:-}"; shift 2 ;;
    --) shift; break ;;
    -h|--help) usage ;;
    *) echo "eng/launch.sh: unknown option '$1'." >&2; usage ;;
  esac
done
for value in "$processes" "$port" "$node_rank" "$nodes"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "eng/launch.sh: '$value' is not a whole number (-n, --port, --node-rank and --nodes take one)." >&2; exit 2; }
done
((processes >= 1)) || { echo "eng/launch.sh: -n must be at least 1." >&2; exit 2; }
((node_rank < nodes)) || { echo "eng/launch.sh: --node-rank $node_rank is not below --nodes $nodes." >&2; exit 2; }
(($#)) || { echo "eng/launch.sh: no command after '--'." >&2; exit 2; }

# Each process runs in a process group of its own (job control), so stopping one stops its command
# and the prefixing beside it.
set -m
pids=()
stop_all() { for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done; }
trap 'stop_all; exit 130' INT TERM

for ((local = 0; local < processes; local++)); do
  rank=$((node_rank * processes + local))
  # The command's own status, not sed's: the prefixing runs in a pipe beside it.
  (
    set -o pipefail
    MASTER_ADDR="$master" MASTER_PORT="$port" WORLD_SIZE=$((nodes * processes)) RANK=$rank LOCAL_RANK=$local \
      "$@" 2>&1 | sed -u "s/^/[rank $rank] /"
  ) &
  pids+=($!)
done
set +m # the groups are made; no job-status lines from here on

status=0
running=("${pids[@]}")
while ((${#running[@]})); do
  wait -n -p finished "${running[@]}"
  code=$?
  running=($(printf '%s\n' "${running[@]}" | grep -vx "$finished"))
  if ((code != 0 && status == 0)); then
    status=$code
    echo "eng/launch.sh: a process exited with status $code; stopping the others." >&2
    stop_all
  fi
done
exit $status
