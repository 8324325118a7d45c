namespace MLNet.DeepTrainers;

/// <summary>
/// Feature rows held sparse on the host, in CSR form: row r's stored values are
/// <c>Values[Starts[r]..Starts[r + 1])</c>, at the slots <c>Slots[...]</c> in increasing order; every
/// other slot is 0. What a bag of words of 2^20 slots is held as (see <see cref="FeatureRowsBuilder"/>).
/// </summary>
internal sealed class SparseRows
{
    /// <summary>
    /// The most values a batch made dense may have: 2^28, 1 GiB of Single. A batch of a sparse data set is
    /// the one dense thing in training, BatchSize × slots values (128 MiB for 32 rows of 2^20 slots).
    /// </summary>
    public const long MaxBatchValues = 1L << 28;

    public SparseRows(int width, long[] starts, int[] slots, float[] values)
    {
        Width = width;
        Starts = starts;
        Slots = slots;
        Values = values;
    }

    public int Width { get; }

    public int Rows => Starts.Length - 1;

    /// <summary>Where each row's stored values begin, and (last) where the last row's end: Rows + 1 offsets.</summary>
    public long[] Starts { get; }

    public int[] Slots { get; }

    public float[] Values { get; }

    /// <summary>The <paramref name="rows"/> rows from <paramref name="start"/>, copied.</summary>
    public SparseRows Slice(int start, int rows)
    {
        long first = Starts[start];
        int count = (int)(Starts[start + rows] - first);
        var starts = new long[rows + 1];
        for (int r = 0; r <= rows; r++)
            starts[r] = Starts[start + r] - first;
        return new SparseRows(Width, starts, Slots.AsSpan((int)first, count).ToArray(), Values.AsSpan((int)first, count).ToArray());
    }

    /// <summary>The rows dense, row after row; the caller has checked Rows × Width fits an array.</summary>
    public float[] ToDense()
    {
        var dense = new float[(long)Rows * Width];
        for (int r = 0; r < Rows; r++)
        {
            for (long i = Starts[r]; i < Starts[r + 1]; i++)
                dense[(long)r * Width + Slots[i]] = Values[i];
        }
        return dense;
    }

    /// <summary>Checks a batch of <paramref name="batchSize"/> rows, made dense, stays within <see cref="MaxBatchValues"/>.</summary>
    public void CheckBatch(int batchSize, string column, string user)
    {
        long values = (long)Math.Min(batchSize, Rows) * Width;
        if (values > MaxBatchValues)
            throw new ArgumentOutOfRangeException(nameof(DeepTrainerOptions.BatchSize), batchSize,
                $"{user}: the feature column '{column}' is held sparse ({Width:N0} slots) and each batch is made dense for the network: a batch of {batchSize} rows would take {values * sizeof(float) >> 20:N0} MiB, " +
                $"more than the {MaxBatchValues * sizeof(float) >> 20:N0} MiB allowed. " + (MaxBatchValues / Width > 0 ? $"Set BatchSize to at most {MaxBatchValues / Width:N0}, or make" : "Make") + " fewer slots (ProduceHashedWordBags' numberOfBits).");
    }
}
