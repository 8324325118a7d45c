#!/usr/bin/python3
"""The benchmark harness: the project against its peers (../shared/peers), side by side in one run.

Each workload runs the project's runner (eng/bench/Bench) and the matching peer in alternation,
--rounds times each, with the same data, settings and threads, and the table shows medians and the
ratio project / peer (below 1: the project is faster) with each side's accuracy:

  fashion  Fashion-MNIST Dense, MLP and CNN, seconds per training epoch (peer: PyTorch)
  boston   Boston housing 4-fold CV of the MLP and of FastTree, seconds per CV (peers: PyTorch, XGBoost)
  trees    Friedman #1, 160,000 rows, FastTree and FastForest training seconds (peer: XGBoost)

    eng/bench/run.sh [--only fashion,boston,trees] [--rounds 3] [--epochs 2]

(run.sh installs the peers' Debian packages first, then runs this with /usr/bin/python3.)
"""
import argparse, json, os, platform, statistics, subprocess, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
p = argparse.ArgumentParser()
p.add_argument("--only", default="fashion,boston,trees")
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
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

def alternate(runs):
    """runs: {side: command}; returns {side: [json lines of every round]}."""
    results = {side: [] for side in runs}
    for _ in range(a.rounds):
        for side, command in runs.items():
            results[side].append(lines(command))
    return results

rows = []  # (workload, what, project median, peer median, unit, project accuracy, peer accuracy, accuracy name)

def fashion():
    for model in ("dense", "mlp", "cnn"):
        args = ["--model", model, "--epochs", str(a.epochs), "--batch", "128"] + threads
        r = alternate({"project": bench + ["fashion-mnist"] + args, "peer": peer("fashion_mnist.py") + args})
        seconds = {side: statistics.median(l["seconds"] for run in runs for l in run) for side, runs in r.items()}
        accuracy = {side: statistics.median(run[-1]["test_accuracy"] for run in runs) for side, runs in r.items()}
        rows.append(("Fashion-MNIST", f"{model} (s/epoch)", seconds["project"], seconds["peer"], "PyTorch", accuracy["project"], accuracy["peer"], f"test accuracy, {a.epochs} epochs"))

def boston():
    r = alternate({"project": bench + ["boston"], "peer": peer("boston_cv.py")})
    def of(side, name):
        found = [l for run in r[side] for l in run if l["peer"] == name]
        return statistics.median(l["seconds"] for l in found), statistics.median(l["mae_mean"] for l in found)
    for what, ours, theirs, peer_name in (("MLP 64-64, 4-fold CV (s)", "mlnet-mlp-64-64", "pytorch-mlp-64-64", "PyTorch"),
                                         ("FastTree, 4-fold CV (s)", "mlnet-fasttree", "xgboost-hist-100x20", "XGBoost")):
        (so, mo), (st, mt) = of("project", ours), of("peer", theirs)
        rows.append(("Boston", what, so, st, peer_name, mo, mt, "mean MAE"))

def trees():
    r = alternate({"project": bench + ["trees", "--csv", a.friedman] + threads, "peer": peer("trees.py") + ["--csv", a.friedman] + threads})
    def of(side, name):
        found = [l for run in r[side] for l in run if l["peer"] == name]
        return statistics.median(l["fit_seconds"] for l in found), found[-1]["rmse"]
    for what, ours, theirs in (("FastTree, 100 trees (s)", "mlnet-fasttree", "xgboost-hist-boosting"), ("FastForest, 100 trees (s)", "mlnet-fastforest", "xgboost-random-forest")):
        (so, eo), (st, et) = of("project", ours), of("peer", theirs)
        rows.append(("Friedman #1", what, so, st, "XGBoost", eo, et, "test RMSE"))

if "trees" in a.only and not os.path.exists(a.friedman):
    lines(peer("trees.py") + ["--csv", a.friedman] + threads)  # the peer writes the data set on first use
for name, run in (("fashion", fashion), ("boston", boston), ("trees", trees)):
    if name in a.only:
        run()

print(f"{time.strftime('%Y-%m-%d')}, {platform.node()} ({os.cpu_count()} cores), {a.threads} threads, {a.rounds} alternating rounds, medians")
print(f"| workload | measure | project | peer | peer is | ratio | project accuracy | peer accuracy | accuracy is |")
print(f"| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for workload, what, ours, theirs, who, acc_ours, acc_theirs, acc_name in rows:
    print(f"| {workload} | {what} | {ours:.3f} | {theirs:.3f} | {who} | {ours / theirs:.2f} | {acc_ours:.4f} | {acc_theirs:.4f} | {acc_name} |")
