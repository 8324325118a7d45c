namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// The second-order formulas of gradient boosting with an L2 penalty λ on leaf values (XGBoost's,
/// LightGBM's): a leaf with gradient sum G and hessian sum H is worth G² / (H + λ) and outputs
/// -G / (H + λ); a split gains its children's worth minus the parent's.
/// </summary>
internal static class SplitGain
{
    // Keeps an empty or all-zero-hessian side finite.
    private const double Guard = 1e-12;

    public static double Score(double gradient, double hessian, double lambda) => gradient * gradient / (hessian + (lambda + Guard));

    public static double Score(HistogramBin stats, double lambda) => Score(stats.Gradient, stats.Hessian, lambda);

    public static float LeafOutput(HistogramBin stats, double lambda) => stats.Hessian + lambda > 0 ? (float)(-stats.Gradient / (stats.Hessian + lambda)) : 0f;
}
