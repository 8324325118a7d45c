namespace MLNet.DeepTrainers.Transforms;

/// <summary>Joins scalars and vectors of one item type into one vector, slots in input order.</summary>
public sealed class ColumnConcatenatingTransformer : RowToRowTransformerBase, IOnnxExportable
{
    void IOnnxExportable.ExportOnnx(OnnxGraph graph, DataViewSchema input, DataViewSchema output)
    {
        var values = _inputs.Select(name => graph.Column(name, $"Concatenate('{_output}')").Value).ToArray();
        graph.SetColumn(_output, values.Length == 1 ? values[0] : graph.Node("Concat", values, OnnxAttribute.Int("axis", 1)), output[_output].Type);
    }

    internal const string Kind = "Concatenate";
    private readonly string _output;
    private readonly string[] _inputs;
    // What names each input's slots instead of its column name ("" for the slot names alone), as
    // ML.NET's tagged columns do; null: the column names.
    private readonly string[]? _slotPrefixes;

    internal ColumnConcatenatingTransformer(string outputColumnName, string[] inputColumnNames, string[]? slotPrefixes = null)
    {
        if (inputColumnNames.Length == 0)
            throw new ArgumentException($"Concatenate('{outputColumnName}') needs at least one input column.", nameof(inputColumnNames));
        if (slotPrefixes is not null && (slotPrefixes.Length != inputColumnNames.Length || slotPrefixes.Any(p => p is null)))
            throw new ArgumentException($"Concatenate('{outputColumnName}') needs one slot prefix per input column.", nameof(slotPrefixes));
        _output = outputColumnName;
        _inputs = inputColumnNames;
        _slotPrefixes = slotPrefixes;
    }

    internal static ColumnConcatenatingTransformer Load(StageReader reader) =>
        new(reader.Get<string>("output"), reader.Get<string[]>("inputs"), reader.GetOptional<string[]>("slotPrefixes"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("inputs", _inputs);
        if (_slotPrefixes is not null)
            writer.Set("slotPrefixes", _slotPrefixes);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var columns = _inputs.Select(name => input.GetColumnOrNull(name) ?? throw input.MissingColumn(name, $"Concatenate('{_output}')")).ToArray();
        var item = columns[0].Type.ItemType()!;
        foreach (var c in columns.Where(c => !c.Type.ItemType()!.Equals(item)))
            throw new ArgumentOutOfRangeException(nameof(input), $"Concatenate('{_output}'): column '{c.Name}' is {c.Type}, but '{columns[0].Name}' holds {item}; every input must hold the same item type. Convert it first with Conversion.ConvertType (numbers) or Categorical.OneHotEncoding (categories).");
        var widths = columns.Select(c => c.Type is VectorDataViewType v ? v.Size : 1).ToArray();
        // One input whose size varies makes the whole a vector whose size varies, as in ML.NET.
        bool knownSize = widths.All(w => w > 0);
        // As ML.NET: a scalar is named after its column, a named slot "column.slot"; an unnamed slot (which
        // ML.NET leaves empty) "column[i]".
        var slotNames = knownSize ? columns.SelectMany((c, k) =>
        {
            string prefix = _slotPrefixes?[k] ?? c.Name;
            return c.Type is VectorDataViewType v
                ? Enumerable.Range(0, v.Size).Select(i => c.Annotations.SlotNames is { } names && names.Count == v.Size && names[i] != ""
                    ? (prefix == "" ? names[i] : $"{prefix}.{names[i]}") : $"{prefix}[{i}]")
                : [prefix];
        }).ToArray() : null;
        var type = new VectorDataViewType(item, knownSize ? widths.Sum() : 0);
        var make = Generic(nameof(MakeGetter), item);
        // Numbers also join as VBuffers, so sparse inputs (bags of words) make a sparse whole.
        var makeSparse = item is TextDataViewType ? null : Generic(nameof(MakeSparseGetter), item);
        return [new OutputColumn(_output, type, cursor => (Delegate)make.Invoke(null, [cursor, columns])!, new DataViewSchema.Annotations(null, slotNames),
            MakeSparseGetter: makeSparse is null ? null : cursor => (Delegate)makeSparse.Invoke(null, [cursor, columns])!)];
    }

    private static System.Reflection.MethodInfo Generic(string name, DataViewType item) =>
        typeof(ColumnConcatenatingTransformer).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(item.RawType);

    private static ValueGetter<VBuffer<TItem>> MakeSparseGetter<TItem>(DataViewRowCursor cursor, DataViewSchema.Column[] columns)
    {
        var scalars = columns.Select(c => c.Type is VectorDataViewType ? null : cursor.GetGetter<TItem>(c)).ToArray();
        var vectors = columns.Select(c => c.Type is VectorDataViewType ? cursor.GetGetter<VBuffer<TItem>>(c) : null).ToArray();
        var items = new TItem[columns.Length];
        var parts = new VBuffer<TItem>[columns.Length];
        return (ref VBuffer<TItem> value) =>
        {
            int length = 0, count = 0;
            bool dense = true;
            for (int i = 0; i < columns.Length; i++)
            {
                if (scalars[i] is ValueGetter<TItem> scalar)
                {
                    scalar(ref items[i]);
                    length++;
                    count++;
                    continue;
                }
                vectors[i]!(ref parts[i]);
                length += parts[i].Length;
                count += parts[i].GetValues().Length;
                dense &= parts[i].IsDense;
            }
            var values = new TItem[count];
            var indices = dense ? null : new int[count];
            int offset = 0, at = 0;
            for (int i = 0; i < columns.Length; i++)
            {
                if (scalars[i] is not null)
                {
                    values[at] = items[i];
                    if (indices is not null)
                        indices[at] = offset;
                    at++;
                    offset++;
                    continue;
                }
                var part = parts[i];
                var partValues = part.GetValues();
                partValues.CopyTo(values.AsSpan(at));
                if (indices is not null)
                {
                    var partIndices = part.GetIndices();
                    for (int k = 0; k < partValues.Length; k++)
                        indices[at + k] = offset + (part.IsDense ? k : partIndices[k]);
                }
                at += partValues.Length;
                offset += part.Length;
            }
            value = new VBuffer<TItem>(length, count, values, indices);
        };
    }

    private static ValueGetter<TItem[]> MakeGetter<TItem>(DataViewRowCursor cursor, DataViewSchema.Column[] columns)
    {
        var scalars = columns.Select(c => c.Type is VectorDataViewType ? null : cursor.GetGetter<TItem>(c)).ToArray();
        var vectors = columns.Select(c => c.Type is VectorDataViewType ? cursor.GetGetter<TItem[]>(c) : null).ToArray();
        var buffers = columns.Select(_ => Array.Empty<TItem>()).ToArray();
        var items = new TItem[columns.Length];
        return (ref TItem[] value) =>
        {
            int size = 0;
            for (int i = 0; i < columns.Length; i++)
            {
                if (scalars[i] is ValueGetter<TItem> scalar)
                {
                    scalar(ref items[i]);
                    size++;
                }
                else
                {
                    vectors[i]!(ref buffers[i]);
                    size += buffers[i].Length;
                }
            }
            if (value is null || value.Length != size)
                value = new TItem[size];
            int offset = 0;
            for (int i = 0; i < columns.Length; i++)
            {
                if (scalars[i] is not null)
                    value[offset++] = items[i];
                else
                {
                    buffers[i].AsSpan().CopyTo(value.AsSpan(offset));
                    offset += buffers[i].Length;
                }
            }
        };
    }
}
