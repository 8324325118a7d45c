namespace MLNet.DeepTrainers.Evaluation;

/// <summary>
/// Permutation feature importance, as ML.NET computes it for every task: score the data once, then for
/// each slot of the feature vector shuffle that slot's values across the rows (breaking its link to the
/// label, keeping its distribution), score again and record how each metric changed; repeat
/// permutationCount times. It needs only scores, so networks and trees alike are explained.
/// </summary>
internal static class PermutationFeatureImportance
{
    public static TStatistics[] Compute<TModel, TMetrics, TStatistics>(ISingleFeaturePredictionTransformer<TModel> predictor, IDataView data,
        int? numberOfExamplesToUse, int permutationCount, int seed, Func<IDataView, TMetrics> evaluate, Func<TMetrics, IReadOnlyList<TMetrics>, TStatistics> statistics)
        where TModel : class
    {
        const string user = "PermutationFeatureImportance";
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(data);
        if (permutationCount < 1)
            throw new ArgumentOutOfRangeException(nameof(permutationCount), permutationCount, $"{user}: permutationCount must be at least 1.");
        if (numberOfExamplesToUse < 1)
            throw new ArgumentOutOfRangeException(nameof(numberOfExamplesToUse), numberOfExamplesToUse, $"{user}: numberOfExamplesToUse must be at least 1 (or null for every row).");
        var feature = data.Schema.GetColumnOrNull(predictor.FeatureColumnName) ?? throw data.Schema.MissingColumn(predictor.FeatureColumnName, user);
        if (feature.Type is not VectorDataViewType { IsKnownSize: true, Size: var width } vector || !vector.ItemType.Equals(NumberDataViewType.Single))
            throw new ArgumentOutOfRangeException(nameof(data), $"{user}: the feature column '{feature.Name}' is {feature.Type}; it needs a Single vector of known size. Pass the data as the prediction transformer sees it (transformed by the stages before it).");

        var rows = ColumnarDataView.Materialize(numberOfExamplesToUse is int n ? new RowRangeView(data, 0, n) : data);
        var features = ((VBuffer<float>[])rows.Column(feature.Index)).Select(row => row.ToDenseArray()).ToArray();
        var baseline = evaluate(predictor.Transform(rows));
        var random = new Random(seed);
        var order = Enumerable.Range(0, features.Length).ToArray();
        // One copy of the features, its slot overwritten per shuffle and restored after: evaluate reads
        // every row before it returns, and the view hands out copies of the rows.
        var shuffled = features.Select(row => (float[])row.Clone()).ToArray();
        var permutedRows = rows.WithColumn(feature.Index, shuffled.Select(row => new VBuffer<float>(row.Length, row)).ToArray());
        return Enumerable.Range(0, width).Select(slot =>
        {
            var permuted = new TMetrics[permutationCount];
            for (int p = 0; p < permutationCount; p++)
            {
                random.Shuffle(order);
                for (int r = 0; r < features.Length; r++)
                    shuffled[r][slot] = features[order[r]][slot];
                permuted[p] = evaluate(predictor.Transform(permutedRows));
            }
            for (int r = 0; r < features.Length; r++)
                shuffled[r][slot] = features[r][slot];
            return statistics(baseline, permuted);
        }).ToArray();
    }

    /// <summary>
    /// The whole-model form (ML.NET's dictionary overloads): <paramref name="model"/> ends in a prediction
    /// transformer; the stages before it transform <paramref name="data"/>, and each slot's statistics
    /// are keyed by its slot name.
    /// </summary>
    public static IDictionary<string, TStatistics> ComputeByName<TStatistics>(ITransformer model, IDataView data,
        Func<ISingleFeaturePredictionTransformer<object>, IDataView, TStatistics[]> compute)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var stages = model is IEnumerable<ITransformer> chain ? chain.ToList() : [model];
        if (stages.Count == 0 || stages[^1] is not ISingleFeaturePredictionTransformer<object> predictor)
            throw new ArgumentOutOfRangeException(nameof(model), "PermutationFeatureImportance: the model must end with a trainer's prediction transformer (a fitted pipeline whose last estimator is a trainer).");
        var input = stages.SkipLast(1).Aggregate(data, (view, stage) => stage.Transform(view));
        var statistics = compute(predictor, input);
        var column = input.Schema[predictor.FeatureColumnName];
        var names = column.Annotations.SlotNames is { } slotNames && slotNames.Count == statistics.Length
            ? slotNames.ToArray()
            : Enumerable.Range(0, statistics.Length).Select(i => $"{column.Name}[{i}]").ToArray();
        if (names.Distinct().Count() != names.Length)
            throw new InvalidOperationException($"PermutationFeatureImportance: the slot names of '{column.Name}' repeat, so they cannot key the result; use the overload that takes the prediction transformer.");
        return names.Zip(statistics).ToDictionary(p => p.First, p => p.Second);
    }
}
