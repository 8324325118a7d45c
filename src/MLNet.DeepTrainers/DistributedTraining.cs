using System.Globalization;

namespace MLNet.DeepTrainers;

/// <summary>
/// Beyond ML.NET: data-parallel training on several processes, on one machine or many, over
/// libtorch's c10d (Gloo on the CPU, NCCL on GPUs). Every process runs the same program, on the same
/// data or (<see cref="ShardedData"/>) on its own part of it; set <see cref="MLContext.DistributedTraining"/>
/// to <see cref="FromEnvironment"/> and the processes meet through rank 0 at the address and port that
/// <c>torchrun</c>, Slurm or a Kubernetes job set (<c>MASTER_ADDR</c>, <c>MASTER_PORT</c>,
/// <c>WORLD_SIZE</c>, <c>RANK</c>, <c>LOCAL_RANK</c>), train one model together (each on its share of
/// every batch) and end with identical models. Without those variables it is null and nothing changes.
/// </summary>
public sealed class DistributedTraining
{
    /// <summary>How long a process waits for the others (to arrive, or at any step) before it fails: five minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Settings for process <paramref name="rank"/> of <paramref name="worldSize"/>, meeting at rank 0's <paramref name="masterAddress"/>:<paramref name="masterPort"/>.</summary>
    public DistributedTraining(string masterAddress, int masterPort, int worldSize, int rank, int localRank = 0)
    {
        if (string.IsNullOrWhiteSpace(masterAddress))
            throw new ArgumentException("DistributedTraining: the master address (rank 0's host name or IP address) is empty.", nameof(masterAddress));
        if (masterPort is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(masterPort), masterPort, "DistributedTraining: the master port must be from 1 to 65535.");
        if (worldSize < 1)
            throw new ArgumentOutOfRangeException(nameof(worldSize), worldSize, "DistributedTraining: the world size (the number of processes) must be at least 1.");
        if (rank < 0 || rank >= worldSize)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"DistributedTraining: the rank must be from 0 to {worldSize - 1} (the world size less one).");
        if (localRank < 0)
            throw new ArgumentOutOfRangeException(nameof(localRank), localRank, "DistributedTraining: the local rank must be 0 or more.");
        MasterAddress = masterAddress;
        MasterPort = masterPort;
        WorldSize = worldSize;
        Rank = rank;
        LocalRank = localRank;
    }

    /// <summary>Rank 0's host name or address, where the others meet it.</summary>
    public string MasterAddress { get; }

    /// <summary>The port rank 0 listens on.</summary>
    public int MasterPort { get; }

    /// <summary>The number of processes.</summary>
    public int WorldSize { get; }

    /// <summary>This process's number, from 0; rank 0 writes the model files and reports progress.</summary>
    public int Rank { get; }

    /// <summary>This process's number on its machine: the CUDA device it trains on unless <see cref="MLContext.GpuDeviceId"/> says otherwise.</summary>
    public int LocalRank { get; }

    /// <summary>How long to wait for the other processes (to arrive, or at any step) before failing with a message; <see cref="DefaultTimeout"/> unless set.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        init => _timeout = value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue ? value
            : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "DistributedTraining: the timeout must be positive and under 24 days.");
    }

    private readonly TimeSpan _timeout = DefaultTimeout;

    /// <summary>
    /// Whether each process loaded only its own rows (a shard: a file or a part of one per process, as
    /// LightGBM's <c>pre_partition</c>) instead of all of them. False (the default): every process holds
    /// the same rows, the ranks check that they do, and each trains on its share of every batch of one
    /// shuffled order, as PyTorch's <c>DistributedSampler</c>. True: each rank shuffles and batches its own
    /// rows (<c>BatchSize</c> of them per step, a rank whose rows ran out adding none), so an epoch visits
    /// every row of every shard once; validation rows are each rank's own too, their metrics summed.
    /// The pipeline's earlier stages (normalizers, one-hot encodings, text featurizers) must then be
    /// fitted on the same rows on every rank, so all ranks transform alike; the ranks check that their
    /// trainer's columns agree (types, slot names, classes).
    /// </summary>
    public bool ShardedData { get; init; }

    /// <summary>
    /// The settings <c>torchrun</c> and cluster schedulers give each process (<c>MASTER_ADDR</c>,
    /// <c>MASTER_PORT</c>, <c>WORLD_SIZE</c>, <c>RANK</c>, <c>LOCAL_RANK</c>), or null when
    /// <c>WORLD_SIZE</c> is not set: then training runs in this process alone. <paramref name="timeout"/>:
    /// see <see cref="Timeout"/>; <paramref name="shardedData"/>: see <see cref="ShardedData"/>.
    /// </summary>
    public static DistributedTraining? FromEnvironment(TimeSpan? timeout = null, bool shardedData = false)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WORLD_SIZE")))
            return null;
        string address = Environment.GetEnvironmentVariable("MASTER_ADDR") is { Length: > 0 } a ? a
            : throw new InvalidOperationException("DistributedTraining: WORLD_SIZE is set but MASTER_ADDR is not; set it to rank 0's host name or address (torchrun and schedulers set both).");
        return new DistributedTraining(address, Variable("MASTER_PORT", null), Variable("WORLD_SIZE", null), Variable("RANK", null), Variable("LOCAL_RANK", 0))
        {
            Timeout = timeout ?? DefaultTimeout,
            ShardedData = shardedData,
        };
    }

    private static int Variable(string name, int? fallback)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text))
            return fallback ?? throw new InvalidOperationException($"DistributedTraining: WORLD_SIZE is set but {name} is not; set it (torchrun and schedulers set MASTER_PORT, RANK and LOCAL_RANK with WORLD_SIZE).");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value
            : throw new InvalidOperationException($"DistributedTraining: {name} is '{text}', which is not a whole number 0 or more.");
    }

    /// <inheritdoc />
    public override string ToString() => $"rank {Rank} of {WorldSize} (local rank {LocalRank}), meeting at {MasterAddress}:{MasterPort}";
}
