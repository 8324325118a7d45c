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
    public void Bits_and_inverts_out_of_range_are_refused_by_name()
    {
        Assert.Contains("numberOfBits", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 25)).Message);
        Assert.Contains("maximumNumberOfInverts", Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", maximumNumberOfInverts: -2)).Message);
    }

    [Fact]
    public void Inverted_hashes_name_each_slot_after_the_ngrams_counted_in_it()
    {
        // 16 bits for 7 n-grams: no collisions, so each named slot is one n-gram, worked by hand: the
        // words and the pairs of neighbours (ML.NET's defaults), words joined by '|'.
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "the cat sat" }, new Doc { Text = "the dog" } });
        var bags = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", maximumNumberOfInverts: -1).Fit(data).Transform(data);

        var names = bags.Schema["Bag"].Annotations.SlotNames!;
        Assert.Equal(65536, names.Count);
        Assert.Equal(["cat", "cat|sat", "dog", "sat", "the", "the|cat", "the|dog"], names.Where(n => n.Length > 0).Order(StringComparer.Ordinal));
        var rows = bags.GetColumn<VBuffer<float>>("Bag").ToArray();
        Assert.Equal(["cat", "cat|sat", "sat", "the", "the|cat"], rows[0].Items().Select(i => names[i.Key]).Order(StringComparer.Ordinal));
        Assert.Equal(["dog", "the", "the|dog"], rows[1].Items().Select(i => names[i.Key]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_slot_shared_by_several_ngrams_names_the_first_ones_met_in_braces()
    {
        // Two slots for twelve words: ML.NET's collision form "{first,second}", at most
        // maximumNumberOfInverts of them, in the order they were met. Each word's slot comes from the bag
        // of that word alone.
        string[] words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = string.Join(' ', words[..6]) }, new Doc { Text = string.Join(' ', words[6..]) } });
        var bag = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 1, ngramLength: 1, maximumNumberOfInverts: 3).Fit(data);

        var slotOf = words.ToDictionary(w => w, w => bag.Transform(_ml.Data.LoadFromEnumerable(new[] { new Doc { Text = w } })).GetColumn<VBuffer<float>>("Bag").Single().Items().Single().Key);
        var names = bag.Transform(data).Schema["Bag"].Annotations.SlotNames!;
        for (int slot = 0; slot < 2; slot++)
        {
            var first = words.Where(w => slotOf[w] == slot).Take(3).ToArray();
            Assert.Equal(first.Length == 1 ? first[0] : "{" + string.Join(',', first) + "}", names[slot]);
        }
    }

    [Fact]
    public void Slot_names_save_and_load_and_a_file_with_bad_ones_fails_to_load()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Doc { Text = "a good film" } });
        var model = _ml.Transforms.Text.ProduceHashedWordBags("Bag", "Text", numberOfBits: 8, maximumNumberOfInverts: 2).Fit(data);
        var saved = ModelZip.Save(_ml, model, data.Schema);

        var loaded = _ml.Model.Load(new MemoryStream(saved), out _);
        Assert.Equal(model.Transform(data).Schema["Bag"].Annotations.SlotNames, loaded.Transform(data).Schema["Bag"].Annotations.SlotNames);
        foreach (var (edit, expected) in new (Action<System.Text.Json.Nodes.JsonObject>, string)[]
        {
            (p => Named(p, [3, 1], ["a", "b"]), "must increase"),
            (p => Named(p, [256], ["a"]), "must increase"),
            (p => Named(p, [-1], ["a"]), "must increase"),
            (p => Named(p, [1], [""]), "is empty"),
            (p => Named(p, [1, 2], ["a"]), "differ in number"),
            (p => p.Remove("slotNames"), "differ in number"),
        })
        {
            var file = ModelZip.Of(saved).EditJson("stages/0/parameters.json", edit).ToBytes();
            Assert.Contains(expected, ModelZip.LoadFails(file).Message);
        }
    }

    private static void Named(System.Text.Json.Nodes.JsonObject parameters, int[] slots, string[] names)
    {
        parameters["namedSlots"] = new System.Text.Json.Nodes.JsonArray([.. slots.Select(s => (System.Text.Json.Nodes.JsonNode?)s)]);
        parameters["slotNames"] = new System.Text.Json.Nodes.JsonArray([.. names.Select(n => (System.Text.Json.Nodes.JsonNode?)n)]);
    }
}
