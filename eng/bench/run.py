#!/usr/bin/python3
"""The benchmark harness: the project against its peers (../shared/peers), side by side in one run.

Each workload runs the project's runner (eng/bench/Bench) and the matching peer in alternation,
--rounds times each, with the same data, settings and threads, and the table shows medians and the
ratio project / peer (below 1: the project is faster) with each side's accuracy:

  fashion  Fashion-MNIST Dense, MLP and CNN, seconds per training epoch (peer: PyTorch)
  boston   Boston housing 4-fold CV of the MLP and of FastTree, seconds per CV (peers: PyTorch, XGBoost)
  trees    Friedman #1, 160,000 rows, FastTree and FastForest training seconds (peer: XGBoost)
  scoring  bulk scoring (Transform read to the end), rows per second, of the Boston MLP 64-64 and the
           Fashion-MNIST MLP 512-512 (peer: PyTorch inference, eng/bench/scoring_peer.py), with the
           project's one-row-at-a-time prediction engine beside it
  text     the SMS spam messages as token ids padded to 50, Embedding(vocabulary, 32) -> LSTM(32) ->
           Dense(1), seconds per training epoch (peer: PyTorch's nn.LSTM, eng/bench/lstm_peer.py, on
           the token ids the project's side writes)
  distributed  the Fashion-MNIST MLP trained by 1 and by 2 processes of 1 thread each (eng/launch.sh,
           batch 128 per process), seconds per epoch (peer: PyTorch's DistributedDataParallel over
           Gloo, eng/bench/ddp_peer.py); the table adds each side's speed-up from 1 to 2 processes

Beside each network workload the table gives the fraction of the machine's limit each side reaches:
the workload's floating-point operations (counted below from the layer sizes: a training row costs
three forward passes, forward plus backward) over its seconds, divided by the single-precision
matrix-product rate measured in the same run (OpenBLAS's 1024x1024x1024 product on all --threads
cores, the best of 20).

    eng/bench/run.sh [--only fashion,boston,trees,scoring,text,distributed] [--rounds 3] [--epochs 2]

(run.sh installs the peers' Debian packages first, then runs this with /usr/bin/python3.)
"""
import argparse, itertools, json, os, platform, re, statistics, subprocess, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
p = argparse.ArgumentParser()
p.add_argument("--only", default="fashion,boston,trees,scoring,text,distributed")
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--epochs", type=int, default=2, help="Fashion-MNIST epochs per run")
p.add_argument("--threads", type=int, default=2)
p.add_argument("--peers", default=os.path.join(root, "..", "shared", "peers"))
p.add_argument("--friedman", default="/tmp/friedman1.csv")
a = p.parse_args()

subprocess.run(["dotnet", "build", os.path.join(here, "Bench"), "-c", "Release", "-v", "q", "-nologo"], check=True, stdout=subprocess.DEVNULL)
bench = ["dotnet", os.path.join(here, "Bench", "bin", "Release", "net10.0", "Bench.dll")]
peer = lambda script: ["/usr/bin/python3", os.path.join(a.peers, script)]
threads = ["--threads", str(a.threads)]

def lines(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    # eng/launch.sh prefixes each process's lines with "[rank i] ".
    out = re.sub(r"^\[rank \d+\] ", "", out, flags=re.M)
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

def alternate(runs):
    """runs: {side: command}; returns {side: [json lines of every round]}."""
    results = {side: [] for side in runs}
    for _ in range(a.rounds):
        for side, command in runs.items():
            results[side].append(lines(command))
    return results

# (workload, what, project median, peer median, unit, project accuracy, peer accuracy, accuracy name, work)
# work: None, or (FLOP, per_row): FLOP of one measured run (a time), or of one row (per_row: a rows/s measure).
rows = []

SGEMM = """
import sys, time, torch
torch.set_num_threads(int(sys.argv[1]))
left, right = torch.randn(1024, 1024), torch.randn(1024, 1024)
best = float("inf")
for _ in range(20):
    start = time.perf_counter()
    torch.mm(left, right)
    best = min(best, time.perf_counter() - start)
print(2 * 1024 ** 3 / best)
"""

def sgemm_flops_per_second():
    """The machine's single-precision matrix-product rate on --threads cores: OpenBLAS's 1024^3
    product with its own pool at --threads threads (the peers' OPENBLAS_NUM_THREADS=1 would measure
    one core), the best of 20 (the machine is shared: fewer runs often miss its rate)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(a.threads))
    out = subprocess.run(["/usr/bin/python3", "-c", SGEMM, str(a.threads)], check=True, capture_output=True, text=True, env=env).stdout
    return float(out.strip())

def dense_macs(*widths):
    return sum(a * b for a, b in zip(widths, widths[1:]))

# Multiply-accumulates of one forward pass of a row, from the layer sizes (the same networks on both sides).
FORWARD_MACS = {
    "dense": dense_macs(784, 10),
    "mlp": dense_macs(784, 512, 512, 10),
    # Conv 3x3: 28->26 (32 maps), pool 13, ->11 (64), pool 5, ->3 (64); Dense 576-64-10.
    "cnn": 26 * 26 * 32 * 9 + 11 * 11 * 64 * 9 * 32 + 3 * 3 * 64 * 9 * 64 + dense_macs(576, 64, 10),
    "boston": dense_macs(13, 64, 64, 1),
    # 50 steps of an LSTM(32) over 32-wide embeddings (4 gates × 32 units × (32 + 32)), then Dense 32-1.
    "lstm": 50 * 4 * 32 * (32 + 32) + 32,
}
TRAINING_ROWS = {"fashion": 60_000, "sms": 5_574, "boston_cv": 4 * 100 * 506 * 3 // 4}  # Boston: 4 folds of 100 epochs over 3/4 of the rows

def fashion():
    for model in ("dense", "mlp", "cnn"):
        args = ["--model", model, "--epochs", str(a.epochs), "--batch", "128"] + threads
        r = alternate({"project": bench + ["fashion-mnist"] + args, "peer": peer("fashion_mnist.py") + args})
        seconds = {side: statistics.median(l["seconds"] for run in runs for l in run) for side, runs in r.items()}
        accuracy = {side: statistics.median(run[-1]["test_accuracy"] for run in runs) for side, runs in r.items()}
        rows.append(("Fashion-MNIST", f"{model} (s/epoch)", seconds["project"], seconds["peer"], "PyTorch", accuracy["project"], accuracy["peer"], f"test accuracy, {a.epochs} epochs",
                     (3 * 2 * FORWARD_MACS[model] * TRAINING_ROWS["fashion"], False)))

def boston():
    r = alternate({"project": bench + ["boston"], "peer": peer("boston_cv.py")})
    def of(side, name):
        found = [l for run in r[side] for l in run if l["peer"] == name]
        return statistics.median(l["seconds"] for l in found), statistics.median(l["mae_mean"] for l in found)
    for what, ours, theirs, peer_name, work in (("MLP 64-64, 4-fold CV (s)", "mlnet-mlp-64-64", "pytorch-mlp-64-64", "PyTorch", (3 * 2 * FORWARD_MACS["boston"] * TRAINING_ROWS["boston_cv"], False)),
                                               ("FastTree, 4-fold CV (s)", "mlnet-fasttree", "xgboost-hist-100x20", "XGBoost", None)):
        (so, mo), (st, mt) = of("project", ours), of("peer", theirs)
        rows.append(("Boston", what, so, st, peer_name, mo, mt, "mean MAE", work))

def trees():
    r = alternate({"project": bench + ["trees", "--csv", a.friedman] + threads, "peer": peer("trees.py") + ["--csv", a.friedman] + threads})
    def of(side, name):
        found = [l for run in r[side] for l in run if l["peer"] == name]
        return statistics.median(l["fit_seconds"] for l in found), found[-1]["rmse"]
    for what, ours, theirs in (("FastTree, 100 trees (s)", "mlnet-fasttree", "xgboost-hist-boosting"), ("FastForest, 100 trees (s)", "mlnet-fastforest", "xgboost-random-forest")):
        (so, eo), (st, et) = of("project", ours), of("peer", theirs)
        rows.append(("Friedman #1", what, so, st, "XGBoost", eo, et, "test RMSE", None))

def text():
    ids = "/tmp/sms_ids.csv"
    args = ["--epochs", str(a.epochs), "--batch", "32"] + threads
    # The project's side writes the token ids the peer reads, so it runs first in every round.
    r = alternate({"project": bench + ["lstm", "--ids", ids, "--length", "50"] + args, "peer": ["/usr/bin/python3", os.path.join(here, "lstm_peer.py"), "--ids", ids] + args})
    seconds = {side: statistics.median(l["seconds"] for run in runs for l in run) for side, runs in r.items()}
    accuracy = {side: statistics.median(run[-1]["train_accuracy"] for run in runs) for side, runs in r.items()}
    rows.append(("SMS spam", "Embedding + LSTM(32) (s/epoch)", seconds["project"], seconds["peer"], "PyTorch", accuracy["project"], accuracy["peer"], f"train accuracy, {a.epochs} epochs",
                 (3 * 2 * FORWARD_MACS["lstm"] * TRAINING_ROWS["sms"], False)))

ports = itertools.count(29600)  # a fresh port for every launch: rank 0's store listens on it

def distributed():
    launch = lambda n: [os.path.join(root, "eng", "launch.sh"), "-n", str(n), "--port", str(next(ports)), "--"]
    args = ["--epochs", "1", "--batch", "128", "--threads", "1"]
    seconds = {}
    for n in (1, 2):
        r = alternate({"project": launch(n) + bench + ["fashion-mnist", "--model", "mlp"] + args, "peer": launch(n) + ["/usr/bin/python3", os.path.join(here, "ddp_peer.py")] + args})
        seconds[n] = {side: statistics.median(l["seconds"] for run in runs for l in run) for side, runs in r.items()}
        accuracy = {side: statistics.median(run[-1]["test_accuracy"] for run in runs) for side, runs in r.items()}
        rows.append(("Fashion-MNIST", f"mlp, {n} process{'es' if n > 1 else ''} of 1 thread (s/epoch)", seconds[n]["project"], seconds[n]["peer"], "PyTorch DDP",
                     accuracy["project"], accuracy["peer"], "test accuracy, 1 epoch", (3 * 2 * FORWARD_MACS["mlp"] * TRAINING_ROWS["fashion"], False)))
    scaling.extend((side, seconds[1][side] / seconds[2][side]) for side in ("project", "peer"))

scaling = []  # (side, epoch seconds with 1 process / with 2), the distributed workload's speed-ups
engines = []  # (what, bulk rows/s, prediction engine rows/s), the project's two ways of scoring

def scoring():
    r = alternate({"project": bench + ["scoring"] + threads, "peer": ["/usr/bin/python3", os.path.join(here, "scoring_peer.py")] + threads})
    for workload, what, macs in (("boston-mlp-64-64", "Boston MLP 64-64, scoring (rows/s)", FORWARD_MACS["boston"]), ("fashion-mlp-512-512", "Fashion-MNIST MLP 512-512, scoring (rows/s)", FORWARD_MACS["mlp"])):
        of = lambda side, key: statistics.median(l[key] for run in r[side] for l in run if l["workload"] == workload)
        ours, theirs, engine = of("project", "bulk_rows_per_second"), of("peer", "bulk_rows_per_second"), of("project", "engine_rows_per_second")
        # Rows per second: the ratio is inverted, so below 1 still means the project takes less time.
        rows.append(("Scoring", what, ours, theirs, "PyTorch", float("nan"), float("nan"), "-", (2 * macs, True)))
        engines.append((what, ours, engine))

if "trees" in a.only and not os.path.exists(a.friedman):
    lines(peer("trees.py") + ["--csv", a.friedman] + threads)  # the peer writes the data set on first use
def cpu_ticks():
    """(all, stolen) CPU ticks since boot from /proc/stat, or None where there is none."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal (guest time is already counted in user)
    return sum(fields[:8]), fields[7]

limit = sgemm_flops_per_second()
before = cpu_ticks()
for name, run in (("fashion", fashion), ("boston", boston), ("trees", trees), ("scoring", scoring), ("text", text), ("distributed", distributed)):
    if name in a.only:
        run()
after = cpu_ticks()
# Measured again after the workloads: a busy host at either moment would understate the machine.
limit = max(limit, sgemm_flops_per_second())
# On a virtual machine the host may run other guests on this one's cores ("steal"): both sides of
# every ratio lose that time, but a busy host makes the run noisier; the share is printed with it.
stolen = "" if not before or not after or after[0] == before[0] else f"; the host took {(after[1] - before[1]) / (after[0] - before[0]):.0%} of the CPU time (steal)"

def fraction(work, value):
    """The share of the matrix-product rate that a measured time (or rows per second) reaches."""
    if work is None:
        return "-"
    flop, per_row = work
    rate = flop * value if per_row else flop / value
    return f"{rate / limit:.0%}"

print(f"{time.strftime('%Y-%m-%d')}, {platform.node()} ({os.cpu_count()} cores), {a.threads} threads, {a.rounds} alternating rounds, medians;"
      f" machine limit: {limit / 1e9:.0f} GFLOP/s single-precision matrix product on {a.threads} threads{stolen}")
print()
print(f"| workload | measure | project | peer | peer is | ratio | project % of limit | peer % of limit | project accuracy | peer accuracy | accuracy is |")
print(f"| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
number = lambda v: "-" if v != v else f"{v:,.0f}" if v >= 1000 else f"{v:.4f}" if v < 10 else f"{v:.3f}"
for workload, what, ours, theirs, who, acc_ours, acc_theirs, acc_name, work in rows:
    # The ratio is always project time over peer time: below 1, the project is faster.
    ratio = theirs / ours if work is not None and work[1] else ours / theirs
    print(f"| {workload} | {what} | {number(ours)} | {number(theirs)} | {who} | {ratio:.2f} | {fraction(work, ours)} | {fraction(work, theirs)} | {number(acc_ours)} | {number(acc_theirs)} | {acc_name} |")
if engines:
    print()
    print("| scoring | Transform (rows/s) | prediction engine, one row at a time (rows/s) | Transform / engine |")
    print("| --- | --- | --- | --- |")
    for what, bulk, engine in engines:
        print(f"| {what.split(',')[0]} | {number(bulk)} | {number(engine)} | {bulk / engine:.1f} |")
if scaling:
    print()
    print("| distributed MLP | speed-up from 1 to 2 processes (epoch seconds, 1 / 2) |")
    print("| --- | --- |")
    for side, speedup in scaling:
        print(f"| {'this library' if side == 'project' else 'PyTorch DDP'} | {speedup:.2f} |")
