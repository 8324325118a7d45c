namespace MLNet.DeepTrainers;

/// <summary>
/// No rows, with the visible columns of a schema (names, types, annotations): what ML.NET's ONNX converter
/// is given for one stage of a pipeline. The converter walks back through every ML.NET transform that made
/// its input and declares the first view that is not one as the graph's inputs; a view of its own stops that
/// walk at the stage, so the stage's graph reads exactly the columns the stage reads. Hidden columns are left
/// out: a stage reads columns by name, and so the visible ones.
/// </summary>
internal sealed class SchemaOnlyView : IDataView
{
    public SchemaOnlyView(DataViewSchema schema)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in schema.Where(c => !c.IsHidden))
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => 0;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new NoRows(Schema);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new NoRows(Schema)];

    private sealed class NoRows(DataViewSchema schema) : DataViewRowCursor
    {
        public override DataViewSchema Schema => schema;

        public override long Position => -1;

        public override long Batch => 0;

        public override bool MoveNext() => false;

        public override bool IsColumnActive(DataViewSchema.Column column) => false;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            throw new InvalidOperationException($"The column '{column.Name}' has no rows to read: this view only describes a schema.");

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            throw new InvalidOperationException("This view has no rows: it only describes a schema.");
    }
}
