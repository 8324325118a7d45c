#!/usr/bin/python3
"""Runs the library, a plain TorchSharp loop and the tuned PyTorch peers (../shared/peers) side by side, in one run,
and prints medians and ratios. Usage: eng/bench/run.sh [--only fashion|boston|scoring|lstm|distributed] [--epochs N] [--models dense,mlp,cnn] [--rounds R] [--profile].
With --profile the library's runs also print where a training step's time goes (MLNET_DEEPTRAINERS_PROFILE=1)."""
import argparse, json, os, statistics, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
peers = os.path.join(os.path.dirname(root), "shared", "peers")
bench = os.path.join(root, "eng", "bench", "Bench", "bin", "Release", "net10.0", "Bench")
p = argparse.ArgumentParser()
p.add_argument("--only", choices=["fashion", "boston", "scoring", "lstm", "distributed"])
p.add_argument("--epochs", type=int, default=3)
p.add_argument("--models", default="dense,mlp,cnn")
p.add_argument("--profile", action="store_true")
p.add_argument("--rounds", type=int, default=2, help="runs of each side, alternated (this machine drifts by 20%% over minutes)")
a = p.parse_args()
library_env = {"MLNET_DEEPTRAINERS_PROFILE": "1"} if a.profile else None
profiles = []

def lines(command, env=None):
    out = subprocess.run(command, check=True, capture_output=True, text=True, env={**os.environ, **(env or {})}).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

def steady_epochs(records, impl=None):
    # The first epoch of each run warms caches and allocators on every side: the rest are the steady state.
    runs = {}
    for r in records:
        if "seconds" in r and (impl is None or r.get("impl") == impl):
            runs.setdefault(r.get("round", 0), []).append(r["seconds"])
    return [s for seconds in runs.values() for s in (seconds[1:] if len(seconds) > 1 else seconds)]

if a.only in (None, "fashion"):
    print(f"Fashion-MNIST, seconds per epoch (median of epochs 2..{a.epochs} of {a.rounds} interleaved runs each), batch 128, Adam 1e-3, 2 threads")
    print(f"{'network':8} {'library':>8} {'TorchSharp':>11} {'PyTorch':>8} {'lib/TS':>7} {'lib/PyTorch':>12}")
    for model in a.models.split(","):
        # The library and the plain loop alternate in one process; the peer runs between their rounds.
        lib, ts, py = [], [], []
        for first_round in range(a.rounds):
            records = lines([bench, "fashion", "--model", model, "--epochs", str(a.epochs), "--impl", "both", "--first-round", str(first_round)], library_env)
            profiles += [f"{model}: {r['profile']}" for r in records if "profile" in r]
            lib += steady_epochs(records, "library")
            ts += steady_epochs(records, "torchsharp")
            py += steady_epochs(lines(["/usr/bin/python3", os.path.join(peers, "fashion_mnist.py"), "--model", model, "--epochs", str(a.epochs), "--threads", "2"]))
        lib, ts, py = statistics.median(lib), statistics.median(ts), statistics.median(py)
        print(f"{model:8} {lib:8.2f} {ts:11.2f} {py:8.2f} {lib / ts:7.2f} {lib / py:12.2f}", flush=True)

if a.only in (None, "lstm"):
    # Bench writes the SMS messages' padded token ids, which the peer then reads: all sides train on the same ids.
    ids = os.path.join(tempfile.gettempdir(), f"sms_ids_{os.getpid()}.csv")
    print(f"SMS spam, Embedding 32, LSTM 32, Dense 1: seconds per epoch (median of epochs 2..{a.epochs} of {a.rounds} interleaved runs each), batch 32, Adam 1e-3, 2 threads")
    lib, ts, py = [], [], []
    for first_round in range(a.rounds):
        records = lines([bench, "lstm", "--epochs", str(a.epochs), "--first-round", str(first_round), "--ids", ids], library_env)
        profiles += [f"lstm: {r['profile']}" for r in records if "profile" in r]
        lib += steady_epochs(records, "library")
        ts += steady_epochs(records, "torchsharp")
        peer = lines(["/usr/bin/python3", os.path.join(root, "eng", "bench", "lstm_peer.py"), "--ids", ids, "--epochs", str(a.epochs), "--batch", "32", "--threads", "2"])
        # The peer sizes its table from the largest id it reads; a smaller table would make its steps cheaper.
        vocabulary = next(r["vocabulary"] for r in records if "vocabulary" in r)
        if peer[0]["vocabulary"] != vocabulary:
            sys.exit(f"lstm: the peer's vocabulary is {peer[0]['vocabulary']}, the library's {vocabulary}")
        py += steady_epochs(peer)
    os.remove(ids)
    lib, ts, py = statistics.median(lib), statistics.median(ts), statistics.median(py)
    print(f"{'library':>8} {'TorchSharp':>11} {'PyTorch':>8} {'lib/TS':>7} {'lib/PyTorch':>12}")
    print(f"{lib:8.2f} {ts:11.2f} {py:8.2f} {lib / ts:7.2f} {lib / py:12.2f}", flush=True)

if a.only in (None, "boston"):
    records = lines([bench, "boston", "--epochs", "100", "--rounds", "3"], library_env)
    profiles += [f"boston (one fold): {r['profile']}" for r in records if "profile" in r][:1]
    runs = [r for r in records if "seconds" in r]
    cold, warm = runs[0], statistics.median(r["seconds"] for r in runs[1:])
    py = [r for r in lines(["/usr/bin/python3", os.path.join(peers, "boston_cv.py"), "--epochs", "100"]) if r.get("peer") == "pytorch-mlp-64-64"][0]
    print(f"Boston 4-fold CV of the MLP 64-64 (100 epochs, batch 16), libtorch loaded before each side's clock: PyTorch {py['seconds']:.2f} s (MAE {py['mae_mean']:.2f}); "
          f"library first run {cold['seconds']:.2f} s (MAE {cold['mae_mean']:.2f}), ratio {cold['seconds'] / py['seconds']:.2f}; "
          f"library later runs (compiled) {warm:.2f} s, ratio {warm / py['seconds']:.2f}")

if a.only in (None, "scoring"):
    for r in lines([bench, "scoring", "--rows", "1000000"]):
        print(f"Scoring the Boston MLP, {r['impl']}: {r['rows_per_second']:,.0f} rows/s over {r['rows']:,} rows")

for line in profiles:
    print(line)

if a.only in (None, "distributed"):
    # One and two ranks on this machine's cores, one libtorch thread each, started by eng/launch.sh; each side's
    # speed-up is its own one-rank epoch over its two-rank epoch. The sides alternate, rounds apart, for the drift.
    launch = [os.path.join(root, "eng", "launch.sh"), "--master-port", "29517", "--nproc"]
    print(f"Fashion-MNIST MLP data-parallel over Gloo, seconds per epoch (median of epochs 2..{a.epochs} of {a.rounds} rounds), batch 128 per rank, 1 thread per rank")
    print(f"{'ranks':5} {'library':>8} {'PyTorch DDP':>12} {'lib/DDP':>8} {'accuracy (lib, DDP)':>20}")
    seconds = {}
    for ranks in (1, 2):
        lib, py, accuracy = [], [], {}
        for round in range(a.rounds):
            sides = [("library", [bench, "distributed", "--epochs", str(a.epochs), "--threads", "1"]),
                     ("peer", ["/usr/bin/python3", os.path.join(root, "eng", "bench", "ddp_peer.py"), "--epochs", str(a.epochs), "--threads", "1"])]
            for side, command in (sides if round % 2 == 0 else sides[::-1]):
                # launch.sh prefixes each line with its rank; rank 0's records are the epochs.
                out = subprocess.run(launch + [str(ranks), "--"] + command, check=True, capture_output=True, text=True).stdout
                records = [json.loads(l.split("] ", 1)[1]) for l in out.splitlines() if l.startswith("[rank 0] {")]
                (lib if side == "library" else py).extend(steady_epochs(records))
                accuracy[side] = records[-1]["test_accuracy"]
        seconds[ranks] = (statistics.median(lib), statistics.median(py))
        print(f"{ranks:5} {seconds[ranks][0]:8.2f} {seconds[ranks][1]:12.2f} {seconds[ranks][0] / seconds[ranks][1]:8.2f} {accuracy['library']:10.4f} {accuracy['peer']:.4f}", flush=True)
    print(f"speed-up from 1 to 2 ranks: library {seconds[1][0] / seconds[2][0]:.2f}, PyTorch DDP {seconds[1][1] / seconds[2][1]:.2f}")
