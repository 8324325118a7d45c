using System.Numerics;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's ProduceHashedWordBags: the text split into words at spaces, each word hashed to a 30-bit
/// key (MurmurHash3 of its UTF-8 bytes with the seed, as Conversion.Hash), and each n-gram of keys
/// counted in slot hash &amp; (2^bits - 1) of a vector of 2^bits counts. An n-gram of several keys hashes
/// as ML.NET's: MurmurHash3 rounds over the keys, a round of their count, the final mix; a single word
/// is its key; with ordered hashing, that is mixed once more. Nothing is learned, so a word never seen
/// still counts, and collisions share a slot.
/// </summary>
public sealed class WordHashBagTransformer : RowToRowTransformerBase
{
    internal const string Kind = "ProduceHashedWordBags";
    private const int WordBits = 30;
    // ML.NET allows 30 bits. The bag is sparse here too, but whoever reads it as an array gets it
    // dense, and 2^30 slots would be 4 GiB a row.
    private static readonly int MaximumBits = BitOperations.Log2(VectorDataViewType.MaximumTransformSize);
    private readonly string _output;
    private readonly string _input;
    private readonly int _bits;
    private readonly NgramSettings _settings;
    private readonly uint _seed;
    private readonly bool _ordered;

    internal WordHashBagTransformer(string output, string input, int bits, NgramSettings settings, uint seed, bool ordered)
    {
        string user = $"ProduceHashedWordBags('{output}')";
        if (bits < 1 || bits > MaximumBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"{user}: numberOfBits must be from 1 to {MaximumBits} (the bag has 2^bits slots, and a reader of it as an array gets them all).");
        _output = output;
        _input = input;
        _bits = bits;
        _settings = settings.Checked(user);
        _seed = seed;
        _ordered = ordered;
    }

    internal static WordHashBagTransformer Load(StageReader reader) => new(reader.Get<string>("output"), reader.Get<string>("input"), reader.Get<int>("numberOfBits"),
        new NgramSettings(reader.Get<int>("ngramLength"), reader.Get<int>("skipLength"), reader.Get<bool>("useAllLengths"), [int.MaxValue], NgramExtractingEstimator.WeightingCriteria.Tf),
        reader.Get<uint>("seed"), reader.Get<bool>("useOrderedHashing"));

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
        writer.Set("numberOfBits", _bits);
        writer.Set("ngramLength", _settings.NgramLength);
        writer.Set("skipLength", _settings.SkipLength);
        writer.Set("useAllLengths", _settings.UseAllLengths);
        writer.Set("seed", _seed);
        writer.Set("useOrderedHashing", _ordered);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = TextColumns.Input(input, _input, $"ProduceHashedWordBags('{_output}')");
        int slots = 1 << _bits;
        return [OutputColumn.Sparse<float>(_output, new VectorDataViewType(NumberDataViewType.Single, slots), cursor =>
        {
            var readWords = WordTokenizingTransformer.RowWords(cursor, column, WordTokenizingEstimator.DefaultSeparators);
            return (ref VBuffer<float> bag) => bag = Count(readWords(), slots);
        })];
    }

    private VBuffer<float> Count(string[] words, int slots)
    {
        uint wordMask = (1u << WordBits) - 1, slotMask = (uint)slots - 1;
        // Keys are 1..2^30, so they fit the n-gram enumeration's ints.
        var keys = new int[words.Length];
        for (int i = 0; i < words.Length; i++)
            keys[i] = (int)((MurmurHash.Of(_seed, words[i].AsSpan()) & wordMask) + 1);
        var counts = new Dictionary<int, float>();
        NgramPool.ForEachNgram(_settings, keys, ngram =>
        {
            if (Slot(ngram.Span) is uint slot)
                counts[(int)(slot & slotMask)] = counts.GetValueOrDefault((int)(slot & slotMask)) + 1;
        });
        return SparseVectors.FromCounts(slots, counts);
    }

    // The hash of an n-gram before the slot mask, or null for one this bag does not count (shorter than the length without all lengths).
    private uint? Slot(ReadOnlySpan<int> ngram)
    {
        if (!_settings.UseAllLengths && ngram.Length < _settings.NgramLength)
            return null;
        // With all lengths a single word is its key; without them only n-grams of the full length come here.
        uint hash = ngram.Length == 1 && (_settings.UseAllLengths || _settings.NgramLength == 1) ? (uint)ngram[0] : HashKeys(ngram);
        return _ordered ? MurmurHash.Mix(hash, 0) : hash;
    }

    private uint HashKeys(ReadOnlySpan<int> keys)
    {
        uint hash = _seed;
        foreach (int key in keys)
            hash = MurmurHash.Round(hash, (uint)key);
        return MurmurHash.Mix(MurmurHash.Round(hash, (uint)keys.Length), 0);
    }
}
