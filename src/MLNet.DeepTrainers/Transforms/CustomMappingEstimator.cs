namespace MLNet.DeepTrainers.Transforms;

/// <summary>Estimator for <see cref="CustomMappingTransformer{TSrc, TDst}"/>: nothing to learn.</summary>
public sealed class CustomMappingEstimator<TSrc, TDst> : TrivialEstimator<CustomMappingTransformer<TSrc, TDst>>
    where TSrc : class, new()
    where TDst : class, new()
{
    internal CustomMappingEstimator(Action<TSrc, TDst> mapAction, string? contractName)
        : base(new CustomMappingTransformer<TSrc, TDst>(mapAction, contractName)) { }
}
