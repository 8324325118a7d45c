using System.Buffers.Binary;
using MLNet.DeepTrainers.Tests.Layers;

namespace MLNet.DeepTrainers.Tests.Training;

/// <summary>
/// Weights both ways with PyTorch. Fixtures/pytorch_trained.safetensors is a network PyTorch trained and
/// saved (its whole state_dict, batch norm's I64 step counter included), and
/// Fixtures/pytorch_trained_examples.safetensors its outputs on 16 inputs, both written by
/// <c>/usr/bin/python3 eng/golden/pytorch_weights.py train tests/MLNet.DeepTrainers.Tests/Fixtures/pytorch_trained.safetensors tests/MLNet.DeepTrainers.Tests/Fixtures/pytorch_trained_examples.safetensors</c>
/// (Debian's python3-torch; the network is nn.Sequential(Linear(4, 8), ReLU(), BatchNorm1d(8, eps=1e-3,
/// momentum=0.01), Dropout(0.2), Linear(8, 1)), the library's Dense(8, ReLU), BatchNormalization(),
/// Dropout(0.2), Dense(1)). The trainer starts from that file with Epochs = 0 and must predict PyTorch's
/// outputs; what DeepModel.SaveWeights writes must be the safetensors PyTorch wrote, tensor for tensor;
/// and a network trained here, saved, must load strictly into PyTorch's nn.Sequential and predict there
/// what it predicts here (Debian's PyTorch runs <c>eng/golden/pytorch_weights.py predict</c>; the test
/// command installs it with <c>eng/setup.sh --golden</c>).
/// </summary>
public sealed class PyTorchWeightsTests
{
    private readonly MLContext _ml = new(seed: 3);

    // The same weights score alike to the last bit or two only: libtorch's CPU kernels may sum in another
    // order from one run (or one tensor's memory alignment) to the next, seen as 1-ulp differences.
    private const double Rounding = 1e-6;

    private static SequentialOptions Network(int epochs, string? weights) => new()
    {
        Layers = [new Dense(8, ActivationKind.ReLU), new BatchNormalization(), new Dropout(0.2f), new Dense(1)],
        Epochs = epochs,
        BatchSize = 16,
        InitialWeights = weights,
        Device = DeviceKind.Cpu,
        Seed = 5,
        // PyTorch's network of the same layers reads the features as they are and outputs the label as it is.
        NormalizeInputs = InputNormalization.No,
        NormalizeLabel = false,
    };

    [Fact]
    public void A_network_trained_in_PyTorch_predicts_here_what_it_predicts_there()
    {
        var (input, expected) = Examples();
        var model = _ml.Regression.Trainers.Sequential(Network(epochs: 0, Golden.Path("pytorch_trained.safetensors"))).Fit(Rows(input));

        Golden.Near(expected, Scores(model, Rows(input)), 1e-5, "scores");
        Assert.Empty(model.Model.History.Epochs);

        // The weights are PyTorch's exactly, batch norm's running statistics included.
        var pytorch = Golden.Fixture("pytorch_trained.safetensors");
        foreach (var (name, tensor) in model.Model.GetWeights())
        {
            Assert.Equal(pytorch[name].Shape, tensor.Shape);
            Assert.Equal(pytorch[name].Floats, tensor.Values);
        }
    }

    [Fact]
    public void Saved_weights_are_the_safetensors_PyTorch_writes_for_the_same_tensors()
    {
        var (input, _) = Examples();
        var model = _ml.Regression.Trainers.Sequential(Network(epochs: 0, Golden.Path("pytorch_trained.safetensors"))).Fit(Rows(input));
        string folder = Directory.CreateTempSubdirectory("pytorch-weights-").FullName;
        try
        {
            string path = Path.Combine(folder, "saved.safetensors");
            model.Model.SaveWeights(path);
            var bytes = File.ReadAllBytes(path);

            // The layout's rules, read by the tests' own parser: a header length, a JSON object padded to 8 bytes, F32 tensors end to end.
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            Assert.Equal(0UL, headerLength % 8);
            Assert.Equal((byte)'{', bytes[8]);
            var saved = Golden.Read(bytes);

            // PyTorch's file of the same network: the same tensors, but for the step counter the library does not keep.
            var pytorch = Golden.Fixture("pytorch_trained.safetensors");
            Assert.Equal(pytorch.Keys.Where(k => !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).Order(), saved.Keys.Order());
            Assert.Equal("I64", pytorch["2.num_batches_tracked"].DType);
            foreach (var (name, tensor) in saved)
            {
                Assert.Equal("F32", tensor.DType);
                Assert.Equal(pytorch[name].Shape, tensor.Shape);
                Assert.Equal(pytorch[name].Bytes, tensor.Bytes);
            }

            // The library reads its own file back to the same weights, and a network started from it predicts the same.
            var architecture = model.Model.Architecture;
            var read = SafeTensors.Read(path, architecture.Tensors(), "test");
            foreach (var (name, tensor) in model.Model.GetWeights())
                Assert.Equal(tensor.Values, read[name].Values);
            var again = _ml.Regression.Trainers.Sequential(Network(epochs: 0, path)).Fit(Rows(input));
            Golden.Near(Scores(model, Rows(input)), Scores(again, Rows(input)), Rounding, "scores of the restarted network");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Weights_trained_here_save_and_start_a_network_that_predicts_the_same()
    {
        var (input, _) = Examples();
        var random = new Random(9);
        var train = Enumerable.Range(0, 64 * 4).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var model = _ml.Regression.Trainers.Sequential(Network(epochs: 3, null)).Fit(Rows(train));
        string folder = Directory.CreateTempSubdirectory("pytorch-weights-").FullName;
        try
        {
            string path = Path.Combine(folder, "trained.safetensors");
            model.Model.SaveWeights(path);
            var saved = Golden.Read(File.ReadAllBytes(path));
            var weights = model.Model.GetWeights();
            Assert.Equal(weights.Keys.Order(), saved.Keys.Order());
            foreach (var (name, tensor) in weights)
            {
                Assert.Equal(tensor.Shape, saved[name].Shape);
                Assert.Equal(tensor.Values, saved[name].Floats);
            }
            // Training moved the running statistics away from PyTorch's initial 0 and 1, and they were saved.
            Assert.Contains(saved["2.running_mean"].Floats, v => v != 0);

            var again = _ml.Regression.Trainers.Sequential(Network(epochs: 0, path)).Fit(Rows(input));
            Golden.Near(Scores(model, Rows(input)), Scores(again, Rows(input)), Rounding, "scores of the restarted network");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_network_trained_here_predicts_in_PyTorch_what_it_predicts_here()
    {
        var (input, _) = Examples();
        var random = new Random(11);
        var train = Enumerable.Range(0, 64 * 4).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var model = _ml.Regression.Trainers.Sequential(Network(epochs: 3, null)).Fit(Rows(train));
        string folder = Directory.CreateTempSubdirectory("pytorch-predicts-").FullName;
        try
        {
            string weights = Path.Combine(folder, "trained.safetensors"), inputs = Path.Combine(folder, "input.safetensors"), outputs = Path.Combine(folder, "output.safetensors");
            model.Model.SaveWeights(weights);
            SafeTensors.Write(inputs, new Dictionary<string, NamedTensor> { ["input"] = new([input.Length / 4, 4], input) });
            string script = Path.Combine(Runtime.FreshProjectTests.RepositoryRoot(), "eng", "golden", "pytorch_weights.py");
            var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", [script, "predict", weights, inputs, outputs]) { RedirectStandardError = true })
                ?? throw new InvalidOperationException("/usr/bin/python3 did not start");
            string error = python.StandardError.ReadToEnd();
            python.WaitForExit();
            Assert.True(python.ExitCode == 0, $"Debian's PyTorch (eng/setup.sh --golden installs it) could not load the library's weights or predict:\n{error}");
            var pytorch = Golden.Read(File.ReadAllBytes(outputs))["output"];
            Assert.Equal([input.Length / 4L, 1], pytorch.Shape);
            Golden.Near(pytorch.Floats, Scores(model, Rows(input)), 1e-5, "PyTorch's outputs from the library's weights");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (float[] Input, float[] Expected) Examples()
    {
        var examples = Golden.Fixture("pytorch_trained_examples.safetensors");
        Assert.Equal([16L, 4], examples["input"].Shape);
        Assert.Equal([16L, 1], examples["expected"].Shape);
        return (examples["input"].Floats, examples["expected"].Floats);
    }

    private IDataView Rows(float[] features) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, features.Length / 4).Select(r => new Row
    {
        Features = features.AsSpan(r * 4, 4).ToArray(),
        Label = features[r * 4] * 2 - features[r * 4 + 1] * features[r * 4 + 2] + 0.5f * features[r * 4 + 3],
    }).ToList());

    private float[] Scores(ITransformer model, IDataView data) => [.. _ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).Select(r => r.Score)];

    private sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }
}
