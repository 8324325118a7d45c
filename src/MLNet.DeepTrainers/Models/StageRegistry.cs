using MLNet.DeepTrainers.Trainers;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Models;

/// <summary>
/// The fixed map from a stage's kind in a model file to its loader. A model file never names a .NET
/// type: only the kinds listed here can be loaded.
/// </summary>
internal static class StageRegistry
{
    private static readonly Dictionary<string, Func<StageReader, ITransformer>> Loaders = new()
    {
        [ColumnConcatenatingTransformer.Kind] = ColumnConcatenatingTransformer.Load,
        [ColumnCopyingTransformer.Kind] = ColumnCopyingTransformer.Load,
        [ColumnSelectingTransformer.Kind] = ColumnSelectingTransformer.Load,
        [NormalizingTransformer.Kind] = NormalizingTransformer.Load,
        [OneHotEncodingTransformer.Kind] = OneHotEncodingTransformer.Load,
        [ValueToKeyMappingTransformer.Kind] = ValueToKeyMappingTransformer.Load,
        [KeyToValueMappingTransformer.Kind] = KeyToValueMappingTransformer.Load,
        [TypeConvertingTransformer.Kind] = TypeConvertingTransformer.Load,
        [RegressionPredictionTransformer<SequentialModel>.Kind] = LoadRegression,
        [BinaryPredictionTransformer<SequentialModel>.Kind] = LoadBinary,
        [MulticlassPredictionTransformer<SequentialModel>.Kind] = LoadMulticlass,
    };

    public static ITransformer Load(string kind, StageReader reader) =>
        Loaders.TryGetValue(kind, out var load) ? load(reader) : throw reader.Corrupt($"its kind '{kind}' is not one this library version knows");

    private static ITransformer LoadRegression(StageReader reader) => new RegressionPredictionTransformer<SequentialModel>(LoadNetwork(reader), reader.Get<string>("featureColumn"));

    private static ITransformer LoadBinary(StageReader reader) => new BinaryPredictionTransformer<SequentialModel>(LoadNetwork(reader), reader.Get<string>("featureColumn"));

    private static ITransformer LoadMulticlass(StageReader reader) =>
        MulticlassPredictionTransformer<SequentialModel>.Load(LoadNetwork(reader), reader.Get<string>("featureColumn"), reader);

    private static SequentialModel LoadNetwork(StageReader reader) => reader.Get<string>("modelKind") switch
    {
        SequentialModel.Kind => SequentialModel.Load(reader),
        var other => throw reader.Corrupt($"its model kind '{other}' is not one this library version knows"),
    };
}
