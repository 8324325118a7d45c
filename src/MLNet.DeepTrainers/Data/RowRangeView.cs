namespace MLNet.DeepTrainers.Data;

/// <summary>Rows <c>skip</c> to <c>skip + take - 1</c> of a view; reading stops once they are past.</summary>
internal sealed class RowRangeView(IDataView input, long skip, long take) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema => input.Schema;

    public long? GetRowCount() => input.GetRowCount() is long n ? Math.Clamp(n - skip, 0, take) : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(input.GetRowCursor(input.Schema), skip, take);

    private sealed class Cursor(DataViewRowCursor input, long skip, long take) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => input.Schema;

        public override long Position => _position;

        public override bool MoveNext()
        {
            if (_position + 1 >= take)
                return false;
            while (input.Position + 1 < skip)
            {
                if (!input.MoveNext())
                    return false;
            }
            if (!input.MoveNext())
                return false;
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => input.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                input.Dispose();
        }
    }
}
