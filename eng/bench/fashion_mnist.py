#!/usr/bin/python3
"""Fashion-MNIST, the project against PyTorch, side by side in one run.

For each network (dense, mlp, cnn) the project's runner (eng/bench/Bench) and the peer
(../shared/peers/fashion_mnist.py) train in alternation, --rounds times each, with the same batch,
optimizer, epochs and threads. Prints the median seconds per training epoch of each, their ratio
(project / peer: below 1 means the project is faster) and the test accuracy after the last epoch.

    eng/setup.sh --peers && /usr/bin/python3 eng/bench/fashion_mnist.py [--models dense,mlp,cnn] [--epochs 2] [--rounds 3]
"""
import argparse, json, os, platform, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
p = argparse.ArgumentParser()
p.add_argument("--models", default="dense,mlp,cnn")
p.add_argument("--epochs", type=int, default=2)
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--batch", type=int, default=128)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--peers", default=os.path.join(root, "..", "shared", "peers"))
a = p.parse_args()

subprocess.run(["dotnet", "build", os.path.join(here, "Bench"), "-c", "Release", "-v", "q", "-nologo"], check=True, stdout=subprocess.DEVNULL)
project = ["dotnet", os.path.join(here, "Bench", "bin", "Release", "net10.0", "Bench.dll"), "fashion-mnist"]
peer = ["/usr/bin/python3", os.path.join(a.peers, "fashion_mnist.py")]
common = ["--epochs", str(a.epochs), "--batch", str(a.batch), "--threads", str(a.threads)]

def run(command, model):
    out = subprocess.run(command + ["--model", model] + common, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    return [l["seconds"] for l in lines], lines[-1]["test_accuracy"]

print(f"Fashion-MNIST, batch {a.batch}, Adam 1e-3, {a.threads} threads, {a.epochs} epochs x {a.rounds} rounds each, alternating; "
      f"{time.strftime('%Y-%m-%d')} on {platform.node()} ({os.cpu_count()} cores)", flush=True)
print(f"{'network':8} {'project s/epoch':>16} {'pytorch s/epoch':>16} {'ratio':>7} {'project acc':>12} {'pytorch acc':>12}")
for model in a.models.split(","):
    ours, theirs, acc = [], [], {}
    for _ in range(a.rounds):
        for name, command, times in (("project", project, ours), ("pytorch", peer, theirs)):
            seconds, accuracy = run(command, model)
            times.extend(seconds)
            acc[name] = accuracy
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print(f"{model:8} {mo:16.3f} {mt:16.3f} {mo / mt:7.2f} {acc['project']:12.4f} {acc['pytorch']:12.4f}", flush=True)
