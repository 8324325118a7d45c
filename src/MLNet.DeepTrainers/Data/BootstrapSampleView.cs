namespace MLNet.DeepTrainers.Data;

/// <summary>
/// ML.NET's streaming bootstrap: each input row appears k times, k drawn from Poisson(1), so about
/// 1 − 1/e of the rows appear at least once and the sample's size is about the input's. The complement
/// is the out-of-bag rows (k = 0), each once. Every cursor draws the same counts from the seed, so the
/// view reads the same rows on every pass.
/// </summary>
internal sealed class BootstrapSampleView(IDataView input, int seed, bool complement) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema => input.Schema;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(input.GetRowCursor(columnsNeeded), new Random(seed), complement);

    /// <summary>A draw from Poisson(1) by multiplying uniforms until the product falls below e^-1 (Knuth).</summary>
    internal static int Poisson1(Random random)
    {
        double limit = Math.Exp(-1), product = random.NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    private sealed class Cursor(DataViewRowCursor input, Random random, bool complement) : DataViewRowCursor
    {
        private long _position = -1;
        private int _remaining;

        public override DataViewSchema Schema => input.Schema;

        public override long Position => _position;

        public override bool MoveNext()
        {
            while (_remaining == 0 && input.MoveNext())
            {
                int draws = Poisson1(random);
                _remaining = complement ? (draws == 0 ? 1 : 0) : draws;
            }
            if (_remaining == 0)
                return false;
            _remaining--;
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
