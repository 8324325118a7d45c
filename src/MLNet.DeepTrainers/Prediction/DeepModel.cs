namespace MLNet.DeepTrainers;

/// <summary>
/// A trained network: its layers, weights and training history, and what scores with it. The
/// network stays on the CPU for scoring (a GPU fit hands back a CPU copy); nothing here needs disposing.
/// </summary>
public sealed class DeepModel
{
    private readonly NetworkArchitecture _architecture;
    private readonly SequentialNetwork _network;

    internal DeepModel(NetworkArchitecture architecture, SequentialNetwork network, TrainingHistory history)
    {
        _architecture = architecture;
        _network = network;
        _network.eval();
        History = history;
    }

    /// <summary>The layers, in order, as trained (the output layer included; a final sigmoid or softmax is the task's).</summary>
    public IReadOnlyList<Layer> Layers => _architecture.Layers;

    /// <summary>The shape of one input example.</summary>
    public IReadOnlyList<int> InputShape => _architecture.InputShape;

    /// <summary>Per-epoch losses, metrics, learning rate and time of training.</summary>
    public TrainingHistory History { get; }

    /// <summary>The number of trainable weights.</summary>
    public long ParameterCount => _architecture.ParameterCount;

    /// <summary>A Keras-like table of layers, output shapes and parameter counts.</summary>
    public string Summary() => _architecture.Summary();

    /// <summary>
    /// A copy of the weights by PyTorch name ("0.weight" is the first module's [out, in] kernel, batch
    /// normalization's running statistics included): changing it changes nothing in the model.
    /// </summary>
    public IReadOnlyDictionary<string, NamedTensor> GetWeights() => NetworkWeights.Read(_network);

    /// <summary>
    /// Writes <see cref="GetWeights"/> to a safetensors file (replaced whole, or left as it was if writing
    /// fails): PyTorch loads it into the same network built as an <c>nn.Sequential</c>
    /// (<c>load_state_dict(safetensors.torch.load_file(path), strict=False)</c>), and the options'
    /// <see cref="DeepTrainerOptions.InitialWeights"/> start a network from it.
    /// </summary>
    public void SaveWeights(string path) => SafeTensors.Write(path, GetWeights());

    internal NetworkArchitecture Architecture => _architecture;

    /// <summary>The number of values in one input row.</summary>
    internal int InputSize => _architecture.InputSize;

    /// <summary>The number of raw outputs per row.</summary>
    internal int OutputWidth => _architecture.OutputWidth;

    /// <summary>
    /// The raw outputs (before the task's sigmoid or softmax) for <paramref name="rows"/> rows of flat features. The
    /// rows are copied into libtorch's own memory, not wrapped as a .NET array (what <c>torch.tensor</c> does, after
    /// cloning it): MKL's matrix products take their code path by the buffers' alignment, and a .NET array's varies,
    /// so the same model scored the same rows differently in the last bit from one batch to the next (95 of Boston's
    /// 506 rows in one measurement, while other fits trained); libtorch aligns its own to 64 bytes.
    /// </summary>
    internal void Predict(ReadOnlySpan<float> features, int rows, Span<float> outputs)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.empty([rows, _architecture.InputSize]);
        features.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(x.bytes));
        var y = _network.forward(x).contiguous();
        y.data<float>().CopyTo(outputs);
    }
}
