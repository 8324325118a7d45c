#!/usr/bin/python3
"""Golden values for tests/MLNet.DeepTrainers.Tests/Evaluation: scikit-learn's metrics on fixed predictions.

Run with Debian's interpreter (python3-sklearn): /usr/bin/python3 eng/golden/evaluation_metrics.py
ML.NET's definitions that differ from scikit-learn's are derived from scikit-learn's numbers here:
binary log-loss and entropy in bits (divide by ln 2), LogLossReduction = (prior - logloss) / prior.
"""
import math
import numpy as np
from sklearn import metrics

print("# regression")
y = np.array([3, -0.5, 2, 7, 4.2]); s = np.array([2.5, 0.0, 2, 8, 4.0])
print("mae", repr(metrics.mean_absolute_error(y, s)))
print("mse", repr(metrics.mean_squared_error(y, s)))
print("r2", repr(metrics.r2_score(y, s)))

print("# multi-output regression (uniform average over outputs)")
Y = np.array([[3, 1], [-0.5, 2], [2, 2.5], [7, -1], [4.2, 0]]); S = np.array([[2.5, 1.5], [0.0, 2], [2, 1], [8, -0.5], [4.0, 0.5]])
print("mae", repr(metrics.mean_absolute_error(Y, S)))
print("mse", repr(metrics.mean_squared_error(Y, S)))
print("rmse", repr(metrics.mean_squared_error(Y, S, squared=False)))
print("r2", repr(metrics.r2_score(Y, S)))

print("# binary")
y = np.array([1, 0, 1, 1, 0, 0, 1, 0, 1, 0])
p = np.array([0.9, 0.3, 0.65, 0.4, 0.2, 0.55, 0.8, 0.1, 0.55, 0.7], dtype=np.float32)
score = 2 * p - 1
pred = (p > 0.5).astype(int)
print("auc", repr(metrics.roc_auc_score(y, score)))
print("accuracy", repr(metrics.accuracy_score(y, pred)))
print("positive_precision", repr(metrics.precision_score(y, pred)))
print("positive_recall", repr(metrics.recall_score(y, pred)))
print("negative_precision", repr(metrics.precision_score(1 - y, 1 - pred)))
print("negative_recall", repr(metrics.recall_score(1 - y, 1 - pred)))
print("f1", repr(metrics.f1_score(y, pred)))
print("average_precision", repr(metrics.average_precision_score(y, score)))
ll = metrics.log_loss(y, p) / math.log(2)
prior = y.mean(); entropy = -(prior * math.log2(prior) + (1 - prior) * math.log2(1 - prior))
print("log_loss_bits", repr(ll))
print("entropy_bits", repr(entropy))
print("log_loss_reduction", repr((entropy - ll) / entropy))
print("confusion [[tp, fn], [fp, tn]]", metrics.confusion_matrix(y, pred, labels=[1, 0]).tolist())

print("# multiclass")
y = np.array([0, 1, 2, 2, 1, 0, 2, 1])
P = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.2, 0.6], [0.5, 0.3, 0.2],
              [0.3, 0.4, 0.3], [0.4, 0.5, 0.1], [0.1, 0.1, 0.8], [0.25, 0.35, 0.4]], dtype=np.float32)
pred = P.argmax(1)
print("log_loss_nats", repr(metrics.log_loss(y, P)))
print("micro_accuracy", repr(metrics.accuracy_score(y, pred)))
print("macro_accuracy", repr(metrics.balanced_accuracy_score(y, pred)))
print("top2_accuracy", repr(metrics.top_k_accuracy_score(y, P, k=2)))
counts = np.bincount(y) / len(y); prior = -(counts * np.log(counts)).sum()
print("prior_nats", repr(prior), "log_loss_reduction", repr((prior - metrics.log_loss(y, P)) / prior))
print("per_class_log_loss", [repr(float(-np.log(P[y == c, c]).mean())) for c in range(3)])
print("confusion", metrics.confusion_matrix(y, pred).tolist())
print("precision", metrics.precision_score(y, pred, average=None).tolist())
print("recall", metrics.recall_score(y, pred, average=None).tolist())

print("# multi-label")
Y = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 0], [1, 0, 1], [0, 1, 1]])
P = np.array([[0.9, 0.2, 0.6], [0.3, 0.7, 0.4], [0.6, 0.4, 0.2], [0.1, 0.3, 0.55], [0.8, 0.1, 0.45], [0.45, 0.9, 0.7]], dtype=np.float32)
pred = (P > 0.5).astype(int)
print("hamming_loss", repr(metrics.hamming_loss(Y, pred)))
print("subset_accuracy", repr(metrics.accuracy_score(Y, pred)))
print("log_loss_nats (mean over labels)", repr(float(np.mean([metrics.log_loss(Y[:, l], P[:, l]) for l in range(3)]))))
for average in ("micro", "macro"):
    print(average, "precision", repr(metrics.precision_score(Y, pred, average=average)),
          "recall", repr(metrics.recall_score(Y, pred, average=average)), "f1", repr(metrics.f1_score(Y, pred, average=average)))
print("per-label precision", metrics.precision_score(Y, pred, average=None).tolist())
print("per-label recall", metrics.recall_score(Y, pred, average=None).tolist())
print("per-label f1", metrics.f1_score(Y, pred, average=None).tolist())

print("# normalizers on [[1, 10], [2, 20], [4, 0], [5, 30]]")
from sklearn.preprocessing import StandardScaler, MinMaxScaler
X = np.array([[1, 10], [2, 20], [4, 0], [5, 30]], dtype=np.float64)
print("standard", StandardScaler().fit_transform(X).tolist())
print("minmax", MinMaxScaler().fit_transform(X).tolist())
print("root_mean_square_scaled", (X / np.sqrt((X ** 2).mean(0))).tolist())
print("maxabs", (X / np.abs(X).max(0)).tolist())
from scipy.stats import norm
print("cdf", norm.cdf(StandardScaler().fit_transform(X)).tolist())
