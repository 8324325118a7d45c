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
        [LpNormNormalizingTransformer.Kind] = LpNormNormalizingTransformer.Load,
        [MissingValueIndicatorTransformer.Kind] = MissingValueIndicatorTransformer.Load,
        [MissingValueReplacingTransformer.Kind] = MissingValueReplacingTransformer.Load,
        [OneHotEncodingTransformer.Kind] = OneHotEncodingTransformer.Load,
        [ValueToKeyMappingTransformer.Kind] = ValueToKeyMappingTransformer.Load,
        [KeyToValueMappingTransformer.Kind] = KeyToValueMappingTransformer.Load,
        [TypeConvertingTransformer.Kind] = TypeConvertingTransformer.Load,
        [HashingTransformer.Kind] = HashingTransformer.Load,
        [OneHotHashEncodingTransformer.Kind] = OneHotHashEncodingTransformer.Load,
        [TextNormalizingTransformer.Kind] = TextNormalizingTransformer.Load,
        [WordTokenizingTransformer.Kind] = WordTokenizingTransformer.Load,
        [TokenizingByCharactersTransformer.Kind] = TokenizingByCharactersTransformer.Load,
        [SequencePaddingTransformer.Kind] = SequencePaddingTransformer.Load,
        [WordBagTransformer.Kind] = WordBagTransformer.Load,
        [WordHashBagTransformer.Kind] = WordHashBagTransformer.Load,
        [NgramExtractingTransformer.Kind] = NgramExtractingTransformer.Load,
        [StopWordsRemovingTransformer.Kind] = StopWordsRemovingTransformer.Load,
        [CustomStopWordsRemovingTransformer.Kind] = CustomStopWordsRemovingTransformer.Load,
        [CustomMapping.Kind] = CustomMapping.Load,
        [RegressionPredictionTransformer<SequentialModel>.Kind] = LoadRegression,
        [BinaryPredictionTransformer<SequentialModel>.Kind] = LoadBinary,
        [MulticlassPredictionTransformer<SequentialModel>.Kind] = LoadMulticlass,
        [MultiLabelPredictionTransformer<SequentialModel>.Kind] = LoadMultiLabel,
    };

    public static ITransformer Load(string kind, StageReader reader) =>
        Loaders.TryGetValue(kind, out var load) ? load(reader) : throw reader.Corrupt($"its kind '{kind}' is not one this library version knows");

    // A prediction stage names its model's kind; each kind has its own transformer type.
    private static ITransformer LoadRegression(StageReader reader) => reader.Get<string>("modelKind") switch
    {
        SequentialModel.Kind => new RegressionPredictionTransformer<SequentialModel>(SequentialModel.Load(reader), reader.Get<string>("featureColumn")),
        TreeEnsembleModel.Kind => new RegressionPredictionTransformer<TreeEnsembleModel>(OneOutput(TreeEnsembleModel.Load(reader), reader), reader.Get<string>("featureColumn")),
        var other => throw UnknownModel(reader, other),
    };

    private static ITransformer LoadBinary(StageReader reader) => reader.Get<string>("modelKind") switch
    {
        SequentialModel.Kind => new BinaryPredictionTransformer<SequentialModel>(OneOutput(SequentialModel.Load(reader), reader), reader.Get<string>("featureColumn")),
        TreeEnsembleModel.Kind => new BinaryPredictionTransformer<TreeEnsembleModel>(OneOutput(TreeEnsembleModel.Load(reader), reader), reader.Get<string>("featureColumn")),
        var other => throw UnknownModel(reader, other),
    };

    private static ITransformer LoadMulticlass(StageReader reader) => reader.Get<string>("modelKind") switch
    {
        SequentialModel.Kind => MulticlassPredictionTransformer<SequentialModel>.Load(SequentialModel.Load(reader), reader.Get<string>("featureColumn"), reader),
        TreeEnsembleModel.Kind => MulticlassPredictionTransformer<TreeEnsembleModel>.Load(TreeEnsembleModel.Load(reader), reader.Get<string>("featureColumn"), reader),
        var other => throw UnknownModel(reader, other),
    };

    private static ITransformer LoadMultiLabel(StageReader reader) => reader.Get<string>("modelKind") switch
    {
        SequentialModel.Kind => MultiLabelPredictionTransformer<SequentialModel>.Load(SequentialModel.Load(reader), reader.Get<string>("featureColumn"), reader),
        var other => throw UnknownModel(reader, other),
    };

    // Trees and binary stages give one output per row (a network's regression stage one per label slot).
    private static TModel OneOutput<TModel>(TModel model, StageReader reader) where TModel : IScoringModel =>
        model.OutputWidth == 1 ? model : throw reader.Corrupt($"its model has {model.OutputWidth} outputs, but a tree regression or binary stage reads one");

    private static InvalidDataException UnknownModel(StageReader reader, string kind) => reader.Corrupt($"its model kind '{kind}' is not one this library version knows");
}
