namespace MLNet.DeepTrainers.Transforms;

/// <summary>Joins Single scalars and vectors into one Single vector, slots in input order.</summary>
public sealed class ColumnConcatenatingTransformer : RowToRowTransformerBase
{
    internal const string Kind = "Concatenate";
    private readonly string _output;
    private readonly string[] _inputs;

    internal ColumnConcatenatingTransformer(string outputColumnName, string[] inputColumnNames)
    {
        if (inputColumnNames.Length == 0)
            throw new ArgumentException($"Concatenate('{outputColumnName}') needs at least one input column.", nameof(inputColumnNames));
        _output = outputColumnName;
        _inputs = inputColumnNames;
    }

    internal static ColumnConcatenatingTransformer Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string[]>("inputs"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("inputs", _inputs);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var columns = _inputs.Select(name => input.GetColumnOrNull(name) ?? throw input.MissingColumn(name, $"Concatenate('{_output}')")).ToArray();
        foreach (var c in columns.Where(c => !(c.Type.Equals(NumberDataViewType.Single) || c.Type is VectorDataViewType)))
            throw new ArgumentOutOfRangeException(nameof(input), $"Concatenate('{_output}'): column '{c.Name}' is {c.Type}; only Single values and Single vectors can be concatenated. Convert it first with Conversion.ConvertType (numbers) or Categorical.OneHotEncoding (categories).");
        var widths = columns.Select(c => c.Type is VectorDataViewType v ? v.Size : 1).ToArray();
        var slotNames = columns.SelectMany(c => c.Type is VectorDataViewType v
            ? c.Annotations.SlotNames ?? Enumerable.Range(0, v.Size).Select(i => $"{c.Name}[{i}]").ToArray()
            : [c.Name]).ToArray();
        var type = new VectorDataViewType(NumberDataViewType.Single, widths.Sum());
        return [new OutputColumn(_output, type, cursor => MakeGetter(cursor, columns, widths), new DataViewSchema.Annotations(null, slotNames))];
    }

    private static ValueGetter<float[]> MakeGetter(DataViewRowCursor cursor, DataViewSchema.Column[] columns, int[] widths)
    {
        int size = widths.Sum();
        var scalars = columns.Select(c => c.Type is VectorDataViewType ? null : cursor.GetGetter<float>(c)).ToArray();
        var vectors = columns.Select(c => c.Type is VectorDataViewType ? cursor.GetGetter<float[]>(c) : null).ToArray();
        var buffers = widths.Select(w => new float[w]).ToArray();
        return (ref float[] value) =>
        {
            if (value is null || value.Length != size)
                value = new float[size];
            int offset = 0;
            for (int i = 0; i < columns.Length; i++)
            {
                if (scalars[i] is ValueGetter<float> scalar)
                {
                    scalar(ref value[offset]);
                }
                else
                {
                    vectors[i]!(ref buffers[i]);
                    buffers[i].AsSpan().CopyTo(value.AsSpan(offset));
                }
                offset += widths[i];
            }
        };
    }
}
