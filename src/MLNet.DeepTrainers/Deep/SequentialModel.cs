using System.Text.Json;

namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// A trained network: its layers, weights and training history. It owns its native copy for
/// predictions; nothing here needs disposing.
/// </summary>
public sealed class SequentialModel : IScoringModel
{
    internal const string Kind = "Sequential";
    private readonly NetworkArchitecture _architecture;
    private readonly Dictionary<string, NamedTensor> _weights;
    private readonly Lazy<TorchNetwork> _predictor;

    /// <param name="architecture">The layers.</param>
    /// <param name="weights">Exactly the tensors of <paramref name="architecture"/>; the model owns them from here on.</param>
    /// <param name="history">The training history.</param>
    internal SequentialModel(NetworkArchitecture architecture, Dictionary<string, NamedTensor> weights, TrainingHistory history)
    {
        _architecture = architecture;
        _weights = weights;
        History = history;
        _predictor = new Lazy<TorchNetwork>(() =>
        {
            var network = new TorchNetwork(architecture, 0, device: -1);
            network.SetParameters(_weights);
            return network;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The layers, in order, as given (the output layer included).</summary>
    public IReadOnlyList<Layer> Layers => _architecture.Layers;

    /// <summary>The shape of one input example.</summary>
    public IReadOnlyList<int> InputShape => _architecture.InputShape;

    /// <summary>Per-epoch losses, learning rate and time of training (empty for a loaded model saved without it).</summary>
    public TrainingHistory History { get; }

    /// <summary>
    /// A copy of the weights by PyTorch name ("0.weight" is the first module's [out, in] kernel):
    /// changing it changes neither the model's predictions nor what it saves.
    /// </summary>
    public IReadOnlyDictionary<string, NamedTensor> Weights => _weights.ToDictionary(w => w.Key, w => new NamedTensor([.. w.Value.Shape], [.. w.Value.Values]));

    /// <summary>
    /// Writes <see cref="Weights"/> to a safetensors file (replaced whole, or left as it was if writing
    /// fails): PyTorch loads it into the same network built as an <c>nn.Sequential</c>
    /// (<c>load_state_dict(safetensors.torch.load_file(path), strict=False)</c>), and
    /// <see cref="DeepTrainerOptions.InitialWeightsPath"/> starts a network from it.
    /// </summary>
    public void SaveWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        WeightsFile.Write(path, _weights);
    }

    /// <summary>The number of weights.</summary>
    public long ParameterCount => _architecture.ParameterCount;

    /// <summary>A Keras-like table of layers, output shapes and parameter counts.</summary>
    public string Summary() => _architecture.Summary();

    int IScoringModel.FeatureWidth => _architecture.InputSize;

    int IScoringModel.OutputWidth => _architecture.OutputWidth;

    string IScoringModel.Kind => Kind;

    void IScoringModel.Predict(ReadOnlySpan<float> features, int rows, Span<float> output) => _predictor.Value.Predict(features, rows, output);

    string IScoringModel.ExportOnnx(OnnxGraph graph, string features) => NetworkExport.Write(graph, _architecture, _weights, features);

    void IScoringModel.Save(StageWriter writer)
    {
        writer.Set("inputShape", _architecture.InputShape);
        writer.Parameters["layers"] = JsonSerializer.SerializeToNode(_architecture.Layers.ToArray());
        writer.Set("outputActivation", _architecture.OutputActivation);
        writer.Set("history", History.Epochs.ToArray());
        foreach (var (name, tensor) in _weights)
            writer.Tensors[name] = tensor;
    }

    internal static SequentialModel Load(StageReader reader)
    {
        var architecture = new NetworkArchitecture(reader.Get<int[]>("inputShape"), reader.Get<Layer[]>("layers"), reader.Get<ActivationKind>("outputActivation"));
        var history = new TrainingHistory();
        foreach (var epoch in reader.GetOptional<EpochReport[]>("history") ?? [])
            history.Add(epoch);
        // The file's tensors must be exactly the architecture's, checked before any native network exists.
        var model = new SequentialModel(architecture, reader.ReadTensors(architecture.Tensors()), history);
        // Build the native copy now, so anything libtorch refuses fails the load, not a later prediction.
        _ = model._predictor.Value;
        return model;
    }
}
