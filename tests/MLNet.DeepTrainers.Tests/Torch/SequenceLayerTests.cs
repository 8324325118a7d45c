using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Models;
using MLNet.DeepTrainers.Torch;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Torch;

/// <summary>
/// Embedding, Conv1D, the 1-D poolings, SimpleRNN, LSTM, GRU and Bidirectional against networks built
/// from PyTorch's own layers (fixture: eng/golden/sequence_layers.py): the same outputs for the same
/// weights, and the same weights after one SGD step, with and without Keras's masking of padded steps;
/// and Keras's LSTM and GRU equations (written in NumPy there) reproduced from Keras-layout weights
/// mapped as the README says.
/// </summary>
public class SequenceLayerTests
{
    private const int Steps = 9, Width = 4, Vocabulary = 10, Rows = 5;

    private static readonly Lazy<Dictionary<string, NamedTensor>> All = new(() =>
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sequence_layers.safetensors"));
        // The fixture names its own tensors: the expected shapes are the header's (the test checks the names).
        int length = (int)BitConverter.ToUInt64(bytes, 0);
        var header = System.Text.Json.Nodes.JsonNode.Parse(bytes.AsSpan(8, length))!.AsObject();
        var shapes = header.ToDictionary(e => e.Key, e => e.Value!["shape"]!.AsArray().Select(d => (long)d!).ToArray());
        return SafeTensors.Read(bytes, shapes, "the sequence-layer fixture");
    });

    private static Layer[] Case(string name) => name switch
    {
        "lstm" => [new Embedding(Vocabulary, Width), new LSTM(3), new Dense(2)],
        "gru_sequences" => [new Embedding(Vocabulary, Width), new GRU(3, returnSequences: true), new Flatten(), new Dense(2)],
        "simple_rnn" => [new Embedding(Vocabulary, Width), new SimpleRNN(3), new Dense(2)],
        "bidirectional_lstm" => [new Embedding(Vocabulary, Width), new Bidirectional(new LSTM(3)), new Dense(2)],
        "stacked" => [new Embedding(Vocabulary, Width), new LSTM(3, returnSequences: true), new GRU(2), new Dense(2)],
        "masked_lstm" => [new Embedding(Vocabulary, Width, maskZero: true), new LSTM(3), new Dense(2)],
        "masked_bigru" => [new Embedding(Vocabulary, Width, maskZero: true), new Bidirectional(new GRU(3)), new Dense(2)],
        "masked_average" => [new Embedding(Vocabulary, Width, maskZero: true), new GlobalAveragePooling1D(), new Dense(2)],
        "conv1d" => [new Embedding(Vocabulary, Width), new Conv1D(5, 4, padding: Padding.Same), new MaxPooling1D(2), new Conv1D(3, 2, strides: 2), new GlobalMaxPooling1D(), new Dense(2)],
        "pool_dense" => [new Embedding(Vocabulary, Width), new AveragePooling1D(3, strides: 2), new Dense(3, ActivationKind.ReLU), new GlobalAveragePooling1D(), new Dense(2)],
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string> Cases() => new(["lstm", "gru_sequences", "simple_rnn", "bidirectional_lstm", "stacked", "masked_lstm", "masked_bigru", "masked_average", "conv1d", "pool_dense"]);

    private static Dictionary<string, NamedTensor> Stage(string name, string stage) => All.Value
        .Where(t => t.Key.StartsWith($"{name}/{stage}/", StringComparison.Ordinal))
        .ToDictionary(t => t.Key[$"{name}/{stage}/".Length..], t => t.Value);

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-5 + 2e-5 * Math.Abs(expected[i]), $"{what}[{i}] is {actual[i]}, PyTorch gives {expected[i]}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_equal_PyTorchs_for_the_same_weights(string name)
    {
        var architecture = new NetworkArchitecture([Steps], Case(name), ActivationKind.Linear);
        var start = Stage(name, "start");
        Assert.Equal(start.Keys.Order(), architecture.Tensors().Keys.Order());
        IScoringModel model = new SequentialModel(architecture, start, new TrainingHistory());
        var output = new float[Rows * 2];

        model.Predict(All.Value[$"{name}/x"].Values, Rows, output);

        AssertClose(All.Value[$"{name}/out"].Values, output, $"{name}: output");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_SGD_step_moves_every_weight_as_in_PyTorch(string name)
    {
        var architecture = new NetworkArchitecture([Steps], Case(name), ActivationKind.Linear);
        using var network = new TorchNetwork(architecture, seed: 1, device: -1);
        network.SetParameters(Stage(name, "start"));
        network.SetOptimizer(new Sgd(0.5).FullSpec);
        network.SetLoss(new RegressionTask().LossSpec(LossFunction.MeanSquaredError, "test"));

        network.TrainBatch(All.Value[$"{name}/x"].Values, All.Value[$"{name}/y"].Values, [], Rows, 2, new float[Rows * 2]);

        var after = network.GetParameters();
        foreach (var (tensor, expected) in Stage(name, "after"))
            AssertClose(expected.Values, after[tensor].Values, $"{name}: {tensor}");
    }

    /// <summary>
    /// Keras's LSTM kernel is [features, 4 × units] with gates i, f, c, o, PyTorch's order too: the weights
    /// are the transposes and the one bias is bias_ih_l0. Keras's GRU (reset_after) has gates z, r, h and
    /// bias rows (input, recurrent): PyTorch's order is r, z, n, so the first two blocks swap.
    /// </summary>
    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Keras_weights_mapped_as_documented_give_Keras_outputs(string cell)
    {
        const int units = 3;
        var kernel = All.Value[$"keras_{cell}/kernel"];
        var recurrent = All.Value[$"keras_{cell}/recurrent_kernel"];
        var bias = All.Value[$"keras_{cell}/bias"];
        int gates = cell == "lstm" ? 4 : 3;
        int[] order = cell == "lstm" ? [0, 1, 2, 3] : [1, 0, 2];
        // Column block order[b] of a Keras [rows, gates × units] matrix becomes row block b of PyTorch's [gates × units, rows].
        float[] Transposed(float[] keras, int rows) =>
            [.. Enumerable.Range(0, gates * units).SelectMany(r => Enumerable.Range(0, rows).Select(c => keras[c * gates * units + order[r / units] * units + r % units]))];
        float[] Reordered(float[] keras) => [.. Enumerable.Range(0, gates * units).Select(r => keras[order[r / units] * units + r % units])];
        var weights = new Dictionary<string, NamedTensor>
        {
            ["0.weight_ih_l0"] = new([gates * units, Width], Transposed(kernel.Values, Width)),
            ["0.weight_hh_l0"] = new([gates * units, units], Transposed(recurrent.Values, units)),
            ["0.bias_ih_l0"] = new([gates * units], Reordered(bias.Values[..(gates * units)])),
        };
        if (cell == "gru")
            weights["0.bias_hh_l0"] = new([gates * units], Reordered(bias.Values[(gates * units)..]));
        Layer layer = cell == "lstm" ? new LSTM(units) : new GRU(units);
        IScoringModel model = new SequentialModel(new NetworkArchitecture([Steps, Width], [layer], ActivationKind.Linear), weights, new TrainingHistory());
        var output = new float[Rows * units];

        model.Predict(All.Value["keras/x"].Values, Rows, output);

        AssertClose(All.Value[$"keras_{cell}/out"].Values, output, $"Keras {cell}");
    }
}
