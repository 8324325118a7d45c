using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Transforms.Text;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>PadSequences against the examples of Keras's pad_sequences documentation, and its model file and errors.</summary>
public class SequencePaddingTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Doc
    {
        public string Text { get; set; } = "";
    }

    // "a" .. "f" become keys 1 .. 6 in order of first occurrence: Keras's example sequences [[1], [2, 3], [4, 5, 6]].
    private IDataView Keys() => _ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text")
        .Append(_ml.Transforms.Conversion.MapValueToKey("Tokens"))
        .Fit(_ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a" }, new Doc { Text = "b c" }, new Doc { Text = "d e f" } }))
        .Transform(_ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a" }, new Doc { Text = "b c" }, new Doc { Text = "d e f" } }));

    private uint[][] Padded(SequencePaddingEstimator estimator) =>
        estimator.Fit(Keys()).Transform(Keys()).GetColumn<uint[]>("Padded").ToArray();

    [Fact]
    public void Pads_and_cuts_as_Kerass_pad_sequences_examples()
    {
        var text = _ml.Transforms.Text;
        // pad_sequences(sequence) with maxlen = the longest, 3: [[0, 0, 1], [0, 2, 3], [4, 5, 6]].
        Assert.Equal([[0u, 0, 1], [0u, 2, 3], [4u, 5, 6]], Padded(text.PadSequences("Padded", 3, "Tokens")));
        // padding='post': [[1, 0, 0], [2, 3, 0], [4, 5, 6]].
        Assert.Equal([[1u, 0, 0], [2u, 3, 0], [4u, 5, 6]], Padded(text.PadSequences("Padded", 3, "Tokens", padding: SequencePaddingEstimator.Side.Post)));
        // maxlen=2: [[0, 1], [2, 3], [5, 6]]; and truncating='post' keeps [4, 5].
        Assert.Equal([[0u, 1], [2u, 3], [5u, 6]], Padded(text.PadSequences("Padded", 2, "Tokens")));
        Assert.Equal([[0u, 1], [2u, 3], [4u, 5]], Padded(text.PadSequences("Padded", 2, "Tokens", truncating: SequencePaddingEstimator.Side.Post)));
    }

    [Fact]
    public void The_output_is_a_vector_of_known_size_of_the_same_keys_with_their_values()
    {
        var schema = _ml.Transforms.Text.PadSequences("Padded", 4, "Tokens").Fit(Keys()).GetOutputSchema(Keys().Schema);

        var type = Assert.IsType<VectorDataViewType>(schema["Padded"].Type);
        Assert.Equal(4, type.Size);
        Assert.Equal(Keys().Schema["Tokens"].Type.ItemType(), type.ItemType);
        Assert.NotNull(schema["Padded"].Annotations.KeyValues);
    }

    [Fact]
    public void A_model_file_keeps_the_settings_and_refuses_damaged_ones()
    {
        var model = _ml.Transforms.Text.PadSequences("Padded", 2, "Tokens", padding: SequencePaddingEstimator.Side.Post, truncating: SequencePaddingEstimator.Side.Post).Fit(Keys());
        var file = ModelZip.Save(_ml, model, Keys().Schema);

        var loaded = _ml.Model.Load(new MemoryStream(file), out _);
        Assert.Equal([[1u, 0], [2u, 3], [4u, 5]], loaded.Transform(Keys()).GetColumn<uint[]>("Padded").ToArray());

        var error = ModelZip.LoadFails(ModelZip.Of(file).EditJson("stages/0/parameters.json", stage => stage["length"] = 0).ToBytes());
        Assert.Contains("length", error.Message);
    }

    [Fact]
    public void Text_or_numbers_instead_of_keys_are_refused_with_the_fix()
    {
        var words = _ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text").Fit(_ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a b" } }))
            .Transform(_ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a b" } }));

        var error = Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.Text.PadSequences("Padded", 3, "Tokens").Fit(words));
        Assert.Contains("MapValueToKey", error.Message);
        Assert.ThrowsAny<ArgumentException>(() => _ml.Transforms.Text.PadSequences("Padded", 0, "Tokens"));
    }
}
