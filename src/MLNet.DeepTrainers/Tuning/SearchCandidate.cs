using System.Globalization;

namespace MLNet.DeepTrainers;

/// <summary>One tried candidate: its parameters, its metric on each fold, their mean and standard deviation.</summary>
public sealed class SearchCandidate
{
    internal SearchCandidate(int index, int of, ParameterSet parameters, string metric, double[] foldValues, double seconds)
    {
        Index = index;
        Of = of;
        Parameters = parameters;
        Metric = metric;
        FoldValues = foldValues;
        Mean = CrossValidationComparison.Mean(foldValues);
        StandardDeviation = CrossValidationComparison.StandardDeviation(foldValues);
        Seconds = seconds;
    }

    /// <summary>The order in which it was tried, from 1.</summary>
    public int Index { get; }

    /// <summary>How many candidates the search planned.</summary>
    public int Of { get; }

    /// <summary>The hyperparameters.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>The metric's name.</summary>
    public string Metric { get; }

    /// <summary>The metric on each fold.</summary>
    public IReadOnlyList<double> FoldValues { get; }

    /// <summary>The mean over the folds.</summary>
    public double Mean { get; }

    /// <summary>The sample standard deviation over the folds.</summary>
    public double StandardDeviation { get; }

    /// <summary>The seconds its cross-validation took.</summary>
    public double Seconds { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Parameters}: {Metric} {Mean:G5} ± {StandardDeviation:G3} ({Seconds:F1} s)");
}
