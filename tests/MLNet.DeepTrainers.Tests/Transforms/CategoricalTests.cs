using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;
using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Tests.Transforms;

public class CategoricalTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Colors(params string[] values) => _ml.Data.LoadFromEnumerable(values.Select(v => new Point { Category = v }).ToList());

    private List<float[]> Encoded(IDataView training, IDataView scored, OutputKind kind, ValueToKeyMappingEstimator.KeyOrdinality order = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence)
    {
        var output = _ml.Transforms.Categorical.OneHotEncoding("Code", "Category", kind, keyOrdinality: order).Fit(training).Transform(scored);
        return _ml.Data.CreateEnumerable<Code>(output, false).Select(c => c.Value).ToList();
    }

    [Fact]
    public void Indicator_puts_a_one_in_the_category_slot_in_order_of_occurrence()
    {
        var data = Colors("red", "green", "red", "blue");
        Assert.Equal([[1f, 0, 0], [0, 1f, 0], [1f, 0, 0], [0, 0, 1f]], Encoded(data, data, OutputKind.Indicator));
    }

    [Fact]
    public void ByValue_numbers_categories_in_sorted_order()
    {
        var data = Colors("red", "green", "blue");
        Assert.Equal([[0, 0, 1f], [0, 1f, 0], [1f, 0, 0]], Encoded(data, data, OutputKind.Indicator, ValueToKeyMappingEstimator.KeyOrdinality.ByValue));
    }

    [Fact]
    public void An_unseen_value_encodes_as_all_zeros()
    {
        Assert.Equal([[0f, 0f], [1f, 0f]], Encoded(Colors("red", "green"), Colors("purple", "red"), OutputKind.Indicator));
    }

    [Fact]
    public void Bag_equals_indicator_for_one_value_per_row()
    {
        var data = Colors("x", "y", "x");
        Assert.Equal(Encoded(data, data, OutputKind.Indicator), Encoded(data, data, OutputKind.Bag));
    }

    [Fact]
    public void A_vector_of_values_encodes_as_counts_per_category_in_a_bag_and_as_one_block_per_item_as_indicators()
    {
        var words = _ml.Data.LoadFromEnumerable(new[] { new Sentence { Text = "earn;acq;earn" }, new Sentence { Text = "acq" }, new Sentence { Text = "" } });
        var tokens = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text", [';']);
        var bag = tokens.Append(_ml.Transforms.Categorical.OneHotEncoding("Code", "Words", OutputKind.Bag)).Fit(words).Transform(words);
        Assert.Equal([[2f, 1], [0, 1f], [0f, 0]], bag.GetColumn<float[]>("Code"));
        Assert.Equal(["earn", "acq"], bag.Schema["Code"].Annotations.SlotNames);

        // A vector whose size varies has no fixed block per item: only Bag and Key apply.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tokens.Append(_ml.Transforms.Categorical.OneHotEncoding("Code", "Words", OutputKind.Indicator)).Fit(words));
        Assert.Contains("OutputKind.Bag or Key", error.Message);

        var pairs = _ml.Data.LoadFromEnumerable(new[] { new Pair { Values = ["x", "y"] }, new Pair { Values = ["y", "y"] } });
        var indicator = _ml.Transforms.Categorical.OneHotEncoding("Code", "Values", OutputKind.Indicator).Fit(pairs).Transform(pairs);
        Assert.Equal([[1f, 0, 0, 1], [0f, 1, 0, 1]], indicator.GetColumn<float[]>("Code"));
        var keys = _ml.Transforms.Categorical.OneHotEncoding("Code", "Values", OutputKind.Key).Fit(pairs).Transform(pairs);
        Assert.Equal([[1u, 2], [2u, 2]], keys.GetColumn<uint[]>("Code"));
    }

    [Fact]
    public void Binary_writes_the_key_less_one_in_bits_most_significant_first_as_MLNET()
    {
        // ML.NET's KeyToBinaryVector: key - 1 in floor(log2 3) + 2 = 3 bits, so keys 1, 2, 3 are 000,
        // 001, 010 and an unseen value (key 0, wrapping to all ones) is 111, unlike every key.
        var data = Colors("a", "b", "c");
        Assert.Equal([[0, 0, 0f], [0, 0, 1f], [0, 1f, 0], [1f, 1f, 1f]], Encoded(data, Colors("a", "b", "c", "zzz"), OutputKind.Binary));
    }

    [Fact]
    public void Binary_codes_are_those_MLNETs_MapKeyToBinaryVector_sample_prints()
    {
        // Conversion/MapKeyToBinaryVector.cs: 10 keys take 5 bits; key 10 prints 0,1,0,0,1, key 9
        // 0,1,0,0,0, key 3 0,0,0,1,0 and key 4 0,0,0,1,1.
        var data = Colors(Enumerable.Range(1, 10).Select(i => $"v{i}").ToArray());
        var codes = Encoded(data, Colors("v10", "v9", "v3", "v4"), OutputKind.Binary).Select(c => string.Join(",", c));
        Assert.Equal(["0,1,0,0,1", "0,1,0,0,0", "0,0,0,1,0", "0,0,0,1,1"], codes);
    }

    [Fact]
    public void Key_output_is_a_key_column_with_its_values()
    {
        var data = Colors("red", "green", "red");
        var output = _ml.Transforms.Categorical.OneHotEncoding("Code", "Category", OutputKind.Key).Fit(data).Transform(Colors("green", "pink"));
        var column = output.Schema["Code"];

        Assert.Equal(2UL, Assert.IsType<KeyDataViewType>(column.Type).Count);
        Assert.Equal(["red", "green"], (string[])column.Annotations.KeyValues!);
        Assert.Equal([2u, 0u], _ml.Data.CreateEnumerable<KeyCode>(output, false).Select(k => k.Code));
    }

    [Fact]
    public void MapValueToKey_and_MapKeyToValue_round_trip()
    {
        var data = Colors("b", "a", "c", "a");
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("Code", "Category", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(_ml.Transforms.Conversion.MapKeyToValue("Back", "Code"));
        var output = pipeline.Fit(data).Transform(Colors("c", "a", "unseen"));
        var rows = _ml.Data.CreateEnumerable<RoundTrip>(output, false).ToList();

        Assert.Equal([3u, 1u, 0u], rows.Select(r => r.Code));
        Assert.Equal(["c", "a", ""], rows.Select(r => r.Back));
    }

    [Fact]
    public void MapValueToKey_on_numbers_keeps_numeric_key_values()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Point { X = 5 }, new Point { X = 2 }, new Point { X = 5 } });
        var output = _ml.Transforms.Conversion.MapValueToKey("Code", "X").Fit(data).Transform(data);
        Assert.Equal([5f, 2f], (float[])output.Schema["Code"].Annotations.KeyValues!);
        Assert.Equal(["5", "2"], (string[])_ml.Transforms.Conversion.MapValueToKey("Code", "X", addKeyValueAnnotationsAsText: true).Fit(data).Transform(data).Schema["Code"].Annotations.KeyValues!);
    }

    [Fact]
    public void MapKeyToValue_needs_a_key_column()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Conversion.MapKeyToValue("V", "Category").Fit(Colors("a")));
        Assert.Contains("MapValueToKey", error.Message);
    }

    public sealed class Sentence
    {
        public string Text { get; set; } = "";
    }

    public sealed class Pair
    {
        [VectorType(2)] public string[] Values { get; set; } = [];
    }

    public sealed class Code
    {
        [ColumnName("Code")] public float[] Value { get; set; } = [];
    }

    public sealed class KeyCode
    {
        public uint Code { get; set; }
    }

    public sealed class RoundTrip
    {
        public uint Code { get; set; }
        public string Back { get; set; } = "";
    }
}
