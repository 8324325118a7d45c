using System.Diagnostics;

namespace MLNet.DeepTrainers.Tuning;

/// <summary>
/// Grid or random search over a pipeline factory: every candidate cross-validates on the same folds,
/// and candidates are ranked by the mean of the chosen metric. Everything that can be checked is
/// checked before the first candidate trains.
/// </summary>
internal static class HyperparameterSearch
{
    // Metrics where lower is better; every other metric of the catalogs is better higher.
    private static readonly HashSet<string> LowerIsBetter = ["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "LossFunction", "LogLoss", "HammingLoss"];

    public delegate IReadOnlyList<TrainCatalogBase.CrossValidationResult<TMetrics>> CrossValidator<TMetrics>(IDataView data, IEstimator<ITransformer> estimator, int folds,
        string label, string? samplingKey, int? seed) where TMetrics : class;

    public static SearchResult<TMetrics> Run<TMetrics>(MLContext context, IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline,
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
        int seed = options.Seed ?? context.NextSeed();
        var candidates = (options.Strategy == SearchStrategy.Grid ? space.Grid() : space.Random(options.MaximumCandidates, seed)).ToList();
        if (candidates.Count == 0)
            throw new ArgumentException("The search space gives no candidates.", nameof(space));
        // Build every candidate's pipeline and check its schema now, so a bad factory or column fails before any training.
        var estimators = candidates.Select(c => pipeline(c) ?? throw new InvalidOperationException($"The pipeline factory returned null for {c}.")).ToList();
        foreach (var estimator in estimators)
            estimator.GetOutputSchema(SchemaShape.Create(data.Schema));

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
            var folds = crossValidate(data, estimators[i], options.NumberOfFolds, options.LabelColumnName, options.SamplingKeyColumnName, seed);
            var candidate = new SearchCandidate(i + 1, candidates.Count, candidates[i], metric, folds.Select(f => read(f.Metrics)).ToArray(), clock.Elapsed.TotalSeconds);
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
        var properties = typeof(TMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)).ToList();
        var property = properties.FirstOrDefault(p => p.Name == metric) ?? throw new ArgumentException(
            $"'{metric}' is not a metric of {typeof(TMetrics).Name}; use one of {string.Join(", ", properties.Select(p => p.Name))}.", nameof(metric));
        return m => (double)property.GetValue(m)!;
    }
}
