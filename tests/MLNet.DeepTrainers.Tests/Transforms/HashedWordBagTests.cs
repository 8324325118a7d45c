using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Tests.Models;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.Transforms;

/// <summary>
/// ProduceHashedWordBags beyond ML.NET's sample (TextSamples; the n-gram hashing in OldHashTests): a
/// word lands where the mix of its Conversion.Hash key says, unseen words count, the model file, errors.
/// </summary>
public class HashedWordBagTests
{
    private readonly MLContext _ml = new(seed: 1);

    public sealed class Doc
    {
        public string Text { get; set; } = "";
    }

    [Fact]
    public void A_single_word_counts_in_the_slot_of_its_mixed_30_bit_hash_key()
    {
        const uint Seed = 314489979;
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "movie movie plot" } });
        var bag = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 10, ngramLength: 1).Fit(data).Transform(data).GetColumn<float[]>("Bag").Single();
        var keys = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(_ml.Transforms.Conversion.Hash(new HashingEstimator.ColumnOptions("Keys", "Words", numberOfBits: 30, seed: Seed, useOrderedHashing: false)))
            .Fit(data).Transform(data).GetColumn<uint[]>("Keys").Single();

        Assert.Equal(1024, bag.Length);
        Assert.Equal(2f, bag[MurmurHash.Mix(keys[0], 0) & 1023]);
        Assert.Equal(1f, bag[MurmurHash.Mix(keys[2], 0) & 1023]);
        Assert.Equal(3f, bag.Sum());
    }

    [Fact]
    public void Unseen_words_count_and_the_bag_saves_and_loads()
    {
        var train = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a good film" } });
        var test = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a bad bad film" } });
        var model = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 12).Fit(train);
        var bag = model.Transform(test).GetColumn<float[]>("Bag").Single();
        Assert.Equal(7f, bag.Sum()); // 4 words and 3 pairs, none of them needing to be seen in fitting

        var loaded = _ml.Model.Load(new MemoryStream(ModelZip.Save(_ml, model, train.Schema)), out _);
        Assert.Equal(bag, loaded.Transform(test).GetColumn<float[]>("Bag").Single());
    }

    [Theory]
    [InlineData(25)] // 2^25 dense floats: 128 MiB a row
    [InlineData(32)] // a shift by 32 wraps to 1 in C#: the bound must not be computed as 1 << bits
    [InlineData(0)]
    public void A_model_file_asking_for_a_huge_or_wrapped_bag_fails_to_load(int bits)
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a b" } });
        var model = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 4).Fit(data);
        var file = ModelZip.Of(ModelZip.Save(_ml, model, data.Schema)).EditJson("stages/0/parameters.json", p => p["numberOfBits"] = bits).ToBytes();
        Assert.Contains("numberOfBits", ModelZip.LoadFails(file).Message);
    }

    [Fact]
    public void Bits_out_of_range_and_inverted_hashes_are_refused_by_name()
    {
        Assert.Contains("numberOfBits", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 25)).Message);
        Assert.Contains("maximumNumberOfInverts", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", maximumNumberOfInverts: 1)).Message);
    }
}
