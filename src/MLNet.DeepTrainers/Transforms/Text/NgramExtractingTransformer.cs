namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's ProduceNgrams: from a vector of keys (words through MapValueToKey), a vector with one slot
/// per n-gram of keys learned at fit time, weighted as ProduceWordBags weighs its n-grams; slots are
/// named by the keys' values joined with "|". Key 0, or a key beyond those fitted, stands for "*".
/// </summary>
public sealed class NgramExtractingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    /// <summary>The keys as int64 word numbers (a key beyond those fitted as 0, "*"), counted as <see cref="NgramPool.ExportOnnx"/>.</summary>
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        string user = $"ProduceNgrams('{_output}')";
        var (keys, _) = graph.Column(_input, user);
        string numbers = graph.Cast(keys, global::Onnx.TensorProto.Types.DataType.Int64);
        string known = graph.Node("LessOrEqual", [numbers, graph.Constant([(long)_pool.VocabularySize], 1)]);
        numbers = graph.Node("Where", [known, numbers, graph.Constant([0L], 1)]);
        graph.SetColumn(_output, _pool.ExportOnnx(graph, numbers, user), output[_output].Type);
    }

    internal const string Kind = "ProduceNgrams";
    private readonly string _output;
    private readonly string _input;
    private readonly NgramPool _pool;

    internal NgramExtractingTransformer(string output, string input, NgramPool pool)
    {
        _output = output;
        _input = input;
        _pool = pool;
    }

    internal static NgramExtractingTransformer Load(StageReader reader)
    {
        var (output, input, pool) = NgramPoolStage.Load(reader, "ProduceNgrams", textVocabulary: false);
        return new NgramExtractingTransformer(output, input, pool);
    }

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer) => NgramPoolStage.Save(writer, _output, _input, _pool);

    /// <summary>The input column, which must be a vector of keys with key values, or an error naming it and the fix.</summary>
    internal static DataViewSchema.Column KeyColumn(DataViewSchema schema, string name, string user)
    {
        var column = schema.GetColumnOrNull(name) ?? throw schema.MissingColumn(name, user);
        if (column.Type is not VectorDataViewType { ItemType: KeyDataViewType } || column.Annotations.KeyValues is null)
            throw new ArgumentOutOfRangeException(nameof(schema), $"{user}: column '{name}' is {column.Type}; it needs a vector of keys with their values (TokenizeIntoWords, then MapValueToKey).");
        return column;
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        string user = $"ProduceNgrams('{_output}')";
        var column = KeyColumn(input, _input, user);
        if (((KeyDataViewType)((VectorDataViewType)column.Type).ItemType).Count != (ulong)_pool.VocabularySize)
            throw new ArgumentOutOfRangeException(nameof(input), $"{user}: column '{_input}' has {((KeyDataViewType)((VectorDataViewType)column.Type).ItemType).Count} keys, but it was fitted on {_pool.VocabularySize}.");
        var type = new VectorDataViewType(NumberDataViewType.Single, _pool.Count);
        return [OutputColumn.Sparse<float>(_output, type, cursor =>
        {
            var read = cursor.GetGetter<uint[]>(column);
            uint[] keys = [];
            return (ref VBuffer<float> bag) =>
            {
                read(ref keys);
                bag = _pool.Bag(keys);
            };
        }, new DataViewSchema.Annotations(null, _pool.SlotNames))];
    }
}
