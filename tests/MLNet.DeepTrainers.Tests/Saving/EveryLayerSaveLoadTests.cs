namespace MLNet.DeepTrainers.Tests.Saving;

/// <summary>
/// One network holding every layer kind and every activation, trained so that batch normalization's
/// running statistics and PReLU's slopes have moved, and networks of every sequence layer, with and without
/// a mask, saved and loaded: onnxruntime's outputs through the layers' ONNX nodes match TorchSharp's within 1e-5.
/// </summary>
public sealed class EveryLayerSaveLoadTests
{
    private static readonly Layer[] Network =
    [
        // Standardises the one channel with the training images' mean and variance.
        new Normalization(),
        // (1, 10, 10) to (6, 5, 5): "same" with stride 2 pads 0 above and 1 below, as Keras does.
        new Conv2D(6, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.ReLU),
        new BatchNormalization(momentum: 0.5),
        new PReLU(),
        // A kernel of 2 with "same" pads one row and column at the end only.
        new Conv2D(8, 2, padding: Padding.Same, activation: ActivationKind.GELU, useBias: false),
        new MaxPooling2D(2, strides: 1),
        // Valid padding: (8, 4, 4) to (8, 3, 3).
        new Conv2D(8, 2),
        new AveragePooling2D(2, strides: 1),
        new LeakyReLU(0.1f),
        new Dropout(0.2f),
        new Activation(ActivationKind.Swish),
        new GlobalAveragePooling2D(),
        new Reshape(2, 4),
        // Dense over each of 2 steps, then softmax over the last axis of (2, 5).
        new Dense(5, activation: ActivationKind.ELU),
        new Activation(ActivationKind.Softmax),
        new Flatten(),
        new BatchNormalization(momentum: 0.5),
        new Dense(6, activation: ActivationKind.SELU),
        new Dense(6, activation: ActivationKind.Tanh, useBias: false),
        new Activation(ActivationKind.Sigmoid),
        new Dense(6, activation: ActivationKind.LeakyReLU),
        new Activation(ActivationKind.Linear),
        new Dense(1),
        // Turns the standardised label back into its units (the trainer would add it; here it is the user's).
        new Normalization { Invert = true },
    ];

    [Fact]
    public void A_network_of_every_layer_kind_loads_with_the_same_outputs()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Images(256, seed: 7));
        var trainer = ml.Regression.Trainers.Sequential(new SequentialOptions
        {
            Layers = Network,
            Epochs = 4,
            BatchSize = 32,
            Optimizer = new Adam(0.01),
        });
        var model = trainer.Fit(data);
        var weights = model.Model.GetWeights();
        // Module 0 is the normalization, 1 and 2 the first Conv2D and its ReLU; 3 the batch normalization, 4 the PReLU.
        Assert.Equal([1, 1, 1], weights["0.mean"].Shape);
        Assert.True(Math.Abs(weights["0.mean"].Values[0]) > 1e-3 && Math.Abs(weights["0.variance"].Values[0] - 1) > 1e-3);
        Assert.Contains(weights["3.running_mean"].Values, v => Math.Abs(v) > 1e-3);
        Assert.Contains(weights["4.alpha"].Values, v => Math.Abs(v) > 1e-3);
        // The last module holds the label's mean and variance, adapted to the training labels.
        int last = weights.Keys.Max(k => int.Parse(k.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Math.Abs(weights[$"{last}.mean"].Values[0]) > 1e-3 && Math.Abs(weights[$"{last}.variance"].Values[0] - 1) > 1e-3);

        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);
        var test = ml.Data.LoadFromEnumerable(Images(64, seed: 8));
        var expected = model.Transform(test);
        var actual = loaded.Transform(test);
        SavedModel.AssertSameColumns(expected.Schema, actual.Schema, "Score");
        SavedModel.AssertSameValues(expected, actual, "Score");
        // The outputs vary from row to row: the comparison is not of a constant.
        Assert.True(expected.GetColumn<float>("Score").Distinct().Count() > 32);
    }

    private static readonly Dictionary<string, Layer[]> SequenceNetworks = new()
    {
        // Every sequence layer without a mask. Conv1D with "same" and stride 2 pads 12 steps 0 before and 1 after,
        // to 6 steps; the poolings take them to 5 and 4; the recurrent layers return their sequences.
        ["unmasked"] =
        [
            new Embedding(Datasets.Vocabulary, 6),
            new Conv1D(5, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.ReLU),
            new MaxPooling1D(2, strides: 1),
            new AveragePooling1D(2, strides: 1),
            new Bidirectional(new LSTM(4, returnSequences: true, dropout: 0.2f)),
            new GRU(3, returnSequences: true, recurrentDropout: 0.2f),
            new SimpleRNN(3, returnSequences: true),
            new GlobalMaxPooling1D(),
            new Dense(1),
        ],
        // Keras's masking through a bidirectional GRU's sequences, a Dense layer on each step, Dropout, an
        // Activation and an LSTM's sequences, to the mean of the real steps.
        ["masked"] =
        [
            new Embedding(Datasets.Vocabulary, 6, maskZero: true),
            new Bidirectional(new GRU(3, returnSequences: true)),
            new Dense(4, ActivationKind.ReLU),
            new Dropout(0.2f),
            new Activation(ActivationKind.Tanh),
            new LSTM(3, returnSequences: true, recurrentDropout: 0.2f),
            new GlobalAveragePooling1D(),
            new Dense(1),
        ],
    };

    public static TheoryData<string> SequenceNetworkNames() => [.. SequenceNetworks.Keys];

    /// <summary>
    /// Networks of every sequence layer, trained through the Sequential trainer on token indices held as Single
    /// features, saved and loaded: onnxruntime's outputs through the layers' ONNX nodes (the recurrent layers
    /// as ONNX's RNN, LSTM and GRU, masked ones on their real steps) match TorchSharp's within 1e-5.
    /// </summary>
    [Theory]
    [MemberData(nameof(SequenceNetworkNames))]
    public void A_network_of_sequence_layers_loads_with_the_same_outputs(string name)
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.TokenSequences(ml, 256, seed: 7);
        var model = ml.Regression.Trainers.Sequential(new SequentialOptions { Layers = SequenceNetworks[name], Epochs = 2, BatchSize = 32, Optimizer = new Adam(0.01) }).Fit(data);

        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);
        var test = Datasets.TokenSequences(ml, 64, seed: 8);
        var expected = model.Transform(test);
        var actual = loaded.Transform(test);
        SavedModel.AssertSameColumns(expected.Schema, actual.Schema, "Score");
        SavedModel.AssertSameValues(expected, actual, "Score");
        Assert.True(expected.GetColumn<float>("Score").Distinct().Count() > 32);
    }


    private static IEnumerable<ImageRow> Images(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var pixels = new float[100];
            for (int p = 0; p < pixels.Length; p++)
                pixels[p] = (float)random.NextDouble();
            // A target the convolutions can see: the brightness of the top left quarter against the rest.
            float label = pixels.Where((_, p) => p / 10 < 5 && p % 10 < 5).Sum() - pixels.Sum() / 4;
            yield return new ImageRow { Features = pixels, Label = label };
        }
    }

    private sealed class ImageRow
    {
        [VectorType(1, 10, 10)]
        public float[] Features = [];

        public float Label;
    }
}
