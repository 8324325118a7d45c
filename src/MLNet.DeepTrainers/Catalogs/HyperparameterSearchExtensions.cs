namespace MLNet.DeepTrainers;

/// <summary>
/// Hyperparameter search on ML.NET's catalogs: <c>ml.Regression.SearchHyperparameters(...)</c> and the same on
/// the binary, multiclass and the library's multi-label catalogs. Each candidate is a pipeline the factory builds
/// from a <see cref="ParameterSet"/>, cross-validated by the catalog's own <c>CrossValidate</c> on the same folds;
/// the metric is any metric of the catalog's metrics class, by name (lower is better for errors and losses).
/// </summary>
public static class HyperparameterSearchExtensions
{
    /// <summary>Searches <paramref name="space"/> for the regression pipeline with the best <paramref name="metric"/> (default: mean absolute error).</summary>
    public static SearchResult<RegressionMetrics> SearchHyperparameters(this RegressionCatalog catalog, IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline,
        SearchSpace space, string metric = nameof(RegressionMetrics.MeanAbsoluteError), SearchOptions? options = null) =>
        HyperparameterSearch.Run(CatalogContext.Of(catalog), data, pipeline, space, metric, options,
            (d, e, folds, label, key, seed) => catalog.CrossValidate(d, e, folds, label, key, seed).Select(f => f.Metrics));

    /// <summary>Searches <paramref name="space"/> for the binary classification pipeline with the best <paramref name="metric"/> (default: accuracy).</summary>
    public static SearchResult<CalibratedBinaryClassificationMetrics> SearchHyperparameters(this BinaryClassificationCatalog catalog, IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline,
        SearchSpace space, string metric = nameof(BinaryClassificationMetrics.Accuracy), SearchOptions? options = null) =>
        HyperparameterSearch.Run(CatalogContext.Of(catalog), data, pipeline, space, metric, options,
            (d, e, folds, label, key, seed) => catalog.CrossValidate(d, e, folds, label, key, seed).Select(f => f.Metrics));

    /// <summary>Searches <paramref name="space"/> for the multiclass pipeline with the best <paramref name="metric"/> (default: micro accuracy).</summary>
    public static SearchResult<MulticlassClassificationMetrics> SearchHyperparameters(this MulticlassClassificationCatalog catalog, IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline,
        SearchSpace space, string metric = nameof(MulticlassClassificationMetrics.MicroAccuracy), SearchOptions? options = null) =>
        HyperparameterSearch.Run(CatalogContext.Of(catalog), data, pipeline, space, metric, options,
            (d, e, folds, label, key, seed) => catalog.CrossValidate(d, e, folds, label, key, seed).Select(f => f.Metrics));

    /// <summary>Searches <paramref name="space"/> for the multi-label pipeline with the best <paramref name="metric"/> (default: micro F1).</summary>
    public static SearchResult<MultiLabelClassificationMetrics> SearchHyperparameters(this MultiLabelClassificationCatalog catalog, IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline,
        SearchSpace space, string metric = nameof(MultiLabelClassificationMetrics.MicroF1Score), SearchOptions? options = null) =>
        HyperparameterSearch.Run(catalog.Context, data, pipeline, space, metric, options,
            (d, e, folds, label, key, seed) => catalog.CrossValidate(d, e, folds, label, key, seed).Select(f => f.Metrics));
}
