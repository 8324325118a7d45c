using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// Hash's <c>combine</c> (ML.NET's HashingTransformer with Combine): one key for a whole vector.
/// Checked against MurmurHash3 itself: a vector of 32-bit numbers hashes as the bytes of its items
/// in a row, so it must equal the (reference-vector-checked) hash of the same bytes as text.
/// </summary>
public class HashCombineTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Vectors
    {
        [VectorType(2)] public uint[] Numbers { get; set; } = [];
        [VectorType(2)] public string[] Words { get; set; } = [];
        [VectorType(1)] public float[] One { get; set; } = [];
        public float Scalar { get; set; }
        [VectorType(2)] public double[] Doubles { get; set; } = [];
    }

    private static uint Key(uint hash, int bits) => (hash & ((1u << bits) - 1)) + 1;

    private IDataView Hashed(Vectors row, params HashingEstimator.ColumnOptions[] columns)
    {
        var data = _ml.Data.LoadFromEnumerable([row]);
        return _ml.Transforms.Conversion.Hash(columns).Fit(data).Transform(data);
    }

    [Fact]
    public void A_vector_of_numbers_hashes_as_its_bytes_in_a_row()
    {
        // "abcdefgh" as UTF-8 is the little-endian words 0x64636261 and 0x68676665.
        var output = Hashed(new Vectors { Numbers = [0x64636261, 0x68676665], Words = ["a", "b"], One = [1], Doubles = [1, 2] },
            new HashingEstimator.ColumnOptions("Key", "Numbers", 20, seed: 7, combine: true));
        Assert.Equal("Key: Key<UInt32, 0-1048575>", output.Schema["Key"].ToString());
        Assert.Equal(Key(MurmurHash.Of(7, "abcdefgh"), 20), output.GetColumn<uint>("Key").Single());
    }

    [Fact]
    public void Text_items_chain_each_hash_into_the_next_seed_and_one_item_is_the_scalar_hash()
    {
        var row = new Vectors { Words = ["a", " b "], One = [2.5f], Scalar = 2.5f, Doubles = [1, double.NaN] };
        var output = Hashed(row,
            new HashingEstimator.ColumnOptions("Words", "Words", 16, combine: true),
            new HashingEstimator.ColumnOptions("One", "One", 16, combine: true),
            new HashingEstimator.ColumnOptions("Scalar", "Scalar", 16),
            new HashingEstimator.ColumnOptions("Doubles", "Doubles", 16, combine: true));
        Assert.Equal(Key(MurmurHash.Of(MurmurHash.Of(HashDefaults.Seed, "a"), "b"), 16), output.GetColumn<uint>("Words").Single());
        Assert.Equal(output.GetColumn<uint>("Scalar").Single(), output.GetColumn<uint>("One").Single());
        Assert.Equal(0u, output.GetColumn<uint>("Doubles").Single()); // a missing item: no key, as ML.NET
    }

    [Fact]
    public void Combine_survives_the_model_file_and_refuses_what_ML_NET_cannot_do_with_it()
    {
        var data = _ml.Data.LoadFromEnumerable([new Vectors { Numbers = [1, 2], Words = ["x", "y"], One = [1], Doubles = [1, 2] }]);
        var model = _ml.Transforms.Conversion.Hash(new HashingEstimator.ColumnOptions("Key", "Words", 10, combine: true)).Fit(data);
        using var stream = new MemoryStream();
        _ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        Assert.Equal(model.Transform(data).GetColumn<uint>("Key"), _ml.Model.Load(stream, out _).Transform(data).GetColumn<uint>("Key"));

        Assert.Contains("useOrderedHashing", Assert.Throws<ArgumentException>(() => new HashingEstimator.ColumnOptions("K", "Words", combine: true, useOrderedHashing: true)).Message);
        Assert.Contains("maximumNumberOfInverts", Assert.Throws<ArgumentException>(() => new HashingEstimator.ColumnOptions("K", "Words", 10, combine: true, maximumNumberOfInverts: 1)).Message);
    }
}
