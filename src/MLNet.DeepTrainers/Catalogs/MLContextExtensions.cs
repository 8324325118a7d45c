namespace MLNet.DeepTrainers;

/// <summary>What the library adds to <see cref="MLContext"/> itself: the multi-label catalog ML.NET lacks.</summary>
public static class MLContextExtensions
{
    extension(MLContext ml)
    {
        /// <summary>Multi-label classification: its trainers, evaluator and cross-validation, as ML.NET's catalogs have theirs.</summary>
        public MultiLabelClassificationCatalog MultiLabelClassification => new(ml);
    }
}
