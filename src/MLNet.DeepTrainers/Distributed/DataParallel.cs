using System.Runtime.InteropServices;

namespace MLNet.DeepTrainers.Distributed;

/// <summary>
/// This process's part in data-parallel training (PyTorch's DDP, on CPUs over Gloo): every rank starts
/// from rank 0's seed and weights, takes the same number of steps an epoch on its own rows, and steps with
/// the gradients averaged over the ranks, so the ranks' weights stay equal; epoch values are summed over
/// the ranks' rows, so every rank's history is the same. Every rank must make the same calls in the same order.
/// </summary>
internal sealed class DataParallel : IDisposable
{
    /// <summary>
    /// How long a rank waits for the others at a collective (PyTorch's default for Gloo): long enough for
    /// one rank's epoch to end well after another's, short enough that a lost rank ends the others' training.
    /// </summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    private readonly GlooGroup _group;
    private readonly string _user;
    private Tensor? _buffer;

    private DataParallel(GlooGroup group, string user)
    {
        _group = group;
        _user = user;
    }

    public int Rank => _group.Rank;

    /// <summary>Joins the ranks torchrun's variables describe; returns once all joined.</summary>
    public static DataParallel Join(string user) => new(GlooGroup.FromEnvironment(Timeout), user);

    /// <summary>Rank 0's <paramref name="seed"/>, sent as two 16-bit halves, which floats hold exactly.</summary>
    public int SharedSeed(int seed)
    {
        float[] halves = [seed >>> 16, seed & 0xFFFF];
        _group.Broadcast(halves, 0);
        return ((int)halves[0] << 16) | (int)halves[1];
    }

    /// <summary>Gives every rank rank 0's weights (and a Normalization's statistics, adapted to rank 0's rows).</summary>
    public void ShareWeights(TorchModule network)
    {
        var weights = NetworkWeights.Read(network);
        foreach (var weight in weights.Values)
            _group.Broadcast(weight.Values, 0);
        NetworkWeights.Write(network, weights, _user);
    }

    /// <summary>
    /// The steps of an epoch on every rank: the fewest batches any rank's rows make, so that no rank waits
    /// for gradients that never come; the ranks with more rows leave their last ones out of each epoch.
    /// Also checks that every rank validates or none does, since validation sums over the ranks.
    /// </summary>
    public int AgreeSteps(int batches, bool validates)
    {
        var counts = new float[_group.WorldSize * 2];
        counts[Rank * 2] = batches;
        counts[Rank * 2 + 1] = validates ? 1 : 0;
        _group.AllReduceSum(counts);
        var validating = Enumerable.Range(0, _group.WorldSize).Where(r => counts[r * 2 + 1] == 1).ToList();
        if (validating.Count != 0 && validating.Count != _group.WorldSize)
            throw new InvalidOperationException($"{_user}, rank {Rank}: ranks {string.Join(", ", validating)} have validation data and the others none; " +
                "give every rank validation data (or a ValidationFraction), or none.");
        return (int)Enumerable.Range(0, _group.WorldSize).Min(r => counts[r * 2]);
    }

    /// <summary>
    /// Replaces each gradient with its mean over the ranks and says whether any rank asked to stop: one Gloo
    /// sum of the gradients and each rank's <paramref name="stop"/> flag, joined in a host buffer kept from
    /// step to step (gradients on a GPU are copied there and back), so that all ranks stop at the same
    /// step, before its update, and their weights stay equal.
    /// </summary>
    public bool AverageGradients(IReadOnlyList<Tensor> gradients, bool stop)
    {
        if (_group.WorldSize == 1)
            return stop;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        long count = gradients.Sum(g => g.numel());
        if (_buffer is null || _buffer.numel() != count + 1)
        {
            if (count + 1 > int.MaxValue / sizeof(float))
                throw new NotSupportedException($"{_user}: training on several processes sums at most {int.MaxValue / sizeof(float) - 1:N0} gradient values a step; this network has {count:N0}.");
            _buffer?.Dispose();
            _buffer = torch.empty(count + 1, dtype: torch.float32).DetachFromDisposeScope();
        }
        var parts = new List<Tensor>(gradients.Count);
        long offset = 0;
        foreach (var gradient in gradients)
        {
            parts.Add(_buffer.narrow(0, offset, gradient.numel()).view(gradient.shape).copy_(gradient));
            offset += gradient.numel();
        }
        var values = MemoryMarshal.Cast<byte, float>(_buffer.bytes);
        values[^1] = stop ? 1 : 0;
        _group.AllReduceSum(values);
        if (values[^1] != 0)
            return true;
        _buffer.div_(_group.WorldSize);
        for (int i = 0; i < gradients.Count; i++)
            gradients[i].copy_(parts[i]);
        return false;
    }

    /// <summary>The loss and metric sums and the rows they were summed over, each summed over the ranks, as means per row.</summary>
    public (double Loss, double Metric) Mean(double lossSum, double metricSum, long rows)
    {
        float[] sums = [(float)lossSum, (float)metricSum, rows];
        _group.AllReduceSum(sums);
        return ((double)sums[0] / sums[2], (double)sums[1] / sums[2]);
    }

    public void Dispose()
    {
        _buffer?.Dispose();
        _group.Dispose();
    }
}
