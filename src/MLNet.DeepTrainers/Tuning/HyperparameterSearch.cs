using System.Diagnostics;

namespace MLNet.DeepTrainers;

/// <summary>
/// Grid or random search over a pipeline factory, over ML.NET's own cross-validation: every candidate
/// cross-validates on the same folds (one seed for all), and candidates are ranked by the mean of the chosen
/// metric. The space, the metric's name and every candidate's pipeline are checked before the first trains.
/// </summary>
internal static class HyperparameterSearch
{
    // Metrics where lower is better; every other metric of the catalogs is better higher.
    private static readonly HashSet<string> LowerIsBetter = ["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "LossFunction", "LogLoss", "HammingLoss"];

    /// <summary>A catalog's cross-validation: the metrics of each fold.</summary>
    public delegate IEnumerable<TMetrics> CrossValidator<TMetrics>(IDataView data, IEstimator<ITransformer> estimator, int folds, string label, string? samplingKey, int seed);

    public static SearchResult<TMetrics> Run<TMetrics>(CatalogContext context, IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline,
        SearchSpace space, string metric, SearchOptions? options, CrossValidator<TMetrics> crossValidate) where TMetrics : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(space);
        options ??= new SearchOptions();
        var read = MetricReader<TMetrics>(metric);
        if (space.Dimensions.Count == 0)
            throw new ArgumentException("The search space has no parameters: add some with SearchSpace.Add or AddRange.", nameof(space));
        if (options.Strategy == SearchStrategy.Random && options.MaximumCandidates <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaximumCandidates, "A random search needs a positive MaximumCandidates.");
        if (options.NumberOfFolds < 2)
            throw new ArgumentOutOfRangeException(nameof(options), options.NumberOfFolds, "Cross-validation needs at least 2 folds (SearchOptions.NumberOfFolds).");
        int seed = options.Seed ?? context.Host("HyperparameterSearch").Rand.Next();
        var candidates = (options.Strategy == SearchStrategy.Grid ? space.Grid() : space.Random(options.MaximumCandidates, seed)).ToList();
        if (candidates.Count == 0)
            throw new ArgumentException("The search space gives no candidates.", nameof(space));
        // Every candidate's pipeline is built now, so that a factory that fails for some values fails before any training.
        var estimators = candidates.Select(c => pipeline(c) ?? throw new InvalidOperationException($"The pipeline factory returned null for {c}.")).ToList();

        bool higherIsBetter = !LowerIsBetter.Contains(metric);
        var done = new List<SearchCandidate>();
        bool cancelled = false;
        for (int i = 0; i < candidates.Count; i++)
        {
            if (options.CancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
            var clock = Stopwatch.StartNew();
            double[] values = [.. crossValidate(data, estimators[i], options.NumberOfFolds, options.LabelColumnName, options.SamplingKeyColumnName, seed).Select(read)];
            var candidate = new SearchCandidate(i + 1, candidates.Count, candidates[i], metric, values, clock.Elapsed.TotalSeconds);
            done.Add(candidate);
            options.Progress?.Report(candidate);
        }
        var ranked = (higherIsBetter ? done.OrderByDescending(c => c.Mean) : done.OrderBy(c => c.Mean)).ThenBy(c => c.Index).ToList();
        ITransformer? best = null;
        if (!cancelled && options.RefitBest && ranked.Count > 0)
            best = estimators[ranked[0].Index - 1].Fit(data);
        return new SearchResult<TMetrics>(metric, higherIsBetter, ranked, best, cancelled);
    }

    /// <summary>Reads the metric named <paramref name="metric"/> (a double property of <typeparamref name="TMetrics"/>), or says which names exist.</summary>
    private static Func<TMetrics, double> MetricReader<TMetrics>(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var properties = typeof(TMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)).ToList();
        var property = properties.FirstOrDefault(p => p.Name == metric) ?? throw new ArgumentException(
            $"'{metric}' is not a metric of {typeof(TMetrics).Name}; use one of {string.Join(", ", properties.Select(p => p.Name))}.", nameof(metric));
        return m => (double)property.GetValue(m)!;
    }
}
