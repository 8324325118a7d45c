namespace MLNet.DeepTrainers;

/// <summary>What the three task catalogs share, as in ML.NET: the result type of their <c>CrossValidate</c>.</summary>
public abstract class TrainCatalogBase
{
    private protected TrainCatalogBase() { }

    /// <summary>One fold of a cross-validation: its metrics, the model trained without it, and its scored rows.</summary>
    public sealed class CrossValidationResult<TMetrics> where TMetrics : class
    {
        internal CrossValidationResult(ITransformer model, TMetrics metrics, IDataView scoredHoldOutSet, int fold)
        {
            Model = model;
            Metrics = metrics;
            ScoredHoldOutSet = scoredHoldOutSet;
            Fold = fold;
        }

        /// <summary>The model trained on the other folds.</summary>
        public readonly ITransformer Model;

        /// <summary>The model's metrics on this fold.</summary>
        public readonly TMetrics Metrics;

        /// <summary>This fold's rows with the model's outputs.</summary>
        public readonly IDataView ScoredHoldOutSet;

        /// <summary>The fold's index, from 0.</summary>
        public readonly int Fold;
    }
}
