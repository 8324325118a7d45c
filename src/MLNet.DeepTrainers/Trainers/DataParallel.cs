using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using MLNet.DeepTrainers.Torch;

namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// A trainer's part in a group of processes (<see cref="DistributedTraining"/>): which rows are this
/// rank's (of each batch for a network, of the data for trees; all it holds when the data is sharded),
/// the check that every rank trains the same model with the same options on the same data (or on rows
/// of the same columns, when sharded), and the sums of what the ranks measured. Every rank makes the
/// same calls in the same order; a rank that does not arrive makes the others fail within the group's
/// timeout.
/// </summary>
internal sealed class DataParallel : IDisposable
{
    private readonly TorchProcessGroup _group;
    private readonly string _user;

    private DataParallel(TorchProcessGroup group, bool sharded, string user)
    {
        // Two fits at once would interleave their collective calls differently on each rank.
        if (!group.TryAcquire())
            throw new InvalidOperationException($"{user}: another model of this process is training over the same group of processes. " +
                "A distributed run trains one model at a time in each process (cross-validation's folds run one after another); fit them in turn.");
        _group = group;
        _user = user;
        Sharded = sharded;
    }

    public void Dispose() => _group.Release();

    public TorchProcessGroup Group => _group;

    /// <summary>Whether each rank holds its own rows (<see cref="DistributedTraining.ShardedData"/>) rather than all of them.</summary>
    public bool Sharded { get; }

    /// <summary>Whether this rank reports progress and writes logs: rank 0 alone, so a run reads as one.</summary>
    public bool Reports => _group.Rank == 0;

    /// <summary>The group of the context's <see cref="MLContext.DistributedTraining"/>, or null when it trains alone.</summary>
    public static DataParallel? Join(MLContext context, int device, string user) =>
        context.DistributedTraining is { } settings ? new(TorchProcessGroup.Join(settings, device, user), settings.ShardedData, user) : null;

    /// <summary>Rank 0's <paramref name="seed"/>: every rank shuffles the rows the same way.</summary>
    public int AgreeOn(int seed) => (int)_group.Gather([seed])[0][0];

    /// <summary>
    /// Fails on every rank, naming the first fact that differs and the rank it differs on, unless every
    /// rank states the same facts (the network, the options, the data).
    /// </summary>
    public void CheckSame(IReadOnlyList<(string What, long Value)> facts)
    {
        // A collective moves as many values on every rank: first the number of facts (a rank training another kind of model states others).
        var counts = _group.Gather([facts.Count]);
        if (Array.FindIndex(counts, c => c[0] != facts.Count) is var other and >= 0)
            throw new InvalidOperationException($"{_user}: rank {other} trains another kind of model than rank {_group.Rank} (it states {counts[other][0]} facts to compare, not {facts.Count}). " +
                "Every process of a distributed run trains the same model; start them all from the same program.");
        var all = _group.Gather(facts.Select(f => f.Value).ToArray());
        for (int rank = 1; rank < all.Length; rank++)
        {
            for (int i = 0; i < facts.Count; i++)
            {
                if (all[rank][i] != all[0][i])
                    throw new InvalidOperationException($"{_user}: rank {rank} and rank 0 differ in {facts[i].What}. Every process of a distributed run " +
                        "trains the same model with the same options, on the same data or (ShardedData) each on its own rows of the same columns; start them all from the same program.");
            }
        }
    }

    /// <summary>
    /// What every rank must agree on about its data, each named for the message: the trainer's columns
    /// (<paramref name="columnDigest"/>, from <see cref="Digest(DataViewSchema.Column?[])"/>) and widths always; the
    /// rows themselves unless each rank holds its own.
    /// </summary>
    public IEnumerable<(string What, long Value)> DataFacts(TrainingData train, TrainingData? validation, long columnDigest)
    {
        yield return ("whether each process holds its own rows (DistributedTraining.ShardedData)", Sharded ? 1 : 0);
        yield return ("the trainer's input columns (their types, slot names and classes)", columnDigest);
        yield return ("the feature width", train.Width);
        yield return ("the label width", train.LabelWidth);
        yield return ("whether validation rows are given", validation is null ? 0 : 1);
        // Every rank states as many facts; shards differ in their rows by design.
        yield return ("the number of training rows", Sharded ? 0 : train.Rows);
        yield return ("the number of validation rows", Sharded ? 0 : validation?.Rows ?? -1);
        yield return ("the training data (features, labels and weights)", Sharded ? 0 : Digest(train));
    }

    /// <summary>The rows this rank learns from or evaluates: its consecutive part of <paramref name="data"/>, or all of it when the data is sharded.</summary>
    public TrainingData Mine(TrainingData data)
    {
        if (Sharded)
            return data;
        var (offset, rows) = Share(data.Rows, 1);
        return data.Slice(offset, rows);
    }

    /// <summary>Each rank's number of rows, in rank order.</summary>
    public long[] RowsOfEachRank(int rows) => _group.Gather([rows]).Select(r => r[0]).ToArray();

    /// <summary>This rank's part of <paramref name="rows"/> rows: its offset and count (possibly 0).</summary>
    public (int Offset, int Rows) Share(int rows, int minimum) => Shares(rows, _group.Size, minimum)[_group.Rank];

    /// <summary>
    /// <paramref name="rows"/> rows cut into <paramref name="ranks"/> consecutive parts as even as
    /// possible, none but empty ones shorter than <paramref name="minimum"/> (batch normalization needs
    /// two rows): parts of ⌈rows / ranks⌉, the last short one merged into the one before.
    /// </summary>
    internal static (int Offset, int Rows)[] Shares(int rows, int ranks, int minimum)
    {
        int size = Math.Max(minimum, (rows + ranks - 1) / ranks);
        var shares = new (int Offset, int Rows)[ranks];
        for (int r = 0, offset = 0; r < ranks; r++, offset = Math.Min(rows, offset + size))
            shares[r] = (offset, Math.Min(size, rows - offset));
        for (int r = ranks - 1; r > 0; r--)
        {
            if (shares[r].Rows is > 0 and var short_ && short_ < minimum)
            {
                shares[r - 1] = (shares[r - 1].Offset, shares[r - 1].Rows + short_);
                shares[r] = (rows, 0);
            }
        }
        return shares;
    }

    /// <summary>Sums <paramref name="values"/> over the ranks, in place.</summary>
    public void Sum(Span<double> values) => _group.Sum(values);

    /// <summary>A 64-bit digest of <paramref name="text"/>, for <see cref="CheckSame"/>.</summary>
    public static long Digest(string text) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A 64-bit digest of columns' names, types and annotations (slot names, key values), for <see cref="CheckSame"/>; null columns are skipped.</summary>
    public static long Digest(params DataViewSchema.Column?[] columns)
    {
        var text = new StringBuilder();
        foreach (var column in columns.OfType<DataViewSchema.Column>())
        {
            text.Append(column.ToString()).Append('\n');
            foreach (var name in column.Annotations.SlotNames ?? [])
                text.Append(name).Append('\n');
            foreach (var value in column.Annotations.StoredKeyValues ?? Array.Empty<object>())
                text.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            foreach (var index in column.Annotations.KeyValueIndices ?? [])
                text.Append(index).Append('\n');
        }
        return Digest(text.ToString());
    }

    /// <summary>A 64-bit digest of the rows' features, targets and weights, for <see cref="CheckSame"/>.</summary>
    public static long Digest(TrainingData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var row = new float[data.Width];
        for (int r = 0; r < data.Rows; r++)
        {
            data.Features.CopyRow(r, row);
            hash.AppendData(MemoryMarshal.AsBytes(row.AsSpan()));
        }
        hash.AppendData(MemoryMarshal.AsBytes(data.Labels.AsSpan()));
        if (data.Weights is not null)
            hash.AppendData(MemoryMarshal.AsBytes(data.Weights.AsSpan()));
        return BitConverter.ToInt64(hash.GetHashAndReset());
    }
}
