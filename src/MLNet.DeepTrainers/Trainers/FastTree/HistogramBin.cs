namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>The sums of one bin of a histogram: gradients, hessians and rows.</summary>
internal struct HistogramBin
{
    public double Gradient;
    public double Hessian;
    public int Count;

    public static HistogramBin operator -(HistogramBin a, HistogramBin b) =>
        new() { Gradient = a.Gradient - b.Gradient, Hessian = a.Hessian - b.Hessian, Count = a.Count - b.Count };

    public static HistogramBin operator +(HistogramBin a, HistogramBin b) =>
        new() { Gradient = a.Gradient + b.Gradient, Hessian = a.Hessian + b.Hessian, Count = a.Count + b.Count };
}
