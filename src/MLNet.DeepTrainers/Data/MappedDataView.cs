namespace MLNet.DeepTrainers.Data;

/// <summary>
/// The lazy view every row-to-row transform returns: the kept input columns, then the computed
/// ones. A computed column with the name of an input column replaces it.
/// </summary>
internal sealed class MappedDataView : IDataView, ILiveRows
{
    private readonly IDataView _input;
    private readonly IReadOnlyList<OutputColumn> _outputs;
    // For each column of Schema: its index in the input (>= 0) or ~index into _outputs.
    private readonly int[] _sources;

    public MappedDataView(IDataView input, IReadOnlyList<OutputColumn> outputs, IEnumerable<string>? keptInputColumns = null)
    {
        _input = input;
        _outputs = outputs;
        (Schema, _sources) = Layout(input.Schema, outputs, keptInputColumns);
    }

    public bool CanShuffle => _input.CanShuffle;

    public bool IsLive => _input is ILiveRows { IsLive: true };

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    /// <summary>The schema a transform produces from <paramref name="input"/>, without reading any data.</summary>
    public static DataViewSchema OutputSchema(DataViewSchema input, IReadOnlyList<OutputColumn> outputs, IEnumerable<string>? keptInputColumns = null) =>
        Layout(input, outputs, keptInputColumns).Schema;

    private static (DataViewSchema Schema, int[] Sources) Layout(DataViewSchema input, IReadOnlyList<OutputColumn> outputs, IEnumerable<string>? keptInputColumns)
    {
        var replaced = outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var kept = (keptInputColumns ?? input.Select(c => c.Name)).Select(name => input[name].Index).Where(i => !replaced.Contains(input[i].Name)).ToList();
        var sources = kept.Concat(Enumerable.Range(0, outputs.Count).Select(i => ~i)).ToArray();
        var columns = sources.Select(s => s >= 0
            ? (input[s].Name, input[s].Type, input[s].Annotations)
            : (outputs[~s].Name, outputs[~s].Type, outputs[~s].Annotations));
        return (new DataViewSchema(columns), sources);
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _input.GetRowCursor(_input.Schema, rand), rand is null && !IsLive ? new RowsAhead(_input) : null);

    private sealed class Cursor(MappedDataView view, DataViewRowCursor input, RowsAhead? ahead) : DataViewRowCursor
    {
        private readonly Delegate?[] _getters = new Delegate?[view._outputs.Count];
        private readonly Delegate?[] _sparseGetters = new Delegate?[view._outputs.Count];

        public override DataViewSchema Schema => view.Schema;

        public override long Position => input.Position;

        public override bool MoveNext() => input.MoveNext();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int source = view._sources[column.Index];
            // A kept column is read as the input reads it, so a sparse vector stays sparse.
            if (source >= 0)
                return input.GetGetter<TValue>(input.Schema[source]);
            var output = view._outputs[~source];
            if (output.MakeSparseGetter is { } sparse && ValueViews.IsVBufferOf(column.Type, typeof(TValue)))
                return (ValueGetter<TValue>)(_sparseGetters[~source] ??= sparse(input));
            if (ValueViews.Getter<TValue>(this, column) is { } asView)
                return asView;
            return (ValueGetter<TValue>)(_getters[~source] ??= output.MakeBatchedGetter is { } batched && ahead is not null ? batched(input, ahead) : output.MakeGetter(input));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
                ahead?.Dispose();
            }
        }
    }
}
