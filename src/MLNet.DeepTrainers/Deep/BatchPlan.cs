namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// How one epoch's rows become optimizer steps for this process: which positions of its shuffled
/// order each step trains on, and how many rows the step has over all ranks (its loss and gradient
/// are the mean over those). The same for every epoch; the order is reshuffled, not the plan.
/// </summary>
internal sealed class BatchPlan
{
    private BatchPlan(List<(int Start, int Rows, int Total)> steps, long totalRows)
    {
        Steps = steps;
        TotalRows = totalRows;
    }

    /// <summary>Each step: this rank's rows at <c>Start</c> of its order, and the step's rows over all ranks.</summary>
    public IReadOnlyList<(int Start, int Rows, int Total)> Steps { get; }

    /// <summary>The rows of an epoch over all ranks.</summary>
    public long TotalRows { get; }

    /// <summary>The most rows this rank trains on in one step.</summary>
    public int MostRows => Steps.Max(s => s.Rows);

    /// <summary>
    /// The plan for <paramref name="rows"/> rows (this rank's) at <paramref name="batchSize"/>. Alone:
    /// batches of the size. Distributed on the same rows: a step takes <paramref name="batchSize"/> rows
    /// per rank from one shuffled order, each rank its consecutive share, as PyTorch's
    /// DistributedDataParallel with a DistributedSampler. Sharded: each rank batches its own rows, and the
    /// epoch lasts until the rank with the most has used them all, the others adding none.
    /// </summary>
    public static BatchPlan For(int rows, int batchSize, bool batchNormalization, DataParallel? parallel)
    {
        if (parallel is null)
            return new(Batches(rows, batchSize, batchNormalization).Select(b => (b.Start, b.Rows, b.Rows)).ToList(), rows);
        int minimumShare = batchNormalization ? 2 : 1;
        if (!parallel.Sharded)
        {
            var steps = Batches(rows, batchSize * parallel.Group.Size, batchNormalization)
                .Select(b =>
                {
                    var (offset, count) = parallel.Share(b.Rows, minimumShare);
                    return (b.Start + offset, count, b.Rows);
                }).ToList();
            return new(steps, rows);
        }
        return Sharded(parallel.RowsOfEachRank(rows), parallel.Group.Rank, batchSize, batchNormalization);
    }

    /// <summary>The plan of rank <paramref name="rank"/> when the ranks hold <paramref name="counts"/> rows of their own.</summary>
    internal static BatchPlan Sharded(long[] counts, int rank, int batchSize, bool batchNormalization)
    {
        if (batchNormalization && Array.FindIndex(counts, c => c == 1) is var single and >= 0)
            throw new InvalidOperationException($"BatchNormalization takes statistics over each rank's rows of a step, so every rank needs at least 2 rows; rank {single} holds 1. Give it more rows or fewer ranks.");
        var batches = counts.Select(c => Batches((int)c, batchSize, batchNormalization)).ToArray();
        var mine = batches[rank];
        var steps = Enumerable.Range(0, batches.Max(b => b.Count))
            .Select(s => (s < mine.Count ? mine[s].Start : (int)counts[rank], s < mine.Count ? mine[s].Rows : 0, batches.Sum(b => s < b.Count ? b[s].Rows : 0)))
            .ToList();
        return new(steps, counts.Sum());
    }

    /// <summary>
    /// The batches of <paramref name="rows"/> rows as (start, rows). Batch normalization cannot take
    /// statistics of a single row (libtorch refuses; Keras would normalise it to zero), so with it a last
    /// batch of one row is merged into the batch before it: 33 rows at batch size 32 train as one batch of 33.
    /// </summary>
    internal static List<(int Start, int Rows)> Batches(int rows, int batchSize, bool batchNormalization)
    {
        if (batchNormalization && (rows == 1 || batchSize < 2))
            throw new InvalidOperationException($"BatchNormalization takes statistics over a batch, so it needs batches of at least 2 rows; the data has {rows} rows and the batch size is {batchSize}.");
        var batches = new List<(int Start, int Rows)>();
        for (int start = 0; start < rows; start += batchSize)
            batches.Add((start, Math.Min(batchSize, rows - start)));
        if (batchNormalization && batches.Count > 1 && batches[^1].Rows == 1)
        {
            batches.RemoveAt(batches.Count - 1);
            batches[^1] = (batches[^1].Start, batches[^1].Rows + 1);
        }
        return batches;
    }
}
