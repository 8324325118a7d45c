namespace MLNet.DeepTrainers.Data;

/// <summary>The rows of a view for which a predicate over the input cursor holds, in order.</summary>
internal sealed class RowFilterView(IDataView input, Func<DataViewRowCursor, Func<bool>> makePredicate) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema => input.Schema;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var inner = input.GetRowCursor(input.Schema);
        return new Cursor(inner, makePredicate(inner));
    }

    private sealed class Cursor(DataViewRowCursor input, Func<bool> keep) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => input.Schema;

        public override long Position => _position;

        public override bool MoveNext()
        {
            while (input.MoveNext())
            {
                if (keep())
                {
                    _position++;
                    return true;
                }
            }
            return false;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => input.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                input.Dispose();
        }
    }
}
