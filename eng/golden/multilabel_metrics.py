#!/usr/bin/python3
"""Writes the multi-label metrics fixture of tests/MLNet.DeepTrainers.Tests/Evaluation/MultiLabelMetricsTests.cs.

True and predicted label sets (60 rows, 5 labels, drawn with a fixed seed; label 3 never predicted and
label 4 never true, so that scikit-learn's zero-division rule is exercised), and scikit-learn's metrics
of them (Debian's python3-sklearn):

- "y_true", "y_pred": the label sets, [rows, labels], 0 or 1;
- "hamming_loss", "subset_accuracy": sklearn.metrics.hamming_loss, accuracy_score;
- "micro", "macro": [precision, recall, f1] with average="micro" and "macro";
- "per_label": [labels, 4], precision, recall, f1 and support per label (precision_recall_fscore_support, average=None).

    /usr/bin/python3 eng/golden/multilabel_metrics.py tests/MLNet.DeepTrainers.Tests/Fixtures/multilabel_metrics.safetensors
"""
import sys, warnings
import numpy as np, torch
from sklearn.metrics import hamming_loss, accuracy_score, precision_recall_fscore_support
from safetensors_file import write

warnings.filterwarnings("ignore")   # the zero-division warnings are the point of labels 3 and 4
rng = np.random.default_rng(20261206)
y_true = (rng.random((60, 5)) < [0.5, 0.3, 0.1, 0.4, 0.0]).astype(np.int64)
y_pred = y_true.copy()
flip = rng.random(y_pred.shape) < 0.2
y_pred[flip] = 1 - y_pred[flip]
y_pred[:, 3] = 0
y_pred[:, 4] = (rng.random(60) < 0.1).astype(np.int64)

def prf(average):
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=average, zero_division=0)
    return torch.tensor([p, r, f], dtype=torch.float32)

p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None, zero_division=0)
write(sys.argv[1], {
    "y_true": torch.from_numpy(y_true),
    "y_pred": torch.from_numpy(y_pred),
    "hamming_loss": torch.tensor([hamming_loss(y_true, y_pred)], dtype=torch.float32),
    "subset_accuracy": torch.tensor([accuracy_score(y_true, y_pred)], dtype=torch.float32),
    "micro": prf("micro"),
    "macro": prf("macro"),
    "per_label": torch.from_numpy(np.stack([p, r, f, s], axis=1).astype(np.float32)),
})
