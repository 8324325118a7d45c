namespace MLNet.DeepTrainers;

/// <summary>One fold of <see cref="MultiLabelClassificationCatalog.CrossValidate"/>, with the members of ML.NET's <c>CrossValidationResult&lt;T&gt;</c> (whose constructor ML.NET keeps internal).</summary>
/// <param name="Model">The pipeline fitted on the other folds.</param>
/// <param name="Metrics">The metrics on this fold.</param>
/// <param name="ScoredHoldOutSet">This fold's rows, scored by <paramref name="Model"/>.</param>
/// <param name="Fold">The fold's index.</param>
public sealed record MultiLabelCrossValidationResult(ITransformer Model, MultiLabelClassificationMetrics Metrics, IDataView ScoredHoldOutSet, int Fold);
