namespace MLNet.DeepTrainers;

/// <summary>
/// A network's weights by PyTorch name, in and out: every floating-point entry of its state_dict
/// (parameters and batch-norm statistics; PyTorch's integer step counters are not weights). Chains of
/// operations run in a dispose scope, which holds their temporary tensors: one left to its finalizer can
/// be freed by a garbage collection during the next native call, as a temporary scalar can (see <see cref="Scalars"/>).
/// </summary>
internal static class NetworkWeights
{
    public static Dictionary<string, NamedTensor> Read(TorchModule network)
    {
        using var scope = torch.NewDisposeScope();
        var weights = new Dictionary<string, NamedTensor>();
        foreach (var (name, tensor) in Entries(network))
        {
            var cpu = tensor.detach().cpu().contiguous();
            weights[name] = new NamedTensor(cpu.shape, cpu.data<float>().ToArray());
        }
        return weights;
    }

    /// <summary>Copies <paramref name="weights"/> into the network: the same names and shapes exactly, or an error naming the differences.</summary>
    public static void Write(TorchModule network, IReadOnlyDictionary<string, NamedTensor> weights, string user)
    {
        var entries = Entries(network).ToDictionary();
        var wrong = entries.Where(e => !weights.TryGetValue(e.Key, out var w) || !w.Shape.SequenceEqual(e.Value.shape) || w.Values.LongLength != e.Value.numel())
            .Select(e => $"'{e.Key}' [{string.Join(", ", e.Value.shape)}]")
            .Concat(weights.Keys.Where(k => !entries.ContainsKey(k)).Select(k => $"'{k}' (not in the network)")).ToList();
        if (wrong.Count > 0)
            throw new ArgumentException($"{user}: the weights do not fit the network: {string.Join(", ", wrong)} differ in name or shape. The network's tensors are " +
                string.Join(", ", entries.Select(e => $"{e.Key} [{string.Join(", ", e.Value.shape)}]")) + ".");
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in entries)
        {
            using var source = torch.tensor(weights[name].Values, weights[name].Shape);
            tensor.copy_(source);
        }
    }

    /// <summary>Sets the network's tensor <paramref name="name"/> to <paramref name="values"/>.</summary>
    public static void Fill(TorchModule network, string name, float[] values)
    {
        var tensor = Entries(network).Single(e => e.Name == name).Tensor;
        using var noGrad = torch.no_grad();
        using var source = torch.tensor(values, tensor.shape);
        tensor.copy_(source);
    }

    /// <summary>A detached copy of every weight on the network's own device.</summary>
    public static Dictionary<string, Tensor> Snapshot(TorchModule network)
    {
        using var scope = torch.NewDisposeScope();
        return Entries(network).ToDictionary(e => e.Name, e => e.Tensor.detach().clone().DetachFromDisposeScope());
    }

    public static void Restore(TorchModule network, Dictionary<string, Tensor> snapshot)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in Entries(network))
            tensor.copy_(snapshot[name]);
    }

    private static IEnumerable<(string Name, Tensor Tensor)> Entries(TorchModule network) =>
        network.state_dict().Where(e => e.Value.is_floating_point()).Select(e => (e.Key, e.Value));
}
