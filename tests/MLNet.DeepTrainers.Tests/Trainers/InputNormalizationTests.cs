namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// NormalizeInputs: raw features are standardised by a Normalization first in the network, adapted to
/// the training rows (statistics checked against a hand computation); features ML.NET normalised are left
/// alone; the layer is in the summary, the weights and the saved model.
/// </summary>
public sealed class InputNormalizationTests
{
    private sealed class Row
    {
        [VectorType(3)] public float[] Features = [];
        public float Label;
    }

    // The second feature is constant: it is centred only. The third is large and far from zero.
    private static readonly Row[] Rows = Enumerable.Range(0, 40)
        .Select(i => new Row { Features = [i % 7, 2, 1000 + 37 * (i % 5)], Label = i % 7 + (i % 5) })
        .ToArray();

    private static DeepPredictionTransformer Fit(MLContext ml, IDataView data, InputNormalization normalize) =>
        ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [4], Epochs = 2, NormalizeInputs = normalize, NormalizeLabel = false, Seed = 1 }).Fit(data);

    [Fact]
    public void Raw_features_are_standardised_with_the_training_rows_mean_and_variance()
    {
        var ml = new MLContext(seed: 1);
        var model = Fit(ml, ml.Data.LoadFromEnumerable(Rows), InputNormalization.Auto).Model;

        Assert.IsType<Normalization>(model.Layers[0]);
        var weights = model.GetWeights();
        for (int slot = 0; slot < 3; slot++)
        {
            double mean = Rows.Average(r => r.Features[slot]);
            double variance = Rows.Average(r => (r.Features[slot] - mean) * (r.Features[slot] - mean));
            Assert.Equal(mean, weights["0.mean"].Values[slot], 4);
            Assert.Equal(variance == 0 ? 1 : variance, weights["0.variance"].Values[slot], 2);
        }
        // Keras's table: 3 means and 3 variances, not trained; the Dense layers follow as modules 1 and 3.
        Assert.Contains(" normalization (Normalization)     (None, 3)                 6\n", model.Summary().ReplaceLineEndings("\n"));
        Assert.Contains("Non-trainable params: 6", model.Summary());
        Assert.Equal([4, 3], weights["1.weight"].Shape);
    }

    [Fact]
    public void A_feature_zero_in_most_rows_keeps_its_zeros_and_is_divided_by_its_largest_magnitude_dense_or_sparse()
    {
        // Slot 0 is nonzero in every row; slot 1 in one row of ten (a word, a category); slot 2 never; slot 3 in exactly half.
        const int rows = 40, width = 4;
        var dense = new float[rows * width];
        for (int i = 0; i < rows; i++)
        {
            dense[i * width] = 1 + i % 7;
            dense[i * width + 1] = i % 10 == 0 ? -5 * (i % 3 + 1) : 0;
            dense[i * width + 3] = i % 2 == 0 ? 3 : 0;
        }
        var starts = new List<long> { 0 };
        var slots = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < rows; i++)
        {
            for (int slot = 0; slot < width; slot++)
            {
                if (dense[i * width + slot] != 0)
                {
                    slots.Add(slot);
                    values.Add(dense[i * width + slot]);
                }
            }
            starts.Add(slots.Count);
        }
        double mean0 = Enumerable.Range(0, rows).Average(i => 1.0 + i % 7);
        double variance0 = Enumerable.Range(0, rows).Average(i => (1 + i % 7 - mean0) * (1 + i % 7 - mean0));
        // By hand: slot 1's largest magnitude is 15 (row 20: -5 × 3); slot 3, nonzero in half the rows, is standardised: mean 1.5, variance 2.25.
        float[] expectedMean = [(float)mean0, 0, 0, 1.5f], expectedVariance = [(float)variance0, 225, 1, 2.25f];
        foreach (var adapt in new Action<Normalization.Module>[] { m => m.Adapt(dense, width), m => m.Adapt(new SparseRows(width, [.. starts], [.. slots], [.. values])) })
        {
            using var module = new Normalization.Module([width]);
            adapt(module);
            var state = module.state_dict();
            Assert.Equal(expectedMean, state["mean"].data<float>().ToArray(), new FloatTolerance(1e-5f));
            Assert.Equal(expectedVariance, state["variance"].data<float>().ToArray(), new FloatTolerance(1e-4f));
        }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));

        public int GetHashCode(float value) => 0;
    }

    [Fact]
    public void Features_that_MLNET_normalised_are_left_as_they_are_unless_asked()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows);
        var normalised = ml.Transforms.NormalizeMeanVariance("Features").Fit(data).Transform(data);
        Assert.IsType<Dense>(Fit(ml, normalised, InputNormalization.Auto).Model.Layers[0]);
        Assert.IsType<Normalization>(Fit(ml, normalised, InputNormalization.Yes).Model.Layers[0]);
        Assert.IsType<Dense>(Fit(ml, data, InputNormalization.No).Model.Layers[0]);
    }

    [Fact]
    public void An_image_is_standardised_per_channel()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var images = Enumerable.Range(0, 16).Select(_ => new ImageRow
        {
            // Channel 0 around 10, channel 1 around -50.
            Features = Enumerable.Range(0, 2 * 4 * 4).Select(i => (float)((i < 16 ? 10 : -50) + random.NextDouble())).ToArray(),
            Label = (float)random.NextDouble(),
        }).ToArray();
        var model = ml.Regression.Trainers.Cnn(new CnnOptions { Filters = [2], DenseLayers = [], Epochs = 1, Seed = 1 })
            .Fit(ml.Data.LoadFromEnumerable(images)).Model;
        var mean = model.GetWeights()["0.mean"];
        Assert.Equal([2, 1, 1], mean.Shape);
        Assert.Equal(images.Average(r => r.Features.Take(16).Average()), mean.Values[0], 4);
        Assert.Equal(images.Average(r => r.Features.Skip(16).Average()), mean.Values[1], 4);
    }

    [Fact]
    public void A_normalization_after_the_first_layer_is_refused_naming_it()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.Regression.Trainers.Sequential([new Dense(4), new Normalization(), new Dense(1)]);
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(ml.Data.LoadFromEnumerable(Rows)));
        Assert.Contains("layer 1 is a Normalization", error.Message);
    }

    [Fact]
    public void Starting_weights_without_the_statistics_say_to_turn_normalization_off()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows);
        string path = Path.Combine(Directory.CreateTempSubdirectory("normalization-").FullName, "plain.safetensors");
        Fit(ml, data, InputNormalization.No).Model.SaveWeights(path);
        var error = Assert.Throws<InvalidDataException>(() => ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [4], InitialWeights = path, Epochs = 0 }).Fit(data));
        Assert.Contains("NormalizeInputs to InputNormalization.No", error.Message);
        Assert.Contains("set NormalizeLabel to false", error.Message);
        var started = ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [4], InitialWeights = path, Epochs = 0, NormalizeInputs = InputNormalization.No, NormalizeLabel = false }).Fit(data);
        Assert.IsType<Dense>(started.Model.Layers[0]);
        Assert.IsType<Dense>(started.Model.Layers[^1]);
    }

    private sealed class ImageRow
    {
        [VectorType(2, 4, 4)] public float[] Features = [];
        public float Label;
    }
}
