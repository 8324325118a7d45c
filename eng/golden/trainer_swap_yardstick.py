"""scikit-learn on data drawn the way ML.NET's trainer samples draw theirs (README, "Defaults that work on raw
features"): how far a standard MLP gets where the library's Mlp() falls short of ML.NET's trainer.

The rows are numpy's draws, not .NET's Random's, so the numbers are of the same problems, not the same rows.
Run with Debian's python3-sklearn (eng/setup.sh --golden): /usr/bin/python3 eng/golden/trainer_swap_yardstick.py
"""
import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEEDS = (0, 1, 2)


def regression_rows(count, seed):
    """ML.NET's regression samples: a label uniform in [0, 1), 50 features each the label plus uniform noise."""
    rng = np.random.default_rng(seed)
    label = rng.random(count)
    return label[:, None] + rng.random((count, 50)), label


def binary_rows(count, seed, shift):
    """ML.NET's binary samples: 50 features uniform in [0, 1) for positive rows, shifted by `shift` for negative ones."""
    rng = np.random.default_rng(seed)
    label = rng.random(count) > 0.5
    return rng.random((count, 50)) + np.where(label, 0, shift)[:, None], label


def mlp_regressor(seed, standardise_label):
    # The library's Mlp(): 64-64 ReLU, Adam 1e-3, batch 32, 20 epochs, inputs standardised.
    mlp = make_pipeline(StandardScaler(), MLPRegressor((64, 64), batch_size=32, max_iter=20, random_state=seed))
    return TransformedTargetRegressor(mlp, transformer=StandardScaler()) if standardise_label else mlp


def mlp_classifier(seed):
    return make_pipeline(StandardScaler(), MLPClassifier((64, 64), batch_size=32, max_iter=20, random_state=seed))


def main():
    import warnings
    warnings.filterwarnings("ignore")  # 20 epochs end before scikit-learn's own convergence test, as the library's do
    x, y = regression_rows(1000, 0)
    tx, ty = regression_rows(500, 123)
    print("regression samples, test R²:")
    print(f"  linear regression {LinearRegression().fit(x, y).score(tx, ty):.3f}, gradient boosting {GradientBoostingRegressor(random_state=0).fit(x, y).score(tx, ty):.3f}")
    for standardise in (False, True):
        scores = [mlp_regressor(s, standardise).fit(x, y).score(tx, ty) for s in SEEDS]
        print(f"  MLP 64-64, label {'standardised' if standardise else 'as it is'}: " + ", ".join(f"{v:.3f}" for v in scores))
    for shift in (0.1, 0.03):
        x, y = binary_rows(1000, 0, shift)
        tx, ty = binary_rows(500, 123, shift)
        print(f"binary samples (shift {shift}), test accuracy:")
        print(f"  logistic regression {LogisticRegression(max_iter=1000).fit(x, y).score(tx, ty):.3f}, gradient boosting {GradientBoostingClassifier(random_state=0).fit(x, y).score(tx, ty):.3f}")
        print("  MLP 64-64: " + ", ".join(f"{mlp_classifier(s).fit(x, y).score(tx, ty):.3f}" for s in SEEDS))


if __name__ == "__main__":
    main()
