using MLNet.DeepTrainers.Tests.Saving;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// Features that are a vector of keys (TokenizeIntoWords, then MapValueToKey) reach the network as token
/// indices padded or truncated as Keras's pad_sequences: key k as k, a missing key as 0; the same in
/// training, in scoring and in a saved model. Wrong settings fail before any work, naming the option.
/// </summary>
public sealed class KeySequenceTests
{
    // Keras's pad_sequences docstring: sequences [[1], [2, 3], [4, 5, 6]].
    private static readonly uint[][] Sequences = [[1], [2, 3], [4, 5, 6]];

    public static TheoryData<int, SequenceSide, SequenceSide, float[][]> KerasExamples => new()
    {
        // From the docstring: pad_sequences(s), pad_sequences(s, padding='post'), pad_sequences(s, maxlen=2).
        { 3, SequenceSide.Pre, SequenceSide.Pre, [[0, 0, 1], [0, 2, 3], [4, 5, 6]] },
        { 3, SequenceSide.Post, SequenceSide.Pre, [[1, 0, 0], [2, 3, 0], [4, 5, 6]] },
        { 2, SequenceSide.Pre, SequenceSide.Pre, [[0, 1], [2, 3], [5, 6]] },
        // By hand, from its rule (truncating='post' keeps the first maxlen tokens; padding='post' fills after them).
        { 2, SequenceSide.Pre, SequenceSide.Post, [[0, 1], [2, 3], [4, 5]] },
        { 2, SequenceSide.Post, SequenceSide.Post, [[1, 0], [2, 3], [4, 5]] },
        { 5, SequenceSide.Post, SequenceSide.Post, [[1, 0, 0, 0, 0], [2, 3, 0, 0, 0], [4, 5, 6, 0, 0]] },
    };

    [Theory]
    [MemberData(nameof(KerasExamples))]
    public void Rows_are_padded_and_truncated_as_Keras_pad_sequences(int length, SequenceSide padding, SequenceSide truncating, float[][] expected)
    {
        var pad = new PadSequences(length, padding, truncating, indexBound: 6);
        for (int i = 0; i < Sequences.Length; i++)
        {
            var row = new float[length];
            Assert.Equal(-1, pad.Apply(new VBuffer<uint>(Sequences[i].Length, Sequences[i]), row));
            Assert.Equal(expected[i], row);
        }
    }

    [Fact]
    public void A_sparse_row_of_keys_reads_as_its_dense_form_and_a_key_beyond_the_count_is_found()
    {
        // [0, 7, 0, 9, 0]: the unstored slots are missing keys, index 0.
        var sparse = new VBuffer<uint>(5, 2, [7, 9], [1, 3]);
        var row = new float[3];
        Assert.Equal(-1, new PadSequences(3, SequenceSide.Pre, SequenceSide.Pre, 9).Apply(sparse, row));
        Assert.Equal([0f, 9, 0], row);
        Assert.Equal(-1, new PadSequences(3, SequenceSide.Pre, SequenceSide.Post, 9).Apply(sparse, row));
        Assert.Equal([0f, 7, 0], row);
        Assert.Equal(3, new PadSequences(5, SequenceSide.Pre, SequenceSide.Pre, 8).Apply(sparse, row = new float[5]));
    }

    [Fact]
    public void Tokens_mapped_to_keys_become_their_key_values_and_unknown_words_index_0()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Sentence { Text = "good film bad" }, new Sentence { Text = "bad bad good good bad good bad" }, new Sentence { Text = "" } });
        // Keys from a vocabulary: good = 1, bad = 2; "film" is not in it, so its key is missing (0).
        var vocabulary = ml.Data.LoadFromEnumerable(new[] { new Word { Value = "good" }, new Word { Value = "bad" } });
        var keys = ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text")
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens", keyData: vocabulary))
            .Fit(data).Transform(data);
        var column = keys.Schema["Tokens"];
        var features = FeatureColumn.Check(column, new SequentialOptions { FeatureColumnName = "Tokens", MaxSequenceLength = 5 }, "test");
        Assert.Equal(2, features.IndexBound);
        Assert.Equal([5], features.Shape);

        using var cursor = keys.GetRowCursor([column]);
        var reader = new FeatureRowReader(cursor, column, features, "test");
        var rows = new List<float[]>();
        while (cursor.MoveNext())
            rows.Add(reader.Read().DenseValues().ToArray());
        Assert.Equal([0f, 0, 1, 0, 2], rows[0]);
        Assert.Equal([1f, 1, 2, 1, 2], rows[1]);
        Assert.Equal([0f, 0, 0, 0, 0], rows[2]);
    }

    [Fact]
    public void Variable_length_keys_need_MaxSequenceLength_and_are_never_standardised()
    {
        var ml = new MLContext(seed: 1);
        var data = Tokens(ml).Fit(Datasets.Imdb(ml)).Transform(Datasets.Imdb(ml));
        SequentialOptions Options() => new() { Layers = [new Dense(1)], FeatureColumnName = "Tokens", Epochs = 1 };

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Sequential(Options()).Fit(data));
        Assert.Contains("'Tokens'", missing.Message);
        Assert.Contains("varies", missing.Message);
        Assert.Contains("set MaxSequenceLength", missing.Message);

        var options = Options();
        options.MaxSequenceLength = 8;
        options.NormalizeInputs = InputNormalization.Yes;
        var standardised = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Sequential(options).Fit(data));
        Assert.Contains("token indices", standardised.Message);
        Assert.Contains("NormalizeInputs", standardised.Message);

        options.NormalizeInputs = InputNormalization.Auto;
        options.Layers = [new Normalization(), new Dense(1)];
        Assert.Contains("remove the Normalization layer", Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Sequential(options).Fit(data)).Message);

        // The estimator's schema check says the same before any data is read.
        var shape = Tokens(ml).GetOutputSchema(SchemaShape(ml));
        Assert.Contains("set MaxSequenceLength", Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Sequential(Options()).GetOutputSchema(shape)).Message);
        var withLength = Options();
        withLength.MaxSequenceLength = 8;
        Assert.Contains(shape, c => c.Name == "Tokens");
        Assert.Contains(ml.BinaryClassification.Trainers.Sequential(withLength).GetOutputSchema(shape), c => c.Name == "PredictedLabel");
    }

    [Fact]
    public void Other_feature_types_are_refused_naming_what_would_make_them_fit()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Imdb(ml);
        var text = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Dense(featureColumnName: "Text").Fit(data));
        Assert.Contains("'Text' is String", text.Message);
        Assert.Contains("FeaturizeText", text.Message);
        Assert.Contains("MapValueToKey", text.Message);

        var category = ml.Transforms.Conversion.MapValueToKey("Category", "Text").Fit(data).Transform(data);
        Assert.Contains("OneHotEncoding", Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Dense(featureColumnName: "Category").Fit(category)).Message);

        var bag = ml.Transforms.Text.ProduceWordBags("Features", "Text").Fit(data).Transform(data);
        var length = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Mlp(new MlpOptions { MaxSequenceLength = 10 }).Fit(bag));
        Assert.Contains("MaxSequenceLength (10)", length.Message);
        Assert.Contains("'Features'", length.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Mlp(new MlpOptions { MaxSequenceLength = 0 }));
    }

    [Theory]
    [InlineData(SequenceSide.Pre, SequenceSide.Pre)]
    [InlineData(SequenceSide.Post, SequenceSide.Post)]
    public void A_network_on_token_indices_trains_and_its_saved_model_pads_the_same(SequenceSide padding, SequenceSide truncating)
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Imdb(ml);
        var model = Tokens(ml).Append(ml.BinaryClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Dense(16, ActivationKind.ReLU), new Dense(1)],
            FeatureColumnName = "Tokens", MaxSequenceLength = 12, SequencePadding = padding, SequenceTruncating = truncating,
            Epochs = 2, Seed = 1,
        })).Fit(data);
        var trained = model.LastTransformer;
        Assert.Equal([12], trained.Model.InputShape);
        Assert.IsType<Dense>(trained.Model.Layers[0]);
        Assert.Equal(2, trained.Model.History.Epochs.Count);
        // The largest index is the key count, for an Embedding to check its inputDim against.
        var keyCount = ((KeyDataViewType)((VectorDataViewType)model.Transform(data).Schema["Tokens"].Type).ItemType).Count;
        Assert.Equal((int)keyCount, trained.Features.IndexBound);

        // Rows shorter and longer than 12 tokens, and one of none.
        var scored = ml.Data.LoadFromEnumerable(ml.Data.CreateEnumerable<Datasets.ImdbRow>(data, reuseRowObject: false).Take(40)
            .Append(new Datasets.ImdbRow { Text = "" }).ToList());
        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);
        var expected = model.Transform(scored);
        var actual = loaded.Transform(scored);
        foreach (string column in new[] { "Score", "Probability", "PredictedLabel" })
            SavedModel.AssertSameValues(expected, actual, column);
    }

    [Fact]
    public void A_known_size_vector_of_keys_is_read_at_its_size_and_saves()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(2);
        string[] words = ["a", "b", "c", "d", "e"];
        var rows = Enumerable.Range(0, 64).Select(i => new FourWords { Words = [.. Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)])], Label = i % 3 }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Conversion.MapValueToKey("Features", "Words")
            .Append(ml.Regression.Trainers.Sequential([new Dense(4, ActivationKind.Tanh), new Dense(1)], epochs: 2)).Fit(data);
        Assert.Equal([4], model.LastTransformer.Model.InputShape);
        Assert.Equal(5, model.LastTransformer.Features.IndexBound);
        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);
        SavedModel.AssertSameValues(model.Transform(data), loaded.Transform(data), "Score");
        // PredictionEngine reads a row the same way.
        var engine = ml.Model.CreatePredictionEngine<FourWords, Prediction>(model);
        SavedModel.AssertClose(model.Transform(data).GetColumn<float>("Score").Last(), engine.Predict(rows[^1]).Score, "PredictionEngine's score");
    }

    [Fact]
    public void An_Embedding_reads_the_keys_its_table_must_hold_them_and_a_masked_LSTM_on_them_saves()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.TakeRows(Datasets.Imdb(ml), 200);
        var keys = ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text").Append(ml.Transforms.Conversion.MapValueToKey("Tokens", maximumNumberOfKeys: 300));
        SequentialOptions Options(int inputDim) => new()
        {
            Layers = [new Embedding(inputDim, 8, maskZero: true), new LSTM(8), new Dense(1)],
            FeatureColumnName = "Tokens", MaxSequenceLength = 16, Epochs = 2,
        };
        var small = Assert.Throws<ArgumentException>(() => keys.Append(ml.BinaryClassification.Trainers.Sequential(Options(300))).Fit(data));
        Assert.Contains("inputDim must be at least 301", small.Message);
        Assert.Contains("Layer 0 (Embedding)", small.Message);

        var model = keys.Append(ml.BinaryClassification.Trainers.Sequential(Options(301))).Fit(data);
        Assert.Equal(300, model.LastTransformer.Features.IndexBound);
        Assert.IsType<Embedding>(model.LastTransformer.Model.Layers[0]);
        using var loaded = SavedModel.SaveAndLoad(ml, model, data.Schema);
        foreach (string column in new[] { "Score", "Probability", "PredictedLabel" })
            SavedModel.AssertSameValues(model.Transform(data), loaded.Transform(data), column);
    }

    private static IEstimator<ITransformer> Tokens(MLContext ml) =>
        ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text").Append(ml.Transforms.Conversion.MapValueToKey("Tokens"));

    /// <summary>The IMDB rows' schema as a SchemaShape (no public constructor takes a schema: a CustomMapping over nothing gives one).</summary>
    private static SchemaShape SchemaShape(MLContext ml) =>
        ml.Transforms.CustomMapping<NoColumns, Datasets.ImdbRow>((_, _) => { }, contractName: null).GetOutputSchema(new SchemaShape([]));

    private sealed class NoColumns;

    private sealed class Sentence
    {
        public string Text = "";
    }

    private sealed class Word
    {
        public string Value = "";
    }

    private sealed class Prediction
    {
        public float Score;
    }

    private sealed class FourWords
    {
        [VectorType(4)] public string[] Words = [];
        public float Label;
    }
}
