namespace MLNet.DeepTrainers;

/// <summary>Pipeline building: <c>estimator.Append(next)</c>.</summary>
public static class EstimatorExtensions
{
    /// <summary>A chain of <paramref name="start"/> then <paramref name="estimator"/>.</summary>
    public static EstimatorChain<TNewTransformer> Append<TNewTransformer>(this IEstimator<ITransformer> start, IEstimator<TNewTransformer> estimator)
        where TNewTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<ITransformer>().Append(start).Append(estimator);
    }
}
