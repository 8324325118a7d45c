namespace MLNet.DeepTrainers;

/// <summary>
/// One direction of a recurrent layer as libtorch's own module (nn.RNN, nn.LSTM or nn.GRU: one layer, batch
/// first), whose forward is libtorch's fused kernel, PyTorch's. <see cref="Run"/> gives every step's state
/// [rows, steps, units] and the last one [1, rows, units].
/// </summary>
internal sealed class FusedRecurrence(torch.nn.Module module, Func<Tensor, (Tensor Sequence, Tensor Last)> run) : IDisposable
{
    /// <summary>The libtorch module, which holds the weights.</summary>
    public torch.nn.Module Module { get; } = module;

    /// <summary>Runs the kernel over <paramref name="input"/> [rows, steps, features] from a zero state.</summary>
    public (Tensor Sequence, Tensor Last) Run(Tensor input) => run(input);

    public void Dispose() => Module.Dispose();
}
