namespace MLNet.DeepTrainers.Data;

/// <summary>
/// A fitted transform that computes columns row by row. Its output is a lazy view: nothing is
/// computed until the view is read.
/// </summary>
public abstract class RowToRowTransformerBase : ITransformer, IPersistentTransformer
{
    private protected RowToRowTransformerBase() { }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return MappedDataView.OutputSchema(inputSchema, Outputs(inputSchema), KeptColumns(inputSchema));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, Outputs(input.Schema), KeptColumns(input.Schema));
    }

    /// <summary>The computed columns for an input of <paramref name="input"/>; throws, naming the column, when the input does not fit.</summary>
    private protected abstract IReadOnlyList<OutputColumn> Outputs(DataViewSchema input);

    /// <summary>The input columns passed through (null: all of them).</summary>
    private protected virtual IEnumerable<string>? KeptColumns(DataViewSchema input) => null;

    private protected abstract string StageKind { get; }

    private protected abstract void Save(StageWriter writer);

    string IPersistentTransformer.StageKind => StageKind;

    void IPersistentTransformer.Save(StageWriter writer) => Save(writer);
}
