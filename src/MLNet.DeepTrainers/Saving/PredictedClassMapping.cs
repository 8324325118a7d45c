using Microsoft.ML.Transforms;

namespace MLNet.DeepTrainers;

/// <summary>
/// How a saved multiclass model gives back the label's key for one type of key value: the network's graph
/// gathers the predicted class's key value, and the steps after it make that the label's key.
/// </summary>
internal interface IPredictedClassMapping
{
    /// <summary>The type of the label's key values this mapping takes (as ML.NET holds them: text as ReadOnlyMemory of char).</summary>
    Type KeyValueType { get; }

    /// <summary>
    /// Writes the predicted class's key value as an output of <paramref name="graph"/> (a Gather of the key
    /// values in <paramref name="keyValues"/> at the predicted <paramref name="index"/>) and returns the steps
    /// that make it the label's key: this mapping to a scalar, then MapValueToKey keyed by the same values,
    /// which gives the label's key type and key values.
    /// </summary>
    Func<MLContext, IEnumerable<IEstimator<ITransformer>>> Steps(OnnxGraph graph, string index, DataViewSchema.Annotations keyValues);
}

/// <summary>Every <see cref="IPredictedClassMapping"/>: one per type of key value ML.NET's MapValueToKey makes and ONNX holds.</summary>
internal static class PredictedClassMappings
{
    public static readonly IReadOnlyList<IPredictedClassMapping> All =
    [
        new PredictedTextClassMapping(), new PredictedSingleClassMapping(), new PredictedDoubleClassMapping(), new PredictedInt32ClassMapping(),
        new PredictedUInt32ClassMapping(), new PredictedInt64ClassMapping(), new PredictedUInt64ClassMapping(),
    ];
}

/// <summary>
/// The stand-in's multiclass step: the predicted class's key value, which OnnxTransformer gives as a
/// vector of one, as a scalar that MapValueToKey then maps to the label's key. One contract per type of
/// key value; ML.NET finds the mapping again on load by its contract name (an attribute on a class of its
/// own), which saved models hold: never change one.
/// </summary>
internal abstract class PredictedClassMapping<T> : CustomMappingFactory<PredictedClassMapping<T>.Predicted, PredictedClassMapping<T>.Named>, IPredictedClassMapping
{
    private protected abstract string ContractName { get; }

    public virtual Type KeyValueType => typeof(T);

    public override Action<Predicted, Named> GetMapping() => (predicted, named) => named.Value = predicted.Values[0];

    public Func<MLContext, IEnumerable<IEstimator<ITransformer>>> Steps(OnnxGraph graph, string index, DataViewSchema.Annotations keyValues)
    {
        T[] values = Values(keyValues);
        graph.Output(graph.Node("Gather", [graph.Vector(values), index]), StandIn.PredictedClassColumn, OnnxGraph.ElementType<T>(), 1);
        return ml =>
        [
            ml.Transforms.CustomMapping(GetMapping(), ContractName),
            ml.Transforms.Conversion.MapValueToKey(StandIn.PredictedLabelColumn, StandIn.PredictedClassNameColumn,
                keyData: ml.Data.LoadFromEnumerable(values.Select(v => new KeyRow { Value = v }))),
        ];
    }

    /// <summary>The key values in <paramref name="annotations"/>, in key order.</summary>
    private protected virtual T[] Values(DataViewSchema.Annotations annotations) => Read<T>(annotations);

    private protected static TValue[] Read<TValue>(DataViewSchema.Annotations annotations)
    {
        var values = default(VBuffer<TValue>);
        annotations.GetValue(AnnotationUtilsNames.KeyValues, ref values);
        return values.DenseValues().ToArray();
    }

    /// <summary>One key value, as MapValueToKey's key data.</summary>
    private sealed class KeyRow
    {
        public T Value = default!;
    }

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

    public override Type KeyValueType => typeof(ReadOnlyMemory<char>);

    private protected override string[] Values(DataViewSchema.Annotations annotations) =>
        Read<ReadOnlyMemory<char>>(annotations).Select(v => v.ToString()).ToArray();
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
