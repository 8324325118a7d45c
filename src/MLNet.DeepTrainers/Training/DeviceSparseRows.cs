namespace MLNet.DeepTrainers;

/// <summary>
/// <see cref="SparseRows"/> on the training device as CSR tensors, a batch made dense there in a few
/// operations: the batch rows' stored values are found by position and put into a zero [batch, width]
/// tensor. The data set stays sparse on the device; only a batch is dense.
/// </summary>
internal sealed class DeviceSparseRows : IDisposable
{
    private readonly Tensor _starts;
    private readonly Tensor _slots;
    private readonly Tensor _values;
    private readonly int _width;

    private DeviceSparseRows(Tensor starts, Tensor slots, Tensor values, int width)
    {
        _starts = starts;
        _slots = slots;
        _values = values;
        _width = width;
    }

    // The host tensors live in a dispose scope, as TrainingLoop's dense ones do.
    public static DeviceSparseRows From(SparseRows rows, torch.Device device)
    {
        using var scope = torch.NewDisposeScope();
        return new(
            torch.tensor(rows.Starts).to(device).DetachFromDisposeScope(),
            torch.tensor(rows.Slots).to(torch.int64, device).DetachFromDisposeScope(),
            torch.tensor(rows.Values).to(device).DetachFromDisposeScope(),
            rows.Width);
    }

    /// <summary>The rows <paramref name="indices"/> (int64, on the device) dense: [rows, width]. Call in a dispose scope.</summary>
    public Tensor Dense(Tensor indices)
    {
        var device = _values.device;
        var starts = _starts.index_select(0, indices);
        var counts = _starts.index_select(0, indices.add(Scalars.One, Scalars.One)).sub(starts);
        long stored = counts.sum().item<long>();
        long rows = indices.shape[0];
        // Scalars that outlive the calls that read them (see Scalars).
        using var rowCount = rows.ToScalar();
        using var storedCount = stored.ToScalar();
        // For each stored value of the batch: its row in the batch, and its position in the data set's
        // arrays (its row's start, plus its place among the batch's stored values less the row's first place).
        var batchRow = torch.arange(rowCount, torch.int64, device).repeat_interleave(counts, 0, stored);
        var firstPlace = counts.cumsum(0).sub(counts);
        var position = torch.arange(storedCount, torch.int64, device).add(starts.sub(firstPlace).repeat_interleave(counts, 0, stored), Scalars.One);
        var dense = torch.zeros(rows, _width, device: device);
        return dense.index_put_(_values.index_select(0, position), [batchRow, _slots.index_select(0, position)]);
    }

    /// <summary>The <paramref name="count"/> rows from <paramref name="start"/> dense. Call in a dispose scope.</summary>
    public Tensor Dense(long start, long count)
    {
        using var first = start.ToScalar();
        using var end = (start + count).ToScalar();
        return Dense(torch.arange(first, end, Scalars.One, torch.int64, _values.device));
    }

    public void Dispose()
    {
        _starts.Dispose();
        _slots.Dispose();
        _values.Dispose();
    }
}
