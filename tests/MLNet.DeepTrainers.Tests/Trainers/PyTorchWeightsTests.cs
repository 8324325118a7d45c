using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Models;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// PyTorch weights both ways, against Debian's PyTorch: eng/golden/pytorch_weights.py trained the
/// fixture network and wrote PyTorch's outputs for it, and predicts with the library's saved weights.
/// </summary>
public class PyTorchWeightsTests
{
    private readonly MLContext _ml = new(seed: 3);

    // The network of eng/golden/pytorch_weights.py: nn.Sequential(Linear(4, 8), ReLU(), BatchNorm1d(8), Dropout(0.2), Linear(8, 1)).
    private static SequentialOptions Network(int epochs, string? weights = null) => new()
    {
        Layers = [new Dense(8, ActivationKind.ReLU), new BatchNormalization(), new Dropout(0.2f), new Dense(1)],
        Epochs = epochs,
        BatchSize = 16,
        InitialWeightsPath = weights,
        Seed = 5,
        NumberOfThreads = 1,
    };

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private sealed class Row
    {
        public float Label { get; set; }
        [VectorType(4)] public float[] Features { get; set; } = [];
    }

    private IDataView Rows(float[] features, int rows) => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(r => new Row
    {
        Features = features.AsSpan(r * 4, 4).ToArray(),
        Label = features[r * 4] * 2 - features[r * 4 + 1] * features[r * 4 + 2] + 0.5f * features[r * 4 + 3],
    }).ToList());

    private float[] Scores(ITransformer model, IDataView data) => [.. _ml.Data.CreateEnumerable<ScoredRow>(model.Transform(data), false).Select(r => r.Score)];

    private static (NamedTensor Input, NamedTensor Expected) Examples()
    {
        var tensors = SafeTensors.Read(File.ReadAllBytes(Fixture("pytorch_trained_examples.safetensors")),
            new Dictionary<string, long[]> { ["input"] = [16, 4], ["expected"] = [16, 1] }, "the examples fixture");
        return (tensors["input"], tensors["expected"]);
    }

    [Fact]
    public void A_network_trained_in_PyTorch_predicts_here_what_it_predicts_there()
    {
        var (input, expected) = Examples();
        // Epochs = 0: the model is exactly the file's weights; the state_dict's num_batches_tracked is accepted and skipped.
        var model = _ml.Regression.Trainers.Sequential(Network(epochs: 0, Fixture("pytorch_trained.safetensors"))).Fit(Rows(input.Values, 16));

        var scores = Scores(model, Rows(input.Values, 16));
        for (int i = 0; i < 16; i++)
            Assert.Equal(expected.Values[i], scores[i], 1e-5f);
        Assert.Empty(model.Model.History.Epochs);
    }

    [Fact]
    public void A_network_trained_here_predicts_in_PyTorch_what_it_predicts_here()
    {
        var (input, _) = Examples();
        var random = new Random(9);
        var train = Enumerable.Range(0, 256 * 4).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var model = _ml.Regression.Trainers.Sequential(Network(epochs: 5)).Fit(Rows(train, 256));
        string folder = TestFiles.ScratchFolder();
        string weights = Path.Combine(folder, "weights.safetensors"), inputs = Path.Combine(folder, "input.safetensors"), outputs = Path.Combine(folder, "output.safetensors");
        model.Model.SaveWeights(weights);
        using (var file = File.Create(inputs))
            SafeTensors.Write(file, new Dictionary<string, NamedTensor> { ["input"] = input });

        // PyTorch loads the file strictly (every name and shape) into its nn.Sequential and predicts.
        ExternalTool.Run("/usr/bin/python3", ExternalTool.Script("eng/golden/pytorch_weights.py"), "predict", weights, inputs, outputs);

        var pytorch = SafeTensors.Read(File.ReadAllBytes(outputs), new Dictionary<string, long[]> { ["output"] = [16, 1] }, "PyTorch's outputs")["output"].Values;
        var scores = Scores(model, Rows(input.Values, 16));
        for (int i = 0; i < 16; i++)
            Assert.Equal(pytorch[i], scores[i], 1e-5f);
    }

    [Fact]
    public void Saved_weights_start_a_network_that_predicts_the_same()
    {
        var (input, _) = Examples();
        var data = Rows(input.Values, 16);
        var first = _ml.Regression.Trainers.Sequential(Network(epochs: 3)).Fit(data);
        string path = Path.Combine(TestFiles.ScratchFolder(), "w.safetensors");
        first.Model.SaveWeights(path);

        var second = _ml.Regression.Trainers.Sequential(Network(epochs: 0, path)).Fit(data);

        Assert.Equal(Scores(first, data), Scores(second, data));
        foreach (var (name, tensor) in first.Model.Weights)
            Assert.Equal(tensor.Values, second.Model.Weights[name].Values);
    }

    [Fact]
    public void Fit_with_a_previous_model_continues_its_training()
    {
        var random = new Random(2);
        var data = Rows(Enumerable.Range(0, 400 * 4).Select(_ => random.NextSingle() * 2 - 1).ToArray(), 400);
        var trainer = _ml.Regression.Trainers.Sequential(Network(epochs: 20));
        var first = trainer.Fit(data);

        var unchanged = _ml.Regression.Trainers.Sequential(Network(epochs: 0)).Fit(data, first.Model);
        var continued = trainer.Fit(data, first.Model);

        Assert.Equal(Scores(first, data), Scores(unchanged, data));
        // A fresh start's first epoch is far worse than the first epoch of training that carries on.
        double freshFirst = first.Model.History.Epochs[0].TrainLoss, lastBefore = first.Model.History.Epochs[^1].TrainLoss;
        double continuedFirst = continued.Model.History.Epochs[0].TrainLoss;
        Assert.True(continuedFirst < (freshFirst + lastBefore) / 2, $"continued training started at loss {continuedFirst}; the first run went from {freshFirst} to {lastBefore}");
        Assert.Equal(20, continued.Model.History.Epochs.Count);
    }

    [Fact]
    public void A_previous_model_of_another_network_is_refused_naming_the_tensors()
    {
        var (input, _) = Examples();
        var data = Rows(input.Values, 16);
        var previous = _ml.Regression.Trainers.Sequential(Network(epochs: 1)).Fit(data).Model;
        var other = Network(epochs: 1);
        other.Layers = [new Dense(6, ActivationKind.ReLU), new BatchNormalization(), new Dropout(0.2f), new Dense(1)];

        var error = Assert.Throws<ArgumentException>(() => _ml.Regression.Trainers.Sequential(other).Fit(data, previous));
        Assert.Contains("'0.weight'", error.Message);
        Assert.Contains("Use the layers the model was trained with", error.Message);

        var both = Network(epochs: 1, Fixture("pytorch_trained.safetensors"));
        Assert.Contains("one way only", Assert.Throws<ArgumentException>(() => _ml.Regression.Trainers.Sequential(both).Fit(data, previous)).Message);
        Assert.Contains("0 epochs leaves a random network", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Regression.Trainers.Sequential(Network(epochs: 0)).Fit(data)).Message);
    }

    [Theory]
    [InlineData("missing", "lacks the tensor '4.bias'")]
    [InlineData("extra", "'5.weight', which the architecture does not have")]
    [InlineData("shape", "'0.weight' has shape [4, 8], but the architecture needs [8, 4]")]
    [InlineData("dtype", "'0.bias' is not described by exactly a dtype of F32")]
    [InlineData("truncated", "data bytes")]
    public void A_weights_file_that_does_not_fit_the_network_names_the_tensor_and_the_file(string damage, string expected)
    {
        var (input, _) = Examples();
        var tensors = SafeTensors.Read(File.ReadAllBytes(Fixture("pytorch_trained.safetensors")), WithoutCounter(), "fixture");
        switch (damage)
        {
            case "missing": tensors.Remove("4.bias"); break;
            case "extra": tensors["5.weight"] = new NamedTensor([1], [1]); break;
            case "shape": tensors["0.weight"] = tensors["0.weight"] with { Shape = [4, 8] }; break;
        }
        string path = Path.Combine(TestFiles.ScratchFolder(), "bad.safetensors");
        using (var file = File.Create(path))
            SafeTensors.Write(file, tensors);
        var bytes = File.ReadAllBytes(path);
        if (damage == "dtype")
            File.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("\"0.bias\":{\"dtype\":\"F32\"", "\"0.bias\":{\"dtype\":\"F16\"")));
        if (damage == "truncated")
            File.WriteAllBytes(path, bytes[..^5]);

        var error = Assert.Throws<InvalidDataException>(() => _ml.Regression.Trainers.Sequential(Network(epochs: 0, path)).Fit(Rows(input.Values, 16)));
        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
        Assert.Contains("Regression.Trainers.Sequential", error.Message);
    }

    [Fact]
    public void A_missing_weights_file_is_named()
    {
        var (input, _) = Examples();
        var error = Assert.Throws<FileNotFoundException>(() => _ml.Regression.Trainers.Sequential(Network(epochs: 0, "/nowhere/w.safetensors")).Fit(Rows(input.Values, 16)));
        Assert.Contains("/nowhere/w.safetensors", error.Message);
    }

    [Fact]
    public void Random_damage_to_a_weights_file_gives_only_InvalidDataException()
    {
        var (input, _) = Examples();
        var data = Rows(input.Values, 16);
        var original = File.ReadAllBytes(Fixture("pytorch_trained.safetensors"));
        var random = new Random(11);
        string path = Path.Combine(TestFiles.ScratchFolder(), "fuzzed.safetensors");
        int refused = 0;
        for (int trial = 0; trial < 150; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (int edits = random.Next(1, 4); edits > 0; edits--)
                bytes[random.Next(random.Next(2) == 0 ? Math.Min(bytes.Length, 400) : bytes.Length)] = (byte)random.Next(256);
            File.WriteAllBytes(path, bytes);
            try
            {
                _ml.Regression.Trainers.Sequential(Network(epochs: 0, path)).Fit(data);
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }
        Assert.InRange(refused, 1, 150);
    }

    private static Dictionary<string, long[]> WithoutCounter() => new()
    {
        ["0.weight"] = [8, 4], ["0.bias"] = [8], ["2.weight"] = [8], ["2.bias"] = [8], ["2.running_mean"] = [8], ["2.running_var"] = [8], ["4.weight"] = [1, 8], ["4.bias"] = [1],
    };
}
