namespace MLNet.DeepTrainers.Evaluation;

/// <summary>The k-fold loop every catalog's CrossValidate shares: split, fit, score, evaluate, fold by fold.</summary>
internal static class CrossValidation
{
    public static IReadOnlyList<TrainCatalogBase.CrossValidationResult<TMetrics>> Run<TMetrics>(MLContext context, IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds, string? samplingKeyColumnName, int? seed, Func<IDataView, TMetrics> evaluate) where TMetrics : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        // Fail on a wrong column before the first fold trains anything.
        estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        var splits = context.Data.CrossValidationSplit(data, numberOfFolds, samplingKeyColumnName, seed);
        var results = new List<TrainCatalogBase.CrossValidationResult<TMetrics>>();
        for (int fold = 0; fold < splits.Count; fold++)
        {
            var model = estimator.Fit(splits[fold].TrainSet);
            var scored = model.Transform(splits[fold].TestSet);
            results.Add(new TrainCatalogBase.CrossValidationResult<TMetrics>(model, evaluate(scored), scored, fold));
        }
        return results;
    }
}
