using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Onnx;

/// <summary>
/// Sequence networks exported to ONNX and scored by onnxruntime: Embedding as Gather, Conv1D and the
/// 1-D poolings between transposes, Dense on each step, SimpleRNN, LSTM and GRU (one direction or
/// both, last state or every state) as ONNX's RNN, LSTM and GRU nodes with their gate orders.
/// </summary>
public class SequenceOnnxTests
{
    private const int Steps = 12, Vocabulary = 10;
    private readonly MLContext _ml = new(seed: 6);

    public sealed class Tokens
    {
        [VectorType(Steps)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    public sealed class Keys
    {
        [VectorType(Steps), KeyType(Vocabulary - 1)] public uint[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private static IEnumerable<(float[] Ids, float Label)> Sequences(int count)
    {
        var random = new Random(12);
        for (int i = 0; i < count; i++)
        {
            var ids = Enumerable.Range(0, Steps).Select(_ => (float)random.Next(Vocabulary)).ToArray();
            yield return (ids, ids.Count(v => v > 5) - ids.Take(4).Sum() / 10f);
        }
    }

    public static TheoryData<string> Networks() => new(["conv_bilstm_gru", "pool_rnn_max", "bigru_average"]);

    private static Layer[] Network(string name) => name switch
    {
        "conv_bilstm_gru" => [new Embedding(Vocabulary, 4), new Conv1D(5, 3, padding: Padding.Same, activation: ActivationKind.ReLU), new MaxPooling1D(2),
            new Dense(3, ActivationKind.Tanh), new Bidirectional(new LSTM(3, returnSequences: true)), new GRU(4), new Dense(1)],
        "pool_rnn_max" => [new Embedding(Vocabulary, 4), new AveragePooling1D(3, strides: 2), new SimpleRNN(3, returnSequences: true), new GlobalMaxPooling1D(), new Dense(1)],
        _ => [new Embedding(Vocabulary, 3), new Bidirectional(new GRU(2, returnSequences: true, dropout: 0.1f)), new GlobalAveragePooling1D(), new Dropout(0.2f), new Dense(1)],
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Sequence_networks_give_onnxruntime_the_same_scores(string name)
    {
        var data = _ml.Data.LoadFromEnumerable(Sequences(64).Select(s => new Tokens { Features = s.Ids, Label = s.Label }).ToList());
        var model = _ml.Regression.Trainers.Sequential(new SequentialOptions { Layers = Network(name), Epochs = 3, BatchSize = 16, Seed = 2 }).Fit(data);

        OnnxRuntimeCheck.Compare(_ml, model, data, 1e-5f, "Score");
    }

    [Fact]
    public void A_network_over_key_features_takes_them_as_uint32_keys()
    {
        var data = _ml.Data.LoadFromEnumerable(Sequences(64).Select(s => new Keys { Features = s.Ids.Select(v => (uint)v).ToArray(), Label = s.Label > 2 }).ToList());
        var model = _ml.BinaryClassification.Trainers.Sequential([new Embedding(Vocabulary, 4), new LSTM(3), new Dense(1)], epochs: 2).Fit(data);

        OnnxRuntimeCheck.Compare(_ml, model, data, 1e-5f, "Score", "Probability", "PredictedLabel");
    }

    [Fact]
    public void A_masked_network_is_refused_naming_the_layer_and_the_way_out()
    {
        var data = _ml.Data.LoadFromEnumerable(Sequences(16).Select(s => new Tokens { Features = s.Ids, Label = s.Label }).ToList());
        var model = _ml.Regression.Trainers.Sequential([new Embedding(Vocabulary, 4, maskZero: true), new LSTM(3), new Dense(1)], epochs: 1).Fit(data);

        var error = Assert.Throws<NotSupportedException>(() => _ml.Model.ConvertToOnnx(model, data, new MemoryStream()));

        Assert.Contains("layer 1 (LSTM)", error.Message);
        Assert.Contains("maskZero: false", error.Message);
    }
}
