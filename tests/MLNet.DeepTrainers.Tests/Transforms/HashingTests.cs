using System.Text.Json.Nodes;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Transforms;
using static MLNet.DeepTrainers.Transforms.OneHotEncodingEstimator;

namespace MLNet.DeepTrainers.Tests.Transforms;

public class HashingTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public string Word { get; set; } = "";
        [VectorType(3)] public string[] Words { get; set; } = [];
    }

    private IDataView Rows(params string[] words) =>
        _ml.Data.LoadFromEnumerable(words.Select(w => new Row { Word = w, Words = [w, w, "b"] }));

    private static uint Key(uint seed, string text, int bits) => (MurmurHash.Of(seed, text) & ((1u << bits) - 1)) + 1;

    [Fact]
    public void Ordered_hashing_puts_each_items_slot_in_its_seed_as_MLNET()
    {
        var data = Rows("a");
        var output = _ml.Transforms.Conversion.Hash(new HashingEstimator.ColumnOptions("Keys", "Words", 16, useOrderedHashing: true),
            new HashingEstimator.ColumnOptions("Key", "Word", 16, useOrderedHashing: true)).Fit(data).Transform(data);
        // Slot i is hashed with the seed Round(seed, i): the same word in slots 0 and 1 gets two keys.
        var keys = output.GetColumn<uint[]>("Keys").Single();
        Assert.Equal(new[] { 0u, 1u, 2u }.Select(i => Key(MurmurHash.Round(HashDefaults.Seed, i), i == 2 ? "b" : "a", 16)), keys);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal(keys[0], output.GetColumn<uint>("Key").Single()); // a scalar is slot 0
    }

    [Fact]
    public void Inverts_keep_the_first_values_met_per_key_and_name_collisions_in_braces()
    {
        // One bit: two keys for five words, so values collide; ML.NET writes several as {first,second}.
        var data = Rows("a", "b", "c", "d", "a", "e");
        var kept = (string[])_ml.Transforms.Conversion.Hash("Key", "Word", numberOfBits: 1, maximumNumberOfInverts: -1).Fit(data).Transform(data)
            .Schema["Key"].Annotations.KeyValues!;
        var byKey = new[] { "a", "b", "c", "d", "e" }.GroupBy(w => Key(HashDefaults.Seed, w, 1)).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(new[] { 1u, 2u }.Select(k => byKey.TryGetValue(k, out var w) ? (w.Length == 1 ? w[0] : "{" + string.Join(",", w) + "}") : ""), kept);

        var two = (string[])_ml.Transforms.Conversion.Hash("Key", "Word", numberOfBits: 1, maximumNumberOfInverts: 1).Fit(data).Transform(data)
            .Schema["Key"].Annotations.KeyValues!;
        Assert.Equal(new[] { 1u, 2u }.Select(k => byKey.TryGetValue(k, out var w) ? w[0] : ""), two);
    }

    [Fact]
    public void Ordered_inverts_of_a_vector_name_the_slot_too()
    {
        var data = Rows("a");
        var output = _ml.Transforms.Conversion.Hash(new HashingEstimator.ColumnOptions("Keys", "Words", 20, useOrderedHashing: true, maximumNumberOfInverts: -1)).Fit(data).Transform(data);
        VBuffer<ReadOnlyMemory<char>> values = default;
        output.Schema["Keys"].GetKeyValues(ref values);
        var keys = output.GetColumn<uint[]>("Keys").Single();
        Assert.Equal(["0:a", "1:a", "2:b"], keys.Select(k => values.GetItemOrDefault((int)k - 1).ToString()));
        Assert.Equal(3, values.GetValues().Length);
    }

    [Fact]
    public void Hash_and_OneHotHashEncoding_with_inverts_survive_the_model_file()
    {
        var data = Rows("red", "green", "blue");
        var model = _ml.Transforms.Conversion.Hash("Key", "Word", numberOfBits: 10, maximumNumberOfInverts: -1)
            .Append(_ml.Transforms.Categorical.OneHotHashEncoding("Hot", "Words", OutputKind.Binary, numberOfBits: 5, maximumNumberOfInverts: 2)).Fit(data);
        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, data.Schema)), out _);
        var before = model.Transform(data);
        var after = loaded.Transform(data);
        Assert.Equal(before.GetColumn<uint>("Key"), after.GetColumn<uint>("Key"));
        Assert.Equal(before.Schema["Key"].Annotations.KeyValues, after.Schema["Key"].Annotations.KeyValues);
        Assert.Equal(before.GetColumn<float[]>("Hot").SelectMany(v => v), after.GetColumn<float[]>("Hot").SelectMany(v => v));
        Assert.Equal(3 * 7, ((VectorDataViewType)after.Schema["Hot"].Type).Size); // 3 items of log2(32) + 2 bits
        Assert.Equal("[0].Bit6", after.Schema["Hot"].Annotations.SlotNames![0]);
    }

    [Fact]
    public void OneHotHashEncoding_of_a_vector_concatenates_indicators_or_sums_a_bag()
    {
        var data = Rows("a");
        var indicator = _ml.Transforms.Categorical.OneHotHashEncoding("Hot", "Words", OutputKind.Indicator, numberOfBits: 4).Fit(data).Transform(data);
        var bag = _ml.Transforms.Categorical.OneHotHashEncoding("Hot", "Words", OutputKind.Bag, numberOfBits: 4, useOrderedHashing: false).Fit(data).Transform(data);
        var hot = indicator.GetColumn<float[]>("Hot").Single();
        Assert.Equal(48, hot.Length);
        Assert.Equal(3, hot.Sum());
        Assert.Equal([1f, 1f, 1f], hot.Chunk(16).Select(block => block.Sum()));
        var counts = bag.GetColumn<float[]>("Hot").Single();
        Assert.Equal(16, counts.Length);
        Assert.Equal(2f, counts[Key(HashDefaults.Seed, "a", 4) - 1]); // unordered: "a" twice in one slot
    }

    [Fact]
    public void A_one_hot_hash_too_wide_for_a_row_is_refused_at_fit_naming_the_fix()
    {
        var data = Rows("a");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Categorical.OneHotHashEncoding("Hot", "Word", numberOfBits: 30).Fit(data));
        Assert.Contains("OneHotHashEncoding('Hot')", error.Message);
        Assert.Contains("OutputKind.Key", error.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(32, 0)]
    [InlineData(8, -2)]
    [InlineData(31, -1)] // 2^31 keys of kept values would not count as an int
    [InlineData(31, 1)]
    public void Out_of_range_hash_options_are_refused(int bits, int inverts) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashingEstimator.ColumnOptions("Key", "Word", bits, maximumNumberOfInverts: inverts));

    [Theory]
    [InlineData("keyValueIndices=[-1]", "not increasing")]
    [InlineData("keyValueIndices=[1024]", "not increasing")]
    [InlineData("keyValueIndices=[1,2]", "do not pair up")]
    [InlineData("numberOfBits=40", "40")]
    [InlineData("numberOfBits=31", "more than 30")]
    [InlineData("combine=true", "combines a vector's items and also")]
    public void A_damaged_hash_stage_is_refused_naming_what_is_wrong(string edit, string named)
    {
        var data = Rows("red");
        var file = ModelZip.Save(_ml, _ml.Transforms.Conversion.Hash("Key", "Word", numberOfBits: 10, maximumNumberOfInverts: -1).Fit(data), data.Schema);
        var (key, value) = (edit[..edit.IndexOf('=')], edit[(edit.IndexOf('=') + 1)..]);
        var damaged = ModelZip.Of(file).EditJson("stages/0/parameters.json", stage => stage["columns"]![0]![key] = JsonNode.Parse(value)).ToBytes();
        Assert.Contains(named, ModelZip.LoadFails(damaged).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void An_unknown_saved_output_kind_is_refused_not_encoded_as_zeros(int kind)
    {
        var data = Rows("red", "green");
        var oneHot = ModelZip.Save(_ml, _ml.Transforms.Categorical.OneHotEncoding("Hot", "Word").Fit(data), data.Schema);
        var damaged = ModelZip.Of(oneHot).EditJson("stages/0/parameters.json", stage => stage["outputKind"] = kind).ToBytes();
        Assert.Contains($"output kind {kind}", ModelZip.LoadFails(damaged).Message);

        var hashed = ModelZip.Save(_ml, _ml.Transforms.Categorical.OneHotHashEncoding("Hot", "Word", numberOfBits: 4).Fit(data), data.Schema);
        damaged = ModelZip.Of(hashed).EditJson("stages/0/parameters.json", stage => stage["columns"]![0]!["outputKind"] = kind).ToBytes();
        Assert.Contains($"output kind {kind}", ModelZip.LoadFails(damaged).Message);
    }
}
