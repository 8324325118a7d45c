namespace MLNet.DeepTrainers.Data;

/// <summary>A view built on its first read (once, even across threads) and reused after.</summary>
internal sealed class LazyDataView(DataViewSchema schema, Func<IDataView> build) : IDataView
{
    private readonly Lazy<IDataView> _view = new(build, LazyThreadSafetyMode.ExecutionAndPublication);

    public bool CanShuffle => true;

    public DataViewSchema Schema => schema;

    public long? GetRowCount() => _view.IsValueCreated ? _view.Value.GetRowCount() : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        _view.Value.GetRowCursor(columnsNeeded, rand);
}
