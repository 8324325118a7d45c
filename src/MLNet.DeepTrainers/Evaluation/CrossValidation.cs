using System.Runtime.ExceptionServices;
using MLNet.DeepTrainers.Torch;

namespace MLNet.DeepTrainers.Evaluation;

/// <summary>The k-fold loop every catalog's CrossValidate shares: split, fit, score, evaluate, fold by fold.</summary>
internal static class CrossValidation
{
    /// <summary>
    /// Folds run side by side when the estimator says its fits leave the machine idle
    /// (<see cref="IConcurrentFolds"/>), or as many at once as <c>sideBySide</c> says; every fold gets
    /// the same seeds either way, so the results do not change. In a distributed run they go one at a
    /// time: every rank must make its collective calls in the same order.
    /// </summary>
    public static IReadOnlyList<TrainCatalogBase.CrossValidationResult<TMetrics>> Run<TMetrics>(MLContext context, IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds, string? samplingKeyColumnName, int? seed, Func<IDataView, TMetrics> evaluate, int? sideBySide = null) where TMetrics : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        // Fail on a wrong column before the first fold trains anything.
        estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        var splits = context.Data.CrossValidationSplit(data, numberOfFolds, samplingKeyColumnName, seed);
        // Drawn in fold order before any fold starts, so each fold's seeds are the same whichever runs first.
        var foldSeeds = splits.Select(_ => context.NextSeed()).ToArray();
        int together = context.DistributedTraining is not null ? 1
            : Math.Min(splits.Count, sideBySide ?? (estimator is IConcurrentFolds { FoldsRunBetterSideBySide: true } ? Environment.ProcessorCount : 1));
        var results = new TrainCatalogBase.CrossValidationResult<TMetrics>[splits.Count];
        void RunFold(int fold) => results[fold] = context.WithOwnSeeds(foldSeeds[fold], () =>
        {
            var model = estimator.Fit(splits[fold].TrainSet);
            var scored = model.Transform(splits[fold].TestSet);
            return new TrainCatalogBase.CrossValidationResult<TMetrics>(model, evaluate(scored), scored, fold);
        });
        if (together <= 1)
        {
            for (int fold = 0; fold < splits.Count; fold++)
                RunFold(fold);
            return results;
        }
        try
        {
            Parallel.For(0, splits.Count, new ParallelOptions { MaxDegreeOfParallelism = together },
                fold => TorchRuntime.SharingThreads(together, () => { RunFold(fold); return 0; }));
        }
        catch (AggregateException error)
        {
            // The fold's own exception, as a one-at-a-time run would throw it.
            ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
