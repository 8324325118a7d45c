namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// The Sequential trainer on token indices held as Single features: recurrent networks with Keras's dropout,
/// masked and not, learn, repeatably (their masks from generators of their own), whether they train alone
/// or beside other fits; and a token outside the Embedding is named.
/// </summary>
public sealed class SequenceTrainingTests
{
    /// <summary>Does nothing; its presence keeps a fit on the caller's thread.</summary>
    private sealed class Stay : TrainingCallback;

    // A masked LSTM with both dropouts (the step loop while training), and unmasked layers with input dropout (libtorch's fused kernels).
    private static readonly Layer[] Masked = [new Embedding(Datasets.Vocabulary, 8, maskZero: true), new LSTM(8, dropout: 0.2f, recurrentDropout: 0.2f), new Dense(1)];
    private static readonly Layer[] Fused = [new Embedding(Datasets.Vocabulary, 8), new Bidirectional(new LSTM(4, returnSequences: true, dropout: 0.2f)), new SimpleRNN(4, dropout: 0.2f), new Dense(1)];

    private static SequentialOptions Options(Layer[] layers, int seed, bool stay) => new()
    {
        Layers = layers,
        Epochs = 4,
        Optimizer = new Adam(0.01),
        Seed = seed,
        Callbacks = stay ? [new Stay()] : [],
    };

    [Fact]
    public void Sequence_networks_with_dropout_learn_and_are_the_same_beside_other_fits_as_alone()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.TokenSequences(ml, 256, seed: 3);
        (Layer[] Layers, int Seed)[] fits = [(Masked, 1), (Masked, 2), (Fused, 1)];
        // Small steps: the fits started back to back train side by side, their parameters joined into one tensor.
        var side = fits.Select(f => ml.Regression.Trainers.Sequential(Options(f.Layers, f.Seed, stay: false)).Fit(data)).ToList();
        var alone = fits.Select(f => ml.Regression.Trainers.Sequential(Options(f.Layers, f.Seed, stay: true)).Fit(data)).ToList();
        for (int i = 0; i < fits.Length; i++)
            Assert.Equal(alone[i].Transform(data).GetColumn<float>("Score").ToArray(), side[i].Transform(data).GetColumn<float>("Score").ToArray());
        Assert.NotEqual(side[0].Transform(data).GetColumn<float>("Score").ToArray(), side[1].Transform(data).GetColumn<float>("Score").ToArray());

        foreach (var model in side.Select(s => s.Model))
            Assert.True(model.History.Epochs[^1].Loss < 0.5 * model.History.Epochs[0].Loss, $"the loss fell from {model.History.Epochs[0].Loss} to {model.History.Epochs[^1].Loss}");
        // Token indices are not standardised: the Embedding stays the first layer, and its weights are the first; the label's statistics are the last.
        Assert.IsType<Embedding>(side[0].Model.Layers[0]);
        Assert.Equal(["0.weight", "1.weight_ih_l0", "1.weight_hh_l0", "1.bias_ih_l0", "2.weight", "2.bias", "3.mean", "3.variance"], side[0].Model.GetWeights().Keys);
    }

    [Fact]
    public void A_token_outside_the_embedding_fails_the_fit_with_its_value()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.TokenSequences(ml, 64, seed: 3);
        var model = ml.Regression.Trainers.Sequential([new Embedding(5, 4), new GlobalAveragePooling1D(), new Dense(1)], epochs: 1).Fit(data);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(data).GetColumn<float>("Score").ToArray());
        Assert.Contains("Layer 0 (Embedding) reads token indices, whole numbers in [0, 5), but row ", error.Message, StringComparison.Ordinal);
    }
}
