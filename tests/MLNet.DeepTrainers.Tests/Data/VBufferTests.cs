using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Tests.Data;

public class VBufferTests
{
    private readonly MLContext _ml = new();

    [Fact]
    public void A_sparse_buffer_reads_its_implicit_items_as_default()
    {
        var buffer = new VBuffer<float>(5, 2, [7f, 9f], [1, 3]);
        Assert.False(buffer.IsDense);
        Assert.Equal([0f, 7f, 0f, 9f, 0f], buffer.DenseValues());
        Assert.Equal([1, 3], buffer.GetIndices().ToArray());
        Assert.Equal([new KeyValuePair<int, float>(1, 7f), new(3, 9f)], buffer.Items());
        Assert.Equal(5, buffer.Items(all: true).Count());
        Assert.Equal(9f, buffer.GetItemOrDefault(3));
        Assert.Equal(0f, buffer.GetItemOrDefault(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.GetItemOrDefault(5));
    }

    [Theory]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 1, 5 })]
    [InlineData(new[] { -1, 2 })]
    public void Sparse_indices_must_increase_within_the_length(int[] indices) =>
        Assert.Throws<ArgumentException>(() => new VBuffer<float>(5, 2, [1f, 2f], indices));

    [Fact]
    public void Counts_and_lengths_are_checked() 
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VBuffer<float>(2, 3, [1f, 2f, 3f], null));
        Assert.Throws<ArgumentException>(() => new VBuffer<float>(3, [1f, 2f]));
        Assert.Throws<ArgumentException>(() => new VBuffer<float>(3, 2, [1f], [0, 1]));
    }

    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public string[] Words { get; set; } = [];
        public string Text { get; set; } = "";
    }

    [Fact]
    public void Columns_read_as_MLNETs_types_VBuffer_and_ReadOnlyMemory()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Row { Features = [1, 2], Words = ["x", "y", "z"], Text = "hi" }, new Row { Features = [3, 4], Words = [], Text = "" } });
        Assert.Equal(["1 2", "3 4"], data.GetColumn<VBuffer<float>>("Features").Select(v => string.Join(" ", v.DenseValues())));
        Assert.Equal(["x y z", ""], data.GetColumn<VBuffer<ReadOnlyMemory<char>>>("Words").Select(v => string.Join(" ", v.DenseValues().Select(m => m.ToString()))));
        Assert.Equal(["hi", ""], data.GetColumn<ReadOnlyMemory<char>>("Text").Select(m => m.ToString()));

        using var cursor = data.GetRowCursor(data.Schema);
        var features = cursor.GetGetter<VBuffer<float>>(data.Schema["Features"]);
        Assert.True(cursor.MoveNext());
        VBuffer<float> value = default;
        features(ref value);
        Assert.Equal(2, value.Length);
        Assert.True(value.IsDense);

        // Any other type is refused at the call, naming both readings.
        var error = Assert.Throws<InvalidOperationException>(() => data.GetColumn<VBuffer<double>>("Features"));
        Assert.Contains("Features", error.Message);
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<VBuffer<double>>(data.Schema["Features"]));
    }

    [Fact]
    public void Slot_names_and_key_values_read_as_MLNET_does()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Row { Features = [1, 2], Text = "b" }, new Row { Features = [3, 4], Text = "a" } });
        var output = _ml.Transforms.Conversion.MapValueToKey("Key", "Text").Append(_ml.Transforms.Concatenate("All", "Features", "Features")).Fit(data).Transform(data);

        VBuffer<ReadOnlyMemory<char>> keys = default;
        output.Schema["Key"].GetKeyValues(ref keys);
        Assert.Equal(["b", "a"], keys.DenseValues().Select(m => m.ToString()));
        Assert.True(output.Schema["Key"].HasKeyValues());
        Assert.False(output.Schema["Key"].HasKeyValues(NumberDataViewType.Single));
        Assert.False(output.Schema["Text"].HasKeyValues());

        VBuffer<ReadOnlyMemory<char>> names = default;
        Assert.True(output.Schema["All"].HasSlotNames());
        output.Schema["All"].GetSlotNames(ref names);
        Assert.Equal(4, names.Length);
        string[] asArray = [];
        output.Schema["All"].Annotations.GetValue("SlotNames", ref asArray);
        Assert.Equal(asArray, names.DenseValues().Select(m => m.ToString()));

        var missing = Assert.Throws<InvalidOperationException>(() => output.Schema["Text"].GetSlotNames(ref names));
        Assert.Contains("SlotNames", missing.Message);
        VBuffer<float> wrong = default;
        Assert.Throws<InvalidOperationException>(() => output.Schema["Key"].GetKeyValues(ref wrong));
    }
}
