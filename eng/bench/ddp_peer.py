#!/usr/bin/python3
"""The peer of the `distributed` workload: PyTorch's DistributedDataParallel over Gloo training the
Fashion-MNIST MLP of ../shared/peers/fashion_mnist.py (Dense 512-relu-Dropout 0.2 x2, softmax; Adam
1e-3 with the multi-tensor update), one process per rank as eng/launch.sh starts them (it sets
torchrun's variables), set up as PyTorch's performance advice says: OpenBLAS single-threaded inside
torch's pool of --threads. Each epoch every rank takes its interleaved share of one shuffled order
(DistributedSampler's rule) in batches of --batch rows; rank 0 prints one JSON line per epoch with
the epoch's training seconds and the test accuracy after it.

    eng/launch.sh -n 2 -- /usr/bin/python3 eng/bench/ddp_peer.py --epochs 1 --batch 128 --threads 1
"""
import argparse, gzip, json, os, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np, torch, torch.nn as nn
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

p = argparse.ArgumentParser()
p.add_argument("--epochs", type=int, default=1)
p.add_argument("--batch", type=int, default=128)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist/")
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
dist.init_process_group("gloo")
rank, world = dist.get_rank(), dist.get_world_size()

def images(f): return np.frombuffer(gzip.open(a.data + f).read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
def labels(f): return np.frombuffer(gzip.open(a.data + f).read(), np.uint8, offset=8).astype(np.int64)
X, y = torch.from_numpy(images("train-images-idx3-ubyte.gz")), torch.from_numpy(labels("train-labels-idx1-ubyte.gz"))
Xt, yt = torch.from_numpy(images("t10k-images-idx3-ubyte.gz")), torch.from_numpy(labels("t10k-labels-idx1-ubyte.gz"))

model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 10))
ddp = DistributedDataParallel(model)  # broadcasts rank 0's weights
opt = torch.optim.Adam(ddp.parameters(), lr=1e-3, foreach=True)
lossf = nn.CrossEntropyLoss()
for epoch in range(1, a.epochs + 1):
    ddp.train()
    dist.barrier()
    start = time.perf_counter()
    order = torch.randperm(len(X), generator=torch.Generator().manual_seed(a.seed + epoch))
    mine = order[rank::world]  # DistributedSampler's interleaved share
    for i in range(0, len(mine), a.batch):
        idx = mine[i:i + a.batch]
        opt.zero_grad(); loss = lossf(ddp(X[idx]), y[idx]); loss.backward(); opt.step()
    dist.barrier()
    seconds = time.perf_counter() - start
    if rank == 0:
        model.eval()
        with torch.no_grad():
            acc = (model(Xt).argmax(1) == yt).float().mean().item()
        print(json.dumps({"peer": "pytorch-ddp", "processes": world, "epoch": epoch, "seconds": round(seconds, 3), "test_accuracy": round(acc, 5)}), flush=True)
dist.destroy_process_group()
