using Microsoft.ML.Transforms;

namespace MLNet.DeepTrainers;

/// <summary>
/// The stand-in's multiclass step: the predicted class's key value, which OnnxTransformer gives as a
/// vector of one, as a scalar that MapValueToKey then maps to the label's key. One contract per type of
/// key value ML.NET's MapValueToKey makes and ONNX holds; ML.NET finds the mapping again on load by its
/// contract name, which saved models hold: never change one.
/// </summary>
internal abstract class PredictedClassMapping<T> : CustomMappingFactory<PredictedClassMapping<T>.Predicted, PredictedClassMapping<T>.Named>
{
    private protected abstract string ContractName { get; }

    public override Action<Predicted, Named> GetMapping() => (predicted, named) => named.Value = predicted.Values[0];

    /// <summary>This step as an estimator of <paramref name="ml"/>.</summary>
    public IEstimator<ITransformer> Estimator(MLContext ml) => ml.Transforms.CustomMapping(GetMapping(), ContractName);

    /// <summary>The column it reads: the network's predicted class.</summary>
    internal sealed class Predicted
    {
        [ColumnName(StandIn.PredictedClassColumn)]
        public T[] Values = [];
    }

    /// <summary>The column it adds.</summary>
    internal sealed class Named
    {
        [ColumnName(StandIn.PredictedClassNameColumn)]
        public T Value = default!;
    }
}

[CustomMappingFactoryAttribute(Contract)]
internal sealed class PredictedTextClassMapping : PredictedClassMapping<string>
{
    public const string Contract = "MLNet.DeepTrainers.PredictedClass";

    private protected override string ContractName => Contract;
}

[CustomMappingFactoryAttribute(Contract)]
internal sealed class PredictedSingleClassMapping : PredictedClassMapping<float>
{
    public const string Contract = "MLNet.DeepTrainers.PredictedClass.Single";

    private protected override string ContractName => Contract;
}

[CustomMappingFactoryAttribute(Contract)]
internal sealed class PredictedDoubleClassMapping : PredictedClassMapping<double>
{
    public const string Contract = "MLNet.DeepTrainers.PredictedClass.Double";

    private protected override string ContractName => Contract;
}

[CustomMappingFactoryAttribute(Contract)]
internal sealed class PredictedInt32ClassMapping : PredictedClassMapping<int>
{
    public const string Contract = "MLNet.DeepTrainers.PredictedClass.Int32";

    private protected override string ContractName => Contract;
}

[CustomMappingFactoryAttribute(Contract)]
internal sealed class PredictedUInt32ClassMapping : PredictedClassMapping<uint>
{
    public const string Contract = "MLNet.DeepTrainers.PredictedClass.UInt32";

    private protected override string ContractName => Contract;
}

[CustomMappingFactoryAttribute(Contract)]
internal sealed class PredictedInt64ClassMapping : PredictedClassMapping<long>
{
    public const string Contract = "MLNet.DeepTrainers.PredictedClass.Int64";

    private protected override string ContractName => Contract;
}

[CustomMappingFactoryAttribute(Contract)]
internal sealed class PredictedUInt64ClassMapping : PredictedClassMapping<ulong>
{
    public const string Contract = "MLNet.DeepTrainers.PredictedClass.UInt64";

    private protected override string ContractName => Contract;
}
