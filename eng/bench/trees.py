#!/usr/bin/python3
"""Friedman #1 trees, the project against XGBoost, side by side in one run.

The project's FastTree and FastForest (eng/bench/Bench) and the peer (../shared/peers/trees.py:
XGBoost hist boosting and random forest, same trees, leaves, rate and threads) run in alternation,
--rounds times each, on the peer's 200,000-row CSV (written by the peer on first use; the first 80%
trains, the rest tests). Prints median training seconds, the ratio project / XGBoost (below 1: the
project is faster) and the test RMSE of each.

    eng/setup.sh --peers && /usr/bin/python3 eng/bench/trees.py [--rounds 5] [--csv /tmp/friedman1.csv]
"""
import argparse, json, os, platform, statistics, subprocess, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
p = argparse.ArgumentParser()
p.add_argument("--rounds", type=int, default=5)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--csv", default="/tmp/friedman1.csv")
p.add_argument("--peers", default=os.path.join(root, "..", "shared", "peers"))
a = p.parse_args()

subprocess.run(["dotnet", "build", os.path.join(here, "Bench"), "-c", "Release", "-v", "q", "-nologo"], check=True, stdout=subprocess.DEVNULL)
commands = {
    "project": ["dotnet", os.path.join(here, "Bench", "bin", "Release", "net10.0", "Bench.dll"), "trees", "--csv", a.csv, "--threads", str(a.threads)],
    "xgboost": ["/usr/bin/python3", os.path.join(a.peers, "trees.py"), "--csv", a.csv, "--threads", str(a.threads)],
}
pairs = {"boosting": ("mlnet-fasttree", "xgboost-hist-boosting"), "forest": ("mlnet-fastforest", "xgboost-random-forest")}
seconds, rmse = {}, {}
for _ in range(a.rounds):
    for command in commands.values():
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("{"):
                r = json.loads(line)
                seconds.setdefault(r["peer"], []).append(r["fit_seconds"])
                rmse[r["peer"]] = r["rmse"]

print(f"Friedman #1, 160,000 training rows x 20 features, 100 trees, 20 leaves, {a.threads} threads, {a.rounds} alternating rounds; "
      f"{time.strftime('%Y-%m-%d')} on {platform.node()} ({os.cpu_count()} cores)")
print(f"{'model':9} {'project s':>10} {'xgboost s':>10} {'ratio':>7} {'project rmse':>13} {'xgboost rmse':>13} {'rmse ratio':>11}")
for name, (ours, theirs) in pairs.items():
    mo, mt = statistics.median(seconds[ours]), statistics.median(seconds[theirs])
    print(f"{name:9} {mo:10.3f} {mt:10.3f} {mo / mt:7.2f} {rmse[ours]:13.4f} {rmse[theirs]:13.4f} {rmse[ours] / rmse[theirs]:11.3f}")
