using DataType = Onnx.TensorProto.Types.DataType;
using VectorKind = Microsoft.ML.SchemaShape.Column.VectorKind;

namespace MLNet.DeepTrainers;

/// <summary>
/// What a feature column is to a network, decided once from its type and the options, for training,
/// scoring and saving alike: Single values (a scalar, or a known-size vector, dense or sparse, with its
/// dimensions for an image), or token indices (a vector of keys, made rows of one length by
/// <see cref="PadSequences"/>). Any other column is refused, naming what it is and what would make it fit.
/// </summary>
internal sealed class FeatureColumn
{
    private FeatureColumn(string name, DataViewType type, int[] shape, PadSequences? sequences)
    {
        Name = name;
        Type = type;
        Shape = shape;
        Width = Layer.Product(shape);
        Sequences = sequences;
    }

    public string Name { get; }

    public DataViewType Type { get; }

    /// <summary>The shape of one example: the column's dimensions when it has several (an image), else its size ([1] for a scalar); for keys, the sequence length.</summary>
    public int[] Shape { get; }

    /// <summary>Values per example.</summary>
    public int Width { get; }

    /// <summary>How rows of keys become token indices; null for Single features.</summary>
    public PadSequences? Sequences { get; }

    /// <summary>
    /// The largest token index the network is given (the key count), or null for Single features. A layer
    /// that looks indices up (an Embedding) must have more rows than this: <see cref="NetworkArchitecture"/>
    /// hands it to the first layer's <see cref="Layer.CheckIndexInput"/>.
    /// </summary>
    public int? IndexBound => Sequences?.IndexBound;

    /// <summary>
    /// Adds the column to <paramref name="graph"/> as the input OnnxTransformer feeds it to, one row: Single
    /// values as they are (a vector as its values, dense, a scalar as [1, 1]); keys as [1, n] uint32 (OnnxTransformer
    /// feeds a key column to a uint32 input as its raw values), then <see cref="Sequences"/>' nodes. Returns the
    /// value the network reads.
    /// </summary>
    public string ExportOnnx(OnnxGraph graph)
    {
        if (Sequences is null)
            return graph.Input(Name, DataType.Float, Type is VectorDataViewType ? [Width] : [1, 1]);
        int size = ((VectorDataViewType)Type).Size;
        return ExportOnnx(graph, graph.Input(Name, DataType.Uint32, 1, size == 0 ? OnnxGraph.Varying : size));
    }

    /// <summary>
    /// The value the network reads from <paramref name="column"/>, the column's values already in <paramref name="graph"/>
    /// as ML.NET's ONNX converter holds them, rows first: Single values as they are (the network gives them its input
    /// shape), keys (uint32) through <see cref="Sequences"/>' nodes.
    /// </summary>
    public string ExportOnnx(OnnxGraph graph, string column) => Sequences is null ? column : Sequences.ExportOnnx(graph, column);

    /// <summary>The feature column <paramref name="column"/> as the network reads it, with <paramref name="options"/>' sequence settings.</summary>
    public static FeatureColumn Check(DataViewSchema.Column column, DeepTrainerOptions options, string user)
    {
        var vector = column.Type as VectorDataViewType;
        var kind = vector is null ? VectorKind.Scalar : vector.IsKnownSize ? VectorKind.Vector : VectorKind.VariableVector;
        var item = vector?.ItemType ?? column.Type;
        if (!IsKeys(column.Name, item, (item as KeyDataViewType)?.Count, kind, options, user, $"{column.Type}"))
            return new(column.Name, column.Type, vector is { Dimensions.Length: > 1 } ? [.. vector.Dimensions] : [vector?.Size ?? 1], null);
        int length = options.MaxSequenceLength ?? vector!.Size;
        int keys = (int)((KeyDataViewType)vector!.ItemType).Count;
        return new(column.Name, column.Type, [length], new PadSequences(length, options.SequencePadding, options.SequenceTruncating, keys));
    }

    /// <summary>The same check over an estimator's schema shape, which knows no vector sizes or key counts (and gives a key's raw type as its item type).</summary>
    public static void Check(SchemaShape.Column column, DeepTrainerOptions options, string user) =>
        IsKeys(column.Name, column.ItemType, column.IsKey ? 0 : null, column.Kind, options, user, $"{column.ItemType}{(column.IsKey ? " key" : "")} ({column.Kind})");

    /// <summary>
    /// Whether a feature column of <paramref name="item"/> values holds token indices (keys, of <paramref name="keyCount"/>
    /// values, 0 where unknown; null for other values) rather than Single values; throws for any other column.
    /// </summary>
    private static bool IsKeys(string name, DataViewType item, ulong? keyCount, VectorKind kind, DeepTrainerOptions options, string user, string found)
    {
        string column = $"{user}: the feature column '{name}' is {found}";
        if (keyCount is ulong count)
        {
            if (kind == VectorKind.Scalar)
                throw Refused($"{column}, one key (a category) per row; a network reads a category one-hot (ml.Transforms.Categorical.OneHotEncoding), or token indices from a vector of keys (ml.Transforms.Text.TokenizeIntoWords, then ml.Transforms.Conversion.MapValueToKey).");
            if (item.RawType != typeof(uint))
                throw Refused($"{column}, keys of {item.RawType.Name}; token indices are read from UInt32 keys, as ml.Transforms.Conversion.MapValueToKey makes them (MapKeyToValue, then MapValueToKey, turns other keys into those).");
            if (count > PadSequences.MaxIndexBound)
                throw Refused($"{column}, keys of {count:N0} values, but token indices reach the network as Single, which holds whole numbers exactly up to {PadSequences.MaxIndexBound:N0}; keep fewer keys (MapValueToKey's maximumNumberOfKeys).");
            if (kind == VectorKind.VariableVector && options.MaxSequenceLength is null)
                throw Refused($"{column}, a vector of keys whose length varies from row to row; set MaxSequenceLength to the number of token indices the network reads per row " +
                    "(longer rows are truncated and shorter ones padded with index 0, as Keras's pad_sequences; SequencePadding and SequenceTruncating choose the ends).");
            return true;
        }
        if (item != NumberDataViewType.Single)
            throw Refused($"{column}, but a network reads Single features (a known-size vector, as ml.Transforms.Concatenate makes; text as a bag of words: ml.Transforms.Text.FeaturizeText or ProduceWordBags) " +
                "or token indices (a vector of keys: ml.Transforms.Text.TokenizeIntoWords, then ml.Transforms.Conversion.MapValueToKey). ml.Transforms.Conversion.ConvertType converts other numbers to Single.");
        if (kind == VectorKind.VariableVector)
            throw Refused($"{column}, a vector whose size varies from row to row, but a network needs the same number of features in every row: make a known-size vector " +
                "(ml.Transforms.Concatenate of Single columns; ml.Transforms.Text.ProduceWordBags or FeaturizeText for text).");
        if (options.MaxSequenceLength is int length)
            throw Refused($"{user}: MaxSequenceLength ({length}) pads and truncates token indices, a vector of keys, but the feature column '{name}' is {found}; leave MaxSequenceLength unset.");
        return false;
    }

    private static ArgumentOutOfRangeException Refused(string message) => new("inputSchema", message);
}
