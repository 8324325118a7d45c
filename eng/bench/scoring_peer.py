#!/usr/bin/python3
"""The bulk-scoring peer: PyTorch scoring the same two networks as eng/bench/Bench's `scoring`
(Boston MLP 13-64-64-1 on 50,600 rows, Fashion-MNIST MLP 784-512-512-10 on 10,000 rows) in batches
of 1,024 under torch.inference_mode, configured as PyTorch's performance notes advise (BLAS
single-threaded inside torch's own pool: OPENBLAS_NUM_THREADS=1, set before torch loads). One JSON
line each; medians of 5 after one uncounted round, as the project's side does.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 eng/bench/scoring_peer.py --threads 2
"""
import argparse, json, os, statistics, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

def rate(fn, rows):
    rates = []
    for round in range(6):
        start = time.perf_counter()
        fn()
        seconds = time.perf_counter() - start
        if round:
            rates.append(rows / seconds)
    return statistics.median(rates)

def score(net, x):
    with torch.inference_mode():
        for batch in torch.split(x, 1024):
            net(batch)

nn = torch.nn
workloads = [
    ("boston-mlp-64-64", nn.Sequential(nn.Linear(13, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1)), torch.randn(50_600, 13)),
    ("fashion-mlp-512-512", nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 10), nn.Softmax(dim=1)), torch.rand(10_000, 784)),
]
for name, net, x in workloads:
    net.eval()
    print(json.dumps({"peer": "pytorch", "workload": name, "rows": x.shape[0], "bulk_rows_per_second": round(rate(lambda: score(net, x), x.shape[0]))}))
