#!/usr/bin/python3
"""The LSTM peer: PyTorch training Embedding(vocabulary, 32) -> LSTM(32) -> Linear(1) on the token ids
eng/bench/Bench's `lstm` wrote (the SMS spam messages, padded to a length), Adam 1e-3 (multi-tensor),
binary cross-entropy on logits, the same batch size and threads, configured as PyTorch's performance
notes advise (BLAS single-threaded inside torch's own pool: OPENBLAS_NUM_THREADS=1, set before torch
loads). One JSON line per epoch with its training seconds.

    /usr/bin/python3 eng/bench/lstm_peer.py --ids /tmp/sms_ids.csv --epochs 2 --batch 32 --threads 2
"""
import argparse, json, os, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np, torch, torch.nn as nn

p = argparse.ArgumentParser()
p.add_argument("--ids", default="/tmp/sms_ids.csv")
p.add_argument("--epochs", type=int, default=2)
p.add_argument("--batch", type=int, default=32)
p.add_argument("--threads", type=int, default=2)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

table = np.loadtxt(a.ids, delimiter=",", dtype=np.int64)
y, X = torch.from_numpy(table[:, 0].astype(np.float32)).unsqueeze(1), torch.from_numpy(table[:, 1:])
vocabulary = int(X.max()) + 1


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, 32)
        self.lstm = nn.LSTM(32, 32, batch_first=True)
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        _, (h, _) = self.lstm(self.embedding(x))
        return self.out(h[0])


model = Net()
opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
lossf = nn.BCEWithLogitsLoss()
params = sum(t.numel() for t in model.parameters())
for epoch in range(1, a.epochs + 1):
    model.train(); start = time.perf_counter(); total = 0.0
    perm = torch.randperm(len(X))
    for i in range(0, len(X), a.batch):
        idx = perm[i:i + a.batch]
        opt.zero_grad(); loss = lossf(model(X[idx]), y[idx]); loss.backward(); opt.step()
        total += loss.item() * len(idx)
    seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        accuracy = ((model(X) > 0).float() == y).float().mean().item()
    print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "vocabulary": vocabulary, "params": params, "epoch": epoch,
                      "seconds": round(seconds, 3), "loss": round(total / len(X), 5), "train_accuracy": round(accuracy, 5)}), flush=True)
