using static MLNet.DeepTrainers.Transforms.NormalizingTransformer;

namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// What a normalizer learned for one column: a function applied to each slot's value. Each kind saves
/// and reads its own parameters; tensors go to the stage under the column's prefix.
/// </summary>
internal abstract class ColumnFunction
{
    /// <summary>The number of slots (1 for a scalar column).</summary>
    public abstract int Width { get; }

    public abstract float Apply(float x, int slot);

    /// <summary>The function as ONNX nodes over <paramref name="x"/>, [N, Width] floats; returns the result's value.</summary>
    public abstract string ExportOnnx(OnnxGraph graph, string x);

    /// <summary>The parameters as ML.NET exposes them: TData is float for a scalar column, ImmutableArray&lt;float&gt; for a vector.</summary>
    public abstract NormalizerModelParametersBase ModelParameters(bool vector);

    /// <summary>Writes the function's kind and fields into <paramref name="column"/> and its tensors into <paramref name="stage"/>, named from <paramref name="prefix"/>.</summary>
    public abstract void Save(StageWriter column, StageWriter stage, string prefix);

    /// <summary>
    /// The tensors a saved function of <paramref name="width"/> slots needs (names and shapes, from its
    /// parameters) and how to build it once they are read: a stage reads all its tensors at once.
    /// </summary>
    public static (Dictionary<string, long[]> Tensors, Func<IReadOnlyDictionary<string, NamedTensor>, ColumnFunction> Build) Load(StageReader column, string prefix, int width) =>
        column.Get<string>("function") switch
        {
            AffineColumnFunction.Kind => AffineColumnFunction.Read(prefix, width),
            CdfColumnFunction.Kind => CdfColumnFunction.Read(column, prefix, width),
            BinColumnFunction.Kind => BinColumnFunction.Read(column, prefix, width),
            var other => throw column.Corrupt($"its normalizer function '{other}' is not one this library version knows"),
        };
}
